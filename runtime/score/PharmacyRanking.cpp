// The pharmacy ranking and the Pharmacy Home list; the readings are in PharmacyRanking.h.
#include "score/PharmacyRanking.h"

#include <algorithm>
#include <map>

#include "score/Attribution.h"
#include "score/PharmacyProgram.h"

namespace mc::score {

namespace {

struct StarSum {
  int sum = 0;
  int count = 0;
};

}  // namespace

std::vector<PharmacyRank> pharmacyRanking(const ProgramScoring& program,
                                          const std::vector<ScorecardRow>& card,
                                          const store::ProviderTable& providers) {
  const double points = programPoints(program);
  std::map<store::ProviderId, StarSum> stars;
  std::map<store::ProviderId, PharmacyRank> byProvider;
  for (const ScorecardRow& r : card) {
    if (r.provider == store::kNoProvider) continue;
    PharmacyRank& p = byProvider[r.provider];
    p.pharmacy = r.provider;
    if (!r.measure.empty() && r.stars) {
      stars[r.provider].sum += *r.stars;
      ++stars[r.provider].count;
    }
    // The program line (domain and measure empty) holds the points earned,
    // which a gate keeps; a total that cannot be scored counts as 0.
    if (r.measure.empty() && r.domain.empty() && r.pointsEarned && points > 0)
      p.composite = 100.0 * *r.pointsEarned / points;
  }
  std::vector<PharmacyRank> out;
  for (auto& [provider, p] : byProvider) {
    if (const auto it = stars.find(provider); it != stars.end() && it->second.count > 0) {
      const StarSum& s = it->second;
      p.meanStars = static_cast<double>(s.sum) / s.count;
      // Half up in integers: floor(sum / count + 1/2).
      p.overallStars = (2 * s.sum + s.count) / (2 * s.count);
    }
    p.eligible = std::all_of(program.gates.begin(), program.gates.end(),
                             [&](const GateResult& g) { return g.passes(provider); });
    out.push_back(p);
  }
  std::sort(out.begin(), out.end(), [&](const PharmacyRank& a, const PharmacyRank& b) {
    if (a.composite != b.composite) return a.composite > b.composite;
    const double sa = a.meanStars.value_or(0), sb = b.meanStars.value_or(0);
    if (sa != sb) return sa > sb;
    return providerIdText(providers, a.pharmacy) < providerIdText(providers, b.pharmacy);
  });
  int named = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].rank = static_cast<int>(i) + 1;
    // A store that earned no point is not named, even when fewer than ten
    // eligible stores earned any: the title is for performance.
    if (out[i].eligible && out[i].composite > 0 && named < kProvidersOfTheYear) {
      out[i].providerOfTheYear = true;
      ++named;
    }
  }
  return out;
}

std::vector<PharmacyRank> pharmacyHome(const std::vector<PharmacyRank>& ranking) {
  std::vector<PharmacyRank> out;
  for (const PharmacyRank& r : ranking)
    if (r.overallStars && *r.overallStars >= 4) out.push_back(r);
  return out;
}

}  // namespace mc::score
