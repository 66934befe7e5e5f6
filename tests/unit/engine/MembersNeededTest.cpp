// The interim report's arithmetic: the fewest members that bring a rate to a
// level, exact at the boundaries (worked out by hand in the comments).
#include <catch2/catch.hpp>

#include "score/MembersNeeded.h"

using namespace mc;
using score::levelFromPercent;
using score::levelFromRate;
using score::membersNeeded;
using score::reachesLevel;

TEST_CASE("levels are read as millionths of the rate", "[interim]") {
  CHECK(levelFromRate(0.60) == 600000);
  CHECK(levelFromRate(0.6667) == 666700);
  CHECK(levelFromPercent(90.3) == 903000);
  CHECK(levelFromPercent(58) == 580000);
}

TEST_CASE("a rate exactly on a level reaches it", "[interim]") {
  // 3 / 5 = 0.60 exactly: on the tier, nobody more needed.
  CHECK(reachesLevel(3, 5, levelFromRate(0.60), false));
  CHECK(membersNeeded(3, 5, levelFromRate(0.60), false, 2) == 0);
  // 29 / 50 = 58%, where 29.0 / 50 * 100 is 57.99999999999999 in doubles.
  CHECK(29.0 / 50 * 100 < 58);
  CHECK(reachesLevel(29, 50, levelFromPercent(58), false));
  CHECK(membersNeeded(28, 50, levelFromPercent(58), false, 22) == 1);
  // 903 / 1000 = 90.3%.
  CHECK(membersNeeded(902, 1000, levelFromPercent(90.3), false, 98) == 1);
  CHECK(membersNeeded(903, 1000, levelFromPercent(90.3), false, 97) == 0);
}

TEST_CASE("the fewest members that reach a level from below", "[interim]") {
  // 2 / 5 = 0.40 to 0.60: 3 / 5, one more.
  CHECK(membersNeeded(2, 5, levelFromRate(0.60), false, 3) == 1);
  // 1 / 3 to 0.60: 2 / 3 = 0.6667 (1 / 3 + 1 = 0.6667 >= 0.60; 1 more).
  CHECK(membersNeeded(1, 3, levelFromRate(0.60), false, 2) == 1);
  // 10 / 40 = 0.25 to 0.6667: 26.668 -> 27 of 40, 17 more.
  CHECK(membersNeeded(10, 40, levelFromRate(0.6667), false, 30) == 17);
  // 0 / 7 to 90.3%: 6.321 -> 7 of 7.
  CHECK(membersNeeded(0, 7, levelFromPercent(90.3), false, 7) == 7);
  // ... which is more than 6 open gaps allow.
  CHECK_FALSE(membersNeeded(0, 7, levelFromPercent(90.3), false, 6).has_value());
}

TEST_CASE("a lower-is-better measure needs fewer members in the numerator", "[interim]") {
  // 4 / 10 = 40% to at most 31.9%: 3.19 -> 3 of 10, one fewer.
  CHECK(membersNeeded(4, 10, levelFromPercent(31.9), true, 4) == 1);
  // 3 / 10 = 30% is at most 31.9% already.
  CHECK(membersNeeded(3, 10, levelFromPercent(31.9), true, 3) == 0);
  // On the boundary: 2 / 10 = 20% at most 20%.
  CHECK(reachesLevel(2, 10, levelFromPercent(20), true));
  CHECK_FALSE(reachesLevel(3, 10, levelFromPercent(20), true));
  // 5 / 8 to at most 0.10: 0.8 -> 0 of 8, all five out.
  CHECK(membersNeeded(5, 8, levelFromRate(0.10), true, 5) == 5);
}

TEST_CASE("no denominator reaches nothing", "[interim]") {
  CHECK_FALSE(reachesLevel(0, 0, levelFromRate(0.5), false));
  CHECK_FALSE(membersNeeded(0, 0, levelFromRate(0.5), false, 0).has_value());
}
