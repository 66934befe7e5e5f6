// The one CSV writer of measurec (RFC 4180): a field is quoted when it holds a
// comma, a quote, CR or LF, quotes are doubled, records end with "\n".
#pragma once

#include <cstddef>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>

namespace mc::csv {

// Appends `field` to `out`, quoted when needed.
void appendField(std::string& out, std::string_view field);

class CsvWriter {
 public:
  // Appends to `buffer`, which must outlive the writer.
  explicit CsvWriter(std::string& buffer);
  // Writes to `stream` in chunks; the rest goes out on flush() or destruction.
  explicit CsvWriter(std::ostream& stream);
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  CsvWriter& field(std::string_view text);
  void endRow();
  void row(std::initializer_list<std::string_view> fields);
  // Hands buffered text to the stream (no-op when writing to a string).
  void flush();

 private:
  static constexpr size_t kChunk = 1 << 16;

  std::string own_;   // buffer when writing to a stream
  std::string* out_;  // where text is appended
  std::ostream* stream_ = nullptr;
  bool rowStarted_ = false;
};

}  // namespace mc::csv
