// Rows formatted in ranges on several threads (output/RowRanges.h): the
// file is the one a single thread writes, whatever the thread count, the
// range size, or the order in which the ranges are finished.
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>

#include "output/RowRanges.h"

using namespace mc;

namespace {

std::string rowText(std::size_t row) { return "row " + std::to_string(row) + "\n"; }

std::string plainRows(std::size_t rows) {
  std::string out;
  for (std::size_t r = 0; r < rows; ++r) out += rowText(r);
  return out;
}

std::string rangesOf(std::size_t rows, int threads, std::size_t rowsPerRange) {
  std::ostringstream out;
  output::writeRowRanges(
      out, rows, threads,
      [&](std::size_t first, std::size_t last, output::RowText& text) {
        // The first ranges take longest, so that later ranges are finished
        // before them and wait for their turn.
        if (first < 3 * rowsPerRange) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        for (std::size_t r = first; r < last; ++r) text.append(rowText(r));
      },
      rowsPerRange);
  return out.str();
}

}  // namespace

TEST_CASE("row ranges: the file one thread writes, for any thread count and range size") {
  for (const std::size_t rows : {std::size_t{0}, std::size_t{1}, std::size_t{6}, std::size_t{7},
                                 std::size_t{100}, std::size_t{1001}}) {
    for (const int threads : {1, 2, 4}) {
      INFO(rows << " rows, " << threads << " threads");
      CHECK(rangesOf(rows, threads, 7) == plainRows(rows));
      CHECK(rangesOf(rows, threads, 1) == plainRows(rows));
      CHECK(rangesOf(rows, threads, output::kRowsPerRange) == plainRows(rows));
    }
  }
}

TEST_CASE("row ranges: each range is asked for once, with the rows it covers") {
  std::ostringstream out;
  std::string asked;
  std::mutex m;
  output::writeRowRanges(
      out, 10, 3,
      [&](std::size_t first, std::size_t last, output::RowText& text) {
        CHECK(text.empty());  // a spare buffer comes back empty
        text.append(std::to_string(first) + "-" + std::to_string(last) + ";");
        const std::lock_guard<std::mutex> lock(m);
        asked += text.view();
      },
      4);
  CHECK(out.str() == "0-4;4-8;8-10;");
  CHECK(asked.size() == out.str().size());
}

TEST_CASE("row ranges of two files: each file gets its own texts in range order") {
  // The second file has rows of every third row only, and ranges with none.
  for (const int threads : {1, 2, 4}) {
    for (const std::size_t perRange : {std::size_t{1}, std::size_t{2}, std::size_t{7}}) {
      INFO(threads << " threads, " << perRange << " rows per range");
      std::ostringstream all, some;
      output::writeRowRanges(
          {&all, &some}, 100, threads,
          [&](std::size_t first, std::size_t last, output::RowText* texts) {
            CHECK(texts[0].empty());
            CHECK(texts[1].empty());
            if (first < 3 * perRange) std::this_thread::sleep_for(std::chrono::milliseconds(5));
            for (std::size_t r = first; r < last; ++r) {
              texts[0].append(rowText(r));
              if (r % 3 == 0) texts[1].append("third " + rowText(r));
            }
          },
          perRange);
      std::string everyThird;
      for (std::size_t r = 0; r < 100; r += 3) everyThird += "third " + rowText(r);
      CHECK(all.str() == plainRows(100));
      CHECK(some.str() == everyThird);
    }
  }
}

TEST_CASE("row text: growing keeps every byte written and clear keeps the room") {
  output::RowText text;
  std::string expected;
  for (std::size_t r = 0; r < 5000; ++r) {
    const std::string row = rowText(r);
    // More room than the row takes, as the writers ask for its longest form.
    char* at = text.room(row.size() + r % 37);
    for (const char c : row) *at++ = c;
    text.endAt(at);
    expected += row;
  }
  CHECK(text.view() == expected);
  const char* before = text.room(1);
  text.clear();
  CHECK(text.empty());
  CHECK(text.room(expected.size() / 2) == before - expected.size());
  text.append("again");
  CHECK(text.view() == "again");
}
