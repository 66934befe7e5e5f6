// The text of one result file on its way to disk: rows are appended to one
// reusable buffer, handed to the stream in large writes.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "support/CsvWriter.h"

namespace mc::output {

class RowBuffer {
 public:
  explicit RowBuffer(std::ostream& out) : out_(out) { text_.reserve(kChunk + 4096); }
  // Writes what is left.
  ~RowBuffer() { flush(); }
  RowBuffer(const RowBuffer&) = delete;
  RowBuffer& operator=(const RowBuffer&) = delete;

  // Text already in CSV form (quoted where needed).
  void append(std::string_view csvText) { text_.append(csvText); }
  void append(char c) { text_ += c; }
  // One field, quoted when needed (support/CsvWriter.h).
  void appendField(std::string_view field) { csv::appendField(text_, field); }
  void endRow() {
    text_ += '\n';
    if (text_.size() >= kChunk) flush();
  }
  void flush() {
    out_.write(text_.data(), static_cast<std::streamsize>(text_.size()));
    text_.clear();
  }

 private:
  static constexpr std::size_t kChunk = std::size_t{1} << 20;

  std::ostream& out_;
  std::string text_;
};

}  // namespace mc::output
