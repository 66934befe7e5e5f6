// Writer of scorecard.csv (DATA.md, Outputs): the rows of score::scorecard.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "output/ResultsDirectory.h"
#include "score/Scorecard.h"
#include "store/MemberStore.h"

namespace mc::output {

// The header and one line per row, in the order given (score::scorecard
// sorts). Rates with 4 decimals, points like counts (10.5, 13.3333), payment
// in dollars with 2 decimals; an empty cell for what is not scored.
void writeScorecard(std::ostream& out, const store::MemberStore& store, const std::string& program,
                    const std::vector<score::ScorecardRow>& rows);

std::optional<OutputError> writeScorecardFile(const ResultsDirectory& dir,
                                              const store::MemberStore& store,
                                              const std::string& program,
                                              const std::vector<score::ScorecardRow>& rows);

}  // namespace mc::output
