// A day with an optional time of day (docs/data.md "Times of day"): how
// event cells, test blocks and the IR's `datetime` values carry a clock
// time beside the one date type (support/Date.h). A time of day is seconds
// since midnight; kNoTime when the day was written without one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "support/Date.h"

namespace mc {

using Seconds = std::int32_t;
inline constexpr Seconds kNoTime = -1;
inline constexpr Seconds kSecondsPerDay = 86400;

struct DayTime {
  Days day = kNoDate;
  Seconds time = kNoTime;  // 0..86399, or kNoTime
};

// `YYYY-MM-DD`, or `YYYY-MM-DDThh:mm`, `...Thh:mm:ss`, with optional
// fractional seconds (dropped) and an optional `Z` or `+hh:mm` / `-hh:mm`
// offset, which must be well formed but is not applied: the day and the
// clock time are those written. nullopt for anything else; `why` then says
// what is wrong with the time part (empty when the date part is at fault).
std::optional<DayTime> parseIsoDayTime(std::string_view text, std::string* why = nullptr);

// `2025-03-10T09:30:00`, or `2025-03-10` without a time.
std::string formatIsoDayTime(Days day, Seconds time);

// The IR's datetime value in one int64: the day in the high bits, the time
// of day plus one (0: none) in the low 17 bits. Missing: the day is kNoDate.
inline constexpr int kTimeBits = 17;
inline constexpr std::int64_t kTimeMask = (std::int64_t{1} << kTimeBits) - 1;
inline constexpr std::int64_t packDayTime(Days day, Seconds time) {
  return static_cast<std::int64_t>(day) * (kTimeMask + 1) + (time + 1);
}
inline constexpr Seconds packedTime(std::int64_t v) {
  return static_cast<Seconds>(v & kTimeMask) - 1;
}
inline constexpr Days packedDay(std::int64_t v) {
  return static_cast<Days>((v - (v & kTimeMask)) / (kTimeMask + 1));
}
inline constexpr std::int64_t kMissingDayTime = packDayTime(kNoDate, kNoTime);

}  // namespace mc
