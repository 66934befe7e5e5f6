// RFC 4180 CSV output.
#include "support/CsvWriter.h"

namespace mc::csv {

// One pass of compares, eight bytes at a time: find_first_of calls memchr
// over the four characters once per byte of the field, and a compare per
// byte cost more than copying the field in the result writers' millions of
// rows. A byte of `word` equal to `c` becomes 0x80 in the result (the exact
// zero-byte test: no false hits from borrows).
namespace {

std::uint64_t bytesEqual(std::uint64_t word, char c) {
  constexpr std::uint64_t kLow7 = 0x7f7f7f7f7f7f7f7full;
  const std::uint64_t x = word ^ (0x0101010101010101ull * static_cast<unsigned char>(c));
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}

bool wordNeedsQuotes(std::uint64_t word) {
  return (bytesEqual(word, ',') | bytesEqual(word, '"') | bytesEqual(word, '\r') |
          bytesEqual(word, '\n')) != 0;
}

bool byteNeedsQuotes(char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; }

}  // namespace

bool needsQuotes(std::string_view field) {
  const char* p = field.data();
  const size_t n = field.size();
  if (n < 8) {
    for (size_t i = 0; i < n; ++i)
      if (byteNeedsQuotes(p[i])) return true;
    return false;
  }
  // Whole words, the last one overlapping the one before.
  std::uint64_t word = 0;
  for (size_t i = 0; i + 8 < n; i += 8) {
    std::memcpy(&word, p + i, 8);
    if (wordNeedsQuotes(word)) return true;
  }
  std::memcpy(&word, p + n - 8, 8);
  return wordNeedsQuotes(word);
}

char* putField(char* to, std::string_view field) {
  if (!needsQuotes(field)) return put(to, field);
  *to++ = '"';
  for (const char c : field) {
    if (c == '"') *to++ = '"';
    *to++ = c;
  }
  *to++ = '"';
  return to;
}

void appendField(std::string& out, std::string_view field) {
  if (!needsQuotes(field)) {
    out.append(field);
    return;
  }
  const size_t at = out.size();
  out.resize(at + 2 * field.size() + 2);
  out.resize(static_cast<size_t>(putField(out.data() + at, field) - out.data()));
}

CsvWriter::CsvWriter(std::string& buffer) : out_(&buffer) {}

CsvWriter::CsvWriter(std::ostream& stream) : out_(&own_), stream_(&stream) {
  own_.reserve(kChunk + 1024);
}

CsvWriter::~CsvWriter() { flush(); }

CsvWriter& CsvWriter::field(std::string_view text) {
  if (rowStarted_) *out_ += ',';
  rowStarted_ = true;
  appendField(*out_, text);
  return *this;
}

void CsvWriter::endRow() {
  *out_ += '\n';
  rowStarted_ = false;
  if (stream_ && own_.size() >= kChunk) flush();
}

void CsvWriter::row(std::initializer_list<std::string_view> fields) {
  for (const std::string_view f : fields) field(f);
  endRow();
}

void CsvWriter::flush() {
  if (!stream_ || own_.empty()) return;
  stream_->write(own_.data(), static_cast<std::streamsize>(own_.size()));
  own_.clear();
}

}  // namespace mc::csv
