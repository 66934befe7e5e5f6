// Ranges of rows formatted in parallel, written in order.
#include "output/RowRanges.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <utility>
#include <vector>

#include "score/ParallelWork.h"

namespace mc::output {

void RowText::append(std::string_view text) {
  char* at = room(text.size());
  if (!text.empty()) std::memcpy(at, text.data(), text.size());
  endAt(at + text.size());
}

void RowText::grow(std::size_t bytes) {
  // Doubling: a range's text is asked for room row by row.
  const std::size_t capacity = std::max(size_ + bytes, 2 * capacity_);
  // Left uninitialised: every byte up to size_ is written before it is
  // read.
  std::unique_ptr<char, BufferRelease> data(static_cast<char*>(allocateBuffer(capacity)),
                                            BufferRelease{capacity});
  if (size_ > 0) std::memcpy(data.get(), data_.get(), size_);
  data_ = std::move(data);
  capacity_ = capacity;
}

void writeRowRanges(std::ostream& out, std::size_t rows, int threads, const FormatRows& format,
                    std::size_t rowsPerRange) {
  writeRowRanges(
      {&out}, rows, threads,
      [&](std::size_t first, std::size_t last, RowText* texts) { format(first, last, texts[0]); },
      rowsPerRange);
}

void writeRowRanges(const std::vector<std::ostream*>& outs, std::size_t rows, int threads,
                    const FormatRowsOfFiles& format, std::size_t rowsPerRange) {
  const std::size_t ranges = (rows + rowsPerRange - 1) / rowsPerRange;
  std::mutex mutex;
  std::condition_variable written;
  std::size_t turn = 0;  // the range to write next
  // Buffers of ranges already written (one text per file), kept for their
  // capacity: a fresh buffer's pages cost about as much to touch as the
  // text costs to format.
  std::vector<std::vector<RowText>> spare;
  // Ranges are handed out in increasing order, so every range before the
  // one a thread waits to write is being formatted or written: no thread
  // waits forever.
  score::forEachInParallel(ranges, threads, [&](std::size_t range) {
    std::vector<RowText> texts;
    {
      const std::lock_guard<std::mutex> lock(mutex);
      if (!spare.empty()) {
        texts = std::move(spare.back());
        spare.pop_back();
      }
    }
    texts.resize(outs.size());
    for (RowText& text : texts) text.clear();
    const std::size_t first = range * rowsPerRange;
    format(first, std::min(rows, first + rowsPerRange), texts.data());
    std::unique_lock<std::mutex> lock(mutex);
    written.wait(lock, [&] { return turn == range; });
    // Only the thread whose turn it is writes: the lock is not needed for
    // the write itself, and the other threads can take spare buffers.
    lock.unlock();
    for (std::size_t f = 0; f < outs.size(); ++f)
      outs[f]->write(texts[f].view().data(), static_cast<std::streamsize>(texts[f].size()));
    lock.lock();
    ++turn;
    spare.push_back(std::move(texts));
    written.notify_all();
  });
}

}  // namespace mc::output
