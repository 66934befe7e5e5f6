// The usual date cell, `YYYY-MM-DD` with an optional `Thh:mm:ss`, read inline
// on the loader's row path: a word of bytes checked at once, then a table of
// month starts. Any other cell (other years, other forms, bad cells) reads
// false here and takes the general path (CellParsing.cpp), which gives the
// same days and every message.
#pragma once

#include <cstdint>
#include <cstring>

#include "store/LittleWords.h"
#include "support/Date.h"
#include "support/DateTime.h"

namespace mc::store {

// The months of the years 1900-2199: for each year 20 entries indexed by the
// month as written (`00` to `19`, the first digit having been checked to be
// 0 or 1), each the day number of the month's first day times 32 plus its
// length in days, 0 for the months that do not exist. Built by the compiler
// (PlainDate.cpp).
struct CalendarMonths {
  static constexpr unsigned kFirstYear = 1900, kYears = 300, kPerYear = 20;
  std::int32_t entries[kYears * kPerYear];
};
extern const CalendarMonths kCalendarMonths;

namespace plain_cells {

// Eight bytes as one word, the first byte lowest.
inline std::uint64_t load64(const char* at) { return loadLittle64(at); }

inline std::uint32_t load16(const char* at) {
  return std::uint32_t{static_cast<unsigned char>(at[0])} |
         std::uint32_t{static_cast<unsigned char>(at[1])} << 8;
}

// A word of bytes, each XOR'ed with what its place expects (a digit's 0x30, a
// separator itself), is good when each byte is at most its limit: a digit's
// 9 (or less for a leading digit: a month's first digit is at most 1), a
// separator's 0. `addends` holds 0x7F minus each limit: a byte within its
// limit stays below 0x80, one above it reaches 0x80, and a byte from 0x80 up
// is caught by itself (it is the only kind that can carry into the next).
inline bool withinLimits(std::uint64_t x, std::uint64_t addends) {
  return (((x + addends) | x) & 0x8080808080808080u) == 0;
}

// Byte i of `values` times ten plus byte i + 1, in byte i (no carry: each
// byte is at most 9).
inline std::uint64_t pairDigits(std::uint64_t values) { return values * 10 + (values >> 8); }

}  // namespace plain_cells

// `YYYY-MM-DD` at `text` (10 bytes) with a year from 1900 to 2199, into its
// day number; false for anything else. The same days as parseIsoDate (unit
// test: every day of those years, every byte in every place).
[[gnu::always_inline]] inline bool readPlainDate(const char* text, Days& out) {
  using namespace plain_cells;
  // Bytes 0-7 `YYYY-MM-`: digits, the month's first at most 1, hyphens.
  const std::uint64_t head = load64(text) ^ 0x2D30302D30303030u;
  // Bytes 8-9 `DD`: digits (the month's length bounds the day).
  const std::uint32_t day = load16(text + 8) ^ 0x3030u;
  if (!withinLimits(head, 0x7F767E7F76767676u) || (((day + 0x7676u) | day) & 0x8080u) != 0)
    return false;
  const std::uint64_t pairs = pairDigits(head);
  const unsigned year =
      static_cast<unsigned>(pairs & 0xFF) * 100 + static_cast<unsigned>((pairs >> 16) & 0xFF);
  const unsigned month = static_cast<unsigned>((pairs >> 40) & 0xFF);
  // Wraps round below 1900.
  const unsigned slot = (year - CalendarMonths::kFirstYear) * CalendarMonths::kPerYear + month;
  if (slot >= CalendarMonths::kYears * CalendarMonths::kPerYear) return false;
  const std::int32_t entry = kCalendarMonths.entries[slot];
  const unsigned dayOfMonth = (day & 0xFF) * 10 + (day >> 8);
  // Day 0 wraps round; a month that does not exist has length 0.
  if (dayOfMonth - 1 >= static_cast<unsigned>(entry & 31)) return false;
  out = (entry >> 5) + static_cast<Days>(dayOfMonth) - 1;
  return true;
}

// `Thh:mm:ss` at `text` (9 bytes), into seconds since midnight; false for
// anything else (other forms take parseIsoDayTime).
[[gnu::always_inline]] inline bool readPlainTime(const char* text, Seconds& out) {
  using namespace plain_cells;
  // Bytes 1-8 `hh:mm:ss`: digits, the minute's and second's first at most
  // 5 (the hour is checked whole).
  const std::uint64_t clock = load64(text + 1) ^ 0x30303A30303A3030u;
  if (text[0] != 'T' || !withinLimits(clock, 0x767A7F767A7F7676u)) return false;
  const std::uint64_t pairs = pairDigits(clock);
  const unsigned hours = static_cast<unsigned>(pairs & 0xFF);
  if (hours > 23) return false;
  out = static_cast<Seconds>(hours * 3600 + static_cast<unsigned>((pairs >> 24) & 0xFF) * 60 +
                             static_cast<unsigned>((pairs >> 48) & 0xFF));
  return true;
}

}  // namespace mc::store
