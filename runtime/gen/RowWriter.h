// Appends CSV rows of the generated files to a chunk's text buffer: fields
// are written in place (dates, numbers, fixed strings), with no allocation
// per field. Generated text never holds a comma, quote or line break, so no
// field needs quoting (the provider names are checked when written).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "support/Date.h"

namespace mc::gen {

class RowWriter {
 public:
  explicit RowWriter(std::string& out) : out_(out) {}

  RowWriter& text(std::string_view s) {
    sep();
    out_.append(s.data(), s.size());
    return *this;
  }
  RowWriter& empty() {
    sep();
    return *this;
  }
  // ISO YYYY-MM-DD; kNoDate and kOpenEnd write an empty field.
  RowWriter& date(Days d);
  // A date and, when `seconds` (since midnight) is not negative, its time of
  // day: 2022-03-10T09:30:00.
  RowWriter& dateTime(Days d, int seconds);
  RowWriter& number(long long n);
  // A non-negative decimal with one digit after the point (93 writes 9.3).
  RowWriter& tenths(long long tenths);
  // `prefix` followed by `n` as `width` zero-padded digits: M0000042.
  RowWriter& id(std::string_view prefix, std::uint64_t n, int width);
  // Starts a field and lets the caller append to it (e.g. a list of codes).
  std::string& open() {
    sep();
    return out_;
  }
  void end() {
    out_.push_back('\n');
    first_ = true;
  }

  static void appendId(std::string& out, std::string_view prefix, std::uint64_t n, int width);

 private:
  void sep() {
    if (!first_) out_.push_back(',');
    first_ = false;
  }

  std::string& out_;
  bool first_ = true;
};

}  // namespace mc::gen
