// Enrollment as data: the start of a member's enrollment, enrolled days and
// member months / years over a window. Each reads the member's continuous
// runs of enrollment: spans (sorted by start, not merged, in the store)
// merged where they overlap or are back to back (MEASURES.md continuous
// enrollment).
#include <algorithm>

#include "interp/Enrollment.h"
#include "interp/Interpreter.h"
#include "ir/Missing.h"

namespace mc::interp {

namespace {

// Calls f(start, end) for each run of the member's spans, in date order,
// until f returns false. An open end is kOpenEnd.
template <typename F>
void forEachRun(const store::EnrollmentTable& t, store::MemberIndex m, F f) {
  std::int64_t runStart = 0, runEnd = 0;
  bool open = false;
  for (std::uint32_t s = t.memberStart[m]; s < t.memberStart[m + 1]; ++s) {
    const std::int64_t start = t.start[s], end = t.end[s];
    if (open && start <= runEnd + 1) {  // overlapping or back to back: one run
      runEnd = std::max(runEnd, end);
      continue;
    }
    if (open && !f(runStart, runEnd)) return;
    runStart = start;
    runEnd = end;
    open = true;
  }
  if (open) f(runStart, runEnd);
}

// How many 15ths of a month fall on or before day d: a month index that
// steps on each 15th. Most members' runs cover their window, so the same
// two days (the window's ends) come back member after member: the last two
// answers are kept per thread (the calendar arithmetic was most of member
// months' cost, in both engines).
std::int64_t fifteenthsUpTo(std::int64_t d) {
  // kMissingInt: no day (d is a day number, never that).
  thread_local std::int64_t day[2] = {ir::kMissingInt, ir::kMissingInt}, known[2] = {0, 0};
  if (d == day[0]) return known[0];
  if (d == day[1]) return known[1];
  const CivilDate c = civilFromDays(static_cast<Days>(d));
  const std::int64_t f =
      static_cast<std::int64_t>(c.year) * 12 + (c.month - 1) + (c.day >= 15 ? 1 : 0);
  day[1] = day[0];
  known[1] = known[0];
  day[0] = d;
  known[0] = f;
  return f;
}

}  // namespace

Days Interpreter::enrollmentRunEnd(Days d) const {
  return enrollmentRunEndOn(store_.enrollment, member_, d);
}

Days enrollmentRunEndOn(const store::EnrollmentTable& t, store::MemberIndex member, Days d) {
  std::int64_t found = kNoDate;
  forEachRun(t, member, [&](std::int64_t start, std::int64_t end) {
    if (start > d) return false;
    if (end >= d) found = end;
    return end < d;
  });
  return static_cast<Days>(found);
}

Value Interpreter::enrollmentData(const ir::Node& n) {
  return enrollmentOver(store_.enrollment, member_, n.op, eval(n.a).i, eval(n.b).i, period_.asOf);
}

Value enrollmentOver(const store::EnrollmentTable& t, store::MemberIndex member, ir::Op op,
                     std::int64_t lo, std::int64_t hi, Days asOf) {
  const bool rate = op == ir::Op::MemberYears;
  // A rate's member years on an interim run end on the as-of date: its
  // events stop there (the loader read nothing later), and a year-to-date
  // rate per member years divides them by the time that has passed, not by
  // the whole year's coverage (known ahead, which would halve the rate at
  // mid-year and put every lower-is-better provider at the top tier).
  if (rate && asOf != kNoDate && hi != ir::kMissingDate) hi = std::min<std::int64_t>(hi, asOf);
  if (lo == ir::kMissingDate || hi == ir::kMissingDate)
    return rate                            ? Value{0, ir::kMissingNum}
           : op == ir::Op::EnrollmentStart ? Value{ir::kMissingDate, 0}
                                           : Value{ir::kMissingInt, 0};
  // An inverted window covers no day (as `enrolled continuously over`).
  if (lo > hi) return op == ir::Op::EnrollmentStart ? Value{ir::kMissingDate, 0} : Value{0, 0};
  switch (op) {
    case ir::Op::EnrollmentStart: {
      // The first run that overlaps [lo, hi]; it may have started before lo.
      std::int64_t found = ir::kMissingDate;
      forEachRun(t, member, [&](std::int64_t start, std::int64_t end) {
        if (start > hi) return false;
        if (end < lo) return true;
        found = start;
        return false;
      });
      return {found, 0};
    }
    case ir::Op::EnrolledDays: {
      std::int64_t days = 0;
      forEachRun(t, member, [&](std::int64_t start, std::int64_t end) {
        if (start > hi) return false;
        const std::int64_t a = std::max(start, lo), b = std::min(end, hi);
        if (a <= b) days += b - a + 1;
        return true;
      });
      return {days, 0};
    }
    default: {
      // HEDIS member months (HEDIS Volume 2, General Guidelines, "Member
      // months"): a member month for each month of the window whose 15th
      // lies in the window and the member is enrolled on; member years are
      // member months / 12. Not yet checked against a public copy of that
      // guideline (none was found in the reference corpus); the
      // day-14 / day-15 edges are pinned in tests/semantics.
      std::int64_t months = 0;
      forEachRun(t, member, [&](std::int64_t start, std::int64_t end) {
        if (start > hi) return false;
        const std::int64_t a = std::max(start, lo), b = std::min(end, hi);
        if (a <= b) months += fifteenthsUpTo(b) - fifteenthsUpTo(a - 1);
        return true;
      });
      if (rate) return {0, static_cast<double>(months) / 12.0};
      return {months, 0};
    }
  }
}

}  // namespace mc::interp
