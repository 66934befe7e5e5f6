// The line `run` prints for every program run: the scorecard's program
// total lines in one sentence (docs/data.md, scorecard.csv).
#pragma once

#include <string>
#include <vector>

#include "score/Scorecard.h"

namespace mc::cli {

// Over the linked providers' program total lines (UNLINKED pays no one):
// how many providers, how many earn points, none or are not scored yet,
// points earned of possible, the dollars (of which fee-for-service), and
// how many a gate or eligibility pays nothing; newline included.
std::string scorecardSummary(const std::vector<score::ScorecardRow>& card);

}  // namespace mc::cli
