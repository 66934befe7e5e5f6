// The reader's index of a window (its lines handed out as slices of the
// offsets of their commas and line ends) against a reference reader written
// here byte by byte from RFC 4180 and the reader's rules: blank lines,
// CRLF, lone CRs, quotes, a last line without a line end, a byte order
// mark, ranges and their stops, with each of the 64-, 32- and 16-byte masks
// the CPU has.
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "support/CsvReader.h"

using mc::csv::CsvReader;
using Masks = mc::csv::CsvReader::Masks;
using mc::csv::ReadStatus;
using mc::csv::Record;

namespace {

const char* nameOf(Masks masks) {
  switch (masks) {
    case Masks::Bytes64: return "64-byte masks (AVX-512)";
    case Masks::Bytes32: return "32-byte masks (AVX2)";
    case Masks::Bytes16: return "16-byte masks (SSE2)";
  }
  return "?";
}

// Every width of masks this CPU runs, called once at the start of each
// test. A CPU without AVX-512 (or AVX2) cannot run that path: the test
// then checks the others and says which it left out, as a warning in its
// output.
std::vector<Masks> masksToCheck() {
  std::vector<Masks> all;
  for (const Masks masks : {Masks::Bytes64, Masks::Bytes32, Masks::Bytes16}) {
    if (masks <= CsvReader::widestMasks()) {
      all.push_back(masks);
    } else {
      WARN("this CPU cannot run the " << nameOf(masks) << ": not checked");
    }
  }
  return all;
}

struct Expected {
  ReadStatus status = ReadStatus::End;
  std::uint64_t line = 0;
  std::string raw;
  std::vector<std::string> fields;
  std::string problem;
  size_t start = 0;  // where the record starts
};

// What the reader must return, read one byte at a time: the records that
// start, past blank lines, in [begin, stop), lines counted from firstLine.
struct Reference {
  std::string_view text;
  size_t pos;
  std::uint64_t line;

  bool lineEndAt(size_t i) const { return i >= text.size() || text[i] == '\n' || text[i] == '\r'; }
  void skipLineEnd() {
    if (pos >= text.size()) return;
    if (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
    ++pos;
    ++line;
  }
  Expected next(size_t stop) {
    Expected r;
    while (pos < text.size() && (text[pos] == '\n' || text[pos] == '\r')) skipLineEnd();
    if (pos >= text.size() || pos >= stop) return r;
    r.status = ReadStatus::Record;
    r.start = pos;
    r.line = line;
    for (;;) {
      std::string field;
      if (pos < text.size() && text[pos] == '"') {
        size_t i = pos + 1;
        for (;;) {
          if (i >= text.size()) {
            r.status = ReadStatus::Error;
            r.raw = std::string(text.substr(r.start));
            r.fields.clear();
            r.problem.clear();
            pos = text.size();
            return r;
          }
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            break;
          }
          if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')))
            ++line;
          field += text[i++];
        }
        pos = i + 1;
        if (!lineEndAt(pos) && text[pos] != ',') {
          r.problem = "text after the closing quote of a quoted field";
          while (!lineEndAt(pos) && text[pos] != ',') ++pos;
        }
      } else {
        while (!lineEndAt(pos) && text[pos] != ',') field += text[pos++];
      }
      r.fields.push_back(field);
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
        continue;
      }
      break;
    }
    r.raw = std::string(text.substr(r.start, pos - r.start));
    skipLineEnd();
    return r;
  }
};

std::vector<Expected> referenceRecords(std::string_view text, size_t begin, size_t stop,
                                       std::uint64_t firstLine, std::uint64_t* lines = nullptr) {
  Reference reference{text, begin, firstLine};
  std::vector<Expected> records;
  for (;;) {
    records.push_back(reference.next(stop));
    if (records.back().status != ReadStatus::Record) break;
  }
  if (lines != nullptr) {
    const bool open = !text.empty() && text.back() != '\n' && text.back() != '\r';
    *lines = reference.line - 1 + (open ? 1 : 0);
  }
  return records;
}

bool operator==(const Expected& a, const Expected& b) {
  return a.status == b.status && a.line == b.line && a.raw == b.raw && a.fields == b.fields &&
         a.problem == b.problem;
}

// Every record as the reference has it; the last is End or Error. Compared
// whole, and the first record that differs shown.
void checkReader(CsvReader& reader, const std::vector<Expected>& expected) {
  std::vector<Expected> actual;
  Record r;
  for (;;) {
    Expected e;
    e.status = reader.next(r);
    if (e.status != ReadStatus::End) {
      e.line = r.line;
      e.raw = std::string(r.raw);
      if (e.status == ReadStatus::Record) {
        e.fields.assign(r.fields.begin(), r.fields.end());
        e.problem = std::string(r.problem);
      } else {
        e.line = reader.errorLine();
      }
    }
    actual.push_back(e);
    if (e.status != ReadStatus::Record || actual.size() > expected.size()) break;
  }
  size_t k = 0;
  while (k < actual.size() && k < expected.size() && actual[k] == expected[k]) ++k;
  if (k == actual.size() && k == expected.size()) return;
  INFO("record " << k << " of " << expected.size() << " differs");
  REQUIRE(k < actual.size());
  REQUIRE(k < expected.size());
  INFO("at offset " << expected[k].start << ": raw '" << expected[k].raw << "'");
  CHECK(static_cast<int>(actual[k].status) == static_cast<int>(expected[k].status));
  CHECK(actual[k].line == expected[k].line);
  CHECK(actual[k].raw == expected[k].raw);
  CHECK(actual[k].fields == expected[k].fields);
  CHECK(actual[k].problem == expected[k].problem);
  FAIL("the reader and the reference differ");
}

// The whole text, with the given masks, against the reference.
void checkWholeText(const std::string& text, Masks masks) {
  const size_t bom = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  std::uint64_t lines = 0;
  const std::vector<Expected> expected = referenceRecords(text, bom, std::string::npos, 1, &lines);
  CsvReader reader;
  reader.useMasks(masks);
  reader.openText(text);
  checkReader(reader, expected);
  if (expected.back().status == ReadStatus::End) REQUIRE(reader.lineCount() == lines);
}

// Ranges from record starts, stopping anywhere (inside quotes included).
void checkRanges(const std::string& text, Masks masks, std::mt19937& random) {
  const size_t bom = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  std::vector<Expected> whole = referenceRecords(text, bom, std::string::npos, 1);
  whole.pop_back();
  for (int k = 0; k < 8 && !whole.empty(); ++k) {
    const size_t begin = whole[random() % whole.size()].start;
    const size_t stop = begin + random() % (text.size() - begin + 1);
    INFO("range [" << begin << ", " << stop << ")");
    CsvReader reader;
    reader.useMasks(masks);
    reader.openRange(text, begin, stop);
    checkReader(reader, referenceRecords(text, begin, stop, 0));
  }
}

// A field of one of the shapes the reader must tell apart.
std::string randomField(std::mt19937& random) {
  const std::string plain = "abcdefghij0123456789-.";
  std::string word;
  for (size_t i = random() % 12; i > 0; --i) word += plain[random() % plain.size()];
  switch (random() % 40) {
    case 0: return "\"" + word + ",x\"";                    // a quoted comma
    case 1: return "\"" + word + "\"\"q\"\"\"";             // doubled quotes
    case 2: return "\"" + word + "\nnext\"";                // a line break in a quote
    case 3: return "\"a\r\nb\"";                            // a CRLF in a quote
    case 4: return word + "\"" + word;                      // a quote inside a plain field
    case 5: return "\"" + word + "\"tail";                  // text after a closing quote
    case 6: return word + "\r" + word;                      // a lone CR
    case 7: return std::string(100 + random() % 300, 'L');  // across blocks
    default: return word;
  }
}

// A text of mostly plain lines with every other shape among them, long
// enough to cross several windows.
std::string randomText(std::mt19937& random, size_t bytes) {
  std::string text = random() % 4 == 0 ? "\xEF\xBB\xBF" : "";
  while (text.size() < bytes) {
    switch (random() % 60) {
      case 0: text += "\n"; continue;    // a blank line
      case 1: text += "\r\n"; continue;  // a blank CRLF line
      case 2: text += std::string(17000 + random() % 3000, 'W') + ",w\n"; continue;  // > a window
      case 3: text += std::string(5000 + random() % 4000, ',') + "\n"; continue;     // dense commas
      default: break;
    }
    for (size_t f = 1 + random() % 12; f > 0; --f) text += randomField(random) + (f > 1 ? "," : "");
    const unsigned end = random() % 20;
    text += end == 0 ? "\r" : end < 5 ? "\r\n" : "\n";
  }
  if (random() % 2 == 0) text += "last,line,without,an,end";
  return text;
}

}  // namespace

TEST_CASE("the index reads generated texts as the byte-by-byte reference", "[csv][index]") {
  const std::vector<Masks> widths = masksToCheck();
  std::mt19937 random(15);
  for (int t = 0; t < 40; ++t) {
    const std::string text = randomText(random, t < 20 ? 2000 + random() % 3000 : 70000);
    INFO("text " << t << " of " << text.size() << " bytes");
    for (const Masks masks : widths) {
      INFO(nameOf(masks));
      checkWholeText(text, masks);
      checkRanges(text, masks, random);
    }
  }
}

// A quote, a lone CR, a CRLF or an LF put at every offset around the
// first 64-byte blocks and around the end of the first window (16 KiB);
// lines of plain text before and after, so that the fast path reads right
// up to it and on from it.
TEST_CASE("a quote or a line end at every offset around blocks and windows", "[csv][index]") {
  const std::vector<Masks> widths = masksToCheck();
  std::string plain;
  for (int i = 0; plain.size() < 17000; ++i)
    plain += "m" + std::to_string(i) + ",2022-0" + std::to_string(1 + i % 9) + "-01,x\n";
  std::vector<size_t> offsets;
  for (size_t at = 0; at < 200; ++at) offsets.push_back(at);
  for (size_t at = 16384 - 100; at < 16384 + 100; ++at) offsets.push_back(at);
  for (const std::string mark : {"\"", "\r", "\r\n", "\n", ",", "\"\""}) {
    for (const size_t at : offsets) {
      std::string text = plain;
      text.insert(at, mark);
      INFO("'" << mark << "' at " << at);
      for (const Masks masks : widths) {
        INFO(nameOf(masks));
        checkWholeText(text, masks);
        // A range from the line start at or after 8 KiB: its first window
        // ends at another offset of the text.
        const size_t begin = text.find('\n', 8192) + 1;
        CsvReader reader;
        reader.useMasks(masks);
        reader.openRange(text, begin, 16500);
        checkReader(reader, referenceRecords(text, begin, 16500, 0));
      }
    }
  }
}

// The last line of a text whose end falls at every offset of a block, with
// and without its line end: the last block is read from a copy.
TEST_CASE("the text's end at every offset of a block", "[csv][index]") {
  const std::vector<Masks> widths = masksToCheck();
  for (size_t length = 0; length < 200; ++length) {
    std::string text = "h,i\n" + std::string(length, 'v') + ",z";
    for (const std::string end : {"", "\n", "\r\n", "\r"}) {
      INFO("length " << length << " end '" << end << "'");
      for (const Masks masks : widths) {
        INFO(nameOf(masks));
        checkWholeText(text + end, masks);
      }
    }
  }
}

// Blocks with more separators or line ends than the wide paths write
// without a loop (16 separators, 2 or 16 line ends): lines of a few bytes,
// runs of commas and of blank lines, across windows.
TEST_CASE("blocks dense in separators and line ends", "[csv][index]") {
  const std::vector<Masks> widths = masksToCheck();
  std::mt19937 random(69);
  const std::vector<std::string> pieces = {",",      "\n",   "x",   "\r\n",
                                           "\n\n\n", ",,,,", "yz,", "\"q\""};
  for (int t = 0; t < 30; ++t) {
    std::string text;
    const size_t bytes = t < 20 ? 300 + random() % 2000 : 40000;
    while (text.size() < bytes) {
      // Runs of one piece make whole blocks of it.
      const std::string& piece = pieces[random() % (t % 3 == 0 ? 3 : pieces.size())];
      for (size_t k = 1 + (random() % 4 == 0 ? random() % 80 : 0); k > 0; --k) text += piece;
    }
    INFO("text " << t << " of " << text.size() << " bytes");
    for (const Masks masks : widths) {
      INFO(nameOf(masks));
      checkWholeText(text, masks);
      checkRanges(text, masks, random);
    }
  }
}
