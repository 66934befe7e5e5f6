// Writes a cache file (store/CacheLayout.h): every column as raw bytes in
// its own 64-byte-aligned section, strings as an offsets section and a bytes
// section, through a temporary sibling renamed into place.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "store/CacheFile.h"
#include "store/CacheLayout.h"
#include "store/CacheMeta.h"

namespace mc::store {
namespace {

// One section's bytes: a column's own memory, or a buffer built here.
struct Piece {
  const void* data = nullptr;
  std::uint64_t count = 0;
  std::uint32_t elementSize = 0;
  std::string built;  // strings' offsets or bytes, dictionaries' systems
};

class SectionCollector {
 public:
  template <typename T>
  void column(const Column<T>& c) {
    static_assert(std::is_trivially_copyable_v<T>, "a column is raw bytes");
    Piece p;
    p.data = c.data();
    p.count = c.size();
    p.elementSize = sizeof(T);
    pieces.push_back(std::move(p));
  }
  void strings(const std::vector<std::string>& values) {
    Piece offsets, bytes;
    std::uint64_t at = 0;
    offsets.built.append(reinterpret_cast<const char*>(&at), sizeof at);
    for (const std::string& s : values) {
      bytes.built += s;
      at += s.size();
      offsets.built.append(reinterpret_cast<const char*>(&at), sizeof at);
    }
    offsets.count = values.size() + 1;
    offsets.elementSize = sizeof(std::uint64_t);
    bytes.count = bytes.built.size();
    bytes.elementSize = 1;
    pieces.push_back(std::move(offsets));
    pieces.push_back(std::move(bytes));
  }
  // A text column's own offsets and bytes, as they are.
  void strings(const TextColumn& values) {
    Piece offsets, bytes;
    offsets.data = values.offsets();
    offsets.count = values.size() + 1;
    offsets.elementSize = sizeof(std::uint64_t);
    bytes.data = values.bytes();
    bytes.count = values.byteCount();
    bytes.elementSize = 1;
    pieces.push_back(std::move(offsets));
    pieces.push_back(std::move(bytes));
  }
  void codeDictionary(const CodeDictionary& d) {
    Piece systems;
    std::vector<std::string> codes;
    codes.reserve(d.size());
    for (CodeId id = 0; id < d.size(); ++id) {
      const CodeSystem s = d.system(id);
      systems.built.append(reinterpret_cast<const char*>(&s), sizeof s);
      codes.push_back(d.code(id));
    }
    systems.count = d.size();
    systems.elementSize = sizeof(CodeSystem);
    pieces.push_back(std::move(systems));
    strings(codes);
  }
  void unitDictionary(const UnitDictionary& d) {
    std::vector<std::string> names;
    for (UnitId id = 0; id < d.size(); ++id) names.push_back(d.text(id));
    strings(names);
  }

  std::vector<Piece> pieces;
};

std::uint64_t aligned(std::uint64_t at) {
  return (at + kCacheSectionAlignment - 1) / kCacheSectionAlignment * kCacheSectionAlignment;
}

}  // namespace

std::optional<CacheError> writeCache(const std::string& path, const MemberStore& store,
                                     const std::vector<FileCounts>& files,
                                     const CacheProvenance& provenance, std::uint64_t* bytes) {
  SectionCollector collector;
  visitStoreColumns(store, collector);
  const std::vector<Piece>& pieces = collector.pieces;
  const std::string meta = encodeCacheMeta(provenance, files);

  CacheHeader header{};
  std::memcpy(header.magic, kCacheMagic, sizeof header.magic);
  header.formatVersion = kCacheFormatVersion;
  header.layoutVersion = kStoreLayoutVersion;
  header.byteOrder = kCacheByteOrderMark;
  header.sectionCount = static_cast<std::uint32_t>(pieces.size());
  header.metaOffset = sizeof(CacheHeader) + pieces.size() * sizeof(CacheSection);
  header.metaSize = meta.size();
  std::vector<CacheSection> table(pieces.size());
  std::uint64_t at = aligned(header.metaOffset + header.metaSize);
  for (size_t i = 0; i < pieces.size(); ++i) {
    table[i] = {at, pieces[i].count, pieces[i].elementSize, 0};
    at = aligned(at + pieces[i].count * pieces[i].elementSize);
  }
  header.fileSize = at;
  std::uint64_t sum = fnv1a(&header, sizeof header);
  sum = fnv1a(table.data(), table.size() * sizeof(CacheSection), sum);
  header.checksum = fnv1a(meta.data(), meta.size(), sum);

  const std::string staging = path + ".partial";
  auto failed = [&](const std::string& what) {
    std::remove(staging.c_str());
    return CacheError{"E0818", path, what + ": " + std::strerror(errno),
                      "check that the directory exists, is writable and has room"};
  };
  std::FILE* out = std::fopen(staging.c_str(), "wb");
  if (out == nullptr) return failed("cannot create " + staging);
  std::uint64_t written = 0;
  static const char zeros[kCacheSectionAlignment] = {};
  auto put = [&](const void* p, std::uint64_t n) {
    if (n != 0 && std::fwrite(p, 1, n, out) != n) return false;
    written += n;
    return true;
  };
  auto padTo = [&](std::uint64_t offset) { return put(zeros, offset - written); };
  bool ok = put(&header, sizeof header) && put(table.data(), table.size() * sizeof(CacheSection)) &&
            put(meta.data(), meta.size());
  for (size_t i = 0; ok && i < pieces.size(); ++i) {
    const Piece& p = pieces[i];
    const void* data = p.built.empty() ? p.data : p.built.data();
    ok = padTo(table[i].offset) && put(data, p.count * p.elementSize);
  }
  ok = ok && padTo(header.fileSize) && std::fflush(out) == 0 && ::fsync(::fileno(out)) == 0;
  if (std::fclose(out) != 0) ok = false;
  if (!ok) return failed("cannot write " + staging);
  if (std::rename(staging.c_str(), path.c_str()) != 0)
    return failed("cannot move " + staging + " into place");
  if (bytes != nullptr) *bytes = header.fileSize;
  return std::nullopt;
}

}  // namespace mc::store
