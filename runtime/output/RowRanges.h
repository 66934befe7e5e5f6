// A result file's rows formatted on the run's threads and written in order:
// the rows are cut into ranges, each range is formatted by whichever thread
// is free into a buffer of its own, and the buffers go to the file in range
// order, each as soon as the ranges before it are written. The file's bytes
// are those of one thread formatting every row in turn; at most one buffer
// per thread is alive, so memory stays bounded whatever the file's size.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <ostream>
#include <string_view>
#include <vector>

#include "support/LargePages.h"

namespace mc::output {

// Rows per range: about 3-4 MB of member_results.csv or gaps.csv text,
// enough that a range's hand-over costs nothing beside its formatting, few
// enough that the threads finish the file close together.
inline constexpr std::size_t kRowsPerRange = std::size_t{1} << 15;

// The range size for `threads` threads: one thread has no work to share,
// and a smaller range keeps its one buffer near 1 MB (at 1,000,000 members
// 20 MB less at the peak of a `--threads 1` run, whose two large files are
// written side by side).
inline std::size_t rowsPerRange(int threads) {
  return threads > 1 ? kRowsPerRange : kRowsPerRange / 4;
}

// A range's text, written through a raw pointer: a row asks for room for
// its longest form once, copies its pieces with no check each, and says
// where it ended. std::string's appends cost a capacity check and a call
// per piece, and its resize zero-fills what is about to be written (the
// pieces of member_results.csv and gaps.csv are a few bytes each, millions
// of times). The room is kept when the text is cleared, so a buffer handed
// from range to range is allocated (and its pages touched) once.
class RowText {
 public:
  // Where the next bytes go, with room for at least `bytes` of them.
  char* room(std::size_t bytes) {
    if (capacity_ - size_ < bytes) grow(bytes);
    return data_.get() + size_;
  }
  // The text now ends at `end` (within the room asked for last).
  void endAt(const char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }
  void append(std::string_view text);

  std::string_view view() const { return {data_.get(), size_}; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear() { size_ = 0; }

 private:
  void grow(std::size_t bytes);

  // A range's text is a few MB: a large buffer, in huge pages
  // (support/LargePages.h).
  std::unique_ptr<char, BufferRelease> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// Appends the text of rows [first, last) to `text`.
using FormatRows = std::function<void(std::size_t first, std::size_t last, RowText& text)>;

// Writes rows [0, rows) to `out`, formatted by `format` on `threads`
// threads (one: in turn on the calling thread).
void writeRowRanges(std::ostream& out, std::size_t rows, int threads, const FormatRows& format,
                    std::size_t rowsPerRange = kRowsPerRange);

// Several files made from one list of rows (member_results.csv and gaps.csv
// from the same ordered rows): a range's rows give text for each file,
// `texts[f]` for `outs[f]`, and each file gets its texts in range order.
// One pass over the rows serves every file, and the files are written side
// by side rather than one after the other.
using FormatRowsOfFiles = std::function<void(std::size_t first, std::size_t last, RowText* texts)>;
void writeRowRanges(const std::vector<std::ostream*>& outs, std::size_t rows, int threads,
                    const FormatRowsOfFiles& format, std::size_t rowsPerRange = kRowsPerRange);

}  // namespace mc::output
