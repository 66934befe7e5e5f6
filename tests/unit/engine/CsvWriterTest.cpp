// CSV output: RFC 4180 quoting and \n line ends.
#include <catch2/catch.hpp>
#include <sstream>

#include "support/CsvReader.h"
#include "support/CsvWriter.h"

using namespace mc;

TEST_CASE("fields are quoted only when they hold a comma, quote, CR or LF") {
  std::string out;
  {
    csv::CsvWriter w(out);
    w.row({"plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", ""});
    w.row({"x"});
  }
  CHECK(out == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\nx\n");
}

TEST_CASE("field and endRow build the same rows as row") {
  std::string a, b;
  csv::CsvWriter wa(a), wb(b);
  wa.field("1").field("x y").endRow();
  wb.row({"1", "x y"});
  CHECK(a == b);
  CHECK(a == "1,x y\n");
}

TEST_CASE("a stream writer writes everything by destruction, in order") {
  std::ostringstream os;
  {
    csv::CsvWriter w(os);
    for (int i = 0; i < 20000; ++i) w.row({std::to_string(i), "v,w"});
  }
  const std::string text = os.str();
  CHECK(text.rfind("0,\"v,w\"\n1,\"v,w\"\n", 0) == 0);
  CHECK(text.size() > 20000 * 8);
  const std::string last = "\n19999,\"v,w\"\n";
  CHECK(text.substr(text.size() - last.size()) == last);
}

TEST_CASE("what the writer writes, the reader reads back") {
  const std::vector<std::string> fields = {"a", "b,c", "\"q\"", "l1\nl2", ""};
  std::string text;
  {
    csv::CsvWriter w(text);
    w.row({"h1", "h2", "h3", "h4", "h5"});
    w.row({fields[0], fields[1], fields[2], fields[3], fields[4]});
  }
  csv::CsvReader r;
  r.openText(text);
  REQUIRE(r.readHeader());
  csv::Record rec;
  REQUIRE(r.next(rec) == csv::ReadStatus::Record);
  REQUIRE(rec.size() == fields.size());
  for (size_t i = 0; i < fields.size(); ++i) CHECK(std::string(rec[i]) == fields[i]);
}

// The reference the word-at-a-time check must agree with: a byte at a time.
namespace {
bool quotedByteByByte(std::string_view field) {
  for (const char c : field)
    if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
  return false;
}
}  // namespace

TEST_CASE("csv: needsQuotes and putField agree with a byte-by-byte check everywhere") {
  // Every length from 0 to 40 (the word loop, the overlapping last word,
  // the short path), each special byte and a few near misses (bytes one
  // off, high bytes) at every position.
  const std::string specials = std::string(",\"\r\n") + "+-!#\x80\xac\xff\x0c\x0e";
  for (size_t n = 0; n <= 40; ++n) {
    std::string field(n, 'a');
    for (size_t i = 0; i < n; ++i) field[i] = static_cast<char>('A' + i % 26);
    CHECK(csv::needsQuotes(field) == false);
    for (size_t at = 0; at < n; ++at) {
      for (const char c : specials) {
        std::string f = field;
        f[at] = c;
        INFO("length " << n << ", byte " << static_cast<int>(static_cast<unsigned char>(c))
                       << " at " << at);
        REQUIRE(csv::needsQuotes(f) == quotedByteByByte(f));
        std::string expected;
        csv::appendField(expected, f);
        std::string out(2 * n + 2 + 8, '#');
        const char* end = csv::putField(out.data(), f);
        CHECK(std::string(static_cast<const char*>(out.data()), end) == expected);
        CHECK(out.substr(static_cast<size_t>(end - out.data())) ==
              std::string(out.size() - static_cast<size_t>(end - out.data()), '#'));
      }
    }
  }
}

TEST_CASE("csv: put copies exactly the bytes given at every length") {
  std::string from;
  for (int i = 0; i < 80; ++i) from += static_cast<char>('0' + i % 75);
  for (size_t n = 0; n <= 70; ++n) {
    std::string to(n + 16, '#');
    const char* end = csv::put(to.data() + 3, from.data() + 1, n);
    INFO("length " << n);
    CHECK(end == to.data() + 3 + n);
    CHECK(to.substr(0, 3) == "###");
    CHECK(to.substr(3, n) == from.substr(1, n));
    CHECK(to.substr(3 + n) == std::string(13, '#'));
  }
}
