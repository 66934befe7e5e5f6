// Continuous enrollment (moved out of the interpreter so that the JIT's
// runtime helpers ask the same code).
#include "interp/Enrollment.h"

#include <algorithm>

namespace mc::interp {

// MEASURES.md continuous enrollment: the member's spans (sorted by start)
// are merged as they are walked, and `allowed(from, to)` is asked about each
// run of uncovered days of [lo, hi] in date order, those at the start and
// the end of the window included; false as soon as it says no.
template <typename Allowed>
static bool everyGapAllowed(const store::EnrollmentTable& t, store::MemberIndex member,
                            std::int64_t lo, std::int64_t hi, Allowed allowed) {
  std::int64_t cursor = lo;  // first day not yet known to be covered
  for (std::uint32_t s = t.memberStart[member]; s < t.memberStart[member + 1]; ++s) {
    const std::int64_t start = t.start[s];
    const std::int64_t end = t.end[s];
    if (end < cursor) continue;
    if (start > hi) break;
    if (start > cursor && !allowed(cursor, start - 1)) return false;
    cursor = std::max(cursor, end + 1);
    if (cursor > hi) return true;
  }
  return allowed(cursor, hi);
}

bool enrolledOver(const store::EnrollmentTable& t, store::MemberIndex member, Days lo, Days hi,
                  std::int64_t maxGaps, std::int64_t maxGapDays) {
  if (lo == kNoDate || hi == kNoDate || lo > hi) return false;
  std::int64_t gaps = 0;
  return everyGapAllowed(t, member, lo, hi, [&](std::int64_t from, std::int64_t to) {
    return ++gaps <= maxGaps && to - from + 1 <= maxGapDays;
  });
}

// `allowing N gaps of D days in each 12 months` (HEDIS: "no more than one
// gap ... for each full calendar year"): the window is cut into 12-month
// segments counted back from its end; a leading segment shorter than 12
// months allows no gap. A gap across a segment boundary counts as one gap in
// each segment, each part with its own length. Spans and segments are walked
// together, both in date order.
bool enrolledEach12Months(const store::EnrollmentTable& t, store::MemberIndex member, Days lo,
                          Days hi, std::int64_t maxGaps, std::int64_t maxGapDays) {
  if (lo == kNoDate || hi == kNoDate || lo > hi) return false;
  // Segment k (k >= 1, counted from the end) is
  // [addMonths(hi, -12k) + 1, addMonths(hi, -12(k-1))], cut at lo.
  // Placed at the first gap: a member covered throughout (most) never pays
  // for the calendar arithmetic.
  auto segmentStart = [&](int k) -> std::int64_t { return addMonths(hi, -12 * k) + 1; };
  int k = 1;
  std::int64_t segHi = 0;
  bool full = false, placed = false;
  std::int64_t segGaps = 0;
  // Counts the uncovered days [from, to] (from <= to), in date order.
  auto gap = [&](std::int64_t from, std::int64_t to) {
    if (!placed) {
      while (segmentStart(k) > lo) ++k;
      segHi = addMonths(hi, -12 * (k - 1));
      full = segmentStart(k) == lo;
      placed = true;
    }
    while (from <= to) {
      while (from > segHi) {  // the next segment
        --k;
        segHi = addMonths(hi, -12 * (k - 1));
        full = true;
        segGaps = 0;
      }
      const std::int64_t partEnd = std::min(to, segHi);
      if (!full || ++segGaps > maxGaps || partEnd - from + 1 > maxGapDays) return false;
      from = partEnd + 1;
    }
    return true;
  };
  return everyGapAllowed(t, member, lo, hi, gap);
}

bool enrolledOnDay(const store::EnrollmentTable& t, store::MemberIndex member, Days d) {
  if (d == kNoDate) return false;
  for (std::uint32_t s = t.memberStart[member]; s < t.memberStart[member + 1]; ++s) {
    if (t.start[s] <= d && d <= t.end[s]) return true;
  }
  return false;
}

}  // namespace mc::interp
