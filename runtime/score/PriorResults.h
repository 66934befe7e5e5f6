// Last year's results directory (`run --prior DIR`), the baseline of
// performance improvement: its provider_results.csv rates and its run.json
// measurement period.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/MemberStore.h"
#include "support/Date.h"

namespace mc::score {

// One provider_results.csv line of the prior year.
struct PriorRate {
  std::optional<double> rate;  // absent when the line has no rate (denominator 0)
  bool qualifies = false;      // met the minimum denominator that year
};

struct PriorResults {
  std::string dir;
  Days periodStart = 0;  // run.json `period`
  Days periodEnd = 0;
  // (provider_id as written, measure id) -> the line.
  std::map<std::pair<std::string, std::string>, PriorRate> rates;
};

// The prior-year lines by this run's provider ids: a provider the run does
// not know has no line to compare, UNLINKED is store::kNoProvider.
using PriorRates = std::map<std::pair<store::ProviderId, std::string>, PriorRate>;

struct PriorRead {
  std::optional<PriorResults> results;
  std::string error;  // `FILE:LINE: what; what to do` when results is absent
};

// Reads DIR/provider_results.csv (columns provider_id, measure, rate,
// qualifies; others ignored) and the period of DIR/run.json. A missing
// file, a missing column, a malformed row (rate not a number >= 0 or empty,
// qualifies not 0 or 1, an empty id, a (provider, measure) given twice) or
// a run.json without a period is an error naming the file and line.
PriorRead readPriorResults(const std::string& dir);
// Of `measures`, those with no line at all in `prior` (no provider): a
// measure new this year, or a prior directory of another program. The run
// warns of them rather than scoring their improvement by the goal alone
// without a word.
std::vector<std::string> measuresWithoutPrior(const PriorResults& prior,
                                              const std::vector<std::string>& measures);
// The same from text (tests); `dir` only names the files in errors.
PriorRead parsePriorResults(const std::string& dir, std::string providerResultsCsv,
                            const std::string& runJson);

PriorRates priorRatesFor(const PriorResults& prior, const store::ProviderTable& providers);

}  // namespace mc::score
