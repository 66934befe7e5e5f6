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
