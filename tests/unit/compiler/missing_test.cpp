// The IR's definition of missing values (ir/Missing.h, ir/CalendarOps.h):
// Kleene logic, checked int arithmetic, dates at the calendar's edges.
#include "ir/Missing.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "ir/CalendarOps.h"

using namespace mc;
using namespace mc::ir;

namespace {
std::int64_t day(int y, int m, int d) { return daysFromCivil(y, m, d); }
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
}  // namespace

TEST_CASE("and, or, not are Kleene's three-valued logic", "[missing]") {
  const std::int64_t F = kFalse, T = kTrue, U = kUnknown;
  CHECK(kleeneNot(U) == U);
  CHECK(kleeneNot(T) == F);
  CHECK(kleeneNot(F) == T);
  CHECK(kleeneAnd(U, F) == F);
  CHECK(kleeneAnd(F, U) == F);
  CHECK(kleeneAnd(U, T) == U);
  CHECK(kleeneAnd(U, U) == U);
  CHECK(kleeneAnd(T, T) == T);
  CHECK(kleeneOr(U, T) == T);
  CHECK(kleeneOr(T, U) == T);
  CHECK(kleeneOr(U, F) == U);
  CHECK(kleeneOr(U, U) == U);
  CHECK(kleeneOr(F, F) == F);
}

TEST_CASE("int arithmetic: missing in, missing out, overflow is missing", "[missing]") {
  CHECK(intAdd(2, 3) == 5);
  CHECK(intSub(2, 3) == -1);
  CHECK(intMul(-4, 3) == -12);
  CHECK(intNeg(7) == -7);
  CHECK(intAdd(kMissingInt, 1) == kMissingInt);
  CHECK(intSub(1, kMissingInt) == kMissingInt);
  CHECK(intMul(kMissingInt, 0) == kMissingInt);
  CHECK(intNeg(kMissingInt) == kMissingInt);
  CHECK(intAdd(kMax, 1) == kMissingInt);
  CHECK(intSub(-kMax, 2) == kMissingInt);
  CHECK(intMul(999999999, intMul(999999999, 999999999)) == kMissingInt);
  CHECK(intMul(999999999, 999999999) == 999999998000000001);
  CHECK(intNeg(-kMax) == kMax);  // every Int but the sentinel negates
}

TEST_CASE("numbers: not finite is missing, missing ints become missing numbers", "[missing]") {
  CHECK(std::isnan(finiteOrMissing(std::numeric_limits<double>::infinity())));
  CHECK(std::isnan(finiteOrMissing(kMissingNum)));
  CHECK(finiteOrMissing(2.5) == 2.5);
  CHECK(std::isnan(intToNum(kMissingInt)));
  CHECK(intToNum(-3) == -3.0);
}

TEST_CASE("the calendar bounds are 0001-01-01 and 9999-12-31", "[missing]") {
  CHECK(kFirstCalendarDay == day(1, 1, 1));
  CHECK(kLastCalendarDay == day(9999, 12, 31));
}

TEST_CASE("date arithmetic leaves the calendar as missing, never wrapped", "[missing]") {
  const std::int64_t d = day(2022, 1, 31);
  CHECK(dateAddDays(d, 1) == day(2022, 2, 1));
  CHECK(dateAddMonths(d, 1) == day(2022, 2, 28));
  CHECK(dateAddMonths(d, -12 * 2021) == day(1, 1, 31));
  CHECK(dateAddMonths(d, -12 * 2022) == kMissingDate);  // year 0
  CHECK(dateAddMonths(d, 12 * 7977 + 11) == day(9999, 12, 31));
  CHECK(dateAddMonths(d, 12 * 7978) == kMissingDate);  // year 10000
  CHECK(dateAddMonths(d, 999999999) == kMissingDate);
  CHECK(dateAddMonths(d, -999999999) == kMissingDate);
  CHECK(dateAddMonths(d, intMul(999999999, 12)) == kMissingDate);
  CHECK(dateAddDays(day(9999, 12, 31), 1) == kMissingDate);
  CHECK(dateAddDays(day(1, 1, 1), -1) == kMissingDate);
  CHECK(dateAddDays(d, kMax) == kMissingDate);
  CHECK(dateAddDays(d, -kMax) == kMissingDate);
  CHECK(dateAddDays(kMissingDate, 1) == kMissingDate);
  CHECK(dateAddDays(d, kMissingInt) == kMissingDate);
  CHECK(dateAddMonths(kMissingDate, 1) == kMissingDate);
  CHECK(dateAddMonths(d, kMissingInt) == kMissingDate);
}

TEST_CASE("date(y, m, d), parts, differences and ages of missing dates", "[missing]") {
  CHECK(makeDate(2023, 2, 29) == day(2023, 2, 28));
  CHECK(makeDate(kMissingInt, 1, 1) == kMissingDate);
  CHECK(makeDate(2022, kMissingInt, 1) == kMissingDate);
  CHECK(makeDate(2022, 1, kMissingInt) == kMissingDate);
  CHECK(makeDate(10000, 1, 1) == kMissingDate);
  CHECK(makeDate(2022, 13, 1) == kMissingDate);
  CHECK(makeDate(2022, 1, 0) == kMissingDate);
  CHECK(makeDate(2022, 1, kMax) == day(2022, 1, 31));
  CHECK(datePart(day(2022, 3, 4), DatePart::Year) == 2022);
  CHECK(datePart(day(2022, 3, 4), DatePart::Month) == 3);
  CHECK(datePart(day(2022, 3, 4), DatePart::Day) == 4);
  for (DatePart p : {DatePart::Year, DatePart::Month, DatePart::Day})
    CHECK(datePart(kMissingDate, p) == kMissingInt);
  CHECK(dateDiffDays(day(2022, 3, 4), day(2022, 3, 1)) == 3);
  CHECK(dateDiffDays(kMissingDate, day(2022, 3, 1)) == kMissingInt);
  CHECK(dateDiffDays(day(2022, 3, 1), kMissingDate) == kMissingInt);
  CHECK(ageInYearsAt(day(1970, 5, 1), day(2022, 4, 30)) == 51);
  CHECK(ageInYearsAt(day(1970, 5, 1), kMissingDate) == kMissingInt);
  CHECK(ageInMonthsAt(kMissingDate, day(2022, 4, 30)) == kMissingInt);
}
