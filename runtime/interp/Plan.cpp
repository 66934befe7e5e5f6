// Building the per-run plan.
#include "interp/Plan.h"

#include <algorithm>

#include "ir/EventDependence.h"
#include "ir/Invariance.h"

namespace mc::interp {

// The longest [date, end] of a table, or -1 when an event is open-ended.
static std::int64_t longestSpan(const store::EventTable& t) {
  std::int64_t longest = 0;
  for (size_t e = 0; e < t.size(); ++e) {
    if (t.endDate[e] == kOpenEnd) return -1;
    longest = std::max<std::int64_t>(longest, std::int64_t{t.endDate[e]} - t.date[e]);
  }
  return longest;
}

// Nodes are in dependency order, so when an independent node is computed its
// operands (all independent) already have their values in the plan the
// interpreter reads them from.
LongestSpans longestSpans(const store::MemberStore& store) {
  LongestSpans spans{};
  for (int k = 0; k < store::kEventKindCount; ++k) spans[k] = longestSpan(store.events[k]);
  return spans;
}

Plan makePlan(const ir::Measure& measure, const store::MemberStore& store,
              const CodeSetBinding& codes, Period period) {
  return makePlan(measure, store, codes, period, longestSpans(store));
}

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
