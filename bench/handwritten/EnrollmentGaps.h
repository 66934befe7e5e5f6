// Continuous enrollment written by hand over the store's spans
// (MEASURES.md: spans merged as they are walked; a gap is a run of
// uncovered days of the window, those at its ends included).
#pragma once

#include <algorithm>
#include <cstdint>

#include "store/MemberStore.h"

namespace mc::bench {

// Calls gap(from, to) for each uncovered run of [lo, hi] in date order;
// false as soon as it returns false.
template <typename Gap>
bool everyGap(const store::EnrollmentTable& t, store::MemberIndex m, std::int64_t lo,
              std::int64_t hi, Gap gap) {
  std::int64_t cursor = lo;
  for (std::uint32_t s = t.memberStart[m]; s < t.memberStart[m + 1]; ++s) {
    const std::int64_t start = t.start[s], end = t.end[s];
    if (start > hi) break;
    if (end < cursor) continue;
    if (start > cursor && !gap(cursor, start - 1)) return false;
    cursor = std::max(cursor, end + 1);
    if (cursor > hi) return true;
  }
  return gap(cursor, hi);
}

inline bool enrolledOn(const store::EnrollmentTable& t, store::MemberIndex m, Days d) {
  for (std::uint32_t s = t.memberStart[m]; s < t.memberStart[m + 1]; ++s)
    if (t.start[s] <= d && d <= t.end[s]) return true;
  return false;
}

// The last day of the run of merged spans (overlapping or back to back)
// that holds day d; kNoDate when d is not enrolled.
inline Days enrollmentRunEnd(const store::EnrollmentTable& t, store::MemberIndex m, Days d) {
  bool open = false;
  std::int64_t runStart = 0, runEnd = 0;
  for (std::uint32_t s = t.memberStart[m]; s < t.memberStart[m + 1]; ++s) {
    const std::int64_t start = t.start[s], end = t.end[s];
    if (open && start <= runEnd + 1) {
      runEnd = std::max(runEnd, end);
      continue;
    }
    if (open && runStart <= d && d <= runEnd) return static_cast<Days>(runEnd);
    if (start > d) return kNoDate;
    runStart = start;
    runEnd = end;
    open = true;
  }
  return open && runStart <= d && d <= runEnd ? static_cast<Days>(runEnd) : kNoDate;
}

}  // namespace mc::bench
