// Which nodes of a measure depend on the member. A node that does not
// (constants, the measurement period and anything computed only from them)
// has one value per run, so a back end computes it once per run rather than
// once per member: the interpreter's plan, a JIT's constants, a SQL
// lowering's parameters.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/Ir.h"

namespace mc::ir {

// Whether the op reads the member (its birth, death, sex, enrollment or
// events) itself, whatever its operands.
bool readsMember(Op op);

// One flag per node (1: member-independent), indexed by NodeId. One forward
// pass: nodes come after their operands.
std::vector<std::uint8_t> memberIndependent(const Measure& m);

}  // namespace mc::ir
