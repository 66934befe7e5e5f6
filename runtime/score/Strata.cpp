// Aggregation of member outcomes into stratified rates and their disparity
// figure (Healthy People 2020 percent difference from the best group rate).
#include "score/Strata.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "score/Attribution.h"
#include "score/ProviderRates.h"

namespace mc::score {
namespace {

struct Tally {
  std::uint64_t denominator = 0;
  double numerator = 0;
};

std::string bandLabel(const ir::AgeBand& b) { return fmt::format("{}..{}", b.lo, b.hi); }

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// Position of a stratum in strata.csv within its stratifier.
struct StratumOrder {
  const ir::Stratifier* stratifier;
  bool operator()(const std::string& a, const std::string& b) const {
    if (stratifier->kind != StratifierKind::AgeBand) return a < b;
    return rank(a) < rank(b);
  }
  size_t rank(const std::string& label) const {
    for (size_t i = 0; i < stratifier->bands.size(); ++i)
      if (bandLabel(stratifier->bands[i]) == label) return i;
    return stratifier->bands.size();  // (other ages)
  }
};

// Reference rate and disparity of the rows [begin, end): one provider (or
// ALL), one measure, one stratifier.
void addDisparities(std::vector<StratumRate>::iterator begin,
                    std::vector<StratumRate>::iterator end, const ir::Measure& measure,
                    int minimum) {
  const bool higher = higherIsBetter(measure);
  const std::uint64_t least = static_cast<std::uint64_t>(std::max(1, minimum));
  std::optional<double> best;
  for (auto it = begin; it != end; ++it) {
    if (!it->rate || it->stratum == kUnknownStratum || it->denominator < least) continue;
    if (!best || (higher ? *it->rate > *best : *it->rate < *best)) best = it->rate;
  }
  if (!best) return;
  for (auto it = begin; it != end; ++it) {
    it->referenceRate = best;
    if (it->rate) it->disparityPercent = percentDifference(*it->rate, *best, higher);
  }
}

// Rows of one stratifier of one measure, plan-wide first, then by provider
// in ProviderId order (sorted by text later).
void stratifierRows(const store::MemberStore& store, const MeasureOutcomes& mo, int index,
                    Days ageAnchor, std::vector<StratumRate>& out) {
  const ir::Stratifier& s = mo.measure->stratifiers[static_cast<size_t>(index)];
  const StratumOrder order{&s};
  std::map<std::string, Tally, StratumOrder> plan(order);
  std::map<store::ProviderId, std::map<std::string, Tally, StratumOrder>> byProvider;
  const size_t n = std::min(mo.members.size(), store.memberCount());
  for (size_t m = 0; m < n; ++m) {
    const MemberOutcome& o = mo.members[m];
    if (!o.population) continue;
    const std::string stratum = stratumOf(store, static_cast<store::MemberIndex>(m), s, ageAnchor);
    const store::ProviderId p = m < mo.provider.size() ? mo.provider[m] : store::kNoProvider;
    Tally& t = byProvider.try_emplace(p, order).first->second[stratum];
    Tally& all = plan[stratum];
    if (o.eligible && !o.excluded) {
      ++t.denominator;
      ++all.denominator;
      t.numerator += countedNumerator(o);
      all.numerator += countedNumerator(o);
    }
  }
  auto emit = [&](bool planWide, store::ProviderId p,
                  const std::map<std::string, Tally, StratumOrder>& strata) {
    const size_t first = out.size();
    for (const auto& [stratum, t] : strata) {
      StratumRate r;
      r.planWide = planWide;
      r.provider = p;
      r.measure = mo.measure;
      r.stratifier = index;
      r.stratum = stratum;
      r.denominator = t.denominator;
      r.numerator = t.numerator;
      if (t.denominator > 0) r.rate = t.numerator / static_cast<double>(t.denominator);
      out.push_back(std::move(r));
    }
    addDisparities(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), *mo.measure,
                   mo.minimum);
  };
  if (!plan.empty()) emit(true, store::kNoProvider, plan);
  for (const auto& [p, strata] : byProvider) emit(false, p, strata);
}

}  // namespace

std::string stratumOf(const store::MemberStore& store, store::MemberIndex member,
                      const ir::Stratifier& stratifier, Days ageAnchor) {
  const store::MemberTable& t = store.members;
  auto known = [](const std::string& cell) {
    return blank(cell) ? std::string(kUnknownStratum) : cell;
  };
  switch (stratifier.kind) {
    case StratifierKind::Ethnicity: return known(t.ethnicity[member]);
    case StratifierKind::Race: return known(t.race[member]);
    case StratifierKind::Language: return known(t.language[member]);
    case StratifierKind::County: return known(t.county[member]);
    case StratifierKind::Sex:
      switch (t.sex[member]) {
        case store::Sex::F: return "F";
        case store::Sex::M: return "M";
        case store::Sex::U: return "U";
      }
      break;
    case StratifierKind::AgeBand: {
      const int age = ageInYears(t.birthDate[member], ageAnchor);
      for (const ir::AgeBand& b : stratifier.bands)
        if (age >= b.lo && age <= b.hi) return bandLabel(b);
      return kOtherAgeStratum;
    }
  }
  return kUnknownStratum;
}

std::optional<double> percentDifference(double rate, double reference, bool higherIsBetter) {
  const double adverse = higherIsBetter ? 1.0 - rate : rate;
  const double adverseReference = higherIsBetter ? 1.0 - reference : reference;
  if (adverseReference <= 0) return std::nullopt;
  return 100.0 * (adverse - adverseReference) / adverseReference;
}

bool higherIsBetter(const ir::Measure& measure) { return measure.kind != ir::MeasureKind::Inverse; }

std::vector<StratumRate> strataRates(const store::MemberStore& store,
                                     const std::vector<MeasureOutcomes>& outcomes, Days ageAnchor) {
  std::vector<StratumRate> rows;
  for (const MeasureOutcomes& mo : outcomes) {
    for (size_t s = 0; s < mo.measure->stratifiers.size(); ++s)
      stratifierRows(store, mo, static_cast<int>(s), ageAnchor, rows);
  }
  // Rows of one (provider, measure, stratifier) are already in stratum
  // order; a stable sort on the rest keeps it.
  std::stable_sort(rows.begin(), rows.end(), [&](const StratumRate& a, const StratumRate& b) {
    if (a.planWide != b.planWide) return a.planWide;
    if (!a.planWide) {
      const std::string_view pa = providerIdText(store.providers, a.provider);
      const std::string_view pb = providerIdText(store.providers, b.provider);
      if (pa != pb) return pa < pb;
    }
    if (a.measure->id != b.measure->id) return a.measure->id < b.measure->id;
    return a.measure == b.measure && a.stratifier < b.stratifier;
  });
  return rows;
}

}  // namespace mc::score
