// Building the per-run plan.
#include "interp/Plan.h"

#include <algorithm>
#include <vector>

#include "ir/EventDependence.h"
#include "ir/Invariance.h"
#include "score/ParallelWork.h"

namespace mc::interp {

// The longest [date, end] of events [begin, end) of a table, or -1 when one
// is open-ended. Without an early exit: the loop has no branch, so it
// vectorises (an open end is rare, and the table is read once per run).
static std::int64_t longestSpan(const store::EventTable& t, size_t begin, size_t end) {
  std::int64_t longest = 0;
  bool open = false;
  for (size_t e = begin; e < end; ++e) {
    open |= t.endDate[e] == kOpenEnd;
    longest = std::max<std::int64_t>(longest, std::int64_t{t.endDate[e]} - t.date[e]);
  }
  return open ? -1 : longest;
}

LongestSpans longestSpans(const store::MemberStore& store, int threads) {
  // Pieces of every table, each read by one thread; a table's span is the
  // largest of its pieces', or -1 when one has an open end: the same
  // whatever `threads` is.
  constexpr size_t kPiece = size_t{1} << 18;
  struct Piece {
    int kind;
    size_t begin, end;
  };
  std::vector<Piece> pieces;
  for (int k = 0; k < store::kEventKindCount; ++k) {
    const size_t n = store.events[k].size();
    for (size_t b = 0; b < n; b += kPiece) pieces.push_back({k, b, std::min(n, b + kPiece)});
  }
  std::vector<std::int64_t> longest(pieces.size());
  score::forEachInParallel(pieces.size(), threads, [&](size_t i) {
    longest[i] = longestSpan(store.events[pieces[i].kind], pieces[i].begin, pieces[i].end);
  });
  LongestSpans spans{};
  for (size_t i = 0; i < pieces.size(); ++i) {
    std::int64_t& s = spans[static_cast<size_t>(pieces[i].kind)];
    s = (s < 0 || longest[i] < 0) ? -1 : std::max(s, longest[i]);
  }
  return spans;
}

Plan makePlan(const ir::Measure& measure, const store::MemberStore& store,
              const CodeSetBinding& codes, Period period) {
  return makePlan(measure, store, codes, period, longestSpans(store));
}

// Nodes are in dependency order, so when an independent node is computed its
// operands (all independent) already have their values in the plan the
// interpreter reads them from.
Plan makePlan(const ir::Measure& measure, const store::MemberStore& store,
              const CodeSetBinding& codes, Period period, const LongestSpans& spans) {
  Plan plan;
  plan.period = period;
  plan.independent = ir::memberIndependent(measure);
  plan.eventDependent = ir::eventDependent(measure);
  plan.values.resize(measure.nodes.size());
  for (int k = 0; k < store::kEventKindCount; ++k) plan.longestSpan[k] = spans[k];
  Interpreter in(measure, store, codes, plan);
  for (size_t i = 0; i < measure.nodes.size(); ++i)
    if (plan.independent[i]) plan.values[i] = in.compute(measure.nodes[i]);
  return plan;
}

}  // namespace mc::interp
