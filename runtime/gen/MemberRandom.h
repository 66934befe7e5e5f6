// The random stream of one member. Each member draws from its own stream,
// seeded by (seed, member index) alone, so a member's rows do not depend on
// which thread made them or on the members before it: the population is the
// same bytes for any thread count.
#pragma once

#include <cstdint>

#include "support/Date.h"

namespace mc::gen {

class MemberRandom {
 public:
  MemberRandom(std::uint64_t seed, std::uint64_t member)
      : state_(mix(seed ^ mix(member + 0x9E3779B97F4A7C15ull))) {}

  // SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
  // generators", OOPSLA 2014): small state, good enough statistics, and the
  // same sequence on every platform, which <random>'s distributions are not.
  std::uint64_t next() {
    state_ += 0x9E3779B97F4A7C15ull;
    return mix(state_);
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }
  // Uniform in [0, n); 0 when n is 0.
  std::uint32_t below(std::uint32_t n) {
    return n == 0 ? 0 : static_cast<std::uint32_t>((next() >> 32) * n >> 32);
  }
  // Uniform in [lo, hi] (lo when hi < lo).
  int between(int lo, int hi) {
    return hi <= lo ? lo : lo + static_cast<int>(below(static_cast<std::uint32_t>(hi - lo + 1)));
  }
  Days day(Days lo, Days hi) { return between(lo, hi); }
  // A follow-up `lastDay` days after `from` with probability `pEdge` (the
  // last day a measure counts), else within days [first, lastDay - 1] up to
  // `pInTime`, else late, days [lastDay + 1, lateLast], up to `pLate`; else
  // none (kNoDate). One uniform draw, then one `between` when a day is drawn.
  Days followUp(Days from, int first, int lastDay, int lateLast, double pEdge, double pInTime,
                double pLate) {
    const double r = uniform();
    if (r < pEdge) return from + lastDay;
    if (r < pInTime) return from + between(first, lastDay - 1);
    if (r < pLate) return from + between(lastDay + 1, lateLast);
    return kNoDate;
  }
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[below(N)];
  }

 private:
  static std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  std::uint64_t state_;
};

}  // namespace mc::gen
