// The one walk over a node's operands. A Query node's operands are not in
// its a/b/c fields but in its ir::Query (the nodes of its filters: window
// dates, `by provider`, `where`); every walker goes through here so that
// none of them can miss those links.
#pragma once

#include "ir/Ir.h"

namespace mc::ir {

// Calls f(operand) for each operand of node `id` that is set, in order: a,
// b, c; for a Query, the nodes of its filters in order.
// A Query whose index is out of range has no operands here (ir::verify
// reports it).
template <typename F>
void forEachOperand(const Measure& m, NodeId id, F&& f) {
  const Node& n = m.nodes[static_cast<size_t>(id)];
  if (n.op == Op::Query) {
    if (n.imm < 0 || static_cast<size_t>(n.imm) >= m.queries.size()) return;
    const Query& q = m.queries[static_cast<size_t>(n.imm)];
    for (const Filter& filter : q.filters)
      if (filter.node != kNoNode) f(filter.node);
    return;
  }
  for (NodeId operand : {n.a, n.b, n.c})
    if (operand != kNoNode) f(operand);
}

}  // namespace mc::ir
