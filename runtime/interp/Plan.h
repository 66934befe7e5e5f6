// The once-per-run part of scoring a measure: the values of its
// member-independent nodes (ir/Invariance.h) for one measurement period,
// computed before any member is scored and shared read-only by every
// thread's Interpreter. A JIT would start from the same step.
#pragma once

#include <array>
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
  // Per node: 1 when it reads a bound event (ir/EventDependence.h): computed
  // per event, never memoised.
  std::vector<std::uint8_t> eventDependent;
  // Per event kind: the longest [date, end] of the store's table in days,
  // or -1 when an event has an open end. An event that ends on or after d
  // starts on or after d minus this, which cuts a scan's slice from below.
  std::int64_t longestSpan[store::kEventKindCount] = {};
};

// Per event kind: Plan::longestSpan of the store's table. A read of every
// event: a run computes it once for all its measures (at 100,000 members,
// once per measure was a fifth of the CBI program's shared scoring time).
using LongestSpans = std::array<std::int64_t, store::kEventKindCount>;
// Read on `threads` threads.
LongestSpans longestSpans(const store::MemberStore& store, int threads = 1);

// Evaluates every member-independent node of `measure` once, for `period`.
// No member is read (the store and bindings only satisfy the interpreter).
Plan makePlan(const ir::Measure& measure, const store::MemberStore& store,
              const CodeSetBinding& codes, Period period);
// The same with the store's longestSpans() already known.
Plan makePlan(const ir::Measure& measure, const store::MemberStore& store,
              const CodeSetBinding& codes, Period period, const LongestSpans& spans);

}  // namespace mc::interp
