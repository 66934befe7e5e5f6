// Writers of member_results.csv, provider_results.csv and gaps.csv (DATA.md,
// Outputs): byte-identical for the same outcomes, rows sorted by provider_id,
// measure, member_id in string order.
#pragma once

#include <functional>
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

// member_results.csv to `members` and gaps.csv to `gaps`, the bytes of
// writeMemberResults and writeGaps, made in one pass over one ordering of
// the rows (a care gap is a member_results row of a certain outcome) and
// written side by side. `ordered`, when given, is called once the rows are
// ordered, before the first is formatted.
void writeMemberResultsAndGaps(std::ostream& members, std::ostream& gaps,
                               const store::MemberStore& store,
                               const std::vector<score::MeasureOutcomes>& outcomes,
                               const ResultOrder& order, int threads,
                               const std::function<void()>& ordered = {});

// The gaps.csv what_is_missing text of a measure.
std::string whatIsMissing(const ir::Measure& measure);

// Writes the three files into `dir`, on `threads` threads. `ordered`, when
// given, is called once member_results.csv's rows are ordered (or not at
// all, when its file cannot be made): from then on the files' formatting
// waits on the disk about half the time, and other work can have the
// processor.
std::optional<OutputError> writeResultFiles(const ResultsDirectory& dir,
                                            const store::MemberStore& store,
                                            const std::vector<score::MeasureOutcomes>& outcomes,
                                            const std::vector<score::ProviderRate>& rates,
                                            int threads, const std::function<void()>& ordered = {});

}  // namespace mc::output
