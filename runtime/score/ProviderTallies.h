// The sums behind a measure's provider rates, per provider: what
// provider_results.csv reports, added to member by member. The member passes
// tally each block of members as they pack it (the outcomes still in the
// cache) and the run merges the threads' tallies, instead of a serial pass
// over every measure's table after the passes.
#pragma once

#include <cstdint>
#include <vector>

#include "score/Outcome.h"

namespace mc::score {

struct ProviderRate;  // score/ProviderRates.h

class ProviderTallies {
 public:
  explicit ProviderTallies(const ir::Measure& measure);

  // A member in the population, attributed to `provider` (ignored for an
  // event-unit measure: each unit has its own).
  void add(const OutcomeView& o, store::ProviderId provider);
  // The tallies of other members. Exact, so the rows are those of one pass
  // in member order, only when every sum is of whole numbers: see
  // mergeable().
  void merge(const ProviderTallies& other);
  // Every sum of the measure is of whole numbers (members, 0/1 numerators,
  // unit events), exact in a double in any order; a rate measure's member
  // years and weighted counts are not.
  static bool mergeable(const ir::Measure& measure) { return !ir::isRate(measure.kind); }

  // One row per provider with at least one population member, in
  // ProviderId order with UNLINKED last (measureRates).
  std::vector<ProviderRate> rows(int minimum) const;

 private:
  struct Tally {
    bool seen = false;
    std::uint64_t members = 0;
    double denominator = 0;
    double numerator = 0;
  };
  Tally& of(store::ProviderId p) {
    if (p == store::kNoProvider) return unlinked_;
    if (p >= byProvider_.size()) byProvider_.resize(static_cast<size_t>(p) + 1);
    return byProvider_[p];
  }

  const ir::Measure* measure_;
  bool eventUnit_;
  std::vector<Tally> byProvider_;  // indexed by ProviderId
  Tally unlinked_;
};

}  // namespace mc::score
