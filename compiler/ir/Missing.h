// What a missing value is, per IR type, and what each operation does with
// one: the single definition that the interpreter, the JIT and the SQL back
// end implement (docs/language.md "Missing values"; CQL's and SQL's null
// rules). Arithmetic on a missing value is missing, a comparison with one is
// unknown, and/or/not are three-valued (Kleene), a rule term that is unknown
// is not met, and `is missing` is the one way to ask.
#pragma once

#include <cstdint>
#include <limits>

#include "support/Date.h"
#include "support/DateTime.h"

namespace mc::ir {

// Bool: three values. Unknown is what a comparison with a missing value gives.
inline constexpr std::int64_t kFalse = 0;
inline constexpr std::int64_t kTrue = 1;
inline constexpr std::int64_t kUnknown = 2;

// Int: the smallest int64 is missing, so every Int is in
// -(2^63 - 1) .. 2^63 - 1 and negation never overflows.
inline constexpr std::int64_t kMissingInt = std::numeric_limits<std::int64_t>::min();

// Date: kNoDate (support/Date.h). A date outside years 1..9999 is never
// produced: date arithmetic that would leave the calendar gives kNoDate.
inline constexpr std::int64_t kMissingDate = kNoDate;

// Num: NaN; a result that is not a finite number (x / 0, overflow) is NaN.
inline constexpr double kMissingNum = std::numeric_limits<double>::quiet_NaN();

// Sex is never missing (U is a value).

// Provider, Setting, Code: an id, or -1 when missing (no provider, no
// setting, no principal diagnosis).
inline constexpr std::int64_t kMissingId = -1;

constexpr bool isUnknown(std::int64_t b) { return b == kUnknown; }
constexpr std::int64_t truth(bool b) { return b ? kTrue : kFalse; }

// Kleene logic: false wins in `and`, true wins in `or`.
constexpr std::int64_t kleeneNot(std::int64_t a) { return a == kUnknown ? kUnknown : 1 - a; }
constexpr std::int64_t kleeneAnd(std::int64_t a, std::int64_t b) {
  if (a == kFalse || b == kFalse) return kFalse;
  return a == kTrue && b == kTrue ? kTrue : kUnknown;
}
constexpr std::int64_t kleeneOr(std::int64_t a, std::int64_t b) {
  if (a == kTrue || b == kTrue) return kTrue;
  return a == kFalse && b == kFalse ? kFalse : kUnknown;
}

// Int arithmetic: missing in, missing out; overflow (or a result that would
// be the sentinel) is missing too, never a wrapped value.
constexpr std::int64_t intAdd(std::int64_t a, std::int64_t b) {
  if (a == kMissingInt || b == kMissingInt) return kMissingInt;
  std::int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) return kMissingInt;
  return r;
}
constexpr std::int64_t intSub(std::int64_t a, std::int64_t b) {
  if (a == kMissingInt || b == kMissingInt) return kMissingInt;
  std::int64_t r = 0;
  if (__builtin_sub_overflow(a, b, &r)) return kMissingInt;
  return r;
}
constexpr std::int64_t intMul(std::int64_t a, std::int64_t b) {
  if (a == kMissingInt || b == kMissingInt) return kMissingInt;
  std::int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) return kMissingInt;
  return r;
}
constexpr std::int64_t intNeg(std::int64_t a) { return a == kMissingInt ? kMissingInt : -a; }

// Num: missing (NaN) propagates through IEEE arithmetic; infinities are
// folded into missing so that every number the IR holds is finite or NaN.
constexpr double finiteOrMissing(double x) {
  return x - x == 0 ? x : kMissingNum;  // false for NaN and +-inf
}
constexpr double intToNum(std::int64_t a) {
  return a == kMissingInt ? kMissingNum : static_cast<double>(a);
}

// Datetime: kMissingDayTime (support/DateTime.h); a date converted to a
// datetime has no time of day. Two datetimes compare at mixed precision, as
// CQL compares DateTimes of different precisions: different days decide by
// the day; on the same day, two times decide by the time, no time on
// either side is the same day (equal at day precision), and a time on one
// side only is unknown (CQL null). -1, 0 or 1, or kUnknownOrder.
inline constexpr int kUnknownOrder = 2;
constexpr int dayTimeOrder(std::int64_t a, std::int64_t b) {
  const Days da = packedDay(a), db = packedDay(b);
  if (da != db) return da < db ? -1 : 1;
  const Seconds ta = packedTime(a), tb = packedTime(b);
  if (ta == kNoTime && tb == kNoTime) return 0;
  if (ta == kNoTime || tb == kNoTime) return kUnknownOrder;
  return ta == tb ? 0 : (ta < tb ? -1 : 1);
}
constexpr std::int64_t dateToDayTime(std::int64_t d) {
  return d == kMissingDate ? kMissingDayTime : packDayTime(static_cast<Days>(d), kNoTime);
}

}  // namespace mc::ir
