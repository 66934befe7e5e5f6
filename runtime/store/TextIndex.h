// Texts to dense ids in the order first seen, looked up by string_view with
// no allocation: the loader's member ids, and each chunk's codes, providers
// and units before they meet the store's dictionaries.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "support/LargePages.h"

namespace mc::store {

class TextIndex {
 public:
  static constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;

  // The id of `text`, added when new (ids count from 0).
  std::uint32_t intern(std::string_view text);
  std::uint32_t find(std::string_view text) const;  // kAbsent when never interned
  // textIs and text are always inline, as sameBytes is: the loader's parse
  // of a row (the member look-ahead) left each a call.
  [[gnu::always_inline]] std::string_view text(std::uint32_t id) const {
    return std::string_view(arena_.data() + start_[id], start_[id + 1] - start_[id]);
  }
  // Whether id's text is `text`: the lengths first, then the bytes
  // (sameBytes); no string_view is made on the way (the member look-ahead
  // and every probe).
  [[gnu::always_inline]] bool textIs(std::uint32_t id, std::string_view text) const {
    const std::uint32_t begin = start_[id];
    const size_t n = text.size();
    if (start_[id + 1] - begin != n) return false;
    return sameBytes(arena_.data() + begin, text.data(), n);
  }
  // Whether the n bytes at `a` and `b` are equal, compared inline in a few
  // loads rather than a call to memcmp, which costs more than the compare
  // for texts of 4 to 40 bytes: from 8 bytes the last word first (ids of
  // one shape differ there), then the whole words before it; under 8 two
  // 4-byte words (or, under 4 bytes, the first, middle and last bytes),
  // overlapping when they must. Reads no byte outside either text. Always
  // inline: the loader's large per-kind parse left it a call per row.
  [[gnu::always_inline]] static bool sameBytes(const char* a, const char* b, size_t n) {
    if (n >= 8) {
      if (load8(a + n - 8) != load8(b + n - 8)) return false;
      for (size_t i = 0; i + 8 < n; i += 8)
        if (load8(a + i) != load8(b + i)) return false;
      return true;
    }
    if (n >= 4) return ((load4(a) ^ load4(b)) | (load4(a + n - 4) ^ load4(b + n - 4))) == 0;
    return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
  }
  size_t size() const { return start_.size() - 1; }
  bool empty() const { return size() == 0; }
  // Room for `texts` texts of `bytes` bytes in all.
  void reserve(size_t texts, size_t bytes = 0);

  // The hash intern and find use, for a caller that hashes texts on one
  // thread and looks them up on another.
  static std::uint64_t hash(std::string_view text);
  // Where a lookup of a text of hash `h` starts in a table of `slotCount`
  // slots (slotCount(): the table now). Texts looked up in the order of
  // their home slots visit the table in memory order: one cache and TLB
  // miss per line or page rather than per text.
  static size_t homeSlot(std::uint64_t h, size_t slotCount) { return h & (slotCount - 1); }
  size_t slotCount() const { return slots_.size(); }
  std::uint32_t find(std::string_view text, std::uint64_t h) const;  // h: hash(text)
  // Adds texts[i] (hash hashes[i]) as id size() + i, for every i, when
  // none is in the index yet nor twice in `texts`; else adds none and
  // returns false. Their slots are looked for in the order of `order` (a
  // permutation of the indexes of `texts`, by home slot for speed), each
  // with one probe that both checks and places the text; the ids do not
  // depend on the order.
  bool addIfAllNew(const std::vector<std::string_view>& texts,
                   const std::vector<std::uint64_t>& hashes,
                   const std::vector<std::uint32_t>& order);
  // The indexes of `hashes` by the home slot of each in a table of
  // `slotCount` slots, indexes of one home in increasing order: the order
  // addIfAllNew wants, and one in which texts of one home are side by side.
  // A counting sort by the slots' high bits, then each (small) bucket in
  // order: linear in the count, where a comparison sort was a tenth of
  // the members' load.
  static void orderByHome(const std::vector<std::uint64_t>& hashes, size_t slotCount,
                          std::vector<std::uint32_t>& order);

 private:
  static std::uint64_t load8(const char* p) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, 8);
    return word;
  }
  static std::uint32_t load4(const char* p) {
    std::uint32_t word = 0;
    std::memcpy(&word, p, 4);
    return word;
  }
  static std::uint64_t hashOf(std::string_view text);  // hash, inlined where it is defined
  // The slot holding `text`, or the empty slot where it would go.
  size_t slotOf(std::string_view text, std::uint64_t h) const;
  // `text` (hash h), not in the index, as the next id, in empty slot s.
  [[gnu::noinline]] std::uint32_t add(size_t s, std::string_view text, std::uint64_t h);
  void grow();

  std::string arena_;                    // every text, back to back
  std::vector<std::uint32_t> start_{0};  // id -> offset in arena_; one past the last
  // Open addressing: id + 1 (0 when empty) beside the high bits of the
  // text's hash, so that a probe reads one cache line.
  struct Slot {
    std::uint32_t entry;
    std::uint32_t tag;
  };
  std::vector<Slot, LargePageAllocator<Slot>> slots_;  // large: in huge pages
};

}  // namespace mc::store
