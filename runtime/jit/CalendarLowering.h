// The IR's calendar operations (ir/CalendarOps.h) written in LLVM IR, so
// that compiled measures compute ages, date parts and month arithmetic in
// line instead of calling into C++ for every member (issue 15: the calls,
// civilFromDays above all, were 40 % of the compiled engine's time). Every
// value is an i64 as the lowering keeps them; every function gives exactly
// what its ir:: counterpart gives, missing values and the calendar's edges
// included (tests/unit/jit/CalendarLoweringTest.cpp sweeps them).
#pragma once

#include <cstdint>

namespace llvm {
class IRBuilderBase;
class Value;
}  // namespace llvm

namespace mc::jit {

// ir::dateAddDays, ir::dateDiffDays.
llvm::Value* lowerAddDays(llvm::IRBuilderBase& b, llvm::Value* date, llvm::Value* days);
llvm::Value* lowerDiffDays(llvm::IRBuilderBase& b, llvm::Value* a, llvm::Value* c);
// `parts` below: the date's year, month and day packed by civilParts
// (computed once per member for the birth date, jit/MemberSummary.h), or
// null to compute them from the date in line.
// ir::dateAddMonths.
llvm::Value* lowerAddMonths(llvm::IRBuilderBase& b, llvm::Value* date, llvm::Value* months,
                            llvm::Value* parts = nullptr);
// ir::datePart: 0 year, 1 month, 2 day (ir::DatePart).
llvm::Value* lowerDatePart(llvm::IRBuilderBase& b, llvm::Value* date, int part,
                           llvm::Value* parts = nullptr);
// ir::ageInYearsAt, ir::ageInMonthsAt.
llvm::Value* lowerAgeYears(llvm::IRBuilderBase& b, llvm::Value* birth, llvm::Value* at,
                           llvm::Value* birthParts = nullptr);
llvm::Value* lowerAgeMonths(llvm::IRBuilderBase& b, llvm::Value* birth, llvm::Value* at,
                            llvm::Value* birthParts = nullptr);

// A usable date's civil year, month and day in one int64 (year << 9 |
// month << 5 | day), as the lowering unpacks them; 0 for any other.
std::int64_t civilParts(std::int64_t date);

}  // namespace mc::jit
