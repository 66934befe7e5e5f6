// The one CSV reader of measurec (RFC 4180): the whole file mapped, records as
// string_views into the buffer, each with its starting line and raw text.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "support/TextIterator.h"

namespace mc::csv {

// A record's fields. Field i is the text strictly between bounds i and i + 1
// (offsets into `base`): the commas around it, or the byte before the
// record and its line end. A plain line's bounds are a slice of the
// reader's index of its text (the offsets of its commas and line ends), and
// no view is made until a field is read.
class Fields {
 public:
  using Iterator = TextIterator<Fields>;

  Fields() = default;
  Fields(const char* base, const size_t* bounds, size_t size)
      : base_(base), bounds_(bounds), size_(size) {}
  Iterator begin() const { return {this, 0}; }
  Iterator end() const { return {this, size_}; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::string_view operator[](size_t i) const {
    // Unsigned: the bound before a record at offset 0 is -1, which wraps.
    const size_t from = bounds_[i] + 1;
    return {base_ + from, bounds_[i + 1] - from};
  }
  const char* base() const { return base_; }
  const size_t* bounds() const { return bounds_; }

 private:
  const char* base_ = nullptr;
  const size_t* bounds_ = nullptr;
  size_t size_ = 0;
};

// One record. Views stay valid until the reader's next call to next() (with
// any record), and while the reader lives: a plain line's field bounds are
// in the reader's index, which the next call may refill. A copy keeps them.
struct Record {
  std::uint64_t line = 0;  // 1-based line where the record starts
  std::string_view raw;    // the record's text as written, without its line end
  Fields fields;           // in the input's text, or in `scratch`
  // Non-empty when the record is readable but malformed (text after a
  // closing quote); the fields are then a best effort.
  std::string_view problem;
  // A record that needed the general reader (quotes, a lone CR): its fields
  // unescaped, back to back.
  std::string scratch;

  Record() = default;
  // A copy's or a moved record's fields are in its own bounds and scratch.
  Record(const Record& other) { *this = other; }
  Record(Record&& other) noexcept { *this = std::move(other); }
  Record& operator=(const Record& other);
  Record& operator=(Record&& other) noexcept;
  ~Record() = default;

  size_t size() const { return fields.size(); }
  std::string_view operator[](size_t i) const { return fields[i]; }

 private:
  friend class CsvReader;
  // Room for at least `count` bounds; those written so far are kept.
  size_t* room(size_t count) {
    if (bounds_.size() < count) bounds_.resize(std::max(count, 2 * bounds_.size()));
    return bounds_.data();
  }
  void copyFieldsOf(const Record& source);
  std::vector<size_t> bounds_;
};

enum class ReadStatus { Record, End, Error };

class CsvReader {
 public:
  static constexpr int kNoColumn = -1;

  CsvReader();
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Maps (or reads) the whole file. False when it cannot be read; error()
  // says why.
  bool openFile(const std::string& path);
  // Reads from text already in memory (tests, generated input).
  void openText(std::string text);
  // Reads a part of text another reader holds (which must outlive this one):
  // the records that start, past blank lines, in [begin, stop). Lines count
  // from 0 at `begin`. Used to read a large file in chunks, in parallel.
  void openRange(std::string_view text, size_t begin, size_t stop);
  // A mapped file's bytes before `offset` are read and done with: their
  // pages leave the process's memory (the page cache keeps them; reading
  // them again reads the file again, the same bytes). A file read in chunks
  // is otherwise wholly resident at its end: at 1,000,000 members
  // visits.csv alone is 680 MB of a load's peak. Nothing for text given
  // by openText.
  void releaseBefore(size_t offset);
  // Makes the page table entries of text[begin, end) at once, where it is
  // a large part of a mapped file (a hint; see CsvReader.cpp).
  static void prefault(std::string_view text, size_t begin, size_t end);
  // Copies the n bytes of text() from `begin` (n within it) to `out`: read
  // from the file (pread) when the text is a mapped file, so that the
  // mapping's pages are never touched, else copied from the text. A chunk
  // copied into a buffer that each chunk reuses costs a third of one read
  // through the mapping on the project's VM (see CsvReader.cpp).
  void copyText(size_t begin, size_t n, char* out) const;
  // The whole input (byte order mark included) and where the next record
  // (or blank line) starts.
  std::string_view text() const { return text_; }
  size_t position() const { return pos_; }
  std::uint64_t line() const { return line_; }
  // Moves past blank lines, as next() does before a record.
  void skipBlankLines();

  // Reads the first record as the header; names lose surrounding spaces.
  // False when the input is empty or the header itself cannot be read
  // (error() is then set).
  bool readHeader();
  const std::vector<std::string>& header() const { return header_; }
  int column(std::string_view name) const;  // kNoColumn when absent

  // Reads the next record; blank lines are skipped. On Error (an unterminated
  // quote) `record.line` and `record.raw` cover the rest of the input and
  // error()/errorLine() describe it; the reader then stays at its end.
  ReadStatus next(Record& record);

  const std::string& error() const { return error_; }
  std::uint64_t errorLine() const { return errorLine_; }

  // The pass that indexes the text compares 64 bytes at a time where the
  // CPU can (AVX-512), else 32 (AVX2), else 16 (SSE2): each gives the same
  // index. Tests cap the width to check every path the CPU has.
  enum class Masks { Bytes16, Bytes32, Bytes64 };
  static Masks widestMasks();  // the widest this CPU runs
  void useMasks(Masks widest);

  // Physical lines of the input, header and blank lines included (a last
  // line without a line end counts). Valid once next() returned End.
  std::uint64_t lineCount() const;

 private:
  struct FieldSpan {
    bool inScratch;
    size_t offset;
    size_t length;
  };

  // The index of a window of the text (see indexWindow).
  static constexpr size_t kWindowBytes = 16 * 1024;
  static constexpr size_t kListRoom = 4096;
  void indexWindow(size_t from);
  void followIndex();
  bool readIndexedLine(Record& record);
  ReadStatus readOther(Record& record);

  bool atLineEnd(size_t pos) const;
  void skipLineEnd();
  void readQuoted(Record& record, bool& unterminated);
  void readUnquoted();

  void release();
  void skipByteOrderMark();

  // The input: a read-only mapping of the file (and the file, open while
  // mapped: copyText), or text the reader owns.
  void* mapping_ = nullptr;
  int fd_ = -1;
  size_t mappingSize_ = 0;
  size_t releasedBytes_ = 0;  // the mapping's first bytes given back (whole pages)
  std::string owned_;
  std::string_view text_;
  size_t pos_ = 0;
  size_t stop_ = static_cast<size_t>(-1);  // openRange: no record starts here or later
  std::uint64_t line_ = 1;
  std::vector<std::string> header_;
  std::vector<FieldSpan> spans_;
  std::string cooked_;  // a general record's fields, then swapped into its scratch
  // The index of the window [windowStart_, windowEnd_) of the text, made in
  // one pass before its lines are read: seps_ holds the offsets of its
  // commas and line ends (LF or CR) in order, after windowStart_ - 1, the
  // bound before the first line; ends_ says which of them are line ends
  // (their places in seps_, after 0 for that first bound); quotes_ holds the
  // offsets of its quotes, then SIZE_MAX. While endCursor_ < endCount_, the
  // line end before pos_ is seps_[ends_[endCursor_ - 1]] and the first quote
  // at or after pos_ is quotes_[quoteCursor_]: a plain line is then a slice
  // of seps_.
  std::vector<size_t> seps_;
  std::vector<std::uint32_t> ends_;
  std::vector<size_t> quotes_;
  size_t windowStart_ = 0, windowEnd_ = 0;
  size_t endCursor_ = 0, endCount_ = 0, quoteCursor_ = 0, quoteCount_ = 0;
  Masks masks_;
  std::string error_;
  std::uint64_t errorLine_ = 0;
};

// The common record: a line of the index without quotes, ended by an LF or
// a CRLF. Its bounds are a slice of seps_ and its fields need no work until
// read; the cost per line is a few loads and checks. False (nothing read)
// when the line needs the general reader (a quote, a CR that does not end
// it), is blank, or starts at or past the range's stop.
[[gnu::always_inline]] inline bool CsvReader::readIndexedLine(Record& record) {
  const std::uint32_t first = ends_[endCursor_ - 1];
  const std::uint32_t last = ends_[endCursor_];
  const size_t end = seps_[last];
  if (end == pos_ || pos_ >= stop_ || quotes_[quoteCursor_] < end) return false;
  const char* const base = text_.data();
  size_t after = end + 1;
  size_t step = 1;
  if (base[end] == '\r') {
    // A CR ends the line only as the first half of a CRLF; a lone one is
    // the general reader's (it counts it as a line end of its own). The
    // LF is the index's next line end (or past the window).
    if (after >= text_.size() || base[after] != '\n') return false;
    ++after;
    step = 2;
  }
  record.line = line_++;
  record.problem = {};
  record.scratch.clear();
  record.fields = Fields(base, seps_.data() + first, last - first);
  record.raw = std::string_view(base + pos_, end - pos_);
  pos_ = after;
  endCursor_ += step;
  return true;
}

// In the header, so that it is inlined into the loops that read records
// (in a call, its loads and stores came with a call, a return and saved
// registers).
[[gnu::always_inline]] inline ReadStatus CsvReader::next(Record& record) {
  if (endCursor_ < endCount_ && readIndexedLine(record)) return ReadStatus::Record;
  return readOther(record);
}

}  // namespace mc::csv
