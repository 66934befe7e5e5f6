// Date cells: the loader's word-at-a-time reader of the usual `YYYY-MM-DD`
// and `YYYY-MM-DDThh:mm:ss` (store/PlainDate.h) against the general path it
// stands in front of (support/Date.h parseIsoDate, support/DateTime.h
// parseIsoDayTime, and the messages the loader gave before): the same
// accepted cells, the same day numbers and times, the same problems.
#include <catch2/catch.hpp>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "store/CellParsing.h"
#include "support/Date.h"
#include "support/DateTime.h"

using namespace mc;
using namespace mc::store;

namespace {

constexpr const char* kDateHint = "dates are YYYY-MM-DD (e.g. 2022-03-31)";
constexpr const char* kTimeHint =
    "write YYYY-MM-DD, or YYYY-MM-DDThh:mm[:ss] with an optional Z or +hh:mm offset "
    "(e.g. 2025-03-10T09:30)";

bool hasDateShape(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (const size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

// What a date cell reads as on the general path alone: a day or a time, or
// the problem the loader reports.
struct Reading {
  bool ok = false;
  Days day = 0;
  Seconds time = kNoTime;
  RowProblem problem;
};

RowProblem problemOf(std::string_view cell, std::string message, std::string hint) {
  return {"date", std::string(cell), std::move(message), std::move(hint)};
}

Reading generalDate(std::string_view cell) {
  Reading r;
  if (blank(cell)) {
    r.problem = problemOf(cell, "empty value in a required column",
                          "every row needs a date; fill it in or drop the row");
  } else if (const std::optional<Days> day = parseIsoDate(cell)) {
    r.ok = true;
    r.day = *day;
  } else {
    r.problem =
        problemOf(cell, hasDateShape(cell) ? "no such calendar date" : "not a date", kDateHint);
  }
  return r;
}

Reading generalEventDate(std::string_view cell) {
  if (cell.size() <= 10) return generalDate(cell);
  Reading r;
  std::string why;
  if (const std::optional<DayTime> dt = parseIsoDayTime(cell, &why)) {
    r.ok = true;
    r.day = dt->day;
    r.time = dt->time;
  } else if (why.empty()) {
    r.problem = problemOf(
        cell, hasDateShape(cell.substr(0, 10)) ? "no such calendar date" : "not a date", kDateHint);
  } else {
    r.problem = problemOf(cell, "not a date with a time of day: " + why, kTimeHint);
  }
  return r;
}

bool sameProblem(const RowProblem& a, const RowProblem& b) {
  return a.column == b.column && a.value == b.value && a.message == b.message && a.hint == b.hint;
}

// parseDate (cells of up to 10 bytes) and parseEventDate against the
// general path; false, with what differs, when they disagree.
bool agrees(std::string_view cell, std::string& why) {
  const Reading want = generalEventDate(cell);
  Days day = 12345;
  Seconds time = 12345;
  RowProblem problem;
  const bool ok = parseEventDate("date", cell, day, time, problem);
  bool same = ok == want.ok && (ok ? day == want.day && time == want.time
                                   : time == kNoTime && sameProblem(problem, want.problem));
  if (same && cell.size() <= 10) {
    Days dateOnly = 12345;
    RowProblem dateProblem;
    const bool dateOk = parseDate("date", cell, dateOnly, dateProblem);
    same = dateOk == want.ok &&
           (dateOk ? dateOnly == want.day : sameProblem(dateProblem, want.problem));
  }
  if (!same) {
    why = "'" + std::string(cell) + "': read " + (ok ? "ok" : problem.message) + " day " +
          std::to_string(day) + " time " + std::to_string(time) + "; want " +
          (want.ok ? "ok" : want.problem.message) + " day " + std::to_string(want.day) + " time " +
          std::to_string(want.time);
  }
  return same;
}

// Runs `agrees` over many cells, counting the cells that disagree: one
// Catch assertion per cell would take minutes for millions of them.
struct Tally {
  long cells = 0, wrong = 0;
  std::string first;
  void check(std::string_view cell) {
    ++cells;
    std::string why;
    if (!agrees(cell, why) && wrong++ == 0) first = why;
  }
};

}  // namespace

TEST_CASE(
    "every day of every year 0000-9999, and the days around the months, read as "
    "parseIsoDate",
    "[cells]") {
  Tally tally;
  char cell[40];
  for (int year = 0; year <= 9999; ++year) {
    for (int month = 0; month <= 13; ++month) {
      for (int day = 0; day <= 32; ++day) {
        std::snprintf(cell, sizeof cell, "%04d-%02d-%02d", year % 10000, month % 100, day % 100);
        tally.check(cell);
      }
    }
  }
  INFO(tally.first);
  CHECK(tally.cells == 10000L * 14 * 33);
  CHECK(tally.wrong == 0);
}

TEST_CASE("near misses of a date take the general path and its messages", "[cells]") {
  for (const char* text : {"0000-01-01",
                           "0001-01-01",
                           "9999-12-31",
                           "2100-02-29",
                           "2000-02-29",
                           "1900-02-29",
                           "2024-02-29",
                           "2023-02-29",
                           "2022-02-30",
                           "2022-2-03",
                           "2022-02-03T",
                           "2022-02-03 ",
                           " 2022-02-03",
                           "+022-02-03",
                           "-022-02-03",
                           "2022-+2-03",
                           "2022-02-+3",
                           "2022-02-031",
                           "2022-02-0",
                           "2022-1a-01",
                           "2022-01-0/",
                           "2022-01-0:",
                           "2022/01/01",
                           "20220-1-01",
                           "2022_01-01",
                           "2022-01_01",
                           "",
                           " ",
                           "          ",
                           "2022-\xff"
                           "1-01",
                           "\xb2"
                           "022-01-01",
                           "2022-01-01\t",
                           "2022-00-10",
                           "2022-13-10",
                           "2022-12-00",
                           "2022-12-32",
                           "99999-01-01"}) {
    std::string why;
    CHECK(agrees(text, why));
    INFO(why);
  }
  // Every byte in every place of a few dates, and one byte too many or few.
  Tally tally;
  for (const std::string base : {"2022-03-10", "2000-02-29", "1900-02-28", "0001-01-01"}) {
    for (size_t at = 0; at < base.size(); ++at) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string cell = base;
        cell[at] = static_cast<char>(byte);
        tally.check(cell);
        tally.check(cell.substr(0, at) + cell.substr(at + 1));
        tally.check(cell.substr(0, at + 1) + base.substr(at));
      }
    }
  }
  INFO(tally.first);
  CHECK(tally.wrong == 0);
}

TEST_CASE("times of day: the usual hh:mm:ss, every other form and the near misses", "[cells]") {
  Tally tally;
  char cell[64];
  for (int hour = 0; hour <= 25; ++hour) {
    for (int minute = 0; minute <= 61; ++minute) {
      for (int second = 0; second <= 61; ++second) {
        std::snprintf(cell, sizeof cell, "2024-02-29T%02d:%02d:%02d", hour % 100, minute % 100,
                      second % 100);
        tally.check(cell);
      }
    }
  }
  for (const char* text :
       {"2025-03-10T09:30", "2025-03-10T09:30:15Z", "2025-03-10T09:30:15+02:00",
        "2025-03-10T09:30:15.250", "2025-03-10T09:30:15.", "2025-03-10 09:30:15",
        "2025-03-10t09:30:15", "2025-02-30T09:30:15", "2025-03-10T9:30:15", "2025-03-10T09:30:1",
        "2025-03-10T09-30-15", "2025-03-10T24:00:00", "2025-03-10T09:60:00", "2025-03-10T09:30:60",
        "2025-03-10T", "2025-03-10T09:30:15 ", "0000-03-10T09:30:15", "2025-3-10T09:30:15"}) {
    tally.check(text);
  }
  for (const std::string base : {"2025-03-10T09:30:15", "2000-02-29T23:59:59"}) {
    for (size_t at = 0; at < base.size(); ++at) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string text = base;
        text[at] = static_cast<char>(byte);
        tally.check(text);
      }
    }
  }
  INFO(tally.first);
  CHECK(tally.cells > 26 * 62 * 62);
  CHECK(tally.wrong == 0);
}

TEST_CASE("optional dates: an empty or blank cell is the default, without a time", "[cells]") {
  for (const char* text : {"", " ", "\t "}) {
    Days day = 0, plain = 0;
    Seconds time = 0;
    RowProblem problem;
    CHECK(parseOptionalEventDate("end", text, kOpenEnd, day, time, problem));
    CHECK(day == kOpenEnd);
    CHECK(time == kNoTime);
    CHECK(parseOptionalDate("end", text, kNoDate, plain, problem));
    CHECK(plain == kNoDate);
  }
  Days day = 0;
  Seconds time = 0;
  RowProblem problem;
  CHECK(parseOptionalEventDate("end", "2022-01-31T08:00:00", kOpenEnd, day, time, problem));
  CHECK(day == *parseIsoDate("2022-01-31"));
  CHECK(time == 8 * 3600);
}

namespace {

// What the inline reader must give for a 10-byte cell: parseIsoDate's day
// for a date of 1900-2199, nothing for any other cell (it goes to the
// general path).
std::optional<Days> plainDateWanted(const std::string& cell) {
  const std::optional<Days> day = parseIsoDate(cell);
  if (!day || cell.size() != 10) return std::nullopt;
  const int year = std::stoi(cell.substr(0, 4));
  if (year < 1900 || year > 2199) return std::nullopt;
  return day;
}

// The reader against what it must give; counts the cells where it does not.
struct PlainTally {
  long cells = 0, wrong = 0, read = 0;
  std::string first;
  void check(const std::string& cell) {
    ++cells;
    Days day = 12345;
    const bool ok = readPlainDate(cell.data(), day);
    const std::optional<Days> want = plainDateWanted(cell);
    read += ok;
    if (ok == want.has_value() && (!ok || day == *want)) return;
    if (wrong++ == 0) first = "'" + cell + "' read " + (ok ? std::to_string(day) : "nothing");
  }
};

}  // namespace

TEST_CASE("the inline date reader: every day of 1895-2205 and the months and days around them",
          "[cells]") {
  PlainTally tally;
  char cell[40];
  for (int year = 1895; year <= 2205; ++year) {
    for (int month = 0; month <= 19; ++month) {
      for (int day = 0; day <= 39; ++day) {
        std::snprintf(cell, sizeof cell, "%04d-%02d-%02d", year, month, day);
        tally.check(cell);
      }
    }
  }
  INFO(tally.first);
  CHECK(tally.wrong == 0);
  // Every day of the 300 years, and nothing else, on the inline path.
  CHECK(tally.read == 109573);
}

TEST_CASE("the inline date reader: every byte in every place", "[cells]") {
  PlainTally tally;
  for (const std::string base :
       {"2022-03-10", "2000-02-29", "1900-02-28", "2199-12-31", "2024-10-31", "1999-09-09"}) {
    for (size_t at = 0; at < base.size(); ++at) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string cell = base;
        cell[at] = static_cast<char>(byte);
        tally.check(cell);
      }
    }
  }
  INFO(tally.first);
  CHECK(tally.wrong == 0);
  CHECK(tally.read > 6 * 10);
}

TEST_CASE("the inline time reader: every hh:mm:ss and every byte in every place", "[cells]") {
  long wrong = 0, read = 0;
  std::string first;
  const auto check = [&](const std::string& text, std::optional<Seconds> want) {
    Seconds time = 12345;
    const bool ok = readPlainTime(text.data(), time);
    read += ok;
    if (ok == want.has_value() && (!ok || time == *want)) return;
    if (wrong++ == 0) first = "'" + text + "' read " + (ok ? std::to_string(time) : "nothing");
  };
  char text[40];
  for (int hour = 0; hour <= 39; ++hour) {
    for (int minute = 0; minute <= 69; ++minute) {
      for (int second = 0; second <= 69; ++second) {
        std::snprintf(text, sizeof text, "T%02d:%02d:%02d", hour, minute, second);
        const bool good = hour < 24 && minute < 60 && second < 60;
        check(text,
              good ? std::optional<Seconds>(hour * 3600 + minute * 60 + second) : std::nullopt);
      }
    }
  }
  CHECK(read == 86400);
  for (const std::string base : {"T09:30:15", "T23:59:59", "T00:00:00", "T19:09:50"}) {
    for (size_t at = 0; at < base.size(); ++at) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string changed = base;
        changed[at] = static_cast<char>(byte);
        // The general reader's answer for a cell with this time when it has
        // the usual shape; every other form is the general reader's alone.
        bool usual = changed[0] == 'T' && changed[3] == ':' && changed[6] == ':';
        for (const size_t digit : {1, 2, 4, 5, 7, 8})
          usual = usual && changed[digit] >= '0' && changed[digit] <= '9';
        const std::optional<DayTime> want = parseIsoDayTime("2024-02-29" + changed);
        check(changed, usual && want ? std::optional<Seconds>(want->time) : std::nullopt);
      }
    }
  }
  INFO(first);
  CHECK(wrong == 0);
}
