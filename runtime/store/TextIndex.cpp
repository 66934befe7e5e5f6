// Open addressing with linear probing over a power-of-two table kept at most
// half full; the texts live in one arena so that a lookup never allocates.
#include "store/TextIndex.h"

#include <algorithm>
#include <cstring>

namespace mc::store {

// Inlined into each lookup (find): a call cost a tenth of a lookup.
__attribute__((always_inline)) inline std::uint64_t TextIndex::hashOf(std::string_view text) {
  // Ids, providers and code cells are 7 to 40 bytes: whole words only, the
  // last one (or, under 8 bytes, two 4-byte or three 1-byte reads)
  // overlapping the one before rather than a round per trailing byte. The
  // length goes in first, so that overlapping reads of texts of different
  // lengths do not meet. The table never leaves the process (the cache
  // stores none), so the function is free to change.
  constexpr std::uint64_t kMul = 0x9e3779b97f4a7c15ull;
  const char* p = text.data();
  const size_t n = text.size();
  std::uint64_t h = (0xcbf29ce484222325ull ^ n) * kMul;
  std::uint64_t last = 0;
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) {
      h = (h ^ load8(p + i)) * kMul;
      h ^= h >> 29;
    }
    last = load8(p + n - 8);
  } else if (n >= 4) {
    last = load4(p) | (std::uint64_t{load4(p + n - 4)} << 32);
  } else if (n > 0) {
    last = static_cast<unsigned char>(p[0]) |
           (std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
           (std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 16);
  }
  h = (h ^ last) * kMul;
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93ull;
  return h ^ (h >> 29);
}

std::uint64_t TextIndex::hash(std::string_view text) { return hashOf(text); }

// Inlined into each lookup: a call cost a third of a probe that hits.
__attribute__((always_inline)) inline size_t TextIndex::slotOf(std::string_view text,
                                                               std::uint64_t h) const {
  const size_t mask = slots_.size() - 1;
  const auto tag = static_cast<std::uint32_t>(h >> 32);
  for (size_t s = h & mask;; s = (s + 1) & mask) {
    const Slot slot = slots_[s];
    if (slot.entry == 0) return s;
    if (slot.tag == tag && textIs(slot.entry - 1, text)) return s;
  }
}

void TextIndex::reserve(size_t texts, size_t bytes) {
  start_.reserve(texts + 1);
  if (bytes > arena_.capacity()) arena_.reserve(bytes);
  size_t want = 16;
  while (want < texts * 2) want *= 2;
  if (want <= slots_.size()) return;
  const auto old = std::move(slots_);
  slots_.assign(want, Slot{0, 0});
  for (const Slot slot : old) {
    if (slot.entry == 0) continue;
    const std::uint64_t h = hash(this->text(slot.entry - 1));
    slots_[slotOf(this->text(slot.entry - 1), h)] = slot;
  }
}

void TextIndex::grow() { reserve(slots_.empty() ? 8 : slots_.size()); }

// A text met before (most calls: a batch's providers, units and codes) is
// found with no call: adding a new one is out of line, so that the lookup
// saves and restores fewer registers.
std::uint32_t TextIndex::intern(std::string_view text) {
  if ((size() + 1) * 2 > slots_.size()) grow();
  const std::uint64_t h = hashOf(text);
  const size_t s = slotOf(text, h);
  if (slots_[s].entry != 0) return slots_[s].entry - 1;
  return add(s, text, h);
}

std::uint32_t TextIndex::add(size_t s, std::string_view text, std::uint64_t h) {
  const auto id = static_cast<std::uint32_t>(size());
  arena_.append(text);
  start_.push_back(static_cast<std::uint32_t>(arena_.size()));
  slots_[s] = Slot{id + 1, static_cast<std::uint32_t>(h >> 32)};
  return id;
}

// The hash and the probe in one function: the cells' lookups (most of them
// hits) paid a second call, and a second check of the empty table, per text.
std::uint32_t TextIndex::find(std::string_view text) const {
  if (slots_.empty()) return kAbsent;
  const std::uint64_t h = hashOf(text);
  const size_t mask = slots_.size() - 1;
  const auto tag = static_cast<std::uint32_t>(h >> 32);
  for (size_t s = h & mask;; s = (s + 1) & mask) {
    const Slot slot = slots_[s];
    // entry - 1: the id, or kAbsent for an empty slot.
    if (slot.entry == 0 || (slot.tag == tag && textIs(slot.entry - 1, text))) return slot.entry - 1;
  }
}

std::uint32_t TextIndex::find(std::string_view text, std::uint64_t h) const {
  if (slots_.empty()) return kAbsent;
  const size_t s = slotOf(text, h);
  return slots_[s].entry == 0 ? kAbsent : slots_[s].entry - 1;
}

bool TextIndex::addIfAllNew(const std::vector<std::string_view>& texts,
                            const std::vector<std::uint64_t>& hashes,
                            const std::vector<std::uint32_t>& order) {
  const size_t first = size();
  if ((first + texts.size()) * 2 > slots_.size()) reserve(first + texts.size());
  // The texts go into the arena first: a text met twice in `texts` is
  // found, as any other, by comparing it with the one placed before.
  const size_t arenaBefore = arena_.size();
  for (const std::string_view text : texts) {
    arena_.append(text);
    start_.push_back(static_cast<std::uint32_t>(arena_.size()));
  }
  const size_t mask = slots_.size() - 1;
  // The slot text i was placed in: the first one from its home that holds it.
  const auto placed = [&](std::uint32_t i) {
    const auto entry = static_cast<std::uint32_t>(first + i) + 1;
    size_t s = homeSlot(hashes[i], slots_.size());
    while (slots_[s].entry != entry) s = (s + 1) & mask;
    return s;
  };
  for (size_t k = 0; k < order.size(); ++k) {
    const std::uint32_t i = order[k];
    const auto tag = static_cast<std::uint32_t>(hashes[i] >> 32);
    size_t s = homeSlot(hashes[i], slots_.size());
    for (; slots_[s].entry != 0; s = (s + 1) & mask) {
      if (slots_[s].tag != tag || !textIs(slots_[s].entry - 1, texts[i])) continue;
      // Not new: the texts placed are taken out, the last placed first, so
      // that each is found on its own probe path (every slot on it was
      // filled before it). The table is then as it was: no older text's
      // path crosses a slot that was empty when that text was placed.
      for (size_t j = k; j-- > 0;) slots_[placed(order[j])] = Slot{0, 0};
      arena_.resize(arenaBefore);
      start_.resize(first + 1);
      return false;
    }
    slots_[s] = Slot{static_cast<std::uint32_t>(first + i) + 1, tag};
  }
  return true;
}

void TextIndex::orderByHome(const std::vector<std::uint64_t>& hashes, size_t slotCount,
                            std::vector<std::uint32_t>& order) {
  const size_t n = hashes.size();
  order.resize(n);
  // About two texts per bucket, and never more buckets than slots.
  size_t buckets = 1;
  while (buckets < n / 2 && buckets < slotCount) buckets *= 2;
  int shift = 0;
  while ((slotCount >> shift) > buckets) ++shift;
  const auto homeOf = [&](std::uint32_t i) { return homeSlot(hashes[i], slotCount); };
  std::vector<std::uint32_t> start(buckets + 1, 0);
  for (size_t i = 0; i < n; ++i) ++start[(homeOf(static_cast<std::uint32_t>(i)) >> shift) + 1];
  for (size_t b = 0; b < buckets; ++b) start[b + 1] += start[b];
  std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
  for (size_t i = 0; i < n; ++i)
    order[next[homeOf(static_cast<std::uint32_t>(i)) >> shift]++] = static_cast<std::uint32_t>(i);
  // Within a bucket the indexes are increasing: a stable sort by home keeps
  // them so. Insertion for the usual few; a bucket that hashing made large
  // must not cost its square.
  const auto byHome = [&](std::uint32_t a, std::uint32_t b) { return homeOf(a) < homeOf(b); };
  for (size_t b = 0; b < buckets; ++b) {
    const auto first = order.begin() + start[b], last = order.begin() + start[b + 1];
    if (last - first > 16) {
      std::stable_sort(first, last, byHome);
      continue;
    }
    for (auto it = first + (first != last); it < last; ++it) {
      const std::uint32_t i = *it;
      auto at = it;
      for (; at != first && byHome(i, *(at - 1)); --at) *at = *(at - 1);
      *at = i;
    }
  }
}

}  // namespace mc::store
