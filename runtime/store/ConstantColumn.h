// A column in which every row holds one value, in read-only memory that
// costs no page per row: the same few physical pages mapped again and again.
//
// Why: an event file that lacks a column (visits.csv has no value, unit,
// days supply or second provider; most files have no source) still gets that
// column in its table, one value repeated for every row, because the
// engines read every table the same way. At 1,000,000 members those
// repeated values are a quarter of the store (~320 MB), and on the VM of
// bench/README.md the first write of a fresh page costs more than the bytes
// that fill it. Mapped from one shared pattern, such a column is a view
// (Column::view) that nothing writes: the load neither writes nor faults in
// its rows, and a read of it stays in cache.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <vector>

#include "store/Column.h"

namespace mc::store {

// Read-only memory of at least `bytes` bytes in which the `size`-byte
// `element` repeats from the start (`size` divides kRepeatWindow), or null
// when the system cannot map it. The memory lives as long as the returned
// pointer (and its copies); `data` is its start.
std::shared_ptr<const void> repeatedPages(const void* element, std::size_t size, std::size_t bytes,
                                          const void*& data);

// The pattern's length: the unit mapped again and again.
inline constexpr std::size_t kRepeatWindow = std::size_t{1} << 20;

// `count` copies of `value`: for a column of at least kRepeatWindow bytes a
// view of repeated pages, kept alive through `keep`; an owned column
// otherwise, or when the pages cannot be mapped.
template <typename T>
Column<T> constantColumn(const T& value, std::size_t count,
                         std::vector<std::shared_ptr<const void>>& keep) {
  static_assert(kRepeatWindow % sizeof(T) == 0, "the pattern must hold whole values");
  if (count * sizeof(T) >= kRepeatWindow) {
    const void* data = nullptr;
    if (std::shared_ptr<const void> pages =
            repeatedPages(&value, sizeof(T), count * sizeof(T), data)) {
      keep.push_back(std::move(pages));
      return Column<T>::view(static_cast<const T*>(data), count);
    }
  }
  return Column<T>(ColumnVector<T>(count, value));
}

}  // namespace mc::store
