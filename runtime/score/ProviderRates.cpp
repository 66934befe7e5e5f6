// Aggregation of member outcomes into provider rates.
#include "score/ProviderRates.h"

#include <algorithm>

#include "score/Attribution.h"
#include "score/ParallelWork.h"
#include "score/ProviderTextRanks.h"

namespace mc::score {

std::optional<double> measureRate(const ir::Measure& m, double numerator, double denominator) {
  if (!(denominator > 0)) return std::nullopt;
  const double rate = numerator / denominator;
  return ir::isRate(m.kind) ? rate * static_cast<double>(m.ratePer) : rate;
}

std::vector<ProviderRate> measureRates(const MeasureOutcomes& outcomes, MeasureTotals* totals) {
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
  MeasureTotals all;
  if (eventUnit) {
    forEachInPopulation(outcomes.members.flat().packed, outcomes.members.size(), [&](size_t m) {
      const OutcomeView o = outcomes.members[m];
      all.population += o.population;
      all.eligible += o.eligible;
      all.excluded += o.excluded;
      all.exceptions += o.exception;
      // DATA.md: an event-unit measure counts events under each event's
      // provider (a fill's pharmacy); `members` counts the members with one.
      if (!inDenominator(o)) return;
      all.denominator += countedDenominator(*outcomes.measure, o);
      all.numerator += countedNumerator(o);
      for (const UnitCount& u : o.units) {
        Tally& t = tallyOf(u.provider);
        t.seen = true;
        ++t.members;
        t.denominator += u.units;
        t.numerator += u.numerator;
      }
    });
  } else {
    // Every member of every measure passes here: the scan visits only the
    // members in the population (forEachInPopulation) and reads their
    // packed flags and the two count columns straight (OutcomeTable::flat),
    // the same sums in the same order as countedDenominator/countedNumerator.
    using P = PackedOutcome;
    const OutcomeTable::Flat f = outcomes.members.flat();
    const bool rate = ir::isRate(outcomes.measure->kind);
    const store::ProviderId* provider = outcomes.provider.data();
    const size_t linked = std::min(outcomes.provider.size(), outcomes.members.size());
    forEachInPopulation(f.packed, outcomes.members.size(), [&](size_t m) {
      const std::uint32_t bits = f.packed[m];
      ++all.population;
      all.eligible += (bits & P::kEligible) != 0;
      all.excluded += (bits & P::kExcluded) != 0;
      all.exceptions += (bits & P::kException) != 0;
      const store::ProviderId p = m < linked ? provider[m] : store::kNoProvider;
      Tally& t = tallyOf(p);
      t.seen = true;
      if ((bits & (P::kEligible | P::kExcluded | P::kException)) != P::kEligible) return;
      const double denominator = !rate ? 1.0 : f.exposure != nullptr ? f.exposure[m] : 0.0;
      const double numerator = f.value != nullptr            ? f.value[m]
                               : (bits & P::kNumerator) != 0 ? 1.0
                                                             : 0.0;
      all.denominator += denominator;
      all.numerator += numerator;
      ++t.members;
      t.denominator += denominator;
      t.numerator += numerator;
    });
  }

  if (totals != nullptr) *totals = all;
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
                                        const std::vector<MeasureOutcomes>& outcomes, int threads,
                                        std::vector<MeasureTotals>* totals) {
  std::vector<std::vector<ProviderRate>> parts(outcomes.size());
  if (totals != nullptr) totals->assign(outcomes.size(), MeasureTotals{});
  forEachInParallel(outcomes.size(), threads, [&](size_t i) {
    parts[i] = measureRates(outcomes[i], totals != nullptr ? &(*totals)[i] : nullptr);
  });
  std::vector<ProviderRate> rows;
  size_t total = 0;
  for (const std::vector<ProviderRate>& part : parts) total += part.size();
  rows.reserve(total);
  for (const std::vector<ProviderRate>& part : parts)
    rows.insert(rows.end(), part.begin(), part.end());
  // Sorted by ranks, not text: the order of provider_id texts, then of
  // measure ids, computed once, so that a pair of rows (35 x thousands of
  // them in a run) compares two numbers rather than two texts.
  const ProviderTextRanks providerRank(store.providers);
  std::vector<std::uint32_t> measureRank(outcomes.size());
  {
    std::vector<size_t> order(outcomes.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    const auto idOf = [&](size_t i) {
      return outcomes[i].measure ? std::string_view(outcomes[i].measure->id) : std::string_view();
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return idOf(a) < idOf(b); });
    std::uint32_t rank = 0;
    for (size_t k = 0; k < order.size(); ++k) {
      if (k > 0 && idOf(order[k]) != idOf(order[k - 1])) ++rank;
      measureRank[order[k]] = rank;
    }
  }
  // Each row's key: its provider's rank in the high half, its measure's in
  // the low half (rows are in `outcomes` order, measure by measure).
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keys(rows.size());
  {
    size_t r = 0;
    for (size_t i = 0; i < parts.size(); ++i)
      for (size_t k = 0; k < parts[i].size(); ++k, ++r)
        keys[r] = {std::uint64_t{providerRank.of(rows[r].provider)} << 32 | measureRank[i],
                   static_cast<std::uint32_t>(r)};
  }
  // The row index breaks ties: the order a stable sort would keep.
  std::sort(keys.begin(), keys.end());
  std::vector<ProviderRate> sorted;
  sorted.reserve(rows.size());
  for (const auto& key : keys) sorted.push_back(rows[key.second]);
  return sorted;
}

}  // namespace mc::score
