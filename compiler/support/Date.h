// Calendar dates as int32 day numbers (days since 1970-01-01), the one date
// type of measurec: the language, the member store and the results use it.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace mc {

using Days = std::int32_t;

// A date that is absent (no death date, no latest event).
inline constexpr Days kNoDate = std::numeric_limits<Days>::min();
// The end of an open interval (enrollment still active, condition not abated).
inline constexpr Days kOpenEnd = std::numeric_limits<Days>::max();

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

bool isLeapYear(int year);
int daysInMonth(int year, int month);
bool isValidCivil(int year, int month, int day);

Days daysFromCivil(int year, int month, int day);
CivilDate civilFromDays(Days days);

// Strict ISO-8601 calendar date `YYYY-MM-DD`; nullopt for anything else,
// including impossible dates such as 2022-02-30.
std::optional<Days> parseIsoDate(std::string_view text);
std::string formatIsoDate(Days days);

// A date plus N months keeps the day of month, clamped to the month's end:
// 2020-02-29 + 12 months = 2021-02-28; 2022-01-31 + 15 months = 2023-04-30.
// (MEASURES.md conventions; HEDIS MY2022 General Guideline on age.)
Days addMonths(Days date, int months);
inline Days addYears(Days date, int years) { return addMonths(date, 12 * years); }

// Whole years (months) completed at `at`: the largest N with
// addYears(birth, N) <= at. Negative when `at` precedes the birth date.
int ageInYears(Days birth, Days at);
int ageInMonths(Days birth, Days at);

}  // namespace mc
