// Writer of strata.csv (DATA.md, Outputs; docs/data.md): the rows of
// score::strataRates with the disparity figure beside each rate.
#pragma once

#include <optional>
#include <ostream>
#include <vector>

#include "output/ResultsDirectory.h"
#include "score/Strata.h"
#include "store/MemberStore.h"

namespace mc::output {

// A percent with 2 decimals: "23.08", "-5.00".
std::string formatPercent(double percent);

// The header and one line per row, in the order given (strataRates sorts).
void writeStrata(std::ostream& out, const store::MemberStore& store,
                 const std::vector<score::StratumRate>& rows);

// True when a measure of the run is stratified: only then is strata.csv
// written (a run without stratifiers writes the same files as before).
bool anyStratified(const std::vector<score::MeasureOutcomes>& outcomes);

// Writes strata.csv into `dir` when anyStratified(outcomes), even when the
// population is empty (then with the header alone).
std::optional<OutputError> writeStrataFile(const ResultsDirectory& dir,
                                           const store::MemberStore& store,
                                           const std::vector<score::MeasureOutcomes>& outcomes,
                                           const std::vector<score::StratumRate>& rows);

}  // namespace mc::output
