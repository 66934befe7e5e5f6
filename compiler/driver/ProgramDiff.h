// The summary of changes between two program years (`measurec diff OLD
// NEW`): what an analyst reads before rerunning last year's comparisons.
// A cheap comparison of two lowered programs, one line per change.
#pragma once

#include <string>
#include <vector>

#include "ir/Ir.h"

namespace mc {

// The lines, in this order: program figures (period, domains), new measures,
// retired measures, moves (exploratory <-> programmatic, domain) and
// replacements (`replaces`), points moved from measures to others (or to a
// `points varies` domain), scoring changes (points, minimum, stars,
// payment, tiers), fee-for-service payments (new, retired, dollars,
// qualifying attributes) and definition changes (kind, code sets, rules,
// queries). Measures are matched by ID; each group
// follows the NEW program's order (retired ones the OLD's). Empty: no change.
std::vector<std::string> diffPrograms(const ir::Program& oldProgram, const ir::Program& newProgram);

}  // namespace mc
