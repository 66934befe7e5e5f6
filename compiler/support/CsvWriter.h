// The one CSV writer of measurec (RFC 4180): a field is quoted when it holds a
// comma, a quote, CR or LF, quotes are doubled, records end with "\n".
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>

namespace mc::csv {

// Whether `field` must be quoted: it holds a comma, a quote, CR or LF.
bool needsQuotes(std::string_view field);

// Appends `field` to `out`, quoted when needed.
void appendField(std::string& out, std::string_view field);

// Copies `n` bytes from `from` to `to` and returns the end. Short texts (ids,
// a result row's cells) are copied with a few overlapping word moves, which
// read and write only the bytes given: a call into memcpy per field cost
// more than the copy in the result writers' millions of rows.
inline char* put(char* to, const char* from, size_t n) {
  if (n >= 8 && n <= 16) {
    std::uint64_t a, b;
    std::memcpy(&a, from, 8);
    std::memcpy(&b, from + n - 8, 8);
    std::memcpy(to, &a, 8);
    std::memcpy(to + n - 8, &b, 8);
  } else if (n >= 4 && n < 8) {
    std::uint32_t a, b;
    std::memcpy(&a, from, 4);
    std::memcpy(&b, from + n - 4, 4);
    std::memcpy(to, &a, 4);
    std::memcpy(to + n - 4, &b, 4);
  } else if (n > 16 && n <= 32) {
    char a[16], b[16];
    std::memcpy(a, from, 16);
    std::memcpy(b, from + n - 16, 16);
    std::memcpy(to, a, 16);
    std::memcpy(to + n - 16, b, 16);
  } else if (n < 4) {
    for (size_t i = 0; i < n; ++i) to[i] = from[i];
  } else {
    std::memcpy(to, from, n);
  }
  return to + n;
}
inline char* put(char* to, std::string_view text) { return put(to, text.data(), text.size()); }

// Writes `field` at `to`, quoted when needed, and returns the end: room for
// 2 * field.size() + 2 bytes must be there.
char* putField(char* to, std::string_view field);

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
