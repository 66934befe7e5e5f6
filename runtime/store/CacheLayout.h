// The on-disk layout of a binary cache (`measurec ingest`, docs/data.md
// "Binary cache"): a fixed header, a table of sections, a metadata block
// (provenance and the load's counts), then one 64-byte-aligned section per
// store column, in the order visitStoreColumns walks them. The writer and the
// reader share that one walk, so no column can be written and not read.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "store/MemberStore.h"

namespace mc::store {

inline constexpr char kCacheMagic[8] = {'M', 'C', 'C', 'A', 'C', 'H', 'E', '\x1a'};
// The file's own layout: the header, the section table, the metadata block.
inline constexpr std::uint32_t kCacheFormatVersion = 1;
// The store's columns: bump when a column is added, removed, reordered or
// changes type (visitStoreColumns below), so older caches are refused.
inline constexpr std::uint32_t kStoreLayoutVersion = 1;
inline constexpr std::uint32_t kCacheByteOrderMark = 0x01020304;
inline constexpr std::uint64_t kCacheSectionAlignment = 64;

struct CacheHeader {
  char magic[8];
  std::uint32_t formatVersion;
  std::uint32_t layoutVersion;
  std::uint32_t byteOrder;  // kCacheByteOrderMark as the writer stored it
  std::uint32_t sectionCount;
  std::uint64_t fileSize;
  std::uint64_t metaOffset;
  std::uint64_t metaSize;
  // FNV-1a of the header (this field zero), the section table and the
  // metadata block: the columns themselves are not read to open a cache.
  std::uint64_t checksum;
};
static_assert(sizeof(CacheHeader) == 56, "no padding in the header");

struct CacheSection {
  std::uint64_t offset;  // from the start of the file, a multiple of 64
  std::uint64_t count;   // elements
  std::uint32_t elementSize;
  std::uint32_t reserved;
};
static_assert(sizeof(CacheSection) == 24, "no padding in a section entry");

std::uint64_t fnv1a(const void* data, std::size_t size, std::uint64_t hash = 14695981039346656037u);

// A column added to a table of the store and not to visitStoreColumns below
// would be missing from every cache (and a run from one would read an empty
// column): these sizes count each table's columns, so that such a change
// stops the build here. Add the column to visitStoreColumns, bump
// kStoreLayoutVersion, then the count. (Checked where the sizes are known.)
#if defined(__GLIBCXX__) && defined(__LP64__)
inline constexpr size_t kColumnSize = sizeof(Column<std::uint32_t>);
inline constexpr size_t kStringsSize = sizeof(std::vector<std::string>);
inline constexpr size_t kTextsSize = sizeof(TextColumn);
// EventTable::constantPages is no column: it keeps the pages of constant
// columns alive, which the cache stores like any other.
static_assert(sizeof(EventTable) == (19 + 2 * kCodeSlotCount) * kColumnSize +
                                        sizeof(std::vector<std::shared_ptr<const void>>),
              "an EventTable column is not in visitStoreColumns");
static_assert(sizeof(MemberTable) == 4 * kColumnSize + 5 * kTextsSize,
              "a MemberTable column is not in visitStoreColumns");
static_assert(sizeof(EnrollmentTable) == 5 * kColumnSize,
              "an EnrollmentTable column is not in visitStoreColumns");
static_assert(sizeof(ProviderTable) == 2 * kColumnSize + 4 * kStringsSize + sizeof(TextIndex),
              "a ProviderTable column is not in visitStoreColumns");
#endif

// Every column of the store, in file order. `v` has column(Column<T>&),
// strings(std::vector<std::string>&) and strings(TextColumn&) (an offsets
// section and a bytes section, the same for both),
// codeDictionary(CodeDictionary&) and unitDictionary(UnitDictionary&);
// `Store` is MemberStore or const MemberStore.
template <typename Store, typename Visitor>
void visitStoreColumns(Store& s, Visitor& v) {
  v.strings(s.members.id);
  v.column(s.members.birthDate);
  v.column(s.members.deathDate);
  v.column(s.members.sex);
  v.strings(s.members.race);
  v.strings(s.members.ethnicity);
  v.strings(s.members.language);
  v.strings(s.members.county);
  v.column(s.members.line);

  v.column(s.enrollment.memberStart);
  v.column(s.enrollment.start);
  v.column(s.enrollment.end);
  v.column(s.enrollment.pcp);
  v.column(s.enrollment.line);

  v.strings(s.providers.id);
  v.column(s.providers.kind);
  v.column(s.providers.listed);
  v.strings(s.providers.name);
  v.strings(s.providers.county);
  v.strings(s.providers.attributes);

  v.codeDictionary(s.codes);
  v.unitDictionary(s.units);

  for (auto& t : s.events) {
    v.column(t.memberStart);
    v.column(t.date);
    v.column(t.endDate);
    v.column(t.startTime);
    v.column(t.endTime);
    v.column(t.codeStart);
    v.column(t.codes);
    v.column(t.principal);
    v.column(t.provider);
    v.column(t.toProvider);
    v.column(t.setting);
    v.column(t.status);
    v.column(t.source);
    v.column(t.value);
    for (auto& slot : t.slots) {
      v.column(slot.start);
      v.column(slot.codes);
    }
    v.column(t.hasResult);
    v.column(t.unit);
    v.column(t.daysSupply);
    v.column(t.generic);
    v.column(t.line);
  }
}

// The metadata block: length-prefixed fields, read back with bounds checks.
class MetaWriter {
 public:
  void u64(std::uint64_t v) { bytes(&v, sizeof v); }
  void i64(std::int64_t v) { bytes(&v, sizeof v); }
  void text(const std::string& s) {
    u64(s.size());
    bytes(s.data(), s.size());
  }
  const std::string& data() const { return out_; }

 private:
  void bytes(const void* p, std::size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string out_;
};

class MetaReader {
 public:
  MetaReader(const char* data, std::size_t size) : data_(data), size_(size) {}
  bool u64(std::uint64_t& v) { return bytes(&v, sizeof v); }
  bool i64(std::int64_t& v) { return bytes(&v, sizeof v); }
  bool text(std::string& s) {
    std::uint64_t n = 0;
    if (!u64(n) || n > size_ - at_) return false;
    s.assign(data_ + at_, n);
    at_ += n;
    return true;
  }
  bool atEnd() const { return at_ == size_; }

 private:
  bool bytes(void* p, std::size_t n) {
    if (n > size_ - at_) return false;
    std::memcpy(p, data_ + at_, n);
    at_ += n;
    return true;
  }
  const char* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

}  // namespace mc::store
