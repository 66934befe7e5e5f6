// The CSV reader: RFC 4180 quoting, line numbers, raw text, errors.
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "support/CsvReader.h"

using mc::csv::CsvReader;
using mc::csv::ReadStatus;
using mc::csv::Record;

namespace {

std::vector<std::string> fieldsOf(const Record& r) {
  return std::vector<std::string>(r.fields.begin(), r.fields.end());
}

using Fields = std::vector<std::string>;

}  // namespace

TEST_CASE("header names the columns", "[csv]") {
  CsvReader reader;
  reader.openText("member_id,birth_date, sex \nM1,2000-01-01,F\n");
  REQUIRE(reader.readHeader());
  CHECK(reader.header() == Fields{"member_id", "birth_date", "sex"});
  CHECK(reader.column("member_id") == 0);
  CHECK(reader.column("sex") == 2);
  CHECK(reader.column("death_date") == CsvReader::kNoColumn);
  Record r;
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(r.line == 2);
  CHECK(fieldsOf(r) == Fields{"M1", "2000-01-01", "F"});
  CHECK(r.raw == "M1,2000-01-01,F");
  CHECK(reader.next(r) == ReadStatus::End);
  CHECK(reader.next(r) == ReadStatus::End);
}

TEST_CASE("a UTF-8 byte order mark is not part of the first column name", "[csv]") {
  CsvReader reader;
  reader.openText("\xEF\xBB\xBFmember_id,sex\r\nM1,F\r\n");
  REQUIRE(reader.readHeader());
  CHECK(reader.column("member_id") == 0);
}

TEST_CASE("quoted fields hold commas, doubled quotes and line breaks", "[csv]") {
  CsvReader reader;
  reader.openText(
      "a,b,c\n"
      "\"x, y\",\"say \"\"hi\"\"\",plain\n"
      "\"two\nlines\",\"\",\"\"\"\"\n"
      "last,row,here");
  REQUIRE(reader.readHeader());
  Record r;
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(r.line == 2);
  CHECK(fieldsOf(r) == Fields{"x, y", "say \"hi\"", "plain"});
  CHECK(r.raw == "\"x, y\",\"say \"\"hi\"\"\",plain");
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(r.line == 3);
  CHECK(fieldsOf(r) == Fields{"two\nlines", "", "\""});
  CHECK(r.raw == "\"two\nlines\",\"\",\"\"\"\"");
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(r.line == 5);  // the record before spans lines 3 and 4
  CHECK(fieldsOf(r) == Fields{"last", "row", "here"});
  CHECK(reader.next(r) == ReadStatus::End);
}

TEST_CASE("CRLF and LF line ends, empty fields and blank lines", "[csv]") {
  CsvReader reader;
  reader.openText("a,b,c\r\n,,\r\n\r\n1,,3\n\nx,y,\n");
  REQUIRE(reader.readHeader());
  Record r;
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(r.line == 2);
  CHECK(fieldsOf(r) == Fields{"", "", ""});
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(r.line == 4);  // blank line 3 skipped
  CHECK(fieldsOf(r) == Fields{"1", "", "3"});
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(r.line == 6);
  CHECK(fieldsOf(r) == Fields{"x", "y", ""});
  CHECK(r.raw == "x,y,");
  CHECK(reader.next(r) == ReadStatus::End);
}

TEST_CASE("a quoted field keeps CRLF inside it and counts the line", "[csv]") {
  CsvReader reader;
  reader.openText("a,b\r\n\"1\r\n2\",3\r\nz,z\r\n");
  REQUIRE(reader.readHeader());
  Record r;
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(fieldsOf(r) == Fields{"1\r\n2", "3"});
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(r.line == 4);
}

TEST_CASE("records may have a different number of fields than the header", "[csv]") {
  CsvReader reader;
  reader.openText("a,b,c\n1,2\n1,2,3,4\n");
  REQUIRE(reader.readHeader());
  Record r;
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(r.size() == 2);
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(r.size() == 4);
}

TEST_CASE("an unterminated quote is an error at the record's line", "[csv]") {
  CsvReader reader;
  reader.openText("a,b\n1,2\n3,\"never closed\n4,5\n");
  REQUIRE(reader.readHeader());
  Record r;
  REQUIRE(reader.next(r) == ReadStatus::Record);
  REQUIRE(reader.next(r) == ReadStatus::Error);
  CHECK(reader.errorLine() == 3);
  CHECK(r.line == 3);
  CHECK(r.raw == "3,\"never closed\n4,5\n");
  CHECK(reader.error().find("unterminated") != std::string::npos);
  CHECK(reader.next(r) == ReadStatus::End);
}

TEST_CASE("text after a closing quote marks the record malformed", "[csv]") {
  CsvReader reader;
  reader.openText("a,b\n\"x\"y,2\nok,3\n");
  REQUIRE(reader.readHeader());
  Record r;
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK_FALSE(r.problem.empty());
  CHECK(r.size() == 2);
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(r.problem.empty());
  CHECK(fieldsOf(r) == Fields{"ok", "3"});
}

TEST_CASE("a quote inside an unquoted field is kept as text", "[csv]") {
  CsvReader reader;
  reader.openText("a,b\n5'10\",x\n");
  REQUIRE(reader.readHeader());
  Record r;
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(fieldsOf(r) == Fields{"5'10\"", "x"});
}

TEST_CASE("empty input has no header", "[csv]") {
  CsvReader reader;
  reader.openText("");
  CHECK_FALSE(reader.readHeader());
  CHECK(reader.error().empty());
  reader.openText("\xEF\xBB\xBF\r\n\n");
  CHECK_FALSE(reader.readHeader());
}

TEST_CASE("binary junk and long lines do not break the reader", "[csv]") {
  std::string junk = "a,b\n";
  for (int i = 0; i < 256; ++i) junk += static_cast<char>(i);
  junk += "\n" + std::string(1 << 20, 'x') + ",y\n";
  CsvReader reader;
  reader.openText(junk);
  REQUIRE(reader.readHeader());
  Record r;
  int records = 0;
  ReadStatus status;
  while ((status = reader.next(r)) == ReadStatus::Record) ++records;
  CHECK(records >= 1);
}

TEST_CASE("openFile reads a file and reports a missing one", "[csv]") {
  CsvReader reader;
  CHECK_FALSE(reader.openFile("/nonexistent/dir/file.csv"));
  CHECK_FALSE(reader.error().empty());
}

namespace {
// Resident kilobytes of the mapping that starts at `start` (/proc/self/smaps),
// or -1 when none does.
long residentKb(const void* start) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inMapping = false;
  while (std::getline(smaps, line)) {
    const size_t dash = line.find('-');
    if (dash != std::string::npos && dash > 0 &&
        std::isxdigit(static_cast<unsigned char>(line[0])) && line.find(' ') > dash) {
      inMapping =
          std::stoull(line.substr(0, dash), nullptr, 16) == reinterpret_cast<std::uintptr_t>(start);
    } else if (inMapping && line.rfind("Rss:", 0) == 0) {
      return std::stol(line.substr(4));
    }
  }
  return -1;
}

void writeText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}
}  // namespace

// A file read in chunks gives back the pages it is done with, and reading
// them again reads the same bytes from the file.
TEST_CASE("releaseBefore gives back a mapped file's pages but not its bytes", "[csv]") {
  const std::string path = "csv_release_test.csv";
  std::string text = "id,value\n";
  for (int i = 0; text.size() < (size_t{1} << 20); ++i)
    text += "M" + std::to_string(1000000 + i) + "," + std::to_string(i % 97) + "\n";
  writeText(path, text);
  CsvReader reader;
  REQUIRE(reader.openFile(path));
  long sum = 0;
  for (const char c : reader.text()) sum += c;  // every page touched
  CHECK(sum > 0);
  const long before = residentKb(reader.text().data());
  REQUIRE(before >= 1000);
  reader.releaseBefore(reader.text().size() / 2);
  const long half = residentKb(reader.text().data());
  CHECK(half <= before / 2 + 8);
  CHECK(half >= before / 2 - 8);
  reader.releaseBefore(reader.text().size());
  CHECK(residentKb(reader.text().data()) <= 8);  // the last, partial page stays
  CHECK(reader.text() == text);                  // read again from the file
  std::remove(path.c_str());
}

// A chunk's bytes are copied out of a mapped file with pread, and out of
// text in memory with a copy: the text's bytes either way, the mapping's
// pages never touched.
TEST_CASE("copyText gives the text's bytes, reading a mapped file from the file", "[csv]") {
  const std::string path = "csv_copy_test.csv";
  std::string text = "id,value\n";
  for (int i = 0; text.size() < (size_t{3} << 19); ++i)
    text += "M" + std::to_string(1000000 + i) + ",\"v\n" + std::to_string(i % 97) + "\"\n";
  writeText(path, text);
  CsvReader mapped;
  REQUIRE(mapped.openFile(path));
  mapped.releaseBefore(text.size());  // none of the mapping's pages resident
  const long resident = residentKb(mapped.text().data());
  REQUIRE(resident >= 0);
  REQUIRE(resident <= 8);
  CsvReader inMemory;
  inMemory.openText(text);
  for (CsvReader* reader : {&mapped, &inMemory}) {
    for (const auto& [begin, n] : std::vector<std::pair<size_t, size_t>>{
             {0, 1}, {0, text.size()}, {4095, 2}, {text.size() / 3, 70000}, {text.size() - 5, 5}}) {
      INFO("from " << begin << ", " << n << " bytes");
      std::string copy(n, '\0');
      reader->copyText(begin, n, copy.data());
      CHECK(copy == text.substr(begin, n));
    }
  }
  CHECK(residentKb(mapped.text().data()) == resident);  // read from the file, not the mapping
  std::remove(path.c_str());
}

// Plain lines (no quote, no lone CR) are split in one scan, sixteen bytes a
// step: lines of every length, fields of every width around the steps, UTF-8
// bytes, LF and CRLF ends, blank lines, a last line with no end or a lone CR
// at the very end of the text, read as a simple split says.
TEST_CASE("plain lines of any length split as a comma split says", "[csv]") {
  const std::vector<std::string> pieces = {
      "a", "bc", "", "xyz1234", "\xC3\xA9t\xC3\xA9", "12345678", " ", "M0000001"};
  std::uint64_t seed = 15;
  const auto next = [&](std::uint64_t bound) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return (seed >> 33) % bound;
  };
  for (int round = 0; round < 300; ++round) {
    INFO("round " << round);
    std::string text = "h1,h2\n";
    std::vector<Fields> lines;  // the expected fields of each physical line
    const auto lineCount = 1 + next(6);
    for (std::uint64_t l = 0; l < lineCount; ++l) {
      Fields fields(1 + next(5));
      std::string line;
      for (size_t f = 0; f < fields.size(); ++f) {
        for (std::uint64_t k = next(4); k > 0; --k) fields[f] += pieces[next(pieces.size())];
        line += (f > 0 ? "," : "") + fields[f];
      }
      lines.push_back(line.empty() ? Fields{} : fields);  // a blank line is no record
      const bool last = l + 1 == lineCount;
      const auto end = next(4);
      text += line + (last && end == 0 ? "" : last && end == 1 ? "\r" : end == 2 ? "\r\n" : "\n");
    }
    CsvReader reader;
    reader.openText(text);
    REQUIRE(reader.readHeader());
    Record r;
    for (size_t l = 0; l < lines.size(); ++l) {
      if (lines[l].empty()) continue;
      INFO("line " << l + 2 << " of " << text);
      REQUIRE(reader.next(r) == ReadStatus::Record);
      CHECK(r.line == l + 2);
      CHECK(fieldsOf(r) == lines[l]);
      CHECK(r.problem.empty());
    }
    CHECK(reader.next(r) == ReadStatus::End);
  }
}

// The one-pass split hands a line to the general reader when it finds a
// quote or a lone CR before the line's end, wherever it falls in a 16-byte
// step: a quoted field holding a comma, and a lone CR (a line end of its
// own), at every offset of the first three steps, then the line after.
TEST_CASE("a quote or a lone CR anywhere in a line leaves it to the general reader", "[csv]") {
  for (size_t offset = 0; offset < 48; ++offset) {
    INFO("offset " << offset);
    const std::string lead(offset, 'a');
    CsvReader reader;
    reader.openText("h\n" + lead + ",\"x,y\",z\n" + lead + "b\rc,d\r\nnext,line\n");
    REQUIRE(reader.readHeader());
    Record r;
    REQUIRE(reader.next(r) == ReadStatus::Record);
    CHECK(fieldsOf(r) == Fields{lead, "x,y", "z"});
    CHECK(r.line == 2);
    REQUIRE(reader.next(r) == ReadStatus::Record);
    CHECK(fieldsOf(r) == Fields{lead + "b"});
    CHECK(r.line == 3);
    REQUIRE(reader.next(r) == ReadStatus::Record);
    CHECK(fieldsOf(r) == Fields{"c", "d"});
    CHECK(r.raw == "c,d");
    CHECK(r.line == 4);
    REQUIRE(reader.next(r) == ReadStatus::Record);
    CHECK(fieldsOf(r) == Fields{"next", "line"});
    CHECK(reader.next(r) == ReadStatus::End);
  }
}

// A quote just past a line's end, in the same 16-byte step, belongs to the
// next line: it opens that line's quoted field.
TEST_CASE("a quote after the line end in the same step is the next line's", "[csv]") {
  CsvReader reader;
  reader.openText("h\nab,c\n\"x,y\",z\n");
  REQUIRE(reader.readHeader());
  Record r;
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(fieldsOf(r) == Fields{"ab", "c"});
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(fieldsOf(r) == Fields{"x,y", "z"});
  CHECK(r.line == 3);
}

// The split reads 64-byte blocks: a comma, a line end, a CRLF split
// between two blocks and a last line without a line end, each at every
// offset around the first two block boundaries (the text starts with a
// header of its own length, so the offsets move across the boundaries).
TEST_CASE("commas and line ends at every offset around the 64-byte blocks", "[csv]") {
  for (size_t lead = 0; lead < 140; ++lead) {
    INFO("lead " << lead);
    const std::string a(lead, 'a');
    const std::string text = "h\n" + a + ",b\r\n" + "c," + a + "\n" + a + "\n,\n" + a + ",z";
    CsvReader reader;
    reader.openText(text);
    REQUIRE(reader.readHeader());
    Record r;
    REQUIRE(reader.next(r) == ReadStatus::Record);
    CHECK(fieldsOf(r) == Fields{a, "b"});
    CHECK(r.raw == a + ",b");
    CHECK(r.line == 2);
    REQUIRE(reader.next(r) == ReadStatus::Record);
    CHECK(fieldsOf(r) == Fields{"c", a});
    CHECK(r.line == 3);
    if (lead > 0) {  // else a blank line
      REQUIRE(reader.next(r) == ReadStatus::Record);
      CHECK(fieldsOf(r) == Fields{a});
      CHECK(r.line == 4);
    }
    REQUIRE(reader.next(r) == ReadStatus::Record);
    CHECK(fieldsOf(r) == Fields{"", ""});
    CHECK(r.line == 5);
    REQUIRE(reader.next(r) == ReadStatus::Record);
    CHECK(fieldsOf(r) == Fields{a, "z"});
    CHECK(r.raw == a + ",z");
    CHECK(r.line == 6);
    CHECK(reader.next(r) == ReadStatus::End);
    CHECK(reader.lineCount() == 6);
  }
}

// A range that starts anywhere in a block, and one that stops inside a
// quoted field: its last record is read whole, past the stop, and the
// masks kept from the range's first lines do not leak into the next reader
// of the same text.
TEST_CASE("a range read from any line start and stopping inside a quote", "[csv]") {
  std::string text = "h1,h2\n";
  for (int i = 0; i < 12; ++i)
    text += "row" + std::to_string(i) + ",v" + std::string(i * 7, 'x') + "\n";
  const size_t quoteAt = text.size();
  text += "\"a\nb,\"\"c\"\"\",end\nlast,1\n";
  CsvReader whole;
  whole.openText(text);
  REQUIRE(whole.readHeader());
  std::vector<std::pair<size_t, Fields>> expected;  // each record's start and fields
  Record r;
  for (size_t at = whole.position(); whole.next(r) == ReadStatus::Record; at = whole.position())
    expected.emplace_back(at, fieldsOf(r));
  REQUIRE(expected.size() == 14);
  CHECK(expected[12].second == Fields{"a\nb,\"c\"", "end"});
  for (size_t k = 0; k < expected.size(); ++k) {
    INFO("record " << k);
    CsvReader part;
    part.openRange(text, expected[k].first, quoteAt + 3);  // stops inside the quote
    for (size_t j = k; j < expected.size() && expected[j].first < quoteAt + 3; ++j) {
      REQUIRE(part.next(r) == ReadStatus::Record);
      CHECK(fieldsOf(r) == expected[j].second);
    }
    CHECK(part.next(r) == ReadStatus::End);
  }
}

// A record's fields live in its own lists: a copy or a moved record reads
// the same fields, a general record's (in its scratch) included, after the
// source is gone or has read another record.
TEST_CASE("a copied or moved record keeps its fields", "[csv]") {
  CsvReader reader;
  reader.openText("h\n\"x\"\"y\",2\nplain,3\n");
  REQUIRE(reader.readHeader());
  Record quoted;
  REQUIRE(reader.next(quoted) == ReadStatus::Record);
  const Record copy = quoted;
  Record temporary = quoted;
  Record moved = std::move(temporary);
  temporary = Record();
  temporary.scratch = "overwritten";
  REQUIRE(reader.next(quoted) == ReadStatus::Record);
  CHECK(fieldsOf(quoted) == Fields{"plain", "3"});
  CHECK(fieldsOf(copy) == Fields{"x\"y", "2"});
  CHECK(fieldsOf(moved) == Fields{"x\"y", "2"});
  Record plainCopy;
  plainCopy = quoted;
  REQUIRE(reader.next(quoted) == ReadStatus::End);
  CHECK(fieldsOf(plainCopy) == Fields{"plain", "3"});
}

// The masks of a block are the text's: a reader opened again on other text
// (whose first block starts at the same offset) splits the new text.
TEST_CASE("a reader opened again splits the new text", "[csv]") {
  CsvReader reader;
  Record r;
  reader.openText("h\na,b,c\n");
  REQUIRE(reader.readHeader());
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(fieldsOf(r) == Fields{"a", "b", "c"});
  reader.openText("h\nxyz\n12,3\n");
  REQUIRE(reader.readHeader());
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(fieldsOf(r) == Fields{"xyz"});
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(fieldsOf(r) == Fields{"12", "3"});
  const std::string other = "h\nq,r\n";
  reader.openRange(other, 2, other.size());
  REQUIRE(reader.next(r) == ReadStatus::Record);
  CHECK(fieldsOf(r) == Fields{"q", "r"});
}
