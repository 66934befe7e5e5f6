// The one CSV reader of measurec (RFC 4180): the whole file mapped, records as
// string_views into the buffer, each with its starting line and raw text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mc::csv {

// One record. Views stay valid until the next call to CsvReader::next with
// this record, and while the reader lives.
struct Record {
  std::uint64_t line = 0;  // 1-based line where the record starts
  std::string_view raw;    // the record's text as written, without its line end
  std::vector<std::string_view> fields;
  // Non-empty when the record is readable but malformed (text after a
  // closing quote); the fields are then a best effort.
  std::string_view problem;
  std::string scratch;  // unescaped quoted fields that held doubled quotes

  size_t size() const { return fields.size(); }
  std::string_view operator[](size_t i) const { return fields[i]; }
};

enum class ReadStatus { Record, End, Error };

class CsvReader {
 public:
  static constexpr int kNoColumn = -1;

  CsvReader() = default;
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

  // Physical lines of the input, header and blank lines included (a last
  // line without a line end counts). Valid once next() returned End.
  std::uint64_t lineCount() const;

 private:
  struct FieldSpan {
    bool inScratch;
    size_t offset;
    size_t length;
  };

  bool atLineEnd(size_t pos) const;
  void skipLineEnd();
  void readQuoted(Record& record, bool& unterminated);
  void readUnquoted();
  bool readPlainLine(Record& record);

  void release();
  void skipByteOrderMark();

  // The input: a read-only mapping of the file, or text the reader owns.
  void* mapping_ = nullptr;
  size_t mappingSize_ = 0;
  size_t releasedBytes_ = 0;  // the mapping's first bytes given back (whole pages)
  std::string owned_;
  std::string_view text_;
  size_t pos_ = 0;
  size_t stop_ = static_cast<size_t>(-1);  // openRange: no record starts here or later
  std::uint64_t line_ = 1;
  std::vector<std::string> header_;
  std::vector<FieldSpan> spans_;
  std::string error_;
  std::uint64_t errorLine_ = 0;
};

}  // namespace mc::csv
