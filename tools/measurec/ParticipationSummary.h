// The line `run` prints for a program with a participation gate (seed 000's
// "participation status indicator"; docs/data.md, participation.csv).
#pragma once

#include <string>
#include <vector>

#include "score/Participation.h"
#include "store/MemberStore.h"

namespace mc::cli {

// Per gate, in the order of `rows`: how many PCPs meet it in the last month
// of the rows (the as-of month on an interim run, so far), and which do not
// (the first ten by id, then how many more); one line per gate, newline
// included. Empty without rows.
std::string participationSummary(const store::MemberStore& store,
                                 const std::vector<score::ParticipationRow>& rows);

}  // namespace mc::cli
