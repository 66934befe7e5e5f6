// The line `run` prints for a pharmacy program (docs/data.md, "Pharmacy
// payout and ranking").
#pragma once

#include <string>
#include <vector>

#include "score/PharmacyRanking.h"
#include "score/Scorecard.h"

namespace mc::cli {

// Pharmacies ranked and eligible, the dollars paid against the pool and to
// how many, the spread of overall stars, and the size of the two lists; one
// line, newline included.
std::string pharmacySummary(const score::ProgramScoring& scoring,
                            const std::vector<score::ScorecardRow>& card,
                            const std::vector<score::PharmacyRank>& ranking);

}  // namespace mc::cli
