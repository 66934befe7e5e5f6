// Texts to dense ids in the order first seen, looked up by string_view with
// no allocation: the loader's member ids, and each chunk's codes, providers
// and units before they meet the store's dictionaries.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace mc::store {

class TextIndex {
 public:
  static constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;

  // The id of `text`, added when new (ids count from 0).
  std::uint32_t intern(std::string_view text);
  std::uint32_t find(std::string_view text) const;  // kAbsent when never interned
  std::string_view text(std::uint32_t id) const {
    return std::string_view(arena_).substr(start_[id], start_[id + 1] - start_[id]);
  }
  // Whether id's text is `text`: the lengths first, then (from 8 bytes) the
  // last 8 bytes in one load, where ids of one shape differ, before the
  // rest; no string_view is made on the way (the member look-ahead and
  // every probe).
  bool textIs(std::uint32_t id, std::string_view text) const {
    const std::uint32_t begin = start_[id];
    const size_t n = text.size();
    if (start_[id + 1] - begin != n) return false;
    const char* mine = arena_.data() + begin;
    if (n < 8) return n == 0 || std::memcmp(mine, text.data(), n) == 0;
    std::uint64_t a = 0, b = 0;
    std::memcpy(&a, mine + n - 8, 8);
    std::memcpy(&b, text.data() + n - 8, 8);
    return a == b && (n == 8 || std::memcmp(mine, text.data(), n - 8) == 0);
  }
  size_t size() const { return start_.size() - 1; }
  bool empty() const { return size() == 0; }
  void reserve(size_t texts);

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
  // Adds texts[i] (hash hashes[i]) as id size() + i, for every i: none may
  // be in the index yet, nor twice in `texts`. Their slots are filled in
  // the order of `order` (a permutation of the indexes of `texts`, by home
  // slot for speed); the ids do not depend on it.
  void addNew(const std::vector<std::string_view>& texts, const std::vector<std::uint64_t>& hashes,
              const std::vector<std::uint32_t>& order);

 private:
  // The slot holding `text`, or the empty slot where it would go.
  size_t slotOf(std::string_view text, std::uint64_t h) const;
  void grow();

  std::string arena_;                    // every text, back to back
  std::vector<std::uint32_t> start_{0};  // id -> offset in arena_; one past the last
  // Open addressing: id + 1 (0 when empty) beside the high bits of the
  // text's hash, so that a probe reads one cache line.
  struct Slot {
    std::uint32_t entry;
    std::uint32_t tag;
  };
  std::vector<Slot> slots_;
};

}  // namespace mc::store
