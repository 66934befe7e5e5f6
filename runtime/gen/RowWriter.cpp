// Field formatting for the generated files.
#include "gen/RowWriter.h"

namespace mc::gen {

RowWriter& RowWriter::date(Days d) {
  sep();
  if (d == kNoDate || d == kOpenEnd) return *this;
  const CivilDate c = civilFromDays(d);
  char buf[10] = {static_cast<char>('0' + c.year / 1000 % 10),
                  static_cast<char>('0' + c.year / 100 % 10),
                  static_cast<char>('0' + c.year / 10 % 10),
                  static_cast<char>('0' + c.year % 10),
                  '-',
                  static_cast<char>('0' + c.month / 10),
                  static_cast<char>('0' + c.month % 10),
                  '-',
                  static_cast<char>('0' + c.day / 10),
                  static_cast<char>('0' + c.day % 10)};
  out_.append(buf, sizeof buf);
  return *this;
}

RowWriter& RowWriter::dateTime(Days d, int seconds) {
  date(d);
  if (seconds < 0 || d == kNoDate || d == kOpenEnd) return *this;
  const int parts[3] = {seconds / 3600, seconds / 60 % 60, seconds % 60};
  for (int i = 0; i < 3; ++i) {
    out_.push_back(i == 0 ? 'T' : ':');
    out_.push_back(static_cast<char>('0' + parts[i] / 10));
    out_.push_back(static_cast<char>('0' + parts[i] % 10));
  }
  return *this;
}

RowWriter& RowWriter::number(long long n) {
  sep();
  char buf[24];
  int len = 0;
  const bool negative = n < 0;
  unsigned long long v = negative ? 0ull - static_cast<unsigned long long>(n) : n;
  do {
    buf[len++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  if (negative) out_.push_back('-');
  while (len > 0) out_.push_back(buf[--len]);
  return *this;
}

RowWriter& RowWriter::tenths(long long t) {
  number(t / 10);
  out_.push_back('.');
  out_.push_back(static_cast<char>('0' + (t < 0 ? -t : t) % 10));
  return *this;
}

void RowWriter::appendId(std::string& out, std::string_view prefix, std::uint64_t n, int width) {
  out.append(prefix.data(), prefix.size());
  char buf[24];
  int len = 0;
  do {
    buf[len++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  for (int i = len; i < width; ++i) out.push_back('0');
  while (len > 0) out.push_back(buf[--len]);
}

RowWriter& RowWriter::id(std::string_view prefix, std::uint64_t n, int width) {
  sep();
  appendId(out_, prefix, n, width);
  return *this;
}

}  // namespace mc::gen
