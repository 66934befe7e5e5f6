// The IR of one measure lowered to one LLVM function (the only file pair,
// with JitEngine.cpp, that sees LLVM types):
//   uint32 NAME(const JitContext* ctx, uint32 begin, uint32 end, void* out,
//               JitScratch* scratch, uint64* summary)
// which walks the members [begin, end) itself and evaluates the outcome
// cascade of each exactly as interp::Interpreter::evaluate does (`pdc of`
// and `unit each` through helpers given the scratch: jit/JitScratch.h).
// For a measure that packsOutcomes(), `out` is a score::OutcomeSink of the
// measure's table at `begin`: the code packs each member's outcome as
// score::OutcomeTable::set would and returns the score::LostOutcome bits of
// what had no place (0: none). Otherwise `out` is score::MemberOutcome
// records, written in place at out[member - begin], and it returns 0. Member-independent nodes are
// read from the plan's values (JitContext::planValues), so the function serves any store and period
// of the measure; shared member-dependent nodes are computed once per member (a flag and a slot
// each, which LLVM promotes to registers).
#pragma once

#include <string>

#include "interp/Plan.h"
#include "ir/Ir.h"

namespace llvm {
class Module;
}

namespace mc::jit {

// Adds the function to `module`. Of the plan it reads only which nodes are
// member-independent or event-dependent: what the measure's IR says. Only for a measure that
// firstUnsupported() (jit/Coverage.h) accepts.
// Whether the measure's code packs its outcomes into the table itself: every
// measure but the event-unit ones (their units are lists built in records).
bool packsOutcomes(const ir::Measure& measure);

void lowerMeasure(llvm::Module& module, const ir::Measure& measure, const interp::Plan& plan,
                  const std::string& name);

}  // namespace mc::jit
