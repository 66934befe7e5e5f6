#include "support/LargePages.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>

#if defined(__linux__)
#include <sys/mman.h>
#endif

// Under AddressSanitizer a large buffer comes from the heap, which the
// sanitizer watches: in a mapping of our own an overrun of a column would
// go unseen.
#if defined(__SANITIZE_ADDRESS__)
#define MC_LARGE_BUFFERS_MAPPED 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MC_LARGE_BUFFERS_MAPPED 0
#endif
#endif
#if !defined(MC_LARGE_BUFFERS_MAPPED)
#if defined(__linux__)
#define MC_LARGE_BUFFERS_MAPPED 1
#else
#define MC_LARGE_BUFFERS_MAPPED 0
#endif
#endif

namespace mc {

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
// The smallest page: madvise's alignment, and the step that meets every page.
constexpr std::size_t kSmallPage = 4096;

#if MC_LARGE_BUFFERS_MAPPED
std::size_t roundUp(std::size_t bytes) { return (bytes + kHugePage - 1) & ~(kHugePage - 1); }

// MEASUREC_LARGE_PAGES=off: no MADV_HUGEPAGE (LargePages.h), read once.
bool adviseHugePages() {
  static const bool advise = [] {
    const char* value = std::getenv("MEASUREC_LARGE_PAGES");
    return value == nullptr || std::strcmp(value, "off") != 0;
  }();
  return advise;
}
#endif

}  // namespace

bool largeBuffersMapped() { return MC_LARGE_BUFFERS_MAPPED != 0; }

void populateForWriting(void* p, std::size_t bytes) noexcept {
  if (p == nullptr || bytes == 0) return;
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
  // madvise wants a page-aligned start: the pages the range lies in.
  const auto first = reinterpret_cast<std::uintptr_t>(p) & ~(std::uintptr_t{kSmallPage} - 1);
  const auto last = reinterpret_cast<std::uintptr_t>(p) + bytes;
  if (::madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE) == 0) return;
#endif
  touchPagesForWriting(p, bytes);
}

void touchPagesForWriting(void* p, std::size_t bytes) noexcept {
  if (p == nullptr || bytes == 0) return;
  // One byte of each page read and written back: its page faulted in for
  // writing, its value the same. Steps of a page from p meet every page of
  // the range but, when p is not at a page's start, the one holding its
  // last byte: that byte is written last.
  auto* bytesOf = static_cast<volatile unsigned char*>(p);
  for (std::size_t i = 0; i < bytes; i += kSmallPage) bytesOf[i] = bytesOf[i];
  bytesOf[bytes - 1] = bytesOf[bytes - 1];
}

void* allocateZeroedBuffer(std::size_t bytes) {
  // Where large buffers are not mappings, calloc's large blocks are (fresh
  // pages, untouched), where allocateLarge would write its zeroes; either
  // is freed by releaseLarge (free()).
  if (MC_LARGE_BUFFERS_MAPPED && bytes >= kLargeZeroedBytes) return allocateLarge(bytes);
  void* p = std::calloc(bytes == 0 ? 1 : bytes, 1);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

#if MC_LARGE_BUFFERS_MAPPED

void* allocateLarge(std::size_t bytes) {
  if (bytes > static_cast<std::size_t>(-1) - 2 * kHugePage) throw std::bad_alloc();
  const std::size_t length = roundUp(bytes);
  // Map one huge page more than asked, then unmap what lies before the
  // first 2 MiB boundary and after the length from it: mmap itself aligns
  // only to 4 KiB.
  const std::size_t mapped = length + kHugePage;
  void* p = ::mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t aligned = (start + kHugePage - 1) & ~(std::uintptr_t{kHugePage} - 1);
  const std::size_t head = aligned - start;
  if (head > 0) ::munmap(p, head);
  const std::size_t tail = mapped - head - length;
  if (tail > 0) ::munmap(reinterpret_cast<void*>(aligned + length), tail);
  // Advice only: a kernel without transparent huge pages, or with them
  // off, refuses it and the mapping keeps its 4 KiB pages.
  if (adviseHugePages()) ::madvise(reinterpret_cast<void*>(aligned), length, MADV_HUGEPAGE);
  return reinterpret_cast<void*>(aligned);
}

void releaseLarge(void* p, std::size_t bytes) noexcept {
  if (p != nullptr) ::munmap(p, roundUp(bytes));
}

#else

void* allocateLarge(std::size_t bytes) {
  void* p = nullptr;
  if (::posix_memalign(&p, kHugePage, bytes) != 0) throw std::bad_alloc();
  std::memset(p, 0, bytes);
  return p;
}

void releaseLarge(void* p, std::size_t) noexcept { std::free(p); }

#endif

}  // namespace mc
