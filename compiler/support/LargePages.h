// Memory for large buffers (the member store's columns, a load's batches,
// the outcome tables, the result writers' row lists) in whole 2 MiB pages
// where the kernel gives them.
//
// Why: a run's large buffers are fresh memory, and the first touch of each
// 4 KiB page is a page fault. On the 2-core VM of bench/README.md a fault
// costs about 2.7 us (1 GiB touched page by page: 2.8 s), so that a 1M load
// spent as much time faulting its 1.3 GB of columns in as parsing the CSV
// that fills them. The same gigabyte in transparent huge pages takes
// 0.6-1.7 s: one fault per 512 pages. Linux gives huge pages to a mapping
// that asks for them (MADV_HUGEPAGE) when its THP mode is "madvise" (the
// default of Debian and most distributions) or "always".
//
// A buffer of at least kLargeBytes (one huge page: a column of a million
// 4-byte values is 1.9 of them) is its own private mapping, aligned to
// 2 MiB and a whole number of 2 MiB long, so that every page of it can be a
// huge page; smaller ones come from operator new as before. Elsewhere than
// Linux, and under AddressSanitizer (which watches the heap, not our own
// mappings), a large buffer is the heap's, 2 MiB-aligned, with no advice.
// The memory of a large buffer reads as zero until written.
//
// Whether huge pages win depends on the machine: on an earlier VM of the
// project (bench/README.md, Load, "what a fresh page costs") clearing a
// 2 MiB page cost more than faulting its 512 small ones. MEASUREC_LARGE_PAGES=off
// keeps the mappings (the same memory, aligned) and leaves out the advice,
// so that one binary can be measured both ways.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>

namespace mc {

// Buffers from this size on are mapped on their own, in huge pages.
inline constexpr std::size_t kLargeBytes = std::size_t{2} << 20;

// `bytes` (>= kLargeZeroedBytes) of zeroed memory at a 2 MiB boundary (so at
// any smaller power of two: O_DIRECT's blocks); throws std::bad_alloc.
void* allocateLarge(std::size_t bytes);
// Returns memory from allocateLarge(bytes), `bytes` the same.
void releaseLarge(void* p, std::size_t bytes) noexcept;
// Whether a large buffer is a mapping of its own (Linux, not under
// AddressSanitizer, which watches the heap's buffers only); else it comes
// from the heap, 2 MiB-aligned, with no huge-page advice.
bool largeBuffersMapped();

// Memory of `bytes`: a large buffer (allocateLarge) or operator new's.
inline void* allocateBuffer(std::size_t bytes) {
  return bytes >= kLargeBytes ? allocateLarge(bytes) : ::operator new(bytes);
}
inline void releaseBuffer(void* p, std::size_t bytes) noexcept {
  if (bytes >= kLargeBytes)
    releaseLarge(p, bytes);
  else
    ::operator delete(p);
}

// The deleter of a std::unique_ptr to allocateBuffer(bytes)'s memory.
struct BufferRelease {
  std::size_t bytes = 0;
  void operator()(void* p) const noexcept { releaseBuffer(p, bytes); }
};

// A zeroed buffer is a large one from half a huge page on: the outcome
// tables' packed words at a million members are 2,000,000 bytes, just
// under kLargeBytes, and from the heap, in 4 KiB pages, the member passes
// on 2 threads took 0.84 s against 0.74 s as a mapping in huge pages
// (bench/README.md, JIT, "the outcome tables' words halved"). A whole huge
// page is mapped: at most half of it unused.
inline constexpr std::size_t kLargeZeroedBytes = kLargeBytes / 2;

// Zeroed memory of `bytes`, its pages untouched: a large buffer
// (allocateLarge) from kLargeZeroedBytes on, or calloc's (under the size,
// or where large buffers are not mappings); throws std::bad_alloc.
void* allocateZeroedBuffer(std::size_t bytes);
inline void releaseZeroedBuffer(void* p, std::size_t bytes) noexcept {
  if (bytes >= kLargeZeroedBytes)
    releaseLarge(p, bytes);
  else
    std::free(p);
}

// Makes the pages of [p, p + bytes) present and writable now, in one call
// (MADV_POPULATE_WRITE, Linux 5.14) rather than by a fault per page when
// each is first written; the bytes are unchanged. Where the kernel refuses
// it, each page is read and written back once instead. For memory about to
// be written in full by code that should not pay the faults: on the VM of
// bench/README.md one call for a batch of huge pages cost less than their
// faults one at a time in the middle of other work ("the outcome tables'
// pages before the passes").
void populateForWriting(void* p, std::size_t bytes) noexcept;

// populateForWriting's way where the kernel refuses the advice (before
// Linux 5.14): a byte of each page read and written back, the faults taken
// one by one. Its own function so that the tests run it on every kernel.
void touchPagesForWriting(void* p, std::size_t bytes) noexcept;

// std::allocator, with large buffers in huge pages (allocateBuffer).
template <typename T>
struct LargePageAllocator {
  static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__, "over-aligned element");
  using value_type = T;
  using propagate_on_container_move_assignment = std::true_type;
  using is_always_equal = std::true_type;
  LargePageAllocator() = default;
  template <typename U>
  LargePageAllocator(const LargePageAllocator<U>&) noexcept {
  }  // NOLINT(google-explicit-constructor)

  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(allocateBuffer(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept { releaseBuffer(p, n * sizeof(T)); }

  template <typename U>
  bool operator==(const LargePageAllocator<U>&) const noexcept {
    return true;
  }
  template <typename U>
  bool operator!=(const LargePageAllocator<U>&) const noexcept {
    return false;
  }
};

}  // namespace mc
