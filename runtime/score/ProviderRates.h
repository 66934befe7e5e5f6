// Per-(provider, measure) rates: the rows of provider_results.csv and the
// input of program scoring.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "score/Outcome.h"

namespace mc::score {

struct ProviderRate {
  store::ProviderId provider = store::kNoProvider;  // kNoProvider: UNLINKED
  const ir::Measure* measure = nullptr;
  // Members in the denominator (inDenominator: eligible, neither excluded
  // nor a denominator exception); for a rate measure, the sum of their
  // member years; for an event-unit measure, their unit events under this
  // provider (DATA.md provider_results).
  double denominator = 0;
  // Members in the denominator (event-unit: those with a unit here).
  std::uint64_t members = 0;
  double numerator = 0;        // sum of their numeratorValue
  std::optional<double> rate;  // absent when the denominator is 0
  // `members` >= the measure's minimum: the seed's minimums count
  // "Eligible Linked Members", also for rate measures; an event-unit
  // measure's minimum counts its units (the denominator).
  bool qualifies = false;
};

// The numerator a member contributes: numeratorValue when in the
// denominator (MEASURES.md: counted only for those), else 0. Inline, as
// the next: every aggregation asks it of each member, and an OutcomeView
// the compiler sees whole costs only the fields read.
inline double countedNumerator(const OutcomeView& o) {
  return inDenominator(o) ? o.numeratorValue : 0.0;
}
// The denominator a member contributes when in the denominator: 1,
// or for a rate measure its member years (MemberOutcome::exposure), or for
// an event-unit measure its unit events.
inline double countedDenominator(const ir::Measure& m, const OutcomeView& o) {
  if (!inDenominator(o)) return 0.0;
  if (m.unitQuery >= 0) return unitTotal(o);
  return ir::isRate(m.kind) ? o.exposure : 1.0;
}
// numerator / denominator, times N for a rate per N member years; absent
// when the denominator is 0.
std::optional<double> measureRate(const ir::Measure& m, double numerator, double denominator);

// A measure's plan-wide figures (the run's summary table): population
// members, their flags, and the counted denominator and numerator.
struct MeasureTotals {
  std::uint64_t population = 0;
  std::uint64_t eligible = 0;
  std::uint64_t excluded = 0;
  std::uint64_t exceptions = 0;
  double denominator = 0;
  double numerator = 0;
};

// One row per provider with at least one population member of the measure
// (denominator 0 included), in ProviderId order with UNLINKED last. With
// `totals`, the measure's plan-wide figures too, summed in member order in
// the same pass (so the summary reads no outcome again).
std::vector<ProviderRate> measureRates(const MeasureOutcomes& outcomes,
                                       MeasureTotals* totals = nullptr);

// Rows of every measure, sorted by provider_id text then measure id (the
// order of provider_results.csv), ties kept in `outcomes` order. The
// measures' rows are tallied on up to `threads` threads, each measure whole
// by one of them in member order: the sums, and so the rows, are the same
// whatever `threads` is. With `totals`, each measure's MeasureTotals in
// `outcomes` order.
std::vector<ProviderRate> providerRates(const store::MemberStore& store,
                                        const std::vector<MeasureOutcomes>& outcomes,
                                        int threads = 1,
                                        std::vector<MeasureTotals>* totals = nullptr);

}  // namespace mc::score
