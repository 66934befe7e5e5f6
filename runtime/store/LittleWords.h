// Words loaded from text, the first byte lowest whatever the machine's byte
// order: the short readers of cells (store/NameLookup.h, store/PlainDate.h)
// compare and hash whole words of a cell instead of its bytes one by one.
#pragma once

#include <cstdint>
#include <cstring>

namespace mc::store {

inline std::uint64_t loadLittle64(const char* at) {
  std::uint64_t word = 0;
  std::memcpy(&word, at, sizeof word);
  if constexpr (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__) word = __builtin_bswap64(word);
  return word;
}

inline std::uint32_t loadLittle32(const char* at) {
  std::uint32_t word = 0;
  std::memcpy(&word, at, sizeof word);
  if constexpr (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__) word = __builtin_bswap32(word);
  return word;
}

}  // namespace mc::store
