// Writers of member_results.csv, provider_results.csv and gaps.csv (DATA.md,
// Outputs): byte-identical for the same outcomes, rows sorted by provider_id,
// measure, member_id in string order.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "output/ResultOrder.h"
#include "output/ResultsDirectory.h"
#include "score/Outcome.h"
#include "score/ProviderRates.h"
#include "store/MemberStore.h"

namespace mc::output {

// A rate with exactly 4 decimals: "0.7350".
std::string formatRate(double rate);
// A count: an integer when integral ("12"), else 4 decimals ("3.5000").
std::string formatCount(double value);

// One row per (population member, measure).
void writeMemberResults(std::ostream& out, const store::MemberStore& store,
                        const std::vector<score::MeasureOutcomes>& outcomes);
// The same, in an order already computed for `outcomes`, ordered and
// formatted on `threads` threads (the bytes are the same for any count).
void writeMemberResults(std::ostream& out, const store::MemberStore& store,
                        const std::vector<score::MeasureOutcomes>& outcomes,
                        const ResultOrder& order, int threads);
// One row per (provider, measure); `rates` in any order.
void writeProviderResults(std::ostream& out, const store::MemberStore& store,
                          const std::vector<score::ProviderRate>& rates);
// One row per care gap: an eligible, not excluded member outside the
// numerator of a proportion measure.
void writeGaps(std::ostream& out, const store::MemberStore& store,
               const std::vector<score::MeasureOutcomes>& outcomes);
void writeGaps(std::ostream& out, const store::MemberStore& store,
               const std::vector<score::MeasureOutcomes>& outcomes, const ResultOrder& order,
               int threads);

// The gaps.csv what_is_missing text of a measure.
std::string whatIsMissing(const ir::Measure& measure);

// Writes the three files into `dir`, on `threads` threads.
std::optional<OutputError> writeResultFiles(const ResultsDirectory& dir,
                                            const store::MemberStore& store,
                                            const std::vector<score::MeasureOutcomes>& outcomes,
                                            const std::vector<score::ProviderRate>& rates,
                                            int threads);

}  // namespace mc::output
