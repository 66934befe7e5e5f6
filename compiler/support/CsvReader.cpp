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

void Record::pointFieldsAt(const Record& source) {
  const char* base = source.fields.base();
  if (base == source.scratch.data()) base = scratch.data();
  fields = Fields(base, bounds_.data(), source.fields.size());
}

Record& Record::operator=(const Record& other) {
  if (this != &other) {
    line = other.line;
    raw = other.raw;
    problem = other.problem;
    scratch = other.scratch;
    bounds_ = other.bounds_;
    pointFieldsAt(other);
  }
  return *this;
}

Record& Record::operator=(Record&& other) noexcept {
  if (this != &other) {
    line = other.line;
    raw = other.raw;
    problem = other.problem;
    const Record& source = other;
    const char* base = source.fields.base();
    const bool inScratch = base == other.scratch.data();
    const size_t size = other.fields.size();
    scratch = std::move(other.scratch);
    bounds_ = std::move(other.bounds_);
    fields = Fields(inScratch ? scratch.data() : base, bounds_.data(), size);
    other.fields = {};
  }
  return *this;
}

CsvReader::~CsvReader() { release(); }

void CsvReader::release() {
  if (mapping_ != nullptr) ::munmap(mapping_, mappingSize_);
  mapping_ = nullptr;
  mappingSize_ = 0;
  releasedBytes_ = 0;
  owned_.clear();
  text_ = {};
  masks_ = ByteMasks();
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

// The masks of a block: four 16-byte compares per byte class (SSE2, which
// every x86-64 has; other CPUs byte by byte). The text's last block is
// copied into zeros first, so that no load reads past the text.
// Inlined, as readPlainLine is into next(): a call's entry and exit per
// block and per line cost a tenth of the split's instructions.
__attribute__((always_inline)) inline void CsvReader::maskBlock(size_t start) {
  const size_t n = text_.size();
  const char* bytes = text_.data() + start;
  char tail[64];
  if (n - start < sizeof tail) {
    std::memset(tail, 0, sizeof tail);
    std::memcpy(tail, bytes, n - start);
    bytes = tail;
  }
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'),
                lineFeed = _mm_set1_epi8('\n'), carriageReturn = _mm_set1_epi8('\r');
  // Kept in locals, stored once: stores into the members as they grow would
  // be made (and vectorised) piecewise.
  std::uint64_t commas = 0, quotes = 0, ends = 0;
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + 16 * k));
    const auto bitsOf = [&](__m128i byte) {
      return static_cast<std::uint64_t>(
          static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, byte))));
    };
    commas |= bitsOf(comma) << (16 * k);
    quotes |= bitsOf(quote) << (16 * k);
    ends |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(v, lineFeed), _mm_cmpeq_epi8(v, carriageReturn)))))
            << (16 * k);
  }
  masks_ = {start, commas, quotes, ends};
#else
  masks_ = {start, 0, 0, 0};
  for (size_t i = 0; i < sizeof tail; ++i) {
    const std::uint64_t bit = std::uint64_t{1} << i;
    masks_.commas |= bytes[i] == ',' ? bit : 0;
    masks_.quotes |= bytes[i] == '"' ? bit : 0;
    masks_.ends |= bytes[i] == '\n' || bytes[i] == '\r' ? bit : 0;
  }
#endif
}

// The common record: one line without quotes, split at its commas from the
// masks of its 64-byte blocks. The masks of the block a line ends in are
// kept for the next line, which mostly starts in it: each byte of the text
// is compared once, not once per line that shares its block. Each comma
// writes one view into the record's list, which has room for a whole
// block's commas before the block is read (no check per field). False
// (nothing read) when the line needs the general reader: it holds a quote,
// or a CR that does not end it.
__attribute__((always_inline)) inline bool CsvReader::readPlainLine(Record& record) {
  const char* const base = text_.data();
  const size_t n = text_.size();
  size_t count = 0;
  size_t end = n;  // where the line's text ends (its CR or LF)
  size_t* bounds = record.room(66);
  size_t room = record.bounds_.size();
  bounds[count++] = pos_ - 1;  // wraps at 0: see Fields
  size_t block = pos_ & ~size_t{63};
  std::uint64_t live = ~std::uint64_t{0} << (pos_ - block);  // the bits from the line's start
  for (;;) {
    if (masks_.start != block) maskBlock(block);
    if (count + 65 > room) {
      bounds = record.room(count + 65);
      room = record.bounds_.size();
    }
    // The bits before the line's end (all of them when it is not in this
    // block: (0 & -0) - 1 is all ones).
    const std::uint64_t ends = masks_.ends & live;
    const std::uint64_t before = ((ends & (0 - ends)) - 1) & live;
    if ((masks_.quotes & before) != 0) return false;
    for (std::uint64_t commas = masks_.commas & before; commas != 0; commas &= commas - 1)
      bounds[count++] = block + static_cast<size_t>(__builtin_ctzll(commas));
    if (ends != 0) {
      end = block + static_cast<size_t>(__builtin_ctzll(ends));
      break;
    }
    block += 64;
    live = ~std::uint64_t{0};
    if (block >= n) break;  // a last line without a line end
  }
  // A CR ends the line only as the first half of a CRLF; a lone one is the
  // general reader's (it counts it as a line end of its own).
  if (end < n && base[end] == '\r' && (end + 1 >= n || base[end + 1] != '\n')) return false;
  bounds[count] = end;
  record.fields = Fields(base, bounds, count);
  record.raw = std::string_view(base + pos_, end - pos_);
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
  record.fields = {};
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
  // The fields back to back in the record's scratch, a comma after each.
  size_t* const bounds = record.room(spans_.size() + 1);
  bounds[0] = static_cast<size_t>(-1);
  cooked_.clear();
  for (size_t i = 0; i < spans_.size(); ++i) {
    const FieldSpan& span = spans_[i];
    cooked_.append(span.inScratch ? scratch.substr(span.offset, span.length)
                                  : text.substr(span.offset, span.length));
    bounds[i + 1] = cooked_.size();
    cooked_.push_back(',');
  }
  record.scratch.swap(cooked_);
  record.fields = Fields(record.scratch.data(), bounds, spans_.size());
  return ReadStatus::Record;
}

}  // namespace mc::csv
