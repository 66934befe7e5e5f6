// What a hand-written measure computes for one member: the flags of
// member_results.csv (a row per member in the population), set as the
// outcome cascade sets them (MEASURES.md "Populations": not eligible stops
// the walk, excluded stops it before the numerator).
#pragma once

#include <cstdint>

#include "support/Date.h"

namespace mc::bench {

struct MemberFlags {
  std::uint8_t population = 0;
  std::uint8_t eligible = 0;
  std::uint8_t excluded = 0;
  std::uint8_t numerator = 0;
};

// The measurement period, a calendar year.
struct Year {
  int year = 0;
  Days start = 0;  // January 1
  Days end = 0;    // December 31
};

}  // namespace mc::bench
