// Texts to dense ids in the order first seen, looked up by string_view with
// no allocation: the loader's member ids, and each chunk's codes, providers
// and units before they meet the store's dictionaries.
#pragma once

#include <cstdint>
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
  size_t size() const { return start_.size() - 1; }
  bool empty() const { return size() == 0; }
  void reserve(size_t texts);

 private:
  static std::uint64_t hash(std::string_view text);
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
