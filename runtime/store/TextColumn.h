// A column of texts, one per member (id, race, ethnicity, language, county):
// the texts' bytes one after another and an offset per text, as a cache
// file stores them (store/CacheLayout.h: an offsets section of count + 1
// entries, then a bytes section). Either owned (the builder appends) or a
// read-only view of those two sections of a memory-mapped cache, used in
// place as Column's views are.
//
// Why not a std::vector<std::string>: at 1,000,000 members the five
// columns were 160 MB of fresh memory (32 bytes a string), made string by
// string on every run from the cache; as views they cost nothing to open,
// and from CSV about 90 MB (the bytes and 8-byte offsets).
//
// Like Column, a view is copy-on-write: any change first copies it into
// owned memory. Readers get std::string_view.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/LargePages.h"
#include "support/TextIterator.h"

namespace mc::store {

class TextColumn {
 public:
  TextColumn() { sync(); }
  TextColumn(std::initializer_list<std::string_view> texts) {
    for (const std::string_view t : texts) append(t);
    sync();
  }
  TextColumn(const TextColumn& other) { *this = other; }
  TextColumn(TextColumn&& other) noexcept { *this = std::move(other); }
  TextColumn& operator=(const TextColumn& other) {
    if (this == &other) return *this;
    ownedOffsets_ = other.ownedOffsets_;
    ownedBytes_ = other.ownedBytes_;
    placeAs(other);
    return *this;
  }
  TextColumn& operator=(TextColumn&& other) noexcept {
    if (this == &other) return *this;
    ownedOffsets_ = std::move(other.ownedOffsets_);
    ownedBytes_ = std::move(other.ownedBytes_);
    placeAs(other);
    other.clear();
    return *this;
  }

  // A view of `count` texts: `offsets` has count + 1 entries, from 0 to the
  // bytes' length, never decreasing (the caller checks; CacheReader.cpp),
  // and the caller keeps both alive (MemberStore::mapping).
  static TextColumn view(const std::uint64_t* offsets, const char* bytes, std::size_t count) {
    TextColumn c;
    c.mapped_ = true;
    c.offsets_ = offsets;
    c.bytes_ = bytes;
    c.size_ = count;
    return c;
  }
  bool isView() const { return mapped_; }

  // Reading.
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Const, so that `column[i] = text` (assigning to the view, a no-op)
  // does not compile: a text is changed through set().
  const std::string_view operator[](std::size_t i) const {
    return {bytes_ + offsets_[i], static_cast<std::size_t>(offsets_[i + 1] - offsets_[i])};
  }
  // Where text i's bytes start (for a prefetch).
  const char* bytesOf(std::size_t i) const { return bytes_ + offsets_[i]; }
  // The sections a cache stores: size() + 1 offsets, then byteCount() bytes.
  const std::uint64_t* offsets() const { return offsets_; }
  const char* bytes() const { return bytes_; }
  std::size_t byteCount() const { return static_cast<std::size_t>(offsets_[size_]); }

  using const_iterator = TextIterator<TextColumn>;
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

  friend bool operator==(const TextColumn& a, const TextColumn& b) {
    if (a.size_ != b.size_) return false;
    for (std::size_t i = 0; i < a.size_; ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  friend bool operator!=(const TextColumn& a, const TextColumn& b) { return !(a == b); }

  // Writing.
  void push_back(std::string_view text) {
    writable();
    append(text);
    sync();
  }
  void emplace_back(std::string_view text) { push_back(text); }
  // Appends `count` texts, the k-th textOf(k) (a std::string_view), as
  // push_back would one by one: the room for their bytes and offsets is
  // made once, and each text is copied in a few word moves, where
  // push_back costs a call or two per text (the load adds a chunk of
  // members' texts at a time).
  template <typename TextOf>
  void appendEach(std::size_t count, TextOf textOf) {
    writable();
    std::size_t bytes = 0;
    for (std::size_t k = 0; k < count; ++k) bytes += textOf(k).size();
    std::size_t at = ownedBytes_.size();
    ownedBytes_.resize(at + bytes);  // grows geometrically, as append does
    const std::size_t offsets = ownedOffsets_.size() + count;
    if (offsets > ownedOffsets_.capacity())
      ownedOffsets_.reserve(std::max(offsets, 2 * ownedOffsets_.capacity()));
    char* const out = ownedBytes_.data();
    for (std::size_t k = 0; k < count; ++k) {
      const std::string_view text = textOf(k);
      copyBytes(out + at, text.data(), text.size());
      at += text.size();
      ownedOffsets_.push_back(at);
    }
    sync();
  }
  void reserve(std::size_t count, std::size_t bytes = 0) {
    writable();
    ownedOffsets_.reserve(count + 1);
    ownedBytes_.reserve(bytes);
    sync();
  }
  // Replaces text i. The last text is replaced in place (a member's row
  // read in two steps); any other costs a copy of the texts after it.
  void set(std::size_t i, std::string_view text) {
    writable();
    const std::uint64_t from = ownedOffsets_[i], to = ownedOffsets_[i + 1];
    ownedBytes_.replace(static_cast<std::size_t>(from), static_cast<std::size_t>(to - from),
                        text.data(), text.size());
    const std::uint64_t grown = text.size() - (to - from);  // modulo 2^64: may shrink
    for (std::size_t k = i + 1; k < ownedOffsets_.size(); ++k) ownedOffsets_[k] += grown;
    sync();
  }
  void clear() {
    ownedOffsets_.assign(1, 0);
    ownedBytes_.clear();
    mapped_ = false;
    sync();
  }

  // The n bytes at `from` to `to`, with no call: texts are a few bytes
  // long. From 8 bytes whole words, the last one overlapping the one
  // before; under 8 two 4-byte words, or the first, middle and last bytes.
  // (Also the loader's, for members.csv's cells.)
  static void copyBytes(char* to, const char* from, std::size_t n) {
    if (n >= 8) {
      for (std::size_t i = 0; i + 8 < n; i += 8) std::memcpy(to + i, from + i, 8);
      std::uint64_t last = 0;
      std::memcpy(&last, from + n - 8, 8);
      std::memcpy(to + n - 8, &last, 8);
      return;
    }
    if (n >= 4) {
      std::uint32_t first = 0, last = 0;
      std::memcpy(&first, from, 4);
      std::memcpy(&last, from + n - 4, 4);
      std::memcpy(to, &first, 4);
      std::memcpy(to + n - 4, &last, 4);
      return;
    }
    if (n > 0) {
      to[0] = from[0];
      to[n / 2] = from[n / 2];
      to[n - 1] = from[n - 1];
    }
  }

 private:
  void append(std::string_view text) {
    ownedBytes_.append(text.data(), text.size());
    ownedOffsets_.push_back(ownedBytes_.size());
  }
  void writable() {
    if (!mapped_) return;
    ownedOffsets_.assign(offsets_, offsets_ + size_ + 1);
    ownedBytes_.assign(bytes_, static_cast<std::size_t>(offsets_[size_]));
    mapped_ = false;
  }
  // After the owned texts were copied or moved from `other`: a view of what
  // it views, or of the owned texts (re-read: a moved std::string may not
  // keep its buffer, short texts being inside it).
  void placeAs(const TextColumn& other) {
    mapped_ = other.mapped_;
    if (!mapped_) return sync();
    offsets_ = other.offsets_;
    bytes_ = other.bytes_;
    size_ = other.size_;
  }
  void sync() {
    offsets_ = ownedOffsets_.data();
    bytes_ = ownedBytes_.data();
    size_ = ownedOffsets_.size() - 1;
  }

  // Large at a million members: in huge pages (support/LargePages.h).
  std::vector<std::uint64_t, LargePageAllocator<std::uint64_t>> ownedOffsets_{0};
  std::basic_string<char, std::char_traits<char>, LargePageAllocator<char>> ownedBytes_;
  bool mapped_ = false;
  const std::uint64_t* offsets_ = nullptr;
  const char* bytes_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace mc::store
