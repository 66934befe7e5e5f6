// Large buffers in huge pages (support/LargePages.h): where they start,
// what they read before a write, the advice the kernel was given, and the
// allocator's vectors across the size where buffers become mappings.
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "support/LargePages.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

using namespace mc;

namespace {

constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;

#if defined(__linux__)
// The flags (smaps' VmFlags) of the mapping that holds `p`, or "" when none.
std::string flagsOfMappingAt(const void* p) {
  std::ifstream smaps("/proc/self/smaps");
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    std::uintptr_t begin = 0, end = 0;
    char dash = 0;
    if (std::sscanf(line.c_str(), "%lx%c%lx", &begin, &dash, &end) == 3 && dash == '-' &&
        line.find(' ') != std::string::npos && line.find(':') > line.find(' ')) {
      inside = begin <= at && at < end;
      continue;
    }
    if (inside && line.rfind("VmFlags:", 0) == 0) return line;
  }
  return "";
}

bool kernelHasHugePages() {
  return std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled").good();
}
#endif

}  // namespace

TEST_CASE("a large buffer starts at a huge page, reads as zero, and is the caller's to write") {
  for (const std::size_t bytes : {kLargeBytes, kLargeBytes + 1, 3 * kLargeBytes + 4095}) {
    auto* p = static_cast<unsigned char*>(allocateLarge(bytes));
    CHECK(reinterpret_cast<std::uintptr_t>(p) % kHugePage == 0);
    std::size_t nonZero = 0;
    for (std::size_t i = 0; i < bytes; ++i) nonZero += p[i] != 0;
    CHECK(nonZero == 0);
    std::memset(p, 0xA5, bytes);
    CHECK(p[0] == 0xA5);
    CHECK(p[bytes - 1] == 0xA5);
    releaseLarge(p, bytes);
  }
}

// populateForWriting faults a range in without changing a byte of it, from
// any start in a page to any end, heap or mapping alike.
TEST_CASE("populating a range for writing keeps its bytes") {
  const std::size_t bytes = 3 * kLargeBytes + 4095;
  auto* large = static_cast<unsigned char*>(allocateZeroedBuffer(bytes));
  for (std::size_t i = 0; i < bytes; i += 977) large[i] = static_cast<unsigned char>(i % 251 + 1);
  std::vector<unsigned char> small(70000);
  for (std::size_t i = 0; i < small.size(); ++i) small[i] = static_cast<unsigned char>(i * 7);
  const std::vector<unsigned char> largeBefore(large, large + bytes);
  const std::vector<unsigned char> smallBefore = small;
  populateForWriting(large + 13, bytes - 13 - 5);
  populateForWriting(large, bytes);
  populateForWriting(small.data() + 1, small.size() - 2);
  populateForWriting(nullptr, 0);
  CHECK(std::memcmp(large, largeBefore.data(), bytes) == 0);
  CHECK(small == smallBefore);
  releaseZeroedBuffer(large, bytes);
}

#if defined(__linux__)
// Both ways of populating, the advice and the fallback the kernels before
// 5.14 take: the pages of the range, and only those, are present after,
// and no byte has changed. A fresh mapping of 4 KiB pages, page 8 written
// beforehand; the range from inside page 0 to inside page 5.
TEST_CASE("populating for writing makes the range's pages present, by either way") {
  constexpr std::size_t kPage = 4096, kPages = 10;
  using Populate = void (*)(void*, std::size_t) noexcept;
  for (const Populate populate : {Populate{populateForWriting}, Populate{touchPagesForWriting}}) {
    void* mapping =
        ::mmap(nullptr, kPages * kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(mapping != MAP_FAILED);
    ::madvise(mapping, kPages * kPage, MADV_NOHUGEPAGE);
    auto* bytes = static_cast<unsigned char*>(mapping);
    for (std::size_t i = 0; i < kPage; ++i)
      bytes[8 * kPage + i] = static_cast<unsigned char>(i % 253 + 1);
    populate(bytes + 4000, 5 * kPage + 7 - 4000);  // its last byte in a page of its own
    populate(bytes + 7 * kPage, 0);                // nothing
    std::vector<unsigned char> present(kPages);
    REQUIRE(::mincore(mapping, kPages * kPage, present.data()) == 0);
    std::string which;
    for (std::size_t page = 0; page < kPages; ++page) which += (present[page] & 1) ? 'x' : '.';
    CHECK(which == "xxxxxx..x.");
    std::size_t changed = 0;
    for (std::size_t i = 0; i < 6 * kPage; ++i) changed += bytes[i] != 0;
    for (std::size_t i = 0; i < kPage; ++i)
      changed += bytes[8 * kPage + i] != static_cast<unsigned char>(i % 253 + 1);
    CHECK(changed == 0);
    ::munmap(mapping, kPages * kPage);
  }
}

// Also run with MEASUREC_LARGE_PAGES=off (tests/CMakeLists.txt): no advice.
TEST_CASE("a large buffer's mapping asks for huge pages, a small one is the heap's") {
  const std::size_t bytes = 3 * kLargeBytes;
  void* large = allocateLarge(bytes);
  const std::string flags = flagsOfMappingAt(large);
  INFO(flags);
  REQUIRE_FALSE(flags.empty());
  // "hg": MADV_HUGEPAGE took (a kernel built without transparent huge
  // pages refuses the advice, and the mapping keeps 4 KiB pages).
  const char* knob = std::getenv("MEASUREC_LARGE_PAGES");
  const bool advised = knob == nullptr || std::string(knob) != "off";
  CHECK((flags.find(" hg") != std::string::npos) ==
        (largeBuffersMapped() && advised && kernelHasHugePages()));
  releaseLarge(large, bytes);

  void* small = allocateBuffer(kLargeBytes - 1);
  CHECK(flagsOfMappingAt(small).find(" hg") == std::string::npos);
  releaseBuffer(small, kLargeBytes - 1);

  // A zeroed buffer is a large one from half a huge page on.
  void* zeroed = allocateZeroedBuffer(kLargeZeroedBytes);
  if (largeBuffersMapped()) CHECK(reinterpret_cast<std::uintptr_t>(zeroed) % kHugePage == 0);
  CHECK((flagsOfMappingAt(zeroed).find(" hg") != std::string::npos) ==
        (largeBuffersMapped() && advised && kernelHasHugePages()));
  releaseZeroedBuffer(zeroed, kLargeZeroedBytes);
  void* smallZeroed = allocateZeroedBuffer(kLargeZeroedBytes - 1);
  CHECK(flagsOfMappingAt(smallZeroed).find(" hg") == std::string::npos);
  releaseZeroedBuffer(smallZeroed, kLargeZeroedBytes - 1);
}
#endif

TEST_CASE("a vector of the large-page allocator keeps its values as it grows into a mapping") {
  std::vector<std::uint32_t, LargePageAllocator<std::uint32_t>> values;
  const std::size_t count = 2 * kLargeBytes / sizeof(std::uint32_t) + 7;
  for (std::uint32_t i = 0; i < count; ++i) values.push_back(i * 2654435761u);
  REQUIRE(values.capacity() * sizeof(std::uint32_t) >= kLargeBytes);
  CHECK(reinterpret_cast<std::uintptr_t>(values.data()) % kHugePage == 0);
  std::size_t wrong = 0;
  for (std::uint32_t i = 0; i < count; ++i) wrong += values[i] != i * 2654435761u;
  CHECK(wrong == 0);
  // Back under the size: the heap's memory again, the same values.
  values.resize(10);
  values.shrink_to_fit();
  CHECK(values.capacity() * sizeof(std::uint32_t) < kLargeBytes);
  CHECK(values[9] == 9 * 2654435761u);
  // Copies and moves between vectors of the allocator.
  std::vector<std::uint32_t, LargePageAllocator<std::uint32_t>> other(count, 7);
  values = other;
  CHECK(values.size() == count);
  CHECK(values.back() == 7);
  values = std::move(other);
  CHECK(values.size() == count);
}

TEST_CASE("a zeroed buffer reads as zero on either side of the large size") {
  for (const std::size_t bytes :
       {std::size_t{1}, std::size_t{4096}, kLargeZeroedBytes - 1, kLargeZeroedBytes,
        kLargeBytes - 1, kLargeBytes, kLargeBytes + 12345}) {
    auto* p = static_cast<unsigned char*>(allocateZeroedBuffer(bytes));
    std::size_t nonZero = 0;
    for (std::size_t i = 0; i < bytes; ++i) nonZero += p[i] != 0;
    CHECK(nonZero == 0);
    p[bytes - 1] = 1;
    releaseZeroedBuffer(p, bytes);
  }
}
