// Aggregation of member outcomes into provider rates.
#include "score/ProviderRates.h"

#include <algorithm>

#include "score/Attribution.h"

namespace mc::score {

double countedNumerator(const MemberOutcome& o) {
  return o.eligible && !o.excluded ? o.numeratorValue : 0.0;
}

std::vector<ProviderRate> measureRates(const MeasureOutcomes& outcomes) {
  struct Tally {
    bool seen = false;
    std::uint64_t denominator = 0;
    double numerator = 0;
  };
  std::vector<Tally> byProvider;  // indexed by ProviderId
  Tally unlinked;
  for (size_t m = 0; m < outcomes.members.size(); ++m) {
    const MemberOutcome& o = outcomes.members[m];
    if (!o.population) continue;
    const store::ProviderId p =
        m < outcomes.provider.size() ? outcomes.provider[m] : store::kNoProvider;
    Tally* t = &unlinked;
    if (p != store::kNoProvider) {
      if (p >= byProvider.size()) byProvider.resize(static_cast<size_t>(p) + 1);
      t = &byProvider[p];
    }
    t->seen = true;
    if (o.eligible && !o.excluded) {
      ++t->denominator;
      t->numerator += countedNumerator(o);
    }
  }

  std::vector<ProviderRate> rows;
  const auto emit = [&](store::ProviderId p, const Tally& t) {
    if (!t.seen) return;
    ProviderRate r;
    r.provider = p;
    r.measure = outcomes.measure;
    r.denominator = t.denominator;
    r.numerator = t.numerator;
    if (t.denominator > 0) r.rate = t.numerator / static_cast<double>(t.denominator);
    // A provider qualifies with a denominator at or above the minimum, and
    // the minimum is at least 1: a zero denominator never qualifies.
    const std::uint64_t minimum = static_cast<std::uint64_t>(std::max(1, outcomes.minimum));
    r.qualifies = t.denominator >= minimum;
    rows.push_back(r);
  };
  for (size_t p = 0; p < byProvider.size(); ++p) {
    emit(static_cast<store::ProviderId>(p), byProvider[p]);
  }
  emit(store::kNoProvider, unlinked);
  return rows;
}

std::vector<ProviderRate> providerRates(const store::MemberStore& store,
                                        const std::vector<MeasureOutcomes>& outcomes) {
  std::vector<ProviderRate> rows;
  for (const MeasureOutcomes& mo : outcomes) {
    const std::vector<ProviderRate> part = measureRates(mo);
    rows.insert(rows.end(), part.begin(), part.end());
  }
  std::stable_sort(rows.begin(), rows.end(), [&](const ProviderRate& a, const ProviderRate& b) {
    const std::string_view pa = providerIdText(store.providers, a.provider);
    const std::string_view pb = providerIdText(store.providers, b.provider);
    if (pa != pb) return pa < pb;
    const std::string_view ma = a.measure ? std::string_view(a.measure->id) : std::string_view();
    const std::string_view mb = b.measure ? std::string_view(b.measure->id) : std::string_view();
    return ma < mb;
  });
  return rows;
}

}  // namespace mc::score
