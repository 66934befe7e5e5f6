// Civil-calendar arithmetic on day numbers (proleptic Gregorian calendar).
#include "support/Date.h"

#include <cstdio>

namespace mc {

bool isLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

bool isValidCivil(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= daysInMonth(year, month);
}

// Day numbers via 400-year eras (each era is 146097 days), counting years
// from March so that the leap day is the last day of the counted year.
Days daysFromCivil(int year, int month, int day) {
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yearOfEra = y - era * 400;
  const int monthFromMarch = (month + 9) % 12;
  const int dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
  const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return static_cast<Days>(era * 146097 + dayOfEra - 719468);
}

CivilDate civilFromDays(Days days) {
  const int z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int dayOfEra = z - era * 146097;
  const int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
  const int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
  const int monthFromMarch = (5 * dayOfYear + 2) / 153;
  CivilDate out;
  out.day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
  out.month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  out.year = yearOfEra + era * 400 + (out.month <= 2 ? 1 : 0);
  return out;
}

std::optional<Days> parseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lengths[p]; ++i) {
      const char c = text[starts[p] + i];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  if (!isValidCivil(parts[0], parts[1], parts[2])) return std::nullopt;
  return daysFromCivil(parts[0], parts[1], parts[2]);
}

std::string formatIsoDate(Days days) {
  if (days == kNoDate) return "";
  const CivilDate c = civilFromDays(days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

Days addMonths(Days date, int months) {
  const CivilDate c = civilFromDays(date);
  const int total = c.year * 12 + (c.month - 1) + months;
  const int year = total >= 0 ? total / 12 : (total - 11) / 12;
  const int month = total - year * 12 + 1;
  const int day = c.day <= daysInMonth(year, month) ? c.day : daysInMonth(year, month);
  return daysFromCivil(year, month, day);
}

int ageInMonths(Days birth, Days at) {
  const CivilDate b = civilFromDays(birth);
  const CivilDate a = civilFromDays(at);
  // The largest N with birth + N months (addMonths) <= at, before the birth
  // date too. birth + `months` lands in at's own month, on the birth's day
  // or that month's last if shorter: N is `months` when that day is not
  // after at's, else one less (one month fewer falls in an earlier month,
  // one more in a later one). The same closed form as the JIT's
  // (jit/CalendarLowering.cpp); no addMonths call, which was most of the
  // interpreter's calendar time.
  const int months = (a.year - b.year) * 12 + (a.month - b.month);
  const int last = daysInMonth(a.year, a.month);
  const int landed = b.day < last ? b.day : last;
  return landed > a.day ? months - 1 : months;
}

int ageInYears(Days birth, Days at) {
  const int months = ageInMonths(birth, at);
  return months >= 0 ? months / 12 : -((-months + 11) / 12);
}

}  // namespace mc
