// RFC 4180 parsing: quoted fields may hold commas, doubled quotes and line
// breaks; records end at CRLF, LF or a lone CR.
#include "support/CsvReader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cerrno>
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

CsvReader::~CsvReader() { release(); }

void CsvReader::release() {
  if (mapping_ != nullptr) ::munmap(mapping_, mappingSize_);
  mapping_ = nullptr;
  mappingSize_ = 0;
  releasedBytes_ = 0;
  owned_.clear();
  text_ = {};
}

void CsvReader::releaseBefore(size_t offset) {
  if (mapping_ == nullptr) return;
  const auto page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  const size_t end = std::min(offset, mappingSize_) / page * page;
  if (end <= releasedBytes_) return;
  // A private, read-only file mapping: MADV_DONTNEED drops the pages, and a
  // later read faults them in from the file again (never zeros: that is for
  // anonymous mappings). Only a hint: if it fails, the pages stay.
  ::madvise(static_cast<char*>(mapping_) + releasedBytes_, end - releasedBytes_, MADV_DONTNEED);
  releasedBytes_ = end;
}

bool CsvReader::openFile(const std::string& path) {
  openText({});
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    error_ = ec ? ec.message() : "not a regular file";
    return false;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error_ = std::strerror(errno);
    return false;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    error_ = std::strerror(errno);
    ::close(fd);
    return false;
  }
  const auto size = static_cast<size_t>(info.st_size);
  void* address = size == 0 ? MAP_FAILED : ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (address != MAP_FAILED) {
    ::madvise(address, size, MADV_SEQUENTIAL);
    mapping_ = address;
    mappingSize_ = size;
    text_ = std::string_view(static_cast<const char*>(address), size);
  } else if (size > 0) {
    // Not mappable (some special file systems): read it instead.
    owned_.resize(size);
    size_t used = 0;
    ssize_t got = 0;
    while (used < size && (got = ::read(fd, owned_.data() + used, size - used)) > 0)
      used += static_cast<size_t>(got);
    owned_.resize(used);
    text_ = owned_;
    if (got < 0) {
      error_ = std::strerror(errno);
      ::close(fd);
      return false;
    }
  }
  ::close(fd);
  skipByteOrderMark();
  return true;
}

void CsvReader::openText(std::string text) {
  release();
  owned_ = std::move(text);
  text_ = owned_;
  skipByteOrderMark();
}

void CsvReader::openRange(std::string_view text, size_t begin, size_t stop) {
  release();
  text_ = text;
  pos_ = std::min(begin, text_.size());
  stop_ = stop;
  line_ = 0;
  header_.clear();
  error_.clear();
  errorLine_ = 0;
}

void CsvReader::skipByteOrderMark() {
  pos_ = text_.substr(0, kUtf8Bom.size()) == kUtf8Bom ? kUtf8Bom.size() : 0;
  stop_ = static_cast<size_t>(-1);
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

std::uint64_t CsvReader::lineCount() const {
  // At the end, line_ is one past the number of line ends read.
  const bool lastLineOpen = !text_.empty() && text_.back() != '\n' && text_.back() != '\r';
  return line_ - 1 + (lastLineOpen ? 1 : 0);
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

void CsvReader::skipBlankLines() {
  const size_t n = text_.size();
  while (pos_ < n && (text_[pos_] == '\n' || text_[pos_] == '\r')) skipLineEnd();
}

// The common record: one line without quotes, split at its commas in one
// pass that finds every comma, quote and line end of 16 bytes at once
// (SSE2, which every x86-64 has), instead of a memchr for the line end, two
// over the line for a quote or a lone CR, then one per field: most fields
// are a few bytes, and a memchr call per field cost more than the bytes it
// searched. The last 15 bytes of the text, and other CPUs, go byte by byte.
// False (nothing read) when the line needs the general reader: it holds a
// quote, or a CR that does not end it.
bool CsvReader::readPlainLine(Record& record) {
  const char* const base = text_.data();
  const size_t n = text_.size();
  record.fields.clear();
  size_t field = pos_;
  size_t at = pos_;
  size_t end = n;  // where the line's text ends (its CR or LF)
  const auto addField = [&](size_t stop) {
    record.fields.emplace_back(base + field, stop - field);
    field = stop + 1;
  };
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'),
                lineFeed = _mm_set1_epi8('\n'), carriageReturn = _mm_set1_epi8('\r');
  for (; at + 16 <= n; at += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + at));
    const auto maskOf = [&](__m128i byte) {
      return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, byte)));
    };
    unsigned commas = maskOf(comma);
    const unsigned quotes = maskOf(quote);
    const unsigned ends = maskOf(lineFeed) | maskOf(carriageReturn);
    // The bits before the line's end, all 16 when it is not in this block.
    const unsigned before = ends == 0 ? 0xFFFFu : (1u << __builtin_ctz(ends)) - 1;
    if ((quotes & before) != 0) return false;
    for (commas &= before; commas != 0; commas &= commas - 1)
      addField(at + static_cast<size_t>(__builtin_ctz(commas)));
    if (ends != 0) {
      end = at + static_cast<size_t>(__builtin_ctz(ends));
      break;
    }
  }
#endif
  // The rest of a line whose end the steps did not reach.
  for (; end == n && at < n; ++at) {
    const char c = base[at];
    if (c == ',') {
      addField(at);
    } else if (c == '\n' || c == '\r') {
      end = at;
    } else if (c == '"') {
      return false;
    }
  }
  // A CR ends the line only as the first half of a CRLF; a lone one is the
  // general reader's (it counts it as a line end of its own).
  if (end < n && base[end] == '\r' && (end + 1 >= n || base[end + 1] != '\n')) return false;
  record.fields.emplace_back(base + field, end - field);
  record.raw = text_.substr(pos_, end - pos_);
  pos_ = end;
  skipLineEnd();
  return true;
}

ReadStatus CsvReader::next(Record& record) {
  const size_t n = text_.size();
  skipBlankLines();
  if (pos_ >= n || pos_ >= stop_) return ReadStatus::End;

  const size_t start = pos_;
  record.line = line_;
  record.problem = {};
  record.scratch.clear();
  if (text_[pos_] != '"' && readPlainLine(record)) return ReadStatus::Record;
  record.fields.clear();
  spans_.clear();
  for (;;) {
    if (pos_ < n && text_[pos_] == '"') {
      bool unterminated = false;
      readQuoted(record, unterminated);
      if (unterminated) {
        record.raw = text_.substr(start);
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
  record.raw = text_.substr(start, pos_ - start);
  skipLineEnd();

  const std::string_view text = text_;
  const std::string_view scratch(record.scratch);
  record.fields.reserve(spans_.size());
  for (const FieldSpan& span : spans_) {
    record.fields.push_back(span.inScratch ? scratch.substr(span.offset, span.length)
                                           : text.substr(span.offset, span.length));
  }
  return ReadStatus::Record;
}

}  // namespace mc::csv
