// Splitting a large CSV file into chunks read in parallel. A chunk is read
// speculatively from a line start, as if a record started there; the chunk
// before it says where its own last record really ended, and the two agree
// unless a quoted field ran over the boundary, in which case the later
// chunk is read again from where the earlier one stopped. So the records,
// their lines and their errors are those of one reader over the whole file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
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

}  // namespace mc::store
