// The calendar operations the JIT lowers in line (jit/CalendarLowering.h)
// give what ir/CalendarOps.h gives, on every day of the ranges swept here:
// leap days, month ends, century years, the calendar's edges and missing
// operands.
#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "ir/CalendarOps.h"
#include "ir/Missing.h"
#include "jit/CalendarLowering.h"
#include "jit/CalendarProbe.h"
#include "support/Date.h"

using namespace mc;

namespace {

// Every day of [from, to], with the calendar's edges and missing values.
std::vector<std::int64_t> daysWithEdges(Days from, Days to) {
  std::vector<std::int64_t> days;
  for (Days d = from; d <= to; ++d) days.push_back(d);
  for (std::int64_t d :
       {ir::kFirstCalendarDay - 1, ir::kFirstCalendarDay, ir::kFirstCalendarDay + 59,
        ir::kLastCalendarDay - 31, ir::kLastCalendarDay, ir::kLastCalendarDay + 1, ir::kMissingDate,
        std::int64_t{daysFromCivil(1900, 2, 28)}, std::int64_t{daysFromCivil(1900, 3, 1)},
        std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()})
    days.push_back(d);
  return days;
}

const jit::CalendarFunctions& fns() {
  static std::string error;
  static const jit::CalendarFunctions f = jit::compiledCalendarFunctions(error);
  INFO(error);
  REQUIRE(f.ageYears != nullptr);
  return f;
}

}  // namespace

TEST_CASE("lowered age in years and months equals ir::ageInYearsAt and ageInMonthsAt") {
  const jit::CalendarFunctions& f = fns();
  // Births over two leap years and a century; ages at every day of three
  // years around them, before the birth too.
  const auto births = daysWithEdges(daysFromCivil(1999, 12, 1), daysFromCivil(2001, 3, 31));
  const auto ats = daysWithEdges(daysFromCivil(1999, 11, 1), daysFromCivil(2002, 3, 31));
  std::size_t mismatches = 0, checked = 0;
  for (std::size_t i = 0; i < births.size(); ++i) {
    for (std::size_t j = 0; j < ats.size(); j += (j % 7 == 0 ? 1 : 3)) {
      ++checked;
      if (f.ageYears(births[i], ats[j]) != ir::ageInYearsAt(births[i], ats[j]) ||
          f.ageMonths(births[i], ats[j]) != ir::ageInMonthsAt(births[i], ats[j])) {
        if (++mismatches <= 5)
          FAIL_CHECK("birth " << births[i] << " at " << ats[j] << ": years "
                              << f.ageYears(births[i], ats[j]) << " vs "
                              << ir::ageInYearsAt(births[i], ats[j]) << ", months "
                              << f.ageMonths(births[i], ats[j]) << " vs "
                              << ir::ageInMonthsAt(births[i], ats[j]));
      }
    }
  }
  CHECK(checked > 100000);
  CHECK(mismatches == 0);
  // Decades apart, at month ends and leap days.
  for (int y : {1904, 1950, 1999, 2000, 2004})
    for (int m = 1; m <= 12; ++m)
      for (int d : {1, 28, 29, 30, 31}) {
        if (!isValidCivil(y, m, d)) continue;
        const std::int64_t birth = daysFromCivil(y, m, d);
        for (const std::int64_t at : {daysFromCivil(2022, 2, 28), daysFromCivil(2024, 2, 29),
                                      daysFromCivil(2022, 12, 31), daysFromCivil(1900, 1, 31)}) {
          CHECK(f.ageYears(birth, at) == ir::ageInYearsAt(birth, at));
          CHECK(f.ageMonths(birth, at) == ir::ageInMonthsAt(birth, at));
        }
      }
}

TEST_CASE("lowered date parts, days and months added, differences equal ir::CalendarOps") {
  const jit::CalendarFunctions& f = fns();
  const auto days = daysWithEdges(daysFromCivil(1899, 12, 1), daysFromCivil(1901, 3, 31));
  const auto more = daysWithEdges(daysFromCivil(1999, 12, 1), daysFromCivil(2001, 3, 31));
  std::vector<std::int64_t> all = days;
  all.insert(all.end(), more.begin(), more.end());
  const std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  const std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  const std::vector<std::int64_t> dayCounts = {
      0, 1, -1, 30, -59, 365, 366, -36525, 4000000, -4000000, ir::kMissingInt, kMax, kMin + 1};
  const std::vector<std::int64_t> monthCounts = {0,       1,      -1,      11,     12,
                                                 13,      -13,    24,      -24001, 120000,
                                                 -120000, 120001, -120001, kMax,   ir::kMissingInt};
  std::size_t mismatches = 0;
  auto expect = [&](const char* what, std::int64_t a, std::int64_t b, std::int64_t got,
                    std::int64_t want) {
    if (got != want && ++mismatches <= 5)
      FAIL_CHECK(what << "(" << a << ", " << b << "): " << got << " vs " << want);
  };
  for (const std::int64_t d : all) {
    expect("year", d, 0, f.yearOf(d, 0), ir::datePart(d, ir::DatePart::Year));
    expect("month", d, 0, f.monthOf(d, 0), ir::datePart(d, ir::DatePart::Month));
    expect("day", d, 0, f.dayOf(d, 0), ir::datePart(d, ir::DatePart::Day));
    for (const std::int64_t n : dayCounts)
      expect("add days", d, n, f.addDays(d, n), ir::dateAddDays(d, n));
    for (const std::int64_t n : monthCounts)
      expect("add months", d, n, f.addMonths(d, n), ir::dateAddMonths(d, n));
    for (const std::int64_t e : {std::int64_t{0}, ir::kMissingDate, ir::kLastCalendarDay + 1, d})
      expect("diff days", d, e, f.diffDays(d, e), ir::dateDiffDays(d, e));
  }
  // Every month count from 9999 years back to 9999 years on, from a leap day.
  const std::int64_t leap = daysFromCivil(2000, 2, 29);
  for (std::int64_t n = -120000; n <= 120000; n += 7)
    expect("add months", leap, n, f.addMonths(leap, n), ir::dateAddMonths(leap, n));
  CHECK(mismatches == 0);
}

TEST_CASE(
    "given a date's packed parts (civilParts), the lowering gives what ir::CalendarOps gives") {
  const jit::CalendarFunctions& f = fns();
  REQUIRE(f.ageYearsParts != nullptr);
  // Births across leap years, a century and the calendar's edges, missing.
  const auto births = daysWithEdges(daysFromCivil(1899, 12, 20), daysFromCivil(1901, 3, 10));
  const auto more = daysWithEdges(daysFromCivil(1999, 12, 1), daysFromCivil(2001, 3, 31));
  std::vector<std::int64_t> all = births;
  all.insert(all.end(), more.begin(), more.end());
  const std::vector<std::int64_t> ats = {
      daysFromCivil(1900, 2, 28),  daysFromCivil(1900, 3, 1), daysFromCivil(2000, 2, 29),
      daysFromCivil(2000, 12, 31), daysFromCivil(2022, 1, 1), daysFromCivil(2022, 12, 31),
      daysFromCivil(2024, 2, 29),  ir::kMissingDate,          ir::kLastCalendarDay};
  const std::vector<std::int64_t> monthCounts = {0,   1,  -1,  11,     12,     13,
                                                 -13, 24, 240, -24001, 120001, ir::kMissingInt};
  std::size_t mismatches = 0, checked = 0;
  auto expect = [&](const char* what, std::int64_t a, std::int64_t b, std::int64_t got,
                    std::int64_t want) {
    ++checked;
    if (got != want && ++mismatches <= 5)
      FAIL_CHECK(what << "(" << a << ", " << b << "): " << got << " vs " << want);
  };
  for (const std::int64_t d : all) {
    const std::int64_t p = jit::civilParts(d);
    expect("year", d, 0, f.yearOfParts(d, p, 0), ir::datePart(d, ir::DatePart::Year));
    expect("month", d, 0, f.monthOfParts(d, p, 0), ir::datePart(d, ir::DatePart::Month));
    expect("day", d, 0, f.dayOfParts(d, p, 0), ir::datePart(d, ir::DatePart::Day));
    for (const std::int64_t at : ats) {
      expect("age years", d, at, f.ageYearsParts(d, p, at), ir::ageInYearsAt(d, at));
      expect("age months", d, at, f.ageMonthsParts(d, p, at), ir::ageInMonthsAt(d, at));
    }
    for (const std::int64_t n : monthCounts)
      expect("add months", d, n, f.addMonthsParts(d, p, n), ir::dateAddMonths(d, n));
  }
  CHECK(checked > 20000);
  CHECK(mismatches == 0);
  // What a missing or out-of-calendar date packs.
  CHECK(jit::civilParts(ir::kMissingDate) == 0);
  CHECK(jit::civilParts(daysFromCivil(2000, 2, 29)) == (2000 << 9 | 2 << 5 | 29));
}
