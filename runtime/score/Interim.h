// The interim report of `run --as-of DATE` (interim.csv, docs/data.md): per
// provider and program measure, the rate year to date, the next level the
// program sets for it (the next benchmark tier, else the next star
// threshold, else the payment threshold) and how many members it takes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "score/ProviderRates.h"
#include "score/Scorecard.h"

namespace mc::score {

struct InterimRow {
  const ProviderRate* rate = nullptr;  // the provider_results row
  std::string nextLevel;               // "tier 0.6000 (100%)", "4 stars at 90.3%"; empty: none
  // More members in the numerator (fewer for a lower-is-better measure) to
  // reach `nextLevel`; absent with a `why`.
  std::optional<std::int64_t> membersNeeded;
  // Members who could still join the numerator (eligible, not excluded, not
  // in it: the provider's care gaps), or for a lower-is-better measure leave
  // it (those in it); absent for a rate per member years.
  std::optional<std::int64_t> openGaps;
  std::string why;  // empty when members_needed says it all
};

// How many members a row "within reach" may need at most (the run summary).
inline constexpr std::int64_t kWithinReach = 3;

// The next level of one provider_results row under a program measure.
InterimRow interimRow(const MeasureScoring& measure, const ProviderRate& rate);

// A row per provider_results row of a program measure, in `rates` order
// (provider_id, measure).
std::vector<InterimRow> interimReport(const ProgramScoring& program,
                                      const std::vector<ProviderRate>& rates);

}  // namespace mc::score
