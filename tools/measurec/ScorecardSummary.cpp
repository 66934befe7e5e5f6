// The scorecard line of `run` (ScorecardSummary.h).
#include "ScorecardSummary.h"

#include <fmt/format.h>

#include <cmath>
#include <optional>

namespace mc::cli {

namespace {

// The program's fee-for-service total line.
bool isFeeForServiceTotal(const score::ScorecardRow& r) {
  return r.measure.empty() && r.domain == score::kFeeForServiceDomain;
}

// As scorecard.csv writes them (dollars to the cent, points to 4
// decimals), so that the line adds up what a reader of the file adds up.
double cents(std::optional<double> v) { return std::round(v.value_or(0) * 100) / 100; }
double points(std::optional<double> v) { return std::round(v.value_or(0) * 10000) / 10000; }

}  // namespace

std::string scorecardSummary(const std::vector<score::ScorecardRow>& card) {
  size_t providers = 0, earning = 0, none = 0, unscored = 0, gated = 0;
  double earned = 0, possible = 0, paid = 0, fees = 0;
  for (const score::ScorecardRow& r : card) {
    if (r.provider == store::kNoProvider || !r.measure.empty()) continue;
    if (isFeeForServiceTotal(r)) {
      fees += cents(r.payment);
      continue;
    }
    if (!r.domain.empty()) continue;
    ++providers;
    possible += points(r.pointsPossible);
    paid += cents(r.payment);
    if (!r.pointsEarned)
      ++unscored;
    else if (*r.pointsEarned > 0)
      ++earning;
    else
      ++none;
    earned += points(r.pointsEarned);
    // A provider a gate or the pharmacy eligibility pays nothing.
    if (r.why.rfind("gate:", 0) == 0 || r.why.rfind("eligibility:", 0) == 0) ++gated;
  }
  std::string line = fmt::format("scorecard: {} provider(s), {} earning points, {} earning none",
                                 providers, earning, none);
  if (unscored > 0) line += fmt::format(", {} not scored yet", unscored);
  line += fmt::format("; {:.2f} of {:.2f} points; ${:.2f} paid", earned, possible, paid);
  if (fees > 0) line += fmt::format(" (${:.2f} of it fee-for-service)", fees);
  if (gated > 0) line += fmt::format("; {} paid nothing by a gate or eligibility", gated);
  return line + " (scorecard.csv; UNLINKED apart)\n";
}

}  // namespace mc::cli
