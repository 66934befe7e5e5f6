// The row order of member_results.csv and gaps.csv (DATA.md, Outputs):
// provider_id, measure id, member_id, each in string order. The strings are
// ranked once per run; rows are then grouped by provider with a counting
// sort, measure by measure and member by member in id order, so ordering
// millions of rows compares no strings and reads each measure's outcomes
// front to back instead of in provider order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "score/Outcome.h"
#include "store/MemberStore.h"

namespace mc::output {

struct ResultOrder {
  // Per provider slot (a ProviderId; slot providers.size() is UNLINKED): the
  // rank of its provider_id text. Equal texts share a rank.
  std::vector<std::uint32_t> providerRank;
  // Per rank: the provider_id text of that rank.
  std::vector<std::string_view> providerText;
  // Member indexes in member_id order (ties in index order).
  std::vector<std::uint32_t> members;
  // Indexes into the outcomes in measure id order (ties in input order).
  std::vector<std::uint32_t> measures;
};

ResultOrder resultOrder(const store::MemberStore& store,
                        const std::vector<score::MeasureOutcomes>& outcomes);

// One row of a result file: the member and what the writer writes for it (a
// cell of the writer's own table: the member's outcome for one measure).
struct ResultRow {
  std::uint32_t member;
  std::uint32_t cell;
};
inline constexpr std::uint32_t kNoRow = 0xffffffffu;

// Rows in file order: those of provider rank r are rows[start[r], start[r + 1]).
struct SortedRows {
  std::vector<ResultRow> rows;
  std::vector<std::size_t> start;
};

// Rows visit members in provider order, far apart in memory: the id of the
// member some rows ahead is asked for early, so that writing row `row` does
// not wait for its member's id (the main cost of the write in a profile).
inline void prefetchMemberId(const store::MemberStore& store, const SortedRows& sorted,
                             std::size_t row) {
  constexpr std::size_t kAhead = 16;
  if (row + kAhead < sorted.rows.size())
    __builtin_prefetch(&store.members.id[sorted.rows[row + kAhead].member]);
}

// Groups rows by provider rank, keeping the order in which they were added.
class RowSorter {
 public:
  // `maxRows`: an upper bound, reserved (not touched) up front, so that the
  // rows of a large run are never copied to a grown buffer.
  RowSorter(const ResultOrder& order, size_t maxRows) : order_(order) {
    rows_.reserve(maxRows);
    rank_.reserve(maxRows);
  }
  // `slot`: the member's provider for the measure (kNoProvider: UNLINKED).
  void add(store::ProviderId slot, ResultRow row);
  SortedRows sorted() const;

 private:
  const ResultOrder& order_;
  std::vector<ResultRow> rows_;
  std::vector<std::uint32_t> rank_;  // of each row, same index
};

// Every row of the outcomes: measure by measure in id order, member by
// member in id order. `cellOf(outcomeIndex, member)` gives the row's cell,
// or kNoRow for no row.
template <class CellOf>
SortedRows sortedRows(const ResultOrder& order, const std::vector<score::MeasureOutcomes>& outcomes,
                      size_t memberCount, CellOf cellOf) {
  RowSorter sorter(order, order.measures.size() * std::min(order.members.size(), memberCount));
  for (const std::uint32_t i : order.measures) {
    const score::MeasureOutcomes& mo = outcomes[i];
    const size_t n = std::min(mo.members.size(), memberCount);
    for (const std::uint32_t m : order.members) {
      if (m >= n) continue;
      const std::uint32_t cell = cellOf(i, m);
      if (cell == kNoRow) continue;
      sorter.add(m < mo.provider.size() ? mo.provider[m] : store::kNoProvider, {m, cell});
    }
  }
  return sorter.sorted();
}

}  // namespace mc::output
