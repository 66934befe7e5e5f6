// A vocabulary's names (support/EventVocabulary.h: settings, statuses,
// sources) found by a cell's length and first letter, then one comparison
// of at most three words: the loader reads a setting, a status and a source
// on every event row, and a scan over every name with case folding cost
// more than the rest of the cell. Answers are those of the vocabulary's own
// scans, equalsIgnoreCase (unit test).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "store/LittleWords.h"

namespace mc::store {

template <size_t N>
class NameLookup {
 public:
  static constexpr int kAbsent = -1;
  static constexpr size_t kMaxLength = 24;

  // `names` are at most kMaxLength long and have no capital letter (every
  // vocabulary's are lowercase); the empty name, when there is one, is kept
  // apart.
  explicit constexpr NameLookup(const char* const (&names)[N]) {
    for (auto& row : first_)
      for (std::int8_t& entry : row) entry = kAbsent;
    for (size_t i = N; i-- > 0;) {
      const size_t length = std::char_traits<char>::length(names[i]);
      if (length == 0) {
        empty_ = static_cast<int>(i);
        continue;
      }
      words_[i] = wordsOf(names[i], length, [](unsigned char c) { return c; });
      // A letter's byte matches either case once its 0x20 bit is set.
      letters_[i] = wordsOf(names[i], length, [](unsigned char c) {
        return static_cast<unsigned char>(c >= 'a' && c <= 'z' ? 0x20 : 0);
      });
      std::int8_t& head = first_[length][bucket(names[i][0])];
      next_[i] = head;
      head = static_cast<std::int8_t>(i);
    }
  }

  // The index of `text`'s name, ASCII case ignored; kAbsent when none.
  [[gnu::always_inline]] int find(std::string_view text) const {
    if (text.empty()) return empty_;
    if (text.size() > kMaxLength) return kAbsent;
    int i = first_[text.size()][bucket(text[0])];
    if (i == kAbsent) return kAbsent;
    const Words cell = wordsOf(text.data(), text.size(), load64, load32);
    for (; i != kAbsent; i = next_[i]) {
      const Words& name = words_[i];
      const Words& letters = letters_[i];
      if ((cell.head | letters.head) == name.head && (cell.tail | letters.tail) == name.tail &&
          (cell.middle | letters.middle) == name.middle)
        return i;
    }
    return kAbsent;
  }

 private:
  // A text of n bytes as words compared at once: for 8 or more bytes, the
  // first eight and the last eight (overlapping), and bytes 8 to 15 when
  // there are more than 16; for 4 to 7, the first four and the last four;
  // for 1 to 3, the first, middle and last byte. A word's first byte is its
  // lowest, on any machine.
  struct Words {
    std::uint64_t head = 0, tail = 0, middle = 0;
  };

  // A name's words, built by the compiler from its bytes, each mapped.
  template <typename Map>
  static constexpr Words wordsOf(const char* name, size_t n, Map map) {
    const auto word = [&](size_t at, size_t bytes) {
      std::uint64_t out = 0;
      for (size_t k = 0; k < bytes; ++k)
        out |= std::uint64_t{map(static_cast<unsigned char>(name[at + k]))} << (8 * k);
      return out;
    };
    if (n >= 8) return {word(0, 8), word(n - 8, 8), n > 16 ? word(8, 8) : 0};
    if (n >= 4) return {word(0, 4), word(n - 4, 4), 0};
    return {word(0, 1) | word(n / 2, 1) << 8 | word(n - 1, 1) << 16, 0, 0};
  }
  // A cell's words, loaded.
  template <typename Load64, typename Load32>
  static Words wordsOf(const char* text, size_t n, Load64 wide, Load32 narrow) {
    if (n >= 8) return {wide(text), wide(text + n - 8), n > 16 ? wide(text + 8) : 0};
    if (n >= 4) return {narrow(text), narrow(text + n - 4), 0};
    const auto byte = [&](size_t at) {
      return std::uint64_t{static_cast<unsigned char>(text[at])};
    };
    return {byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16, 0, 0};
  }
  static std::uint64_t load64(const char* at) { return loadLittle64(at); }
  static std::uint64_t load32(const char* at) { return loadLittle32(at); }
  // A letter's low five bits are those of either case; bytes that are not
  // letters share buckets with letters, which the comparison tells apart.
  static constexpr size_t bucket(char c) { return static_cast<unsigned char>(c) & 31u; }

  Words words_[N] = {};
  Words letters_[N] = {};
  std::int8_t next_[N] = {};
  std::int8_t first_[kMaxLength + 1][32] = {};
  int empty_ = kAbsent;
};

}  // namespace mc::store
