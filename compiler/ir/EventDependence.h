// Which nodes of a measure read a bound event (event pairing: `exists visit
// as stay where ... stay.end ...`). Such a node has a value per event of the
// query that binds it, so a back end recomputes it per event: the
// interpreter never memoises it, a JIT keeps it in the inner loop, a SQL
// lowering puts it in a correlated subquery. Beside ir/Invariance, which
// finds the nodes computed once per run.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/Ir.h"

namespace mc::ir {

// Per node, the queries whose bound event it reads, sorted, each once:
// directly (an EventField) or through its operands, the filters of a query
// node included. A Query node does not list itself: it binds its own event.
// One forward pass; nodes come after their operands.
std::vector<std::vector<std::int32_t>> boundEventsRead(const Measure& m);

// One flag per node: 1 when it reads any bound event.
std::vector<std::uint8_t> eventDependent(const Measure& m);

}  // namespace mc::ir
