// Chunk starts found with memchr: a boundary costs one search for a line
// feed, whatever the chunk size.
#include "store/CsvChunks.h"

#include <cstdlib>
#include <cstring>

namespace mc::store {

std::vector<size_t> chunkStarts(std::string_view text, size_t begin, size_t chunkBytes) {
  std::vector<size_t> starts{begin};
  const size_t n = text.size();
  if (chunkBytes == 0) chunkBytes = 1;
  for (size_t from = begin + chunkBytes; from < n;) {
    const void* lineFeed = std::memchr(text.data() + from, '\n', n - from);
    if (lineFeed == nullptr) break;
    const size_t start = static_cast<size_t>(static_cast<const char*>(lineFeed) - text.data()) + 1;
    if (start >= n) break;
    starts.push_back(start);
    from = start + chunkBytes;
  }
  return starts;
}

size_t loadChunkBytes() {
  if (const char* text = std::getenv("MEASUREC_LOAD_CHUNK_BYTES")) {
    char* end = nullptr;
    const unsigned long long bytes = std::strtoull(text, &end, 10);
    if (end != text && *end == '\0' && bytes > 0) return static_cast<size_t>(bytes);
  }
  return kDefaultChunkBytes;
}

}  // namespace mc::store
