// The month table of the inline date reader (PlainDate.h), built by the
// compiler.
#include "store/PlainDate.h"

namespace mc::store {
namespace {

constexpr CalendarMonths buildCalendarMonths() {
  constexpr unsigned kDaysInMonth[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  CalendarMonths months{};
  Days start = -25567;  // 1900-01-01
  for (unsigned y = 0; y < CalendarMonths::kYears; ++y) {
    const unsigned year = CalendarMonths::kFirstYear + y;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    for (unsigned month = 1; month <= 12; ++month) {
      const unsigned length = kDaysInMonth[month - 1] + unsigned{month == 2 && leap};
      months.entries[y * CalendarMonths::kPerYear + month] =
          start * 32 + static_cast<std::int32_t>(length);
      start += static_cast<Days>(length);
    }
  }
  return months;
}

}  // namespace

constexpr CalendarMonths kCalendarMonths = buildCalendarMonths();

}  // namespace mc::store
