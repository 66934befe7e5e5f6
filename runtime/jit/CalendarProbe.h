// The calendar lowering (CalendarLowering.h) compiled on its own, as plain
// functions of int64 values, for the tests that compare it with
// ir/CalendarOps.h over whole ranges of dates.
#pragma once

#include <cstdint>
#include <string>

namespace mc::jit {

using CalendarFn = std::int64_t (*)(std::int64_t, std::int64_t);
using CalendarPartsFn = std::int64_t (*)(std::int64_t, std::int64_t, std::int64_t);

struct CalendarFunctions {
  CalendarFn addDays = nullptr, diffDays = nullptr, addMonths = nullptr;
  CalendarFn yearOf = nullptr, monthOf = nullptr, dayOf = nullptr;  // the second argument unused
  CalendarFn ageYears = nullptr, ageMonths = nullptr;
  // The same with the first date's parts given (civilParts of it, the
  // second argument), the other operand third.
  CalendarPartsFn addMonthsParts = nullptr, yearOfParts = nullptr, monthOfParts = nullptr,
                  dayOfParts = nullptr, ageYearsParts = nullptr, ageMonthsParts = nullptr;
};

// Compiled once per process; every function null, and `error` set, when
// LLVM fails.
CalendarFunctions compiledCalendarFunctions(std::string& error);

}  // namespace mc::jit
