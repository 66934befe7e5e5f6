// The arithmetic of the interim report (`run --as-of`): how many more
// members in a provider's numerator (fewer, for a lower-is-better measure)
// bring its rate to a level of the program — a benchmark tier, a star
// threshold, the payment threshold.
//
// Exact: a level is read as a whole number of millionths of the rate
// (0.0001 percent; the program's figures have fewer decimals), and
// (numerator + k) / denominator is compared with it in integers, so that
// 3 of 5 reaches 0.60 and 29 of 50 reaches 58%, which rate * 100 in
// floating point would miss (57.99999999999999).
#pragma once

#include <cstdint>
#include <optional>

namespace mc::score {

// A level as millionths of the rate: 0.60 (tier) -> 600000, 90.3% (stars) ->
// 903000.
std::int64_t levelFromRate(double rate);
std::int64_t levelFromPercent(double percent);

// True when numerator / denominator reaches `level` (at or above it; at or
// below it when `lowerIsBetter`). A denominator of 0 reaches nothing.
bool reachesLevel(std::int64_t numerator, std::int64_t denominator, std::int64_t level,
                  bool lowerIsBetter);

// The smallest k >= 0 such that (numerator + k) / denominator reaches
// `level` ((numerator - k) / denominator when `lowerIsBetter`); 0 when it
// is reached already; absent when no k <= `limit` reaches it (the open gaps:
// members who could still join, or leave, the numerator) or the denominator
// is 0.
std::optional<std::int64_t> membersNeeded(std::int64_t numerator, std::int64_t denominator,
                                          std::int64_t level, bool lowerIsBetter,
                                          std::int64_t limit);

}  // namespace mc::score
