// Opens a cache file (store/CacheLayout.h): maps it read-only, checks the
// header, the section table and the metadata, then the freshness of every
// recorded input, and hands out a MemberStore whose numeric columns and
// member texts (ids, race, ...: store/TextColumn.h) are views of the
// mapping. The other strings are read into memory, the code, unit and
// provider lookups rebuilt; member ids get no index (MemberStore::findMember).
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

#include "store/CacheChecks.h"
#include "store/CacheFile.h"
#include "store/CacheLayout.h"
#include "store/CacheMeta.h"

namespace mc::store {
namespace {

struct Mapping {
  void* address = nullptr;
  std::size_t size = 0;
  ~Mapping() {
    if (address != nullptr) ::munmap(address, size);
  }
};

std::string rebuildNote(const std::string& directory, const std::string& cache) {
  return "rebuild it with `measurec ingest " + (directory.empty() ? "DATA_DIR" : directory) +
         " --out " + cache + "`";
}

// Hands the sections out in visitStoreColumns order, checking each against
// the element type the store expects.
class SectionReader {
 public:
  SectionReader(const char* base, std::uint64_t fileSize, const CacheSection* table,
                std::uint32_t count)
      : base_(base), fileSize_(fileSize), table_(table), count_(count) {}

  template <typename T>
  void column(Column<T>& c) {
    const CacheSection* s = next(sizeof(T));
    if (s == nullptr) return;
    c = Column<T>::view(reinterpret_cast<const T*>(base_ + s->offset), s->count);
  }
  void strings(std::vector<std::string>& out) {
    const CacheSection* offsets = next(sizeof(std::uint64_t));
    const CacheSection* bytes = next(1);
    if (offsets == nullptr || bytes == nullptr || offsets->count == 0) return fail();
    const auto* at = reinterpret_cast<const std::uint64_t*>(base_ + offsets->offset);
    const char* text = base_ + bytes->offset;
    if (at[0] != 0 || at[offsets->count - 1] != bytes->count) return fail();
    out.clear();
    out.reserve(offsets->count - 1);
    for (std::uint64_t i = 0; i + 1 < offsets->count; ++i) {
      // Each string inside the bytes section before it is read.
      if (at[i + 1] < at[i] || at[i + 1] > bytes->count) return fail();
      out.emplace_back(text + at[i], at[i + 1] - at[i]);
    }
  }
  // A text column in place: its offsets checked once here (each text inside
  // the bytes section), then read as they lie in the mapping.
  void strings(TextColumn& out) {
    const CacheSection* offsets = next(sizeof(std::uint64_t));
    const CacheSection* bytes = next(1);
    if (offsets == nullptr || bytes == nullptr || offsets->count == 0) return fail();
    const auto* at = reinterpret_cast<const std::uint64_t*>(base_ + offsets->offset);
    if (at[0] != 0 || at[offsets->count - 1] != bytes->count) return fail();
    // Never decreasing from 0 to the bytes' count: every text is inside.
    bool sorted = true;
    for (std::uint64_t i = 0; i + 1 < offsets->count; ++i) sorted &= at[i + 1] >= at[i];
    if (!sorted) return fail();
    out = TextColumn::view(at, base_ + bytes->offset, offsets->count - 1);
  }
  void codeDictionary(CodeDictionary& d) {
    Column<CodeSystem> systems;
    std::vector<std::string> codes;
    column(systems);
    strings(codes);
    if (!ok_ || systems.size() != codes.size()) return fail();
    d = CodeDictionary::restore(systems.toVector(), std::move(codes));
  }
  void unitDictionary(UnitDictionary& d) {
    std::vector<std::string> names;
    strings(names);
    if (!ok_ || names.empty()) return fail();
    d = UnitDictionary::restore(std::move(names));
  }

  bool ok() const { return ok_ && next_ == count_; }

 private:
  const CacheSection* next(std::uint32_t elementSize) {
    if (!ok_ || next_ >= count_) {
      ok_ = false;
      return nullptr;
    }
    const CacheSection* s = &table_[next_++];
    const bool inside = s->offset % kCacheSectionAlignment == 0 && s->offset <= fileSize_ &&
                        s->count <= (fileSize_ - s->offset) / elementSize;
    if (s->elementSize != elementSize || !inside) {
      ok_ = false;
      return nullptr;
    }
    return s;
  }
  void fail() { ok_ = false; }

  const char* base_;
  std::uint64_t fileSize_;
  const CacheSection* table_;
  std::uint32_t count_;
  std::uint32_t next_ = 0;
  bool ok_ = true;
};

// The first recorded input that is not as it was, in words; empty when none.
std::string firstChange(const CacheProvenance& recorded) {
  const CacheProvenance now = describeInputs(recorded.absoluteDirectory);
  for (const CacheInput& was : recorded.inputs) {
    const std::string path =
        (std::filesystem::path(recorded.absoluteDirectory) / was.name).string();
    const CacheInput* is = nullptr;
    for (const CacheInput& in : now.inputs)
      if (in.name == was.name) is = &in;
    if (is == nullptr || (was.present && !is->present)) return path + " was removed";
    if (!was.present && is->present) return path + " was added";
    if (was.present && is->size != was.size)
      return path + " changed size (" + std::to_string(was.size) + " -> " +
             std::to_string(is->size) + " bytes)";
    if (was.present && is->mtimeNs != was.mtimeNs) return path + " was modified";
  }
  return "";
}

}  // namespace

bool isCacheFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char magic[sizeof kCacheMagic] = {};
  const ssize_t n = ::read(fd, magic, sizeof magic);
  ::close(fd);
  return n == static_cast<ssize_t>(sizeof magic) && std::memcmp(magic, kCacheMagic, n) == 0;
}

CacheRead readCache(const std::string& path, int threads) {
  CacheRead out;
  auto corrupt = [&](const std::string& what) {
    out.error = CacheError{"E0816", path, what, rebuildNote(out.provenance.directory, path)};
    return std::move(out);
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return corrupt(std::string("cannot open the cache: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(CacheHeader))) {
    ::close(fd);
    return corrupt("too short to be a measurec cache (truncated, or not a cache)");
  }
  auto mapping = std::make_shared<Mapping>();
  mapping->size = static_cast<std::size_t>(st.st_size);
  int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
  // The whole store is read by a run: fault the pages in at once.
  flags |= MAP_POPULATE;
#endif
  void* address = ::mmap(nullptr, mapping->size, PROT_READ, flags, fd, 0);
  ::close(fd);
  if (address == MAP_FAILED)
    return corrupt(std::string("cannot map the cache: ") + std::strerror(errno));
  mapping->address = address;
  const char* base = static_cast<const char*>(address);
  const std::uint64_t size = mapping->size;

  CacheHeader header;
  std::memcpy(&header, base, sizeof header);
  if (std::memcmp(header.magic, kCacheMagic, sizeof kCacheMagic) != 0)
    return corrupt("not a measurec cache (no cache header)");
  if (header.byteOrder != kCacheByteOrderMark)
    return corrupt("written on a machine of another byte order");
  if (header.formatVersion != kCacheFormatVersion || header.layoutVersion != kStoreLayoutVersion)
    return corrupt("written by another version of measurec (cache format " +
                   std::to_string(header.formatVersion) + ", store layout " +
                   std::to_string(header.layoutVersion) + "; this measurec reads format " +
                   std::to_string(kCacheFormatVersion) + ", layout " +
                   std::to_string(kStoreLayoutVersion) + ")");
  if (header.fileSize != size)
    return corrupt("is " + std::to_string(size) + " bytes where its header says " +
                   std::to_string(header.fileSize) + " (truncated or damaged)");
  const std::uint64_t tableEnd =
      sizeof(CacheHeader) + std::uint64_t{header.sectionCount} * sizeof(CacheSection);
  if (tableEnd > size || header.metaOffset != tableEnd || header.metaSize > size - tableEnd)
    return corrupt("its section table does not fit in the file (damaged)");
  CacheHeader unsummed = header;
  unsummed.checksum = 0;
  std::uint64_t sum = fnv1a(&unsummed, sizeof unsummed);
  sum = fnv1a(base + sizeof(CacheHeader), tableEnd - sizeof(CacheHeader), sum);
  sum = fnv1a(base + header.metaOffset, header.metaSize, sum);
  if (sum != header.checksum) return corrupt("its header checksum does not match (damaged)");
  if (!decodeCacheMeta(base + header.metaOffset, header.metaSize, out.provenance, out.files))
    return corrupt("its provenance block does not read (damaged)");

  // Stale: the data directory is not what the cache was built from.
  std::error_code ec;
  if (!std::filesystem::is_directory(out.provenance.absoluteDirectory, ec)) {
    out.error = CacheError{
        "E0817", path,
        "stale: the data directory it was built from, " + out.provenance.absoluteDirectory +
            ", is gone",
        rebuildNote(out.provenance.directory, path) + " from the data directory as it is now"};
    return out;
  }
  if (const std::string change = firstChange(out.provenance); !change.empty()) {
    out.error = CacheError{"E0817", path, "stale: " + change + " since the cache was built",
                           rebuildNote(out.provenance.directory, path)};
    return out;
  }

  std::vector<CacheSection> table(header.sectionCount);
  std::memcpy(table.data(), base + sizeof(CacheHeader), table.size() * sizeof(CacheSection));
  MemberStore store;
  SectionReader reader(base, size, table.data(), header.sectionCount);
  visitStoreColumns(store, reader);
  if (!reader.ok()) return corrupt("its columns do not fit its section table (damaged)");
  if (const std::string column = unsoundColumn(store, threads); !column.empty())
    return corrupt("its columns do not hold a store (" + column + "; damaged)");
  for (ProviderId p = 0; p < store.providers.id.size(); ++p)
    if (store.providers.index.intern(store.providers.id[p]) != p)
      return corrupt("its provider ids repeat (damaged)");
  store.mapping = std::move(mapping);
  out.store = std::move(store);
  return out;
}

LoadResult loadResultFromCache(CacheRead read) {
  LoadResult result;
  result.store = std::move(read.store);
  result.files = std::move(read.files);
  result.directory = read.provenance.directory;
  return result;
}

}  // namespace mc::store
