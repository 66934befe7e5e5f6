// FNV-1a 64 (Fowler, Noll, Vo): one xor and one multiply per byte.
#include "output/ContentHash.h"

#include <fmt/format.h>

#include <fstream>
#include <iterator>

namespace mc::output {

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string contentHash(std::string_view bytes) {
  return fmt::format("fnv1a64:{:016x}", fnv1a64(bytes));
}

std::optional<std::string> fileContentHash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return contentHash(text);
}

}  // namespace mc::output
