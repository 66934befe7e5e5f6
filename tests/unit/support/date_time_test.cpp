// A day with an optional time of day: parsing, printing and the IR's packed
// value (support/DateTime.h).
#include <catch2/catch.hpp>

#include "support/DateTime.h"

using namespace mc;

TEST_CASE("parseIsoDayTime reads a day with an optional time", "[datetime]") {
  const Days d = *parseIsoDate("2025-03-10");
  CHECK(parseIsoDayTime("2025-03-10")->time == kNoTime);
  CHECK(parseIsoDayTime("2025-03-10T09:30")->time == 9 * 3600 + 30 * 60);
  CHECK(parseIsoDayTime("2025-03-10T09:30:15")->time == 9 * 3600 + 30 * 60 + 15);
  CHECK(parseIsoDayTime("2025-03-10T23:59:59.999999")->time == kSecondsPerDay - 1);
  CHECK(parseIsoDayTime("2025-03-10T00:00Z")->time == 0);
  CHECK(parseIsoDayTime("2025-03-10T23:30-05:00")->day == d);
  CHECK(parseIsoDayTime("2025-03-10T23:30-05:00")->time == 23 * 3600 + 30 * 60);
  std::string why;
  for (const char* bad : {"2025-03-10T24:00", "2025-03-10T09:60", "2025-03-10T09:30:60",
                          "2025-03-10T9:30", "2025-03-10T09:30+05", "2025-03-10T09:30Zulu",
                          "2025-03-10T09:30:00.", "2025-03-10 09:30", "2025-03-10T"}) {
    INFO(bad);
    CHECK_FALSE(parseIsoDayTime(bad, &why));
    CHECK_FALSE(why.empty());
  }
  // A bad day is the date's fault: no reason about the time.
  CHECK_FALSE(parseIsoDayTime("2025-02-30T09:30", &why));
  CHECK(why.empty());
}

TEST_CASE("formatIsoDayTime prints seconds, or the day alone", "[datetime]") {
  const Days d = *parseIsoDate("2025-03-10");
  CHECK(formatIsoDayTime(d, 9 * 3600 + 30 * 60) == "2025-03-10T09:30:00");
  CHECK(formatIsoDayTime(d, kNoTime) == "2025-03-10");
  CHECK(formatIsoDayTime(d, 0) == "2025-03-10T00:00:00");
}

TEST_CASE("a packed datetime keeps its day and time, for any day", "[datetime]") {
  for (const Days d : {Days{0}, Days{-1}, Days{-719162}, *parseIsoDate("9999-12-31")}) {
    for (const Seconds t : {kNoTime, Seconds{0}, kSecondsPerDay - 1}) {
      const std::int64_t v = packDayTime(d, t);
      CHECK(packedDay(v) == d);
      CHECK(packedTime(v) == t);
    }
  }
  CHECK(packedDay(kMissingDayTime) == kNoDate);
  // Days order the packed values first; times within a day.
  CHECK(packDayTime(1, kSecondsPerDay - 1) < packDayTime(2, kNoTime));
}
