// "Did you mean" support: the candidate nearest to a misspelt word. Shared by
// the parser (keywords) and sema (names, code sets, statuses).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mc {

// Levenshtein distance, ASCII case-insensitive.
int editDistance(std::string_view a, std::string_view b);

// The closest of `candidates` to `name` within a small edit distance (about
// a third of the name, at least 2); empty when none is that close. Ties go
// to the alphabetically first candidate, so messages are stable.
std::string closestName(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace mc
