// Aggregation of member outcomes into provider rates.
#include "score/ProviderRates.h"

#include <algorithm>

#include "score/Attribution.h"

namespace mc::score {

std::optional<double> measureRate(const ir::Measure& m, double numerator, double denominator) {
  if (!(denominator > 0)) return std::nullopt;
  const double rate = numerator / denominator;
  return ir::isRate(m.kind) ? rate * static_cast<double>(m.ratePer) : rate;
}

std::vector<ProviderRate> measureRates(const MeasureOutcomes& outcomes) {
  struct Tally {
    bool seen = false;
    std::uint64_t members = 0;
    double denominator = 0;
    double numerator = 0;
  };
  std::vector<Tally> byProvider;  // indexed by ProviderId
  Tally unlinked;
  const auto tallyOf = [&](store::ProviderId p) -> Tally& {
    if (p == store::kNoProvider) return unlinked;
    if (p >= byProvider.size()) byProvider.resize(static_cast<size_t>(p) + 1);
    return byProvider[p];
  };
  const bool eventUnit = outcomes.measure->unitQuery >= 0;
  for (size_t m = 0; m < outcomes.members.size(); ++m) {
    if (!outcomes.members.population(m)) continue;
    const OutcomeView o = outcomes.members[m];
    if (eventUnit) {
      // DATA.md: an event-unit measure counts events under each event's
      // provider (a fill's pharmacy); `members` counts the members with one.
      if (!inDenominator(o)) continue;
      for (const UnitCount& u : o.units) {
        Tally& t = tallyOf(u.provider);
        t.seen = true;
        ++t.members;
        t.denominator += u.units;
        t.numerator += u.numerator;
      }
      continue;
    }
    const store::ProviderId p =
        m < outcomes.provider.size() ? outcomes.provider[m] : store::kNoProvider;
    Tally* t = &unlinked;
    if (p != store::kNoProvider) {
      if (p >= byProvider.size()) byProvider.resize(static_cast<size_t>(p) + 1);
      t = &byProvider[p];
    }
    t->seen = true;
    if (inDenominator(o)) {
      ++t->members;
      t->denominator += countedDenominator(*outcomes.measure, o);
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
    r.members = t.members;
    r.numerator = t.numerator;
    r.rate = measureRate(*outcomes.measure, t.numerator, t.denominator);
    // A provider qualifies with at least the minimum of eligible members,
    // and the minimum is at least 1: no eligible member never qualifies.
    // (For a rate the denominator is member years; the seed's minimums
    // count members.)
    const std::uint64_t minimum = static_cast<std::uint64_t>(std::max(1, outcomes.minimum));
    // An event-unit measure's minimum counts its units (fills), the
    // denominator it reports.
    r.qualifies = eventUnit ? t.denominator >= static_cast<double>(minimum) : t.members >= minimum;
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
