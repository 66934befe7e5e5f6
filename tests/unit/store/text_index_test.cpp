// TextIndex's byte compare and home-slot order, each against the plain
// computation it stands in for.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/TextIndex.h"

using mc::store::TextIndex;

// Every length from 0 to 40 and every position of a single differing byte:
// each word the compare skips or overlaps would leave one of them unseen.
TEST_CASE("sameBytes finds a difference at any byte of any length", "[textindex]") {
  for (size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'x');
    for (size_t i = 0; i < n; ++i) a[i] = static_cast<char>('a' + (i * 7) % 26);
    const std::string same = a;
    CHECK(TextIndex::sameBytes(a.data(), same.data(), n));
    for (size_t at = 0; at < n; ++at) {
      std::string b = a;
      b[at] = static_cast<char>(b[at] ^ 0x20);
      INFO("length " << n << ", byte " << at);
      CHECK_FALSE(TextIndex::sameBytes(a.data(), b.data(), n));
    }
  }
}

// The bytes compared are those of the texts alone: a text at the end of a
// buffer, with different bytes just past it, is still equal.
TEST_CASE("sameBytes reads no byte past either text", "[textindex]") {
  for (size_t n = 0; n <= 20; ++n) {
    const std::string a = std::string(n, 'q') + "AAAAAAAA";
    const std::string b = std::string(n, 'q') + "BBBBBBBB";
    INFO("length " << n);
    CHECK(TextIndex::sameBytes(a.data(), b.data(), n));
  }
}

TEST_CASE("textIs compares the length and then the bytes", "[textindex]") {
  TextIndex index;
  const std::uint32_t provider = index.intern("PCP0081");
  const std::uint32_t cell = index.intern("CPT:99213 ICD10CM:L30.9");
  CHECK(index.textIs(provider, "PCP0081"));
  CHECK_FALSE(index.textIs(provider, "PCP0082"));
  CHECK_FALSE(index.textIs(provider, "PCP008"));
  CHECK(index.textIs(cell, "CPT:99213 ICD10CM:L30.9"));
  CHECK_FALSE(index.textIs(cell, "CPT:99214 ICD10CM:L30.9"));
  CHECK_FALSE(index.textIs(cell, "CPT:99213 ICD10CM:L30.8"));
  CHECK(index.find("CPT:99213 ICD10CM:L30.9") == cell);
  CHECK(index.find("CPT:99213 ICD10CM:L30.") == TextIndex::kAbsent);
}

namespace {

// The order orderByHome stands in for: (home slot, index) pairs sorted.
std::vector<std::uint32_t> sortedByHome(const std::vector<std::uint64_t>& hashes,
                                        size_t slotCount) {
  std::vector<std::pair<size_t, std::uint32_t>> byHome(hashes.size());
  for (size_t i = 0; i < hashes.size(); ++i)
    byHome[i] = {TextIndex::homeSlot(hashes[i], slotCount), static_cast<std::uint32_t>(i)};
  std::sort(byHome.begin(), byHome.end());
  std::vector<std::uint32_t> order;
  for (const auto& pair : byHome) order.push_back(pair.second);
  return order;
}

}  // namespace

TEST_CASE("orderByHome is the sort by home slot then index", "[textindex]") {
  std::mt19937_64 random(15);
  for (const size_t n : {0, 1, 2, 3, 17, 1000, 20000}) {
    for (const size_t slotCount : {16, 1024, 1 << 18}) {
      std::vector<std::uint64_t> hashes(n);
      for (std::uint64_t& h : hashes) h = random();
      // Repeated texts share a hash, and so a home.
      for (size_t i = 3; i < n; i += 5) hashes[i] = hashes[i / 2];
      std::vector<std::uint32_t> order;
      TextIndex::orderByHome(hashes, slotCount, order);
      INFO(n << " hashes, " << slotCount << " slots");
      CHECK(order == sortedByHome(hashes, slotCount));
    }
  }
}

// Many texts of one bucket (a table far smaller than the chunk) take the
// bucket's other sort, which must keep the same order.
TEST_CASE("orderByHome keeps the order in a crowded bucket", "[textindex]") {
  std::vector<std::uint64_t> hashes(500);
  for (size_t i = 0; i < hashes.size(); ++i) hashes[i] = (i * 40503u) % 7;
  std::vector<std::uint32_t> order;
  TextIndex::orderByHome(hashes, 16, order);
  CHECK(order == sortedByHome(hashes, 16));
}

namespace {

// addIfAllNew's arguments for `texts`: their hashes and the home-slot order
// in the index as it is.
struct NewTexts {
  std::vector<std::string_view> texts;
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint32_t> order;
  NewTexts(const TextIndex& index, const std::vector<std::string>& owned) {
    for (const std::string& t : owned) {
      texts.emplace_back(t);
      hashes.push_back(TextIndex::hash(t));
    }
    TextIndex::orderByHome(hashes, std::max<size_t>(index.slotCount(), 1), order);
  }
};

// The index holds exactly `texts`, text i at id i.
void checkHolds(const TextIndex& index, const std::vector<std::string>& texts) {
  REQUIRE(index.size() == texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    INFO("text " << i << ": " << texts[i]);
    CHECK(index.text(static_cast<std::uint32_t>(i)) == texts[i]);
    CHECK(index.find(texts[i]) == i);
  }
}

}  // namespace

// A batch that is all new is added, ids in the batch's order whatever the
// order of the slots; one with a text already in the index, or one text
// twice, is refused and leaves the index as it was: every slot it had
// filled emptied (a text of the batch is then absent, and a later intern
// probes no stale slot), its texts out of the arena. A small table makes
// the texts' probe paths run into each other.
TEST_CASE("addIfAllNew adds a batch of new texts or none of it", "[textindex]") {
  for (const size_t batch : {1, 5, 40, 300}) {
    INFO(batch << " texts a batch");
    TextIndex index;
    std::vector<std::string> held;
    for (int i = 0; i < 20; ++i) held.push_back("M" + std::to_string(i * 13));
    for (const std::string& t : held) index.intern(t);
    std::vector<std::string> fresh;
    for (size_t i = 0; i < batch; ++i) fresh.push_back("N" + std::to_string(i * 7 + 1));

    std::vector<std::string> known = fresh;
    known[batch / 2] = held[7];  // one text the index holds
    const NewTexts withKnown(index, known);
    CHECK_FALSE(index.addIfAllNew(withKnown.texts, withKnown.hashes, withKnown.order));
    checkHolds(index, held);
    for (const std::string& t : fresh) CHECK(index.find(t) == TextIndex::kAbsent);

    if (batch > 1) {
      std::vector<std::string> twice = fresh;
      twice[batch - 1] = twice[0];  // one text twice in the batch
      const NewTexts args(index, twice);
      CHECK_FALSE(index.addIfAllNew(args.texts, args.hashes, args.order));
      checkHolds(index, held);
      for (const std::string& t : fresh) CHECK(index.find(t) == TextIndex::kAbsent);
    }

    const NewTexts args(index, fresh);
    // The order of the slots is the caller's: reversed, the ids are the same.
    std::vector<std::uint32_t> reversed(args.order.rbegin(), args.order.rend());
    CHECK(index.addIfAllNew(args.texts, args.hashes, reversed));
    std::vector<std::string> all = held;
    all.insert(all.end(), fresh.begin(), fresh.end());
    checkHolds(index, all);
    CHECK(index.intern("later") == all.size());
    all.push_back("later");
    checkHolds(index, all);
  }
}
