// One column of the member store: either owned (a std::vector the builder
// fills) or a read-only view of a span of a memory-mapped cache file
// (store/CacheReader.h), so that a store read from a cache uses its numeric
// columns in place, without a copy. Readers see one vector-like API either
// way; `data_`/`size_` are kept in step with the owned vector after every
// change, so that reading an element costs no branch. A view is
// copy-on-write: the mapping is read-only, so any write (through the
// non-const operator[] too: read a store through a const reference) first
// copies the view into an owned vector.
#pragma once

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include "support/LargePages.h"

namespace mc::store {

// The allocator of large buffers (support/LargePages.h: a large column is
// its own mapping, in huge pages), but an element made with no value
// (resize(n)) is default-initialised: left unwritten for the plain types
// of columns, where std::allocator zero-fills it. A builder that sizes a
// column and then writes every new element writes its bytes once, not
// twice (the load's serial commit, PendingRows::appendBatch).
template <typename T>
struct UninitialisedAllocator : LargePageAllocator<T> {
  using value_type = T;
  template <typename U>
  struct rebind {
    using other = UninitialisedAllocator<U>;
  };
  UninitialisedAllocator() = default;
  template <typename U>
  UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}
  template <typename U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... A>
  void construct(U* p, A&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<A>(args)...);
  }
};

// The vector a column owns: a builder fills one and moves it into the
// column with no copy.
template <typename T>
using ColumnVector = std::vector<T, UninitialisedAllocator<T>>;

template <typename T>
class Column {
 public:
  using value_type = T;
  using const_iterator = const T*;
  using iterator = const T*;

  Column() = default;
  Column(std::initializer_list<T> values) : owned_(values) { sync(); }
  explicit Column(ColumnVector<T> values) : owned_(std::move(values)) { sync(); }
  explicit Column(const std::vector<T>& values) : owned_(values.begin(), values.end()) { sync(); }
  Column(const Column& other) { *this = other; }
  Column(Column&& other) noexcept { *this = std::move(other); }
  Column& operator=(const Column& other) {
    if (this == &other) return *this;
    owned_ = other.owned_;
    mapped_ = other.mapped_;
    if (mapped_) {
      data_ = other.data_;
      size_ = other.size_;
    } else {
      sync();
    }
    return *this;
  }
  Column& operator=(Column&& other) noexcept {
    if (this == &other) return *this;
    // Moving a vector keeps its buffer, so data_ stays valid.
    owned_ = std::move(other.owned_);
    mapped_ = other.mapped_;
    data_ = other.data_;
    size_ = other.size_;
    other.owned_.clear();
    other.mapped_ = false;
    other.sync();
    return *this;
  }
  Column& operator=(ColumnVector<T> values) {
    owned_ = std::move(values);
    mapped_ = false;
    sync();
    return *this;
  }
  // A copy: a vector of another allocator cannot hand its buffer over.
  Column& operator=(const std::vector<T>& values) {
    owned_.assign(values.begin(), values.end());
    mapped_ = false;
    sync();
    return *this;
  }

  // A view of `count` elements at `data`, which the caller keeps alive
  // (MemberStore::mapping).
  static Column view(const T* data, std::size_t count) {
    Column c;
    c.mapped_ = true;
    c.data_ = data;
    c.size_ = count;
    return c;
  }
  bool isView() const { return mapped_; }

  // Reading.
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T* data() const { return data_; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  const T& front() const { return data_[0]; }
  const T& back() const { return data_[size_ - 1]; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  std::vector<T> toVector() const { return std::vector<T>(begin(), end()); }
  friend bool operator==(const Column& a, const Column& b) {
    return a.size_ == b.size_ && std::equal(a.begin(), a.end(), b.begin());
  }
  friend bool operator!=(const Column& a, const Column& b) { return !(a == b); }
  friend bool operator==(const Column& a, const std::vector<T>& b) {
    return a.size_ == b.size() && std::equal(a.begin(), a.end(), b.begin());
  }
  friend bool operator==(const std::vector<T>& a, const Column& b) { return b == a; }
  friend bool operator!=(const Column& a, const std::vector<T>& b) { return !(a == b); }
  friend bool operator!=(const std::vector<T>& a, const Column& b) { return !(b == a); }

  // Writing.
  T& operator[](std::size_t i) {
    writable();
    return owned_[i];
  }
  void push_back(const T& v) {
    writable().push_back(v);
    sync();
  }
  template <typename... A>
  T& emplace_back(A&&... args) {
    T& v = writable().emplace_back(std::forward<A>(args)...);
    sync();
    return v;
  }
  void reserve(std::size_t n) {
    writable().reserve(n);
    sync();
  }
  void resize(std::size_t n) {
    writable().resize(n);
    sync();
  }
  void resize(std::size_t n, const T& v) {
    writable().resize(n, v);
    sync();
  }
  void assign(std::size_t n, const T& v) {
    writable().assign(n, v);
    sync();
  }
  void clear() {
    owned_.clear();
    mapped_ = false;
    sync();
  }
  void pop_back() {
    writable().pop_back();
    sync();
  }

 private:
  ColumnVector<T>& writable() {
    if (mapped_) {
      owned_.assign(data_, data_ + size_);
      mapped_ = false;
      sync();
    }
    return owned_;
  }
  void sync() {
    data_ = owned_.data();
    size_ = owned_.size();
  }

  ColumnVector<T> owned_;
  bool mapped_ = false;
  const T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace mc::store
