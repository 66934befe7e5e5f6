// The interim report's arithmetic; the rule is in MembersNeeded.h.
#include "score/MembersNeeded.h"

#include <cmath>

namespace mc::score {

namespace {

constexpr std::int64_t kPerRate = 1000000;

// floor(a / b) and ceil(a / b) for b > 0, any sign of a.
std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}
std::int64_t ceilDiv(std::int64_t a, std::int64_t b) { return -floorDiv(-a, b); }

}  // namespace

std::int64_t levelFromRate(double rate) { return std::llround(rate * kPerRate); }

std::int64_t levelFromPercent(double percent) { return std::llround(percent * (kPerRate / 100)); }

bool reachesLevel(std::int64_t numerator, std::int64_t denominator, std::int64_t level,
                  bool lowerIsBetter) {
  if (denominator <= 0) return false;
  const std::int64_t scaled = numerator * kPerRate, target = level * denominator;
  return lowerIsBetter ? scaled <= target : scaled >= target;
}

std::optional<std::int64_t> membersNeeded(std::int64_t numerator, std::int64_t denominator,
                                          std::int64_t level, bool lowerIsBetter,
                                          std::int64_t limit) {
  if (denominator <= 0) return std::nullopt;
  // Higher is better: (n + k) * P >= L * d, k >= ceil(L * d / P) - n.
  // Lower is better:  (n - k) * P <= L * d, k >= n - floor(L * d / P).
  const std::int64_t k = lowerIsBetter ? numerator - floorDiv(level * denominator, kPerRate)
                                       : ceilDiv(level * denominator, kPerRate) - numerator;
  if (k <= 0) return 0;
  if (k > limit) return std::nullopt;
  return k;
}

}  // namespace mc::score
