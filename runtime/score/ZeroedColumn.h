// A column of plain values that starts all zero without a write: its memory
// comes from calloc, or for a large column a fresh mapping in huge pages
// (support/LargePages.h), so a large column is fresh pages the kernel
// zeroes when first touched. The outcome tables of a run (35 x 2 MB at a
// million members) are made on every thread of the score phase at once and
// faulted in there (populate: one call per column, not a memset by one
// thread, a serial part of the phase), before the member passes, which on
// a VM paid a fault per huge page in the middle of the engines' work.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

#include "support/LargePages.h"

namespace mc::score {

template <typename T>
class ZeroedColumn {
  // Zero bytes must read back as the value zero: plain values only.
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
                "ZeroedColumn holds plain values");

 public:
  ZeroedColumn() = default;
  explicit ZeroedColumn(size_t n) : data_(allocate(n)), size_(n) {}
  ZeroedColumn(const ZeroedColumn& o) : data_(allocate(o.size_)), size_(o.size_) {
    if (size_ > 0) std::memcpy(data_, o.data_, size_ * sizeof(T));
  }
  ZeroedColumn(ZeroedColumn&& o) noexcept : data_(o.data_), size_(o.size_) {
    o.data_ = nullptr;
    o.size_ = 0;
  }
  ZeroedColumn& operator=(ZeroedColumn o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    return *this;
  }
  ~ZeroedColumn() { release(data_, size_); }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  // Faults the column's pages in now (populateForWriting), before the
  // code that writes it runs.
  void populate() noexcept { populateForWriting(data_, size_ * sizeof(T)); }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }

 private:
  static T* allocate(size_t n) {
    if (n == 0) return nullptr;
    if (n > static_cast<size_t>(-1) / sizeof(T)) throw std::bad_alloc();
    return static_cast<T*>(allocateZeroedBuffer(n * sizeof(T)));
  }
  static void release(T* p, size_t n) noexcept {
    if (p != nullptr) releaseZeroedBuffer(p, n * sizeof(T));
  }

  T* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace mc::score
