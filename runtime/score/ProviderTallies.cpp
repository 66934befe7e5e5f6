// Tallying members into per-provider sums, and the rows they make.
#include "score/ProviderTallies.h"

#include <algorithm>

#include "score/ProviderRates.h"

namespace mc::score {

ProviderTallies::ProviderTallies(const ir::Measure& measure)
    : measure_(&measure), eventUnit_(measure.unitQuery >= 0) {}

void ProviderTallies::add(const OutcomeView& o, store::ProviderId provider) {
  if (eventUnit_) {
    // DATA.md: an event-unit measure counts events under each event's
    // provider (a fill's pharmacy); `members` counts the members with one.
    if (!inDenominator(o)) return;
    for (const UnitCount& u : o.units) {
      Tally& t = of(u.provider);
      t.seen = true;
      ++t.members;
      t.denominator += u.units;
      t.numerator += u.numerator;
    }
    return;
  }
  Tally& t = of(provider);
  t.seen = true;
  if (inDenominator(o)) {
    ++t.members;
    t.denominator += countedDenominator(*measure_, o);
    t.numerator += countedNumerator(o);
  }
}

void ProviderTallies::merge(const ProviderTallies& other) {
  const auto into = [](Tally& t, const Tally& o) {
    t.seen |= o.seen;
    t.members += o.members;
    t.denominator += o.denominator;
    t.numerator += o.numerator;
  };
  if (other.byProvider_.size() > byProvider_.size()) byProvider_.resize(other.byProvider_.size());
  for (size_t p = 0; p < other.byProvider_.size(); ++p) into(byProvider_[p], other.byProvider_[p]);
  into(unlinked_, other.unlinked_);
}

std::vector<ProviderRate> ProviderTallies::rows(int minimum) const {
  const ir::Measure& measure = *measure_;
  std::vector<ProviderRate> rows;
  const auto emit = [&](store::ProviderId p, const Tally& t) {
    if (!t.seen) return;
    ProviderRate r;
    r.provider = p;
    r.measure = &measure;
    r.denominator = t.denominator;
    r.members = t.members;
    r.numerator = t.numerator;
    r.rate = measureRate(measure, t.numerator, t.denominator);
    // A provider qualifies with at least the minimum of eligible members,
    // and the minimum is at least 1: no eligible member never qualifies.
    // (For a rate the denominator is member years; the seed's minimums
    // count members.)
    const std::uint64_t least = static_cast<std::uint64_t>(std::max(1, minimum));
    // An event-unit measure's minimum counts its units (fills), the
    // denominator it reports.
    r.qualifies = eventUnit_ ? t.denominator >= static_cast<double>(least) : t.members >= least;
    rows.push_back(r);
  };
  for (size_t p = 0; p < byProvider_.size(); ++p)
    emit(static_cast<store::ProviderId>(p), byProvider_[p]);
  emit(store::kNoProvider, unlinked_);
  return rows;
}

}  // namespace mc::score
