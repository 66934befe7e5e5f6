// RFC 4180 CSV output.
#include "support/CsvWriter.h"

namespace mc::csv {

namespace {

// A field is quoted when it holds a comma, a quote or a line break. One
// pass of compares: find_first_of calls memchr over the four characters
// once per byte of the field, which cost more than copying it in the
// result writers' millions of rows.
bool needsQuotes(std::string_view field) {
  for (const char c : field)
    if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
  return false;
}

}  // namespace

void appendField(std::string& out, std::string_view field) {
  if (!needsQuotes(field)) {
    out.append(field);
    return;
  }
  out += '"';
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
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
