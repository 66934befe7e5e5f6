// score::UnitCounts: a member's units per provider, one pointer until it
// holds something, so that MemberOutcome stays small.
#include <catch2/catch.hpp>

#include "score/Outcome.h"

using mc::score::MemberOutcome;
using mc::score::UnitCount;
using mc::score::UnitCounts;

TEST_CASE("UnitCounts: providers in the order first met; copies are deep", "[outcome]") {
  UnitCounts counts;
  CHECK(counts.empty());
  CHECK(counts.size() == 0);
  CHECK(counts.begin() == counts.end());
  ++counts.of(7).units;
  ++counts.of(3).units;
  ++counts.of(7).units;
  ++counts.of(7).numerator;
  REQUIRE(counts.size() == 2);
  const UnitCount* first = counts.begin();
  CHECK(first[0].provider == 7);
  CHECK(first[0].units == 2);
  CHECK(first[0].numerator == 1);
  CHECK(first[1].provider == 3);
  CHECK(first[1].units == 1);

  UnitCounts copy = counts;
  ++copy.of(3).units;
  CHECK(counts.begin()[1].units == 1);
  CHECK(copy.begin()[1].units == 2);
  UnitCounts moved = std::move(copy);
  CHECK(moved.size() == 2);
  MemberOutcome o;
  o.units = moved;
  CHECK(o.units.size() == 2);
  o = MemberOutcome{};
  CHECK(o.units.empty());
}
