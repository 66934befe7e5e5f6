// Grouping rows by member for a table's per-member offsets (CSR): the
// builder's event tables and enrollment spans share it. Rows are seen
// through indexes, so that rows kept as columns and rows kept as structs
// sort alike.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <vector>

namespace mc::store {

// start[m] is the first row of member m once rows are grouped by member;
// start[members] is the row count. `Offsets` is the vector made (a table's
// column type, so that the table takes it with no copy).
template <typename Offsets = std::vector<std::uint32_t>, typename MemberOf>
Offsets memberOffsets(size_t rows, size_t members, MemberOf memberOf) {
  Offsets start(members + 1, 0);
  for (size_t i = 0; i < rows; ++i) ++start[memberOf(i) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  return start;
}

// Sorts one member's row indexes, stable: an insertion sort for the short
// runs most members have (no allocation), std::stable_sort for long ones.
template <typename Iterator, typename Less>
void sortRun(Iterator first, Iterator last, Less less) {
  if (last - first < 2) return;
  if (last - first > 32) {
    std::stable_sort(first, last, less);
    return;
  }
  for (auto i = first + 1; i < last; ++i) {
    const auto row = *i;
    auto j = i;
    for (; j != first && less(row, *(j - 1)); --j) *j = *(j - 1);
    *j = row;
  }
}

// The order to emit rows in: grouped by member with a counting sort, then
// each member's (short) run sorted by `less(i, j)`. Stable throughout, so
// equal rows keep their arrival order.
template <typename Offsets, typename MemberOf, typename Less>
std::vector<std::uint32_t> memberOrder(size_t rows, const Offsets& start, MemberOf memberOf,
                                       Less less) {
  std::vector<std::uint32_t> order(rows);
  std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
  for (size_t i = 0; i < rows; ++i) order[next[memberOf(i)]++] = static_cast<std::uint32_t>(i);
  for (size_t m = 0; m + 1 < start.size(); ++m) {
    const auto first = order.begin() + start[m];
    const auto last = order.begin() + start[m + 1];
    if (!std::is_sorted(first, last, less)) sortRun(first, last, less);
  }
  return order;
}

}  // namespace mc::store
