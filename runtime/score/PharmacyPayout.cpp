// The pharmacy payout; the rule and its reading are in PharmacyPayout.h.
#include "score/PharmacyPayout.h"

namespace mc::score {

double PharmacyPayout::valuePerClaim() const {
  return eligibleClaims == 0 ? 0.0 : pool / static_cast<double>(eligibleClaims);
}

double PharmacyPayout::performancePercent(double pointsEarned) const {
  return programPoints <= 0 ? 0.0 : 100.0 * pointsEarned / programPoints;
}

double PharmacyPayout::payout(store::ProviderId pharmacy, double pointsEarned) const {
  if (programPoints <= 0 || eligibleClaims == 0) return 0.0;
  const std::uint64_t n = pharmacy < claims.size() ? claims[pharmacy] : 0;
  // performance % x (pool / eligible claims) x claims
  return (pointsEarned / programPoints) * pool * static_cast<double>(n) /
         static_cast<double>(eligibleClaims);
}

PharmacyPayout pharmacyPayout(double pool, double programPoints,
                              const std::vector<PharmacyEligibility>& rows, size_t providerCount) {
  PharmacyPayout out;
  out.pool = pool;
  out.programPoints = programPoints;
  out.claims.assign(providerCount, 0);
  for (const PharmacyEligibility& r : rows) {
    if (r.pharmacy < providerCount) out.claims[r.pharmacy] = r.fills;
    if (r.eligible) out.eligibleClaims += r.fills;
  }
  return out;
}

}  // namespace mc::score
