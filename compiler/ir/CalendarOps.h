// The date operations of the IR with missing values and the calendar's
// edges made explicit: a missing operand gives a missing result, and a
// result outside years 1..9999 is missing rather than a wrapped date
// (Missing.h). Shared by every back end that evaluates dates.
#pragma once

#include <cstdint>

#include "ir/Missing.h"

namespace mc::ir {

// 0001-01-01 and 9999-12-31 as day numbers (support/Date.h).
inline constexpr std::int64_t kFirstCalendarDay = -719162;
inline constexpr std::int64_t kLastCalendarDay = 2932896;

constexpr bool inCalendar(std::int64_t day) {
  return day >= kFirstCalendarDay && day <= kLastCalendarDay;
}

// date + days; date + months (the day clamped to the month's end).
std::int64_t dateAddDays(std::int64_t date, std::int64_t days);
std::int64_t dateAddMonths(std::int64_t date, std::int64_t months);
// a - b in days (an Int).
std::int64_t dateDiffDays(std::int64_t a, std::int64_t b);
// date(y, m, d): the day clamped to the month's end; missing for a month
// outside 1..12, a day below 1 or a year outside 1..9999.
std::int64_t makeDate(std::int64_t year, std::int64_t month, std::int64_t day);

enum class DatePart : std::uint8_t { Year, Month, Day };
std::int64_t datePart(std::int64_t date, DatePart part);

// Whole years / months from `birth` to `at` (negative before the birth).
std::int64_t ageInYearsAt(std::int64_t birth, std::int64_t at);
std::int64_t ageInMonthsAt(std::int64_t birth, std::int64_t at);

}  // namespace mc::ir
