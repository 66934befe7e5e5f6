// The outcomes of a whole run, measure by measure: written by the engines
// (interpreter or JIT, a MemberOutcome at a time, score/MemberOutcome.h),
// packed (score/OutcomeTable.h), read by aggregation and the result writers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/Ir.h"
#include "score/MemberOutcome.h"
#include "score/OutcomeTable.h"
#include "store/MemberStore.h"

namespace mc::score {

// In the denominator: eligible, neither excluded nor an exception. The one
// definition every count of a denominator uses.
inline bool inDenominator(const OutcomeView& o) {
  return o.eligible && !o.excluded && !o.exception;
}
// The member's unit events over every provider.
std::uint32_t unitTotal(const OutcomeView& o);

// Outcomes of every member for one measure, indexed by MemberIndex, plus the
// provider each member is attributed to for that measure.
struct MeasureOutcomes {
  const ir::Measure* measure = nullptr;
  int minimum = 0;  // minimum denominator (0: none)
  OutcomeTable members;
  ProviderColumn provider;  // kNoProvider: UNLINKED
};

// The short human text of `reason` in member_results.csv, e.g.
// "excluded: in_hospice(MP)" or "numerator: exists visit with Mammography during lookback";
// a term that failed by being unknown is marked: "not met: a1c < 8.0 (unknown)".
std::string reasonText(const ir::Measure& m, const OutcomeView& o);

}  // namespace mc::score
