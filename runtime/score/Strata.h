// Stratified rates (strata.csv): a measure's denominator and numerator per
// (provider, stratum) of each of its stratifiers, plus the plan-wide provider
// ALL, and the disparity figure of each stratum.
//
// The disparity figure follows Healthy People 2020 (NCHS; Keppel et al.,
// "Methods for measuring health disparities", Healthy People 2010
// Statistical Notes 23, 2005, and the HP2020 "Disparities" technical notes):
// the percent difference between each group's rate and the best group rate,
// with rates of favourable outcomes (a well-care visit) taken as the rate of
// the adverse outcome (1 - rate), so that the figure always says how much
// more often a group misses what the best group gets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "score/Outcome.h"

namespace mc::score {

// The provider_id of the plan-wide lines of strata.csv.
inline constexpr std::string_view kPlanWide = "ALL";

struct StratumRate {
  bool planWide = false;                            // the provider ALL
  store::ProviderId provider = store::kNoProvider;  // when not planWide; kNoProvider: UNLINKED
  const ir::Measure* measure = nullptr;
  int stratifier = 0;  // index into measure->stratifiers
  std::string stratum;
  std::uint64_t denominator = 0;  // eligible and not excluded
  double numerator = 0;           // sum of their counted numerators
  std::optional<double> rate;     // absent when the denominator is 0
  // The best rate among this provider's strata of the stratifier, leaving
  // out (unknown) and strata below the measure's minimum denominator (at
  // least 1); absent when no stratum qualifies.
  std::optional<double> referenceRate;
  // percentDifference(rate, referenceRate); absent when either is absent or
  // the reference has no adverse outcome at all.
  std::optional<double> disparityPercent;
};

// The stratum of a member: the attribute as written in members.csv,
// (unknown) for an empty cell; for age bands "lo..hi" of the band holding
// the member's age at `ageAnchor` (the end of the measurement period), or
// (other ages).
std::string stratumOf(const store::MemberStore& store, store::MemberIndex member,
                      const ir::Stratifier& stratifier, Days ageAnchor);

// Healthy People 2020 percent difference of `rate` from the best group rate
// `reference`, in adverse terms: 100 * (adverse(rate) - adverse(reference)) /
// adverse(reference), where adverse(x) = 1 - x when a higher rate is better
// and x otherwise. Absent when adverse(reference) is 0.
std::optional<double> percentDifference(double rate, double reference, bool higherIsBetter);

// A higher rate is better for every measure kind except inverse.
bool higherIsBetter(const ir::Measure& measure);

// The rows of every stratified measure of `outcomes`: one per (provider,
// stratifier, stratum) with a population member, and the same plan-wide
// under ALL. Sorted as strata.csv is: ALL first, then provider_id, measure,
// stratifier in the order the measure lists them, stratum (in string order;
// age bands in the measure's order, (other ages) last). Each (measure,
// stratifier) is tallied whole by one of up to `threads` threads: the rows
// are the same whatever `threads` is.
std::vector<StratumRate> strataRates(const store::MemberStore& store,
                                     const std::vector<MeasureOutcomes>& outcomes, Days ageAnchor,
                                     int threads = 1);

}  // namespace mc::score
