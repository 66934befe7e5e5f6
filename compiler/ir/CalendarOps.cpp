// Date operations of the IR on missing values and at the calendar's edges.
#include "ir/CalendarOps.h"

#include <algorithm>

namespace mc::ir {

static bool usable(std::int64_t date) { return date != kMissingDate && inCalendar(date); }

std::int64_t dateAddDays(std::int64_t date, std::int64_t days) {
  if (!usable(date) || days == kMissingInt) return kMissingDate;
  std::int64_t r = 0;
  if (__builtin_add_overflow(date, days, &r) || !inCalendar(r)) return kMissingDate;
  return r;
}

std::int64_t dateAddMonths(std::int64_t date, std::int64_t months) {
  if (!usable(date) || months == kMissingInt) return kMissingDate;
  const CivilDate c = civilFromDays(static_cast<Days>(date));
  // Months since January of year 0; anything past 9999-12 is out of range,
  // so the sum cannot overflow once `months` is bounded by the calendar.
  constexpr std::int64_t kCalendarMonths = 12 * 10000;
  if (months > kCalendarMonths || months < -kCalendarMonths) return kMissingDate;
  const std::int64_t total = std::int64_t{c.year} * 12 + (c.month - 1) + months;
  const std::int64_t year = total / 12;  // total >= 0 whenever the year is >= 1
  if (total < 12 || year > 9999) return kMissingDate;
  const int y = static_cast<int>(year);
  const int m = static_cast<int>(total % 12) + 1;
  return daysFromCivil(y, m, std::min(c.day, daysInMonth(y, m)));
}

std::int64_t dateDiffDays(std::int64_t a, std::int64_t b) {
  if (!usable(a) || !usable(b)) return kMissingInt;
  return a - b;
}

std::int64_t makeDate(std::int64_t year, std::int64_t month, std::int64_t day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return kMissingDate;
  const int y = static_cast<int>(year), m = static_cast<int>(month);
  return daysFromCivil(y, m, static_cast<int>(std::min<std::int64_t>(day, daysInMonth(y, m))));
}

std::int64_t datePart(std::int64_t date, DatePart part) {
  if (!usable(date)) return kMissingInt;
  const CivilDate c = civilFromDays(static_cast<Days>(date));
  switch (part) {
    case DatePart::Year: return c.year;
    case DatePart::Month: return c.month;
    case DatePart::Day: return c.day;
  }
  return kMissingInt;
}

std::int64_t ageInYearsAt(std::int64_t birth, std::int64_t at) {
  if (!usable(birth) || !usable(at)) return kMissingInt;
  return ageInYears(static_cast<Days>(birth), static_cast<Days>(at));
}

std::int64_t ageInMonthsAt(std::int64_t birth, std::int64_t at) {
  if (!usable(birth) || !usable(at)) return kMissingInt;
  return ageInMonths(static_cast<Days>(birth), static_cast<Days>(at));
}

}  // namespace mc::ir
