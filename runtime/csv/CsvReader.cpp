// RFC 4180 parsing: quoted fields may hold commas, doubled quotes and line
// breaks; records end at CRLF, LF or a lone CR.
#include "csv/CsvReader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace mc::csv {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string_view trimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool CsvReader::openFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    error_ = ec ? ec.message() : "not a regular file";
    return false;
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    error_ = std::strerror(errno);
    return false;
  }
  // Read straight into a buffer of the file's size; keep going past it in
  // case the file grew since the size was taken.
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  std::string text(ec ? 0 : static_cast<size_t>(size), '\0');
  size_t used = std::fread(text.data(), 1, text.size(), file);
  for (;;) {
    if (used < text.size()) break;
    text.resize(used + (1 << 16));
    const size_t got = std::fread(text.data() + used, 1, text.size() - used, file);
    used += got;
    if (got == 0) break;
  }
  text.resize(used);
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) {
    error_ = "read error";
    return false;
  }
  openText(std::move(text));
  return true;
}

void CsvReader::openText(std::string text) {
  text_ = std::move(text);
  pos_ = text_.compare(0, kUtf8Bom.size(), kUtf8Bom) == 0 ? kUtf8Bom.size() : 0;
  line_ = 1;
  header_.clear();
  error_.clear();
  errorLine_ = 0;
}

bool CsvReader::readHeader() {
  Record record;
  if (next(record) != ReadStatus::Record) return false;
  header_.clear();
  for (const std::string_view name : record.fields) header_.emplace_back(trimSpaces(name));
  return true;
}

int CsvReader::column(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return static_cast<int>(i);
  }
  return kNoColumn;
}

bool CsvReader::atLineEnd(size_t pos) const {
  return pos >= text_.size() || text_[pos] == '\n' || text_[pos] == '\r';
}

void CsvReader::skipLineEnd() {
  if (pos_ >= text_.size()) return;
  if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
  ++pos_;
  ++line_;
}

void CsvReader::readUnquoted() {
  const size_t start = pos_;
  const size_t n = text_.size();
  while (pos_ < n) {
    const char c = text_[pos_];
    if (c == ',' || c == '\n' || c == '\r') break;
    ++pos_;
  }
  spans_.push_back({false, start, pos_ - start});
}

void CsvReader::readQuoted(Record& record, bool& unterminated) {
  const size_t n = text_.size();
  size_t i = pos_ + 1;  // past the opening quote
  size_t segment = i;
  bool inScratch = false;
  const size_t scratchStart = record.scratch.size();
  for (;;) {
    if (i >= n) {
      unterminated = true;
      pos_ = n;
      return;
    }
    const char c = text_[i];
    if (c == '"') {
      if (i + 1 < n && text_[i + 1] == '"') {
        // A doubled quote is one quote: copy what precedes it plus one quote.
        inScratch = true;
        record.scratch.append(text_, segment, i + 1 - segment);
        i += 2;
        segment = i;
        continue;
      }
      if (inScratch) {
        record.scratch.append(text_, segment, i - segment);
        spans_.push_back({true, scratchStart, record.scratch.size() - scratchStart});
      } else {
        spans_.push_back({false, segment, i - segment});
      }
      pos_ = i + 1;
      break;
    }
    if (c == '\n' || (c == '\r' && (i + 1 >= n || text_[i + 1] != '\n'))) ++line_;
    ++i;
  }
  if (pos_ < n && text_[pos_] != ',' && !atLineEnd(pos_)) {
    record.problem = "text after the closing quote of a quoted field";
    while (pos_ < n && text_[pos_] != ',' && !atLineEnd(pos_)) ++pos_;
  }
}

ReadStatus CsvReader::next(Record& record) {
  const size_t n = text_.size();
  while (pos_ < n && (text_[pos_] == '\n' || text_[pos_] == '\r')) skipLineEnd();
  if (pos_ >= n) return ReadStatus::End;

  const size_t start = pos_;
  record.line = line_;
  record.problem = {};
  record.scratch.clear();
  record.fields.clear();
  spans_.clear();
  for (;;) {
    if (pos_ < n && text_[pos_] == '"') {
      bool unterminated = false;
      readQuoted(record, unterminated);
      if (unterminated) {
        record.raw = std::string_view(text_).substr(start);
        error_ = "unterminated quoted field (the quote opened here is never closed)";
        errorLine_ = record.line;
        return ReadStatus::Error;
      }
    } else {
      readUnquoted();
    }
    if (pos_ < n && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    break;
  }
  record.raw = std::string_view(text_).substr(start, pos_ - start);
  skipLineEnd();

  const std::string_view text(text_);
  const std::string_view scratch(record.scratch);
  record.fields.reserve(spans_.size());
  for (const FieldSpan& span : spans_) {
    record.fields.push_back(span.inScratch ? scratch.substr(span.offset, span.length)
                                           : text.substr(span.offset, span.length));
  }
  return ReadStatus::Record;
}

}  // namespace mc::csv
