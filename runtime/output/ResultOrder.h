// The row order of member_results.csv and gaps.csv (DATA.md, Outputs):
// provider_id, measure id, member_id, each in string order. The strings are
// ranked once per run; rows are then grouped by provider with a counting
// sort, measure by measure and member by member in id order, so ordering
// millions of rows compares no strings and reads each measure's outcomes
// front to back instead of in provider order.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string_view>
#include <vector>

#include "score/Outcome.h"
#include "score/ParallelWork.h"
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
  // members is 0, 1, 2, ...: data directories usually list members in id
  // order, and a pass in that order reads no index per member.
  bool membersInIndexOrder = false;
  // Indexes into the outcomes in measure id order (ties in input order).
  std::vector<std::uint32_t> measures;
};

ResultOrder resultOrder(const store::MemberStore& store,
                        const std::vector<score::MeasureOutcomes>& outcomes);

// One row of a result file: the member and what the writer writes for it (a
// cell of the writer's own table: the member's outcome for one measure).
struct ResultRow {
  // Left unset: a file's row list is sized before its rows are placed, and
  // zeroing it first would touch every page of it on one thread (at
  // 1,000,000 members, 49 MB) before the threads that place the rows do.
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-member-init)
  ResultRow() {}
  ResultRow(std::uint32_t m, std::uint32_t c) : member(m), cell(c) {}

  std::uint32_t member;
  std::uint32_t cell;
};

// Rows in file order: those of provider rank r are rows[start[r], start[r + 1]).
struct SortedRows {
  std::vector<ResultRow, LargePageAllocator<ResultRow>> rows;  // 8.3M rows at 1M members
  std::vector<std::size_t> start;
};

// Rows visit members in provider order, far apart in memory: the id of the
// member some rows ahead is asked for early, so that writing row `row` does
// not wait for its member's id (the main cost of the write in a profile).
// An id is found through its offset: the offset is asked for twice as far
// ahead as the bytes it points to, which by then it has brought.
inline void prefetchMemberId(const store::MemberStore& store, const SortedRows& sorted,
                             std::size_t row) {
  constexpr std::size_t kAhead = 16;
  const store::TextColumn& ids = store.members.id;
  if (row + 2 * kAhead < sorted.rows.size())
    __builtin_prefetch(ids.offsets() + sorted.rows[row + 2 * kAhead].member);
  if (row + kAhead < sorted.rows.size())
    __builtin_prefetch(ids.bytesOf(sorted.rows[row + kAhead].member));
}

// Every row of the outcomes: measure by measure in id order, member by
// member in id order, grouped by provider rank (a counting sort, which keeps
// that order within a provider). Rows are of members in a measure's
// population: `hasRow(outcomeIndex, member)` says whether such a member
// has a row (asked twice, the same answer both times; never for a member
// outside the population, who has none); `cellOf(outcomeIndex, member)`
// gives the row's cell (asked once, for rows only). Two passes, one to
// count each provider's rows and one to put each row in its place, rather
// than one that gathers the rows with their ranks and then copies them in
// provider order: the rows are held once, 8 bytes each instead of 20 at the
// copy (at 1,000,000 members, 8.3 million rows of member_results.csv and
// gaps.csv: about 70-100 MB less at the peak of the write, which was the
// run's peak).
//
// Each pass is done measure by measure on `threads` threads: a measure's
// rows of a provider have their own place, after those of the measures
// before it, so the rows are the same for any thread count. Both callbacks
// are called for one measure by one thread at a time (a per-measure state
// needs no lock); different measures' calls may run at once.
template <class HasRow, class CellOf>
SortedRows sortedRows(const ResultOrder& order, const std::vector<score::MeasureOutcomes>& outcomes,
                      size_t memberCount, int threads, HasRow hasRow, CellOf cellOf) {
  const size_t ranks = order.providerText.size();
  const size_t unlinked = order.providerRank.size() - 1;
  // Calls `row(rank, member)` for each row of the measure at `position` of
  // the id order, member by member in id order. Most members are outside
  // most measures' populations (five in six at 1,000,000 members of the
  // CBI program): they are passed over on their packed word alone, the
  // measure's columns read through pointers taken once.
  const auto eachRow = [&](size_t position, auto&& row) {
    const std::uint32_t i = order.measures[position];
    const score::MeasureOutcomes& mo = outcomes[i];
    const size_t n = std::min(mo.members.size(), memberCount);
    const std::uint16_t* packed = mo.members.flat().packed;
    const store::ProviderId* provider = mo.provider.data();
    const size_t providers = mo.provider.size();
    const std::uint32_t* rank = order.providerRank.data();
    const auto visit = [&](std::uint32_t m) {
      if (!hasRow(i, m)) return;
      const store::ProviderId slot = m < providers ? provider[m] : store::kNoProvider;
      row(rank[slot < unlinked ? slot : unlinked], m);
    };
    if (order.membersInIndexOrder) {
      score::forEachInPopulation(packed, n,
                                 [&](size_t m) { visit(static_cast<std::uint32_t>(m)); });
    } else {
      for (const std::uint32_t m : order.members)
        if (m < n && (packed[m] & score::PackedOutcome::kPopulation) != 0) visit(m);
    }
  };
  // Per measure position and provider rank: the count of its rows, then the
  // place of the first of them.
  std::vector<std::vector<size_t>> place(order.measures.size());
  score::forEachInParallel(place.size(), threads, [&](size_t position) {
    place[position].assign(ranks, 0);
    eachRow(position, [&](std::uint32_t rank, std::uint32_t) { ++place[position][rank]; });
  });
  SortedRows out;
  out.start.resize(ranks + 1);
  size_t at = 0;
  for (size_t rank = 0; rank < ranks; ++rank) {
    out.start[rank] = at;
    for (std::vector<size_t>& measure : place) {
      const size_t count = measure[rank];
      measure[rank] = at;
      at += count;
    }
  }
  out.start[ranks] = at;
  out.rows.resize(at);
  score::forEachInParallel(place.size(), threads, [&](size_t position) {
    const std::uint32_t i = order.measures[position];
    std::vector<size_t>& next = place[position];
    eachRow(position, [&](std::uint32_t rank, std::uint32_t m) {
      out.rows[next[rank]++] = {m, cellOf(i, m)};
    });
  });
  return out;
}

}  // namespace mc::output
