// Splitting a large CSV file into chunks read in parallel. A chunk is read
// speculatively from a line start, as if a record started there; the chunk
// before it says where its own last record really ended, and the two agree
// unless a quoted field ran over the boundary, in which case the later
// chunk is read again from where the earlier one stopped. So the records,
// their lines and their errors are those of one reader over the whole file.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

namespace mc::store {

// Where chunks of about `chunkBytes` start: `begin` first, each later one just
// past a line feed, in increasing order, all before text.size(). A chunk runs
// to the next start (the last to the end of the text).
std::vector<size_t> chunkStarts(std::string_view text, size_t begin, size_t chunkBytes);

// The chunk size of a load: MEASUREC_LOAD_CHUNK_BYTES when set (tests use a
// few bytes, to cut small files into many chunks), else kDefaultChunkBytes.
inline constexpr size_t kDefaultChunkBytes = size_t{4} << 20;
size_t loadChunkBytes();

// How one chunk read: where its first record starts (past blank lines) and
// where the next record after its last one starts, each with its line
// counted from 0 at the chunk's start.
struct ChunkSpan {
  size_t first = 0;
  std::uint64_t firstLine = 0;
  size_t end = 0;
  std::uint64_t endLine = 0;
};

// The text of a chunk continues the one before when its first record is
// where the previous chunk's reading stopped.
inline bool continues(size_t previousEnd, const ChunkSpan& chunk) {
  return chunk.first == previousEnd;
}

// Tasks 0..count-1, each parsed on any of `threads` threads, committed in
// order by whichever thread finds the next one parsed (a thread never
// waits for another's parse). Once a commit says stop (returns false), no
// later task is committed, nor parsed if not begun: false then.
template <typename Parse, typename Commit>
bool parseAndCommitInOrder(size_t count, int threads, Parse parse, Commit commit) {
  std::vector<std::atomic<bool>> done(count);
  std::atomic<size_t> next{0};
  std::atomic<bool> stopped{false};
  std::mutex commitLock;
  size_t committed = 0;
  const auto commitReady = [&] {
    while (committed < count && done[committed].load(std::memory_order_acquire)) {
      if (!stopped.load() && !commit(committed)) stopped.store(true);
      ++committed;
    }
  };
  const auto work = [&] {
    for (size_t i; (i = next++) < count;) {
      if (!stopped.load()) parse(i);
      done[i].store(true, std::memory_order_release);
      if (commitLock.try_lock()) {
        commitReady();
        commitLock.unlock();
      }
    }
  };
  std::vector<std::thread> helpers;
  for (int h = 1; h < threads && static_cast<size_t>(h) < count; ++h) helpers.emplace_back(work);
  work();
  for (std::thread& helper : helpers) helper.join();
  commitReady();
  return !stopped.load();
}

}  // namespace mc::store
