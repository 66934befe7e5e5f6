// Aggregation of member outcomes into stratified rates and their disparity
// figure (Healthy People 2020 percent difference from the best group rate).
#include "score/Strata.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "score/Attribution.h"
#include "score/ParallelWork.h"
#include "score/ProviderRates.h"
#include "score/ProviderTextRanks.h"

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

// The members.csv cell of a text stratifier.
std::string_view attributeCell(const store::MemberTable& t, store::MemberIndex m,
                               StratifierKind kind) {
  switch (kind) {
    case StratifierKind::Race: return t.race[m];
    case StratifierKind::Language: return t.language[m];
    case StratifierKind::County: return t.county[m];
    default: return t.ethnicity[m];
  }
}

// Strata of one stratifier as dense ids, numbered as members are seen, with
// their labels: a member costs a hash lookup on a view of its cell, no copy.
class StratumIds {
 public:
  explicit StratumIds(const ir::Stratifier& s) : s_(s) {
    if (s.kind == StratifierKind::AgeBand) {
      for (const ir::AgeBand& b : s.bands) labels.push_back(bandLabel(b));
      labels.emplace_back(kOtherAgeStratum);
    } else if (s.kind == StratifierKind::Sex) {
      labels = {"F", "M", "U"};  // store::Sex order
    }
  }

  std::uint32_t of(const store::MemberStore& store, store::MemberIndex m, Days ageAnchor) {
    const store::MemberTable& t = store.members;
    switch (s_.kind) {
      case StratifierKind::Sex: return static_cast<std::uint32_t>(t.sex[m]);
      case StratifierKind::AgeBand: {
        const int age = ageInYears(t.birthDate[m], ageAnchor);
        for (size_t i = 0; i < s_.bands.size(); ++i)
          if (age >= s_.bands[i].lo && age <= s_.bands[i].hi) return static_cast<std::uint32_t>(i);
        return static_cast<std::uint32_t>(s_.bands.size());
      }
      default: break;
    }
    const std::string_view cell = attributeCell(t, m, s_.kind);
    const std::string_view key = blank(cell) ? std::string_view(kUnknownStratum) : cell;
    auto [it, fresh] = ids_.try_emplace(key, static_cast<std::uint32_t>(labels.size()));
    if (fresh) labels.emplace_back(key);
    return it->second;
  }

  // Position of each id in strata.csv: string order of the labels, age bands
  // and sexes in their own order.
  std::vector<std::uint32_t> ranks() const {
    std::vector<std::uint32_t> order(labels.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    const bool byLabel = s_.kind != StratifierKind::AgeBand && s_.kind != StratifierKind::Sex;
    if (byLabel)
      std::sort(order.begin(), order.end(),
                [&](std::uint32_t a, std::uint32_t b) { return labels[a] < labels[b]; });
    std::vector<std::uint32_t> rank(labels.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
    return rank;
  }

  std::vector<std::string> labels;

 private:
  const ir::Stratifier& s_;
  std::unordered_map<std::string_view, std::uint32_t> ids_;  // views into the store
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

// Rows of one stratifier of one measure: plan-wide, then per provider in
// ProviderId order (strataRates sorts by provider text), each in stratum
// order.
void stratifierRows(const store::MemberStore& store, const MeasureOutcomes& mo, int index,
                    Days ageAnchor, std::vector<StratumRate>& out) {
  const ir::Stratifier& s = mo.measure->stratifiers[static_cast<size_t>(index)];
  StratumIds strata(s);
  // Key: provider slot (UNLINKED after every provider, ALL after that) in
  // the high half, stratum id in the low half.
  const std::uint64_t unlinked = store.providers.size(), planWide = unlinked + 1;
  std::unordered_map<std::uint64_t, Tally> tallies;
  const size_t n = std::min(mo.members.size(), store.memberCount());
  for (size_t m = 0; m < n; ++m) {
    if (!mo.members.population(m)) continue;
    const OutcomeView o = mo.members[m];
    const std::uint64_t stratum = strata.of(store, static_cast<store::MemberIndex>(m), ageAnchor);
    const store::ProviderId p = m < mo.provider.size() ? mo.provider[m] : store::kNoProvider;
    const std::uint64_t slot = p < unlinked ? p : unlinked;
    Tally& t = tallies[slot << 32 | stratum];
    Tally& all = tallies[planWide << 32 | stratum];
    if (inDenominator(o)) {
      ++t.denominator;
      ++all.denominator;
      t.numerator += countedNumerator(o);
      all.numerator += countedNumerator(o);
    }
  }
  const std::vector<std::uint32_t> rank = strata.ranks();
  std::vector<std::uint64_t> keys;
  keys.reserve(tallies.size());
  for (const auto& entry : tallies) keys.push_back(entry.first);
  std::sort(keys.begin(), keys.end(), [&](std::uint64_t a, std::uint64_t b) {
    const std::uint64_t pa = a >> 32, pb = b >> 32;
    if ((pa == planWide) != (pb == planWide)) return pa == planWide;
    if (pa != pb) return pa < pb;
    return rank[a & 0xffffffffu] < rank[b & 0xffffffffu];
  });
  size_t groupStart = out.size();
  for (size_t k = 0; k < keys.size(); ++k) {
    const std::uint64_t slot = keys[k] >> 32;
    const Tally& t = tallies.at(keys[k]);
    StratumRate r;
    r.planWide = slot == planWide;
    r.provider = slot < unlinked ? static_cast<store::ProviderId>(slot) : store::kNoProvider;
    r.measure = mo.measure;
    r.stratifier = index;
    r.stratum = strata.labels[keys[k] & 0xffffffffu];
    r.denominator = t.denominator;
    r.numerator = t.numerator;
    if (t.denominator > 0) r.rate = t.numerator / static_cast<double>(t.denominator);
    out.push_back(std::move(r));
    // A provider's (or ALL's) strata are done: add their reference rate.
    if (k + 1 == keys.size() || keys[k + 1] >> 32 != slot) {
      addDisparities(out.begin() + static_cast<std::ptrdiff_t>(groupStart), out.end(), *mo.measure,
                     mo.minimum);
      groupStart = out.size();
    }
  }
}

}  // namespace

std::string stratumOf(const store::MemberStore& store, store::MemberIndex member,
                      const ir::Stratifier& stratifier, Days ageAnchor) {
  StratumIds strata(stratifier);
  return strata.labels[strata.of(store, member, ageAnchor)];
}

std::optional<double> percentDifference(double rate, double reference, bool higherIsBetter) {
  const double adverse = higherIsBetter ? 1.0 - rate : rate;
  const double adverseReference = higherIsBetter ? 1.0 - reference : reference;
  if (adverseReference <= 0) return std::nullopt;
  return 100.0 * (adverse - adverseReference) / adverseReference;
}

bool higherIsBetter(const ir::Measure& measure) { return !ir::lowerIsBetter(measure.kind); }

std::vector<StratumRate> strataRates(const store::MemberStore& store,
                                     const std::vector<MeasureOutcomes>& outcomes, Days ageAnchor,
                                     int threads) {
  // One part per (measure, stratifier), each tallied whole by one thread.
  std::vector<std::pair<size_t, int>> items;
  for (size_t i = 0; i < outcomes.size(); ++i)
    for (size_t s = 0; s < outcomes[i].measure->stratifiers.size(); ++s)
      items.emplace_back(i, static_cast<int>(s));
  std::vector<std::vector<StratumRate>> parts(items.size());
  forEachInParallel(items.size(), threads, [&](size_t k) {
    stratifierRows(store, outcomes[items[k].first], items[k].second, ageAnchor, parts[k]);
  });
  std::vector<StratumRate> rows;
  for (std::vector<StratumRate>& part : parts)
    rows.insert(rows.end(), std::make_move_iterator(part.begin()),
                std::make_move_iterator(part.end()));
  // Rows of one (provider, measure, stratifier) are already in stratum
  // order; a stable sort on the rest keeps it.
  const ProviderTextRanks providerRank(store.providers);
  std::stable_sort(rows.begin(), rows.end(), [&](const StratumRate& a, const StratumRate& b) {
    if (a.planWide != b.planWide) return a.planWide;
    if (!a.planWide) {
      const std::uint32_t pa = providerRank.of(a.provider), pb = providerRank.of(b.provider);
      if (pa != pb) return pa < pb;
    }
    if (a.measure->id != b.measure->id) return a.measure->id < b.measure->id;
    return a.measure == b.measure && a.stratifier < b.stratifier;
  });
  return rows;
}

}  // namespace mc::score
