// The pharmacy program's summary line.
#include "PharmacySummary.h"

#include <fmt/format.h>

#include <map>

namespace mc::cli {

std::string pharmacySummary(const score::ProgramScoring& scoring,
                            const std::vector<score::ScorecardRow>& card,
                            const std::vector<score::PharmacyRank>& ranking) {
  double paid = 0;
  size_t paidCount = 0;
  for (const score::ScorecardRow& r : card) {
    if (r.provider == store::kNoProvider || !r.measure.empty() || !r.domain.empty()) continue;
    if (r.payment && *r.payment > 0) {
      paid += *r.payment;
      ++paidCount;
    }
  }
  size_t eligible = 0, named = 0;
  std::map<int, size_t> stars;
  for (const score::PharmacyRank& r : ranking) {
    eligible += r.eligible;
    named += r.providerOfTheYear;
    if (r.overallStars) ++stars[*r.overallStars];
  }
  std::string spread;
  for (const auto& [level, n] : stars)
    spread += fmt::format("{}{} at {}", spread.empty() ? "" : ", ", n, level);
  std::string payout = "no p4p_pool parameter: not paid";
  if (scoring.pharmacyPayout)
    payout = fmt::format("${:.2f} of the ${:.2f} pool (${:.4f} a claim) paid to {}", paid,
                         scoring.pharmacyPayout->pool, scoring.pharmacyPayout->valuePerClaim(),
                         paidCount);
  return fmt::format(
      "pharmacies: {} ranked, {} eligible; {}; overall stars {}; {} Provider of the Year, {} in "
      "Pharmacy Home (pharmacy_ranking.csv, pharmacy_home.csv)\n",
      ranking.size(), eligible, payout, spread.empty() ? "none" : spread, named,
      score::pharmacyHome(ranking).size());
}

}  // namespace mc::cli
