// Date cells: the loader's table of month starts (CellParsing.cpp) reads
// every YYYY-MM-DD as support/Date.h's parseIsoDate does.
#include <catch2/catch.hpp>
#include <cstdio>
#include <optional>
#include <string>

#include "store/CellParsing.h"
#include "support/Date.h"

using namespace mc;
using namespace mc::store;

namespace {

// parseDate and parseEventDate against parseIsoDate for one cell.
void agrees(const std::string& cell) {
  const std::optional<Days> want = parseIsoDate(cell);
  Days day = 12345, eventDay = 12345;
  Seconds time = 0;
  RowProblem problem, eventProblem;
  INFO("'" << cell << "'");
  REQUIRE(parseDate("date", cell, day, problem) == want.has_value());
  REQUIRE(parseEventDate("date", cell, eventDay, time, eventProblem) == want.has_value());
  if (want) {
    CHECK(day == *want);
    CHECK(eventDay == *want);
    CHECK(time == kNoTime);
  } else {
    CHECK(problem.message == eventProblem.message);
    CHECK_FALSE(problem.message.empty());
  }
}

}  // namespace

TEST_CASE("every day of 1895-2205, and the days around the months, read as parseIsoDate",
          "[cells]") {
  // Room for any three ints: the sanitizer build's value ranges see past
  // the loops' bounds and would call a tighter buffer truncated.
  char cell[40];
  for (int year = 1895; year <= 2205; ++year) {
    for (int month = 0; month <= 13; ++month) {
      for (int day = 0; day <= 32; ++day) {
        std::snprintf(cell, sizeof cell, "%04d-%02d-%02d", year, month, day);
        agrees(cell);
      }
    }
  }
  for (const char* text : {"0000-01-01", "9999-12-31", "2100-02-29", "2000-02-29", "1900-02-29",
                           "2024-02-30", "2022-1a-01", "2022-01-0/", "2022-01-0:", "2022/01/01",
                           "20220-1-01", " 2022-01-01", "2022-01-01 ", "2022-01-1", "",
                           "2022-\xff"
                           "1-01",
                           "2022-01-01T09:30"}) {
    if (std::string(text).size() <= 10) agrees(text);
  }
}
