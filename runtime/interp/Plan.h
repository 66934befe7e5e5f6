// The once-per-run part of scoring a measure: the values of its
// member-independent nodes (ir/Invariance.h) for one measurement period,
// computed before any member is scored and shared read-only by every
// thread's Interpreter. A JIT would start from the same step.
#pragma once

#include <cstdint>
#include <vector>

#include "interp/CodeSetBinding.h"
#include "interp/Interpreter.h"
#include "ir/Ir.h"
#include "store/MemberStore.h"

namespace mc::interp {

struct Plan {
  Period period;
  std::vector<std::uint8_t> independent;  // per node: 1 when member-independent
  std::vector<Value> values;              // per node: its value where independent
};

// Evaluates every member-independent node of `measure` once, for `period`.
// No member is read (the store and bindings only satisfy the interpreter).
Plan makePlan(const ir::Measure& measure, const store::MemberStore& store,
              const CodeSetBinding& codes, Period period);

}  // namespace mc::interp
