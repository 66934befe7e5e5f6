// The IR of one measure lowered to one LLVM function (the only file pair,
// with JitEngine.cpp, that sees LLVM types):
//   void NAME(const JitContext* ctx, uint32 begin, uint32 end,
//             score::MemberOutcome* out, JitScratch* scratch)
// which walks the members [begin, end) itself, evaluates the outcome cascade
// of each exactly as interp::Interpreter::evaluate does, and writes
// out[member - begin] in place (`pdc of` and `unit each` through helpers
// given the scratch: jit/JitScratch.h). Member-independent nodes are read from the plan's
// values (JitContext::planValues), so the function serves any store and
// period of the measure; shared member-dependent nodes are computed once
// per member (a flag and a slot each, which LLVM promotes to registers).
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
void lowerMeasure(llvm::Module& module, const ir::Measure& measure, const interp::Plan& plan,
                  const std::string& name);

}  // namespace mc::jit
