// The member side of `pdc of` (Interpreter::pdc): which drug a fill is of,
// and the member's treatment period around the PQA arithmetic of Pdc.h. Free
// functions of the store, so that the interpreter and the JIT's runtime
// helpers (runtime/jit/Helpers.cpp), which collect the fills by a compiled
// scan, ask the same code.
#pragma once

#include <cstdint>
#include <vector>

#include "interp/CodeSetBinding.h"
#include "interp/Pdc.h"
#include "ir/Ir.h"
#include "store/MemberStore.h"

namespace mc::interp {

// The drug fill e is of, for the PQA same-drug rule: the drug group a code
// set of q's code filters gives one of its codes (a code file's `drug`
// column), else its first code in those sets, else its first code (its NDC
// when it has one). Groups and codes are told apart by the top bit.
std::uint32_t pdcDrugOf(const ir::Query& q, const store::EventTable& t, const CodeSetBinding& codes,
                        std::uint32_t e);

// The PDC of the member's `fills` (date order, every fill dated on or
// before hi that the query's other filters keep) over the period [lo, hi]:
// no fill dated in it, or a missing or empty period, has no treatment
// period (a NaN proportion). The treatment period ends with the period,
// death, the end of the enrollment run holding the index date, or on an
// interim run the as-of day (asOf; kNoDate: none).
PdcResult memberPdc(const std::vector<PdcFill>& fills, std::int64_t lo, std::int64_t hi,
                    const store::MemberStore& store, store::MemberIndex member, Days asOf);

}  // namespace mc::interp
