// The 2016-17 Pharmacy P4P payout (seed 004): "P4P dollar/Total volume = P4P
// value in dollar/volume"; "Store P4P payout: Performance% x (P4P value)";
// "Based on the final prescription volume, create a volume-based P4P dollar
// per claim". A pharmacy is paid
//   performance % (points earned / the program's points) x value per claim
//   x its claims in the period,
// where value per claim = the P4P dollar pool / the claims of the eligible
// pharmacies. Reading (the seed does not say whose "Total volume"): the
// eligible pharmacies' only, so that the pool is spent exactly when every
// eligible pharmacy earns every point, and never overspent.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "score/PharmacyEligibility.h"
#include "store/MemberStore.h"

namespace mc::score {

struct PharmacyPayout {
  double pool = 0;                    // the program's `p4p_pool` parameter, dollars
  double programPoints = 0;           // the points that make 100% (the seed's 10)
  std::vector<std::uint64_t> claims;  // by ProviderId: fills in the period
  std::uint64_t eligibleClaims = 0;   // the volume the pool is divided by

  // Dollars a claim; 0 when no eligible pharmacy dispensed anything.
  double valuePerClaim() const;
  // Performance % of `pointsEarned`, 0..100 (0 when the program has no points).
  double performancePercent(double pointsEarned) const;
  // The payout of `pharmacy` for `pointsEarned`; its eligibility is the
  // scorecard's gate, not checked here.
  double payout(store::ProviderId pharmacy, double pointsEarned) const;
};

// The payout figures from the eligibility rows (their `fills` are the
// claims; only the eligible ones make the volume).
PharmacyPayout pharmacyPayout(double pool, double programPoints,
                              const std::vector<PharmacyEligibility>& rows, size_t providerCount);

}  // namespace mc::score
