// The event-dependence pass.
#include "ir/EventDependence.h"

#include <algorithm>

#include "ir/Operands.h"

namespace mc::ir {

std::vector<std::vector<std::int32_t>> boundEventsRead(const Measure& m) {
  std::vector<std::vector<std::int32_t>> out(m.nodes.size());
  for (size_t i = 0; i < m.nodes.size(); ++i) {
    const NodeId id = static_cast<NodeId>(i);
    const Node& n = m.nodes[i];
    std::vector<std::int32_t>& reads = out[i];
    if (n.op == Op::EventField) reads.push_back(static_cast<std::int32_t>(n.imm));
    // An operand at or after the node breaks dependency order (ir::verify
    // reports it); it is skipped here.
    forEachOperand(m, id, [&](NodeId operand) {
      if (operand < 0 || operand >= id) return;
      const auto& more = out[static_cast<size_t>(operand)];
      reads.insert(reads.end(), more.begin(), more.end());
    });
    std::sort(reads.begin(), reads.end());
    reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
    if (n.op == Op::Query) {
      const auto own = static_cast<std::int32_t>(n.imm);
      reads.erase(std::remove(reads.begin(), reads.end(), own), reads.end());
    }
  }
  return out;
}

std::vector<std::uint8_t> eventDependent(const Measure& m) {
  const auto reads = boundEventsRead(m);
  std::vector<std::uint8_t> out(m.nodes.size(), 0);
  for (size_t i = 0; i < reads.size(); ++i) out[i] = reads[i].empty() ? 0 : 1;
  return out;
}

}  // namespace mc::ir
