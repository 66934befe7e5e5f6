// Calendar arithmetic of support/Date: parsing, month arithmetic, ages.
#include "support/Date.h"

#include <catch2/catch.hpp>
#include <vector>

using namespace mc;

namespace {

Days d(const char* iso) {
  const std::optional<Days> days = parseIsoDate(iso);
  REQUIRE(days.has_value());
  return *days;
}

}  // namespace

TEST_CASE("day numbers count from 1970-01-01", "[date]") {
  CHECK(daysFromCivil(1970, 1, 1) == 0);
  CHECK(daysFromCivil(1970, 1, 2) == 1);
  CHECK(daysFromCivil(1969, 12, 31) == -1);
  CHECK(daysFromCivil(2000, 3, 1) - daysFromCivil(2000, 2, 28) == 2);  // 2000 is leap
  CHECK(daysFromCivil(1900, 3, 1) - daysFromCivil(1900, 2, 28) == 1);  // 1900 is not
}

TEST_CASE("civilFromDays inverts daysFromCivil", "[date]") {
  for (Days day = daysFromCivil(1899, 12, 25); day <= daysFromCivil(2101, 1, 5); day += 13) {
    const CivilDate c = civilFromDays(day);
    REQUIRE(isValidCivil(c.year, c.month, c.day));
    REQUIRE(daysFromCivil(c.year, c.month, c.day) == day);
  }
}

TEST_CASE("parseIsoDate is strict YYYY-MM-DD", "[date]") {
  CHECK(parseIsoDate("2022-03-31") == daysFromCivil(2022, 3, 31));
  CHECK(parseIsoDate("2020-02-29") == daysFromCivil(2020, 2, 29));
  CHECK_FALSE(parseIsoDate("2022-02-30"));
  CHECK_FALSE(parseIsoDate("2021-02-29"));
  CHECK_FALSE(parseIsoDate("2022-13-01"));
  CHECK_FALSE(parseIsoDate("2022-00-10"));
  CHECK_FALSE(parseIsoDate("2022-04-31"));
  CHECK_FALSE(parseIsoDate("0000-01-01"));
  CHECK_FALSE(parseIsoDate("2022-1-01"));
  CHECK_FALSE(parseIsoDate("2022/01/01"));
  CHECK_FALSE(parseIsoDate("01/31/2022"));
  CHECK_FALSE(parseIsoDate(" 2022-01-01"));
  CHECK_FALSE(parseIsoDate("2022-01-01T00:00"));
  CHECK_FALSE(parseIsoDate("20220101"));
  CHECK_FALSE(parseIsoDate(""));
  CHECK_FALSE(parseIsoDate("2022-0a-01"));
}

TEST_CASE("formatIsoDate writes what parseIsoDate reads", "[date]") {
  CHECK(formatIsoDate(d("2022-03-04")) == "2022-03-04");
  CHECK(formatIsoDate(d("0999-12-31")) == "0999-12-31");
  CHECK(formatIsoDate(kNoDate).empty());
}

TEST_CASE("addMonths clamps to the end of the month", "[date]") {
  CHECK(addMonths(d("2020-02-29"), 12) == d("2021-02-28"));
  CHECK(addMonths(d("2022-01-31"), 15) == d("2023-04-30"));
  CHECK(addMonths(d("2022-01-31"), 1) == d("2022-02-28"));
  CHECK(addMonths(d("2024-01-31"), 1) == d("2024-02-29"));
  CHECK(addMonths(d("2022-03-31"), -1) == d("2022-02-28"));
  CHECK(addMonths(d("2022-01-15"), -13) == d("2020-12-15"));
  CHECK(addMonths(d("2022-05-10"), 0) == d("2022-05-10"));
  CHECK(addYears(d("2020-02-29"), 4) == d("2024-02-29"));
  CHECK(addYears(d("2020-02-29"), -1) == d("2019-02-28"));
}

TEST_CASE("ageInYears counts whole years completed", "[date]") {
  CHECK(ageInYears(d("2000-06-15"), d("2022-06-14")) == 21);
  CHECK(ageInYears(d("2000-06-15"), d("2022-06-15")) == 22);
  CHECK(ageInYears(d("2000-06-15"), d("2000-06-15")) == 0);
  // A Feb-29 birthday is reached on Feb 28 in common years (addYears clamps).
  CHECK(ageInYears(d("2000-02-29"), d("2021-02-27")) == 20);
  CHECK(ageInYears(d("2000-02-29"), d("2021-02-28")) == 21);
  CHECK(ageInYears(d("2000-02-29"), d("2024-02-28")) == 23);
  CHECK(ageInYears(d("2000-02-29"), d("2024-02-29")) == 24);
}

TEST_CASE("ageInMonths counts whole months completed", "[date]") {
  CHECK(ageInMonths(d("2022-01-31"), d("2022-02-27")) == 0);
  CHECK(ageInMonths(d("2022-01-31"), d("2022-02-28")) == 1);
  CHECK(ageInMonths(d("2022-01-15"), d("2022-03-14")) == 1);
  CHECK(ageInMonths(d("2022-01-15"), d("2022-03-15")) == 2);
  CHECK(ageInMonths(d("2021-11-30"), d("2023-02-28")) == 15);
}

// ageInMonths is the largest N with birth + N months (addMonths) on or
// before the date: against that definition, searched for, on every birth
// day of 1999-2001 (the leap day of 2000, every month end) and dates from
// two years before to 26 years after, each 7th day and every month's last
// three days.
TEST_CASE("ageInMonths is the largest N with birth + N months on or before the date", "[date]") {
  std::size_t badStarts = 0;
  const auto searched = [&](Days birth, Days at) {
    // At most the answer: a month is 28 to 31 days.
    int n = (at >= birth ? (at - birth) / 31 : (at - birth) / 28) - 2;
    badStarts += addMonths(birth, n) > at;
    while (addMonths(birth, n + 1) <= at) ++n;
    return n;
  };
  std::vector<Days> dates;
  for (Days at = d("1997-01-01"); at <= d("2027-12-31"); ++at) {
    const CivilDate c = civilFromDays(at);
    if (at % 7 == 0 || c.day + 3 > daysInMonth(c.year, c.month)) dates.push_back(at);
  }
  std::size_t checked = 0, wrong = 0;
  for (Days birth = d("1999-01-01"); birth <= d("2001-12-31"); ++birth) {
    for (const Days at : dates) {
      if (at < birth - 800 || at > birth + 26 * 366) continue;
      ++checked;
      if (ageInMonths(birth, at) != searched(birth, at)) {
        if (wrong++ < 5) FAIL_CHECK(formatIsoDate(birth) << " at " << formatIsoDate(at));
      }
    }
  }
  CHECK(checked > 2500000);
  CHECK(badStarts == 0);
  CHECK(wrong == 0);
}

TEST_CASE("ages before the birth date are negative", "[date]") {
  // The largest N with addMonths(birth, N) <= at.
  CHECK(ageInMonths(d("2020-03-15"), d("2020-03-10")) == -1);
  CHECK(ageInMonths(d("2020-03-15"), d("2020-01-20")) == -2);
  CHECK(ageInMonths(d("2020-03-15"), d("2020-01-10")) == -3);
  CHECK(ageInYears(d("2020-03-15"), d("2020-03-14")) == -1);
  CHECK(ageInYears(d("2020-03-15"), d("2019-03-15")) == -1);
  CHECK(ageInYears(d("2020-03-15"), d("2019-03-14")) == -2);
}
