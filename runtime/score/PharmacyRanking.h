// The pharmacy ranking of a pharmacy program (seed 004): "Top 10 Pharmacies
// based on the Composite Score will be named IEHP Pharmacy Provider of the
// Year", and the Pharmacy Home network, "High Performing Pharmacy only- 4 and
// 5 Stars". The seed defines neither figure; the readings:
// - composite: the performance % of the payout (points earned / the
//   program's points x 100), the "composite score" the seed pays by;
// - overall stars: the mean of the pharmacy's measure stars (measures
//   without star thresholds left out), rounded half up (2.5 -> 3);
// - rank: composite descending, ties by the mean star level descending
//   (unrounded), then provider_id; every rank is distinct;
// - Provider of the Year: the 10 best-ranked pharmacies eligible for the
//   program (passing its gates: an ineligible store is not named);
// - Pharmacy Home: every pharmacy with 4 or 5 overall stars, eligible or
//   not (the network has its own qualification; the column says which).
#pragma once

#include <optional>
#include <vector>

#include "score/Scorecard.h"
#include "store/MemberStore.h"

namespace mc::score {

// "Top 10 Pharmacies".
constexpr int kProvidersOfTheYear = 10;

struct PharmacyRank {
  int rank = 0;  // 1 = best
  store::ProviderId pharmacy = store::kNoProvider;
  double composite = 0;             // percent, 0..100
  std::optional<double> meanStars;  // absent: no measure line has stars
  std::optional<int> overallStars;
  bool eligible = false;  // passes every gate of the program
  bool providerOfTheYear = false;
};

// One entry per provider of `card` (UNLINKED left out), in rank order.
std::vector<PharmacyRank> pharmacyRanking(const ProgramScoring& program,
                                          const std::vector<ScorecardRow>& card,
                                          const store::ProviderTable& providers);

// The Pharmacy Home list: the ranked pharmacies with 4 or 5 overall stars,
// in rank order.
std::vector<PharmacyRank> pharmacyHome(const std::vector<PharmacyRank>& ranking);

}  // namespace mc::score
