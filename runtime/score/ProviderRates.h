// Per-(provider, measure) rates: the rows of provider_results.csv and the
// input of program scoring.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "score/Outcome.h"

namespace mc::score {

struct ProviderRate {
  store::ProviderId provider = store::kNoProvider;  // kNoProvider: UNLINKED
  const ir::Measure* measure = nullptr;
  std::uint64_t denominator = 0;  // eligible and not excluded
  double numerator = 0;           // sum of their numeratorValue
  std::optional<double> rate;     // absent when the denominator is 0
  bool qualifies = false;         // denominator >= the measure's minimum
};

// The numerator a member contributes: numeratorValue when eligible and not
// excluded (MEASURES.md: counted only for those), else 0.
double countedNumerator(const MemberOutcome& o);

// One row per provider with at least one population member of the measure
// (denominator 0 included), in ProviderId order with UNLINKED last.
std::vector<ProviderRate> measureRates(const MeasureOutcomes& outcomes);

// Rows of every measure, sorted by provider_id text then measure id (the
// order of provider_results.csv), ties kept in `outcomes` order.
std::vector<ProviderRate> providerRates(const store::MemberStore& store,
                                        const std::vector<MeasureOutcomes>& outcomes);

}  // namespace mc::score
