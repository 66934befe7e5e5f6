// Reading a CSV text in chunks (store/CsvChunks.h, CsvReader::openRange):
// for every chunk size, the records, their lines, their problems and an
// unclosed quote are those of one reader over the whole text.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "store/CsvChunks.h"
#include "support/CsvReader.h"

using mc::csv::CsvReader;
using mc::csv::ReadStatus;
using mc::csv::Record;
using mc::store::ChunkSpan;
using mc::store::chunkStarts;

namespace {

struct Seen {
  std::uint64_t line = 0;
  std::string raw;
  std::vector<std::string> fields;
  std::string problem;
  bool unclosedQuote = false;

  bool operator==(const Seen& o) const {
    return line == o.line && raw == o.raw && fields == o.fields && problem == o.problem &&
           unclosedQuote == o.unclosedQuote;
  }
};

// Reads until End or Error; appends what it saw, lines as the reader counts.
ReadStatus readAll(CsvReader& reader, std::vector<Seen>& out) {
  Record r;
  for (;;) {
    const ReadStatus status = reader.next(r);
    if (status == ReadStatus::End) return status;
    if (status == ReadStatus::Error) {
      out.push_back({reader.errorLine(), std::string(r.raw), {}, "", true});
      return status;
    }
    out.push_back({r.line, std::string(r.raw),
                   std::vector<std::string>(r.fields.begin(), r.fields.end()),
                   std::string(r.problem), false});
  }
}

struct Whole {
  std::vector<Seen> records;
  std::uint64_t lines = 0;
};

Whole readWhole(const std::string& text) {
  CsvReader reader;
  reader.openText(text);
  Whole w;
  if (readAll(reader, w.records) == ReadStatus::End) w.lines = reader.lineCount();
  return w;
}

// The loader's protocol: chunks read on their own from a line start, each
// checked against where the previous one stopped and read again from there
// when they disagree; lines shifted from the chunk's count to the file's.
Whole readInChunks(const std::string& text, size_t chunkBytes) {
  CsvReader head;
  head.openText(text);
  head.skipBlankLines();
  size_t end = head.position();
  std::uint64_t endLine = head.line();
  const std::vector<size_t> starts = chunkStarts(text, end, chunkBytes);
  Whole w;
  for (size_t k = 0; k < starts.size(); ++k) {
    const size_t stop = k + 1 < starts.size() ? starts[k + 1] : text.size();
    const auto read = [&](size_t begin, std::vector<Seen>& seen, ChunkSpan& span) {
      CsvReader reader;
      reader.openRange(text, begin, stop);
      reader.skipBlankLines();
      span.first = reader.position();
      span.firstLine = reader.line();
      const ReadStatus status = readAll(reader, seen);
      span.end = reader.position();
      span.endLine = reader.line();
      return status;
    };
    std::vector<Seen> seen;
    ChunkSpan span;
    ReadStatus status = read(starts[k], seen, span);
    if (!mc::store::continues(end, span)) {
      seen.clear();
      status = read(end, seen, span);
      REQUIRE(span.first == end);
    }
    const std::uint64_t offset = endLine - span.firstLine;
    for (Seen& s : seen) {
      s.line += offset;
      w.records.push_back(s);
    }
    if (status == ReadStatus::Error) return w;
    end = span.end;
    endLine = span.endLine + offset;
  }
  const bool lastLineOpen = !text.empty() && text.back() != '\n' && text.back() != '\r';
  w.lines = endLine - 1 + (lastLineOpen ? 1 : 0);
  return w;
}

void checkEveryChunkSize(const std::string& text) {
  const Whole whole = readWhole(text);
  for (size_t bytes = 1; bytes <= text.size() + 1; ++bytes) {
    INFO("chunks of " << bytes << " bytes");
    const Whole chunked = readInChunks(text, bytes);
    CHECK(chunked.records == whole.records);
    CHECK(chunked.lines == whole.lines);
  }
}

}  // namespace

TEST_CASE("chunks start at line starts, in order, the first where asked", "[csv][chunks]") {
  const std::string text = "a,b\n1,2\r\n3,4\n\n5,6";
  const std::vector<size_t> starts = chunkStarts(text, 4, 3);
  REQUIRE(!starts.empty());
  CHECK(starts.front() == 4);
  for (size_t i = 1; i < starts.size(); ++i) {
    CHECK(starts[i] > starts[i - 1]);
    CHECK(starts[i] < text.size());
    CHECK(text[starts[i] - 1] == '\n');  // never between a CR and its LF
  }
  CHECK(starts == std::vector<size_t>{4, 9, 13});
}

TEST_CASE("a chunk size larger than the text gives one chunk", "[csv][chunks]") {
  CHECK(chunkStarts("a\n1\n2\n", 2, 100) == std::vector<size_t>{2});
}

TEST_CASE("an empty text, or nothing after the header, is one empty chunk", "[csv][chunks]") {
  CHECK(chunkStarts("", 0, 4) == std::vector<size_t>{0});
  CHECK(chunkStarts("a,b\n", 4, 1) == std::vector<size_t>{4});
}

TEST_CASE("one huge record without a line feed is one chunk", "[csv][chunks]") {
  const std::string text = "h\n" + std::string(1000, 'x');
  CHECK(chunkStarts(text, 2, 10) == std::vector<size_t>{2});
  checkEveryChunkSize(text);
}

TEST_CASE("chunked reading: plain rows, CRLF, no final line end", "[csv][chunks]") {
  checkEveryChunkSize("m,d\r\nM1,2022-01-01\r\nM2,2022-01-02\r\nM3,2022-01-03");
  checkEveryChunkSize("m,d\nM1,2022-01-01\nM2,2022-01-02\n");
}

TEST_CASE("chunked reading: quoted commas, doubled quotes and line breaks over boundaries",
          "[csv][chunks]") {
  checkEveryChunkSize(
      "id,note,x\n"
      "1,\"a, b\",2\n"
      "2,\"line one\nline two\nline three\",3\n"
      "3,\"he said \"\"hi\"\"\n\",4\n"
      "4,\"\r\n\r\n\",5\r\n"
      "5,plain,6\n");
}

TEST_CASE("chunked reading: blank lines, lone CRs and text after a closing quote",
          "[csv][chunks]") {
  checkEveryChunkSize("a,b\n\n\n1,2\r\r3,4\n\r\n\n\"x\"y,5\n6,\"\n\n\"\n\n");
}

TEST_CASE("chunked reading: a quote never closed stops where one reader stops", "[csv][chunks]") {
  checkEveryChunkSize("a,b\n1,2\n3,\"open\n4,5\n6,7\n");
}

TEST_CASE("a range reader stops at records that start at or past its end", "[csv][chunks]") {
  const std::string text = "1,2\n3,4\n5,6\n";
  CsvReader reader;
  reader.openRange(text, 4, 8);
  Record r;
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(r.raw == "3,4");
  CHECK(r.line == 0);
  CHECK(reader.next(r) == ReadStatus::End);
  CHECK(reader.position() == 8);
  CHECK(reader.line() == 1);
}

TEST_CASE("tasks parsed on two threads are committed in order, each once", "[csv][chunks]") {
  for (const int threads : {1, 2, 3}) {
    INFO(threads << " thread(s)");
    constexpr size_t kTasks = 200;
    std::vector<int> parsed(kTasks, 0);
    std::vector<size_t> committed;
    bool parsedFirst = true;
    const bool finished = mc::store::parseAndCommitInOrder(
        kTasks, threads, [&](size_t i) { ++parsed[i]; },
        [&](size_t i) {
          // A commit sees its task parsed (once), in task order.
          parsedFirst = parsedFirst && parsed[i] == 1;
          committed.push_back(i);
          return true;
        });
    CHECK(finished);
    CHECK(parsedFirst);
    REQUIRE(committed.size() == kTasks);
    for (size_t i = 0; i < kTasks; ++i) CHECK(committed[i] == i);
    for (size_t i = 0; i < kTasks; ++i) CHECK(parsed[i] == 1);
  }
}

TEST_CASE("tasks run on every thread asked for: two parse at once", "[csv][chunks]") {
  // The first task's parse waits (boundedly) until a second parse starts:
  // on two threads one does, so the members of a load are read by both.
  std::atomic<int> started{0};
  std::atomic<bool> sawTwo{false};
  const bool finished = mc::store::parseAndCommitInOrder(
      4, 2,
      [&](size_t) {
        ++started;
        for (int spin = 0; spin < 2000 && started.load() < 2; ++spin)
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        if (started.load() >= 2) sawTwo = true;
      },
      [&](size_t) { return true; });
  CHECK(finished);
  CHECK(sawTwo.load());
}

TEST_CASE("a commit that says stop: no later task is committed", "[csv][chunks]") {
  for (const int threads : {1, 2}) {
    INFO(threads << " thread(s)");
    std::vector<size_t> committed;
    const bool finished = mc::store::parseAndCommitInOrder(
        50, threads, [](size_t) {},
        [&](size_t i) {
          committed.push_back(i);
          return i != 7;
        });
    CHECK_FALSE(finished);
    REQUIRE(committed.size() == 8);
    CHECK(committed.back() == 7);
  }
}
