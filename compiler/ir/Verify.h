// ir::verify: the invariants every lowered measure must hold, checked in one
// place so that lowering bugs show up as a list of problems, not as a wrong
// result or a crash in a back end.
#pragma once

#include <string>
#include <vector>

#include "ir/Ir.h"

namespace mc::ir {

// Problems with `m`, one sentence each naming the node, query, code set,
// rule or definition at fault; empty when `m` is well formed. Checks:
// operands precede their users, operand and result types follow each op's
// rule (ir/Ops.def), query and code-set indexes are in range, rule terms are
// Bool nodes, definitions point at real nodes, required operands are set,
// each filter's node has the filter's type, providers, settings and codes
// are not ordered, and a bound event (EventField) is read only inside the
// filters of its own query (its `where`) or of queries nested in them.
std::vector<std::string> verify(const Measure& m);

}  // namespace mc::ir
