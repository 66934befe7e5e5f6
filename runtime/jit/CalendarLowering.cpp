// support/Date.cpp's civil-date arithmetic in LLVM IR. A usable date (not
// missing, within years 1..9999) has a positive day count from 0000-03-01,
// so every division here is unsigned, by a constant (a multiply and a
// shift). The arithmetic runs on unusable operands too, without undefined
// behaviour (no division by a variable, wrapping adds), and its result is
// then replaced by the missing value: straight-line code, no branches.
#include "jit/CalendarLowering.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/IRBuilder.h>

#include "ir/CalendarOps.h"
#include "ir/Missing.h"
#include "support/Date.h"

namespace mc::jit {

namespace {

struct Civil {
  llvm::Value *year, *month, *day;
};

llvm::Value* k(llvm::IRBuilderBase& b, std::int64_t v) {
  return llvm::ConstantInt::get(b.getInt64Ty(), v, true);
}

// ir's `usable`: not missing and within the calendar.
llvm::Value* usable(llvm::IRBuilderBase& b, llvm::Value* d) {
  return b.CreateAnd(b.CreateICmpSGE(d, k(b, ir::kFirstCalendarDay)),
                     b.CreateICmpSLE(d, k(b, ir::kLastCalendarDay)));
}

// civilFromDays (support/Date.cpp), on a usable day.
Civil civil(llvm::IRBuilderBase& b, llvm::Value* days) {
  llvm::Value* z = b.CreateAdd(days, k(b, 719468));
  llvm::Value* era = b.CreateUDiv(z, k(b, 146097));
  llvm::Value* doe = b.CreateSub(z, b.CreateMul(era, k(b, 146097)));
  llvm::Value* yoe =
      b.CreateUDiv(b.CreateSub(b.CreateAdd(b.CreateSub(doe, b.CreateUDiv(doe, k(b, 1460))),
                                           b.CreateUDiv(doe, k(b, 36524))),
                               b.CreateUDiv(doe, k(b, 146096))),
                   k(b, 365));
  llvm::Value* doy = b.CreateSub(
      doe, b.CreateSub(b.CreateAdd(b.CreateMul(yoe, k(b, 365)), b.CreateUDiv(yoe, k(b, 4))),
                       b.CreateUDiv(yoe, k(b, 100))));
  llvm::Value* mp = b.CreateUDiv(b.CreateAdd(b.CreateMul(doy, k(b, 5)), k(b, 2)), k(b, 153));
  Civil c;
  c.day = b.CreateAdd(
      b.CreateSub(doy, b.CreateUDiv(b.CreateAdd(b.CreateMul(mp, k(b, 153)), k(b, 2)), k(b, 5))),
      k(b, 1));
  c.month = b.CreateSelect(b.CreateICmpULT(mp, k(b, 10)), b.CreateAdd(mp, k(b, 3)),
                           b.CreateSub(mp, k(b, 9)));
  c.year = b.CreateAdd(b.CreateAdd(yoe, b.CreateMul(era, k(b, 400))),
                       b.CreateZExt(b.CreateICmpSLE(c.month, k(b, 2)), b.getInt64Ty()));
  return c;
}

// daysInMonth: 28 or 29 in February, else 30 + 1 in the months whose
// number's parity (flipped from August on) is odd.
llvm::Value* daysInMonth(llvm::IRBuilderBase& b, llvm::Value* year, llvm::Value* month) {
  auto divides = [&](std::int64_t n) {
    return b.CreateICmpEQ(b.CreateURem(year, k(b, n)), k(b, 0));
  };
  llvm::Value* leap = b.CreateOr(b.CreateAnd(divides(4), b.CreateNot(divides(100))), divides(400));
  llvm::Value* feb = b.CreateAdd(k(b, 28), b.CreateZExt(leap, b.getInt64Ty()));
  llvm::Value* other =
      b.CreateAdd(k(b, 30), b.CreateAnd(b.CreateAdd(month, b.CreateLShr(month, k(b, 3))), k(b, 1)));
  return b.CreateSelect(b.CreateICmpEQ(month, k(b, 2)), feb, other);
}

// daysFromCivil (support/Date.cpp) for years 1..9999, months 1..12.
llvm::Value* daysFromCivil(llvm::IRBuilderBase& b, llvm::Value* year, llvm::Value* month,
                           llvm::Value* day) {
  llvm::Value* y = b.CreateSub(year, b.CreateZExt(b.CreateICmpSLE(month, k(b, 2)), b.getInt64Ty()));
  llvm::Value* era = b.CreateUDiv(y, k(b, 400));
  llvm::Value* yoe = b.CreateSub(y, b.CreateMul(era, k(b, 400)));
  llvm::Value* mfm = b.CreateURem(b.CreateAdd(month, k(b, 9)), k(b, 12));
  llvm::Value* doy = b.CreateSub(
      b.CreateAdd(b.CreateUDiv(b.CreateAdd(b.CreateMul(mfm, k(b, 153)), k(b, 2)), k(b, 5)), day),
      k(b, 1));
  llvm::Value* doe =
      b.CreateAdd(b.CreateSub(b.CreateAdd(b.CreateMul(yoe, k(b, 365)), b.CreateUDiv(yoe, k(b, 4))),
                              b.CreateUDiv(yoe, k(b, 100))),
                  doy);
  return b.CreateSub(b.CreateAdd(b.CreateMul(era, k(b, 146097)), doe), k(b, 719468));
}

// The date's parts: unpacked from civilParts' word when given.
Civil civilOf(llvm::IRBuilderBase& b, llvm::Value* date, llvm::Value* parts) {
  if (parts == nullptr) return civil(b, date);
  return Civil{b.CreateLShr(parts, k(b, 9)), b.CreateAnd(b.CreateLShr(parts, k(b, 5)), k(b, 15)),
               b.CreateAnd(parts, k(b, 31))};
}

llvm::Value* smin(llvm::IRBuilderBase& b, llvm::Value* x, llvm::Value* y) {
  return b.CreateSelect(b.CreateICmpSLT(x, y), x, y);
}

}  // namespace

llvm::Value* lowerAddDays(llvm::IRBuilderBase& b, llvm::Value* date, llvm::Value* days) {
  llvm::Value* sum = b.CreateBinaryIntrinsic(llvm::Intrinsic::sadd_with_overflow, date, days);
  llvm::Value* r = b.CreateExtractValue(sum, 0);
  llvm::Value* ok =
      b.CreateAnd(b.CreateAnd(usable(b, date), b.CreateICmpNE(days, k(b, ir::kMissingInt))),
                  b.CreateAnd(b.CreateNot(b.CreateExtractValue(sum, 1)), usable(b, r)));
  return b.CreateSelect(ok, r, k(b, ir::kMissingDate));
}

llvm::Value* lowerDiffDays(llvm::IRBuilderBase& b, llvm::Value* a, llvm::Value* c) {
  return b.CreateSelect(b.CreateAnd(usable(b, a), usable(b, c)), b.CreateSub(a, c),
                        k(b, ir::kMissingInt));
}

llvm::Value* lowerAddMonths(llvm::IRBuilderBase& b, llvm::Value* date, llvm::Value* months,
                            llvm::Value* parts) {
  const Civil c = civilOf(b, date, parts);
  // Bounded first (as dateAddMonths), so that the sum cannot wrap.
  constexpr std::int64_t kCalendarMonths = 12 * 10000;
  llvm::Value* bounded = b.CreateAnd(b.CreateICmpSLE(months, k(b, kCalendarMonths)),
                                     b.CreateICmpSGE(months, k(b, -kCalendarMonths)));
  llvm::Value* safeMonths = b.CreateSelect(bounded, months, k(b, 0));
  llvm::Value* total = b.CreateAdd(
      b.CreateAdd(b.CreateMul(c.year, k(b, 12)), b.CreateSub(c.month, k(b, 1))), safeMonths);
  // Only read when total >= 12: the unsigned division is the signed one.
  llvm::Value* year = b.CreateUDiv(total, k(b, 12));
  llvm::Value* month = b.CreateAdd(b.CreateURem(total, k(b, 12)), k(b, 1));
  llvm::Value* ok = b.CreateAnd(
      b.CreateAnd(usable(b, date), bounded),
      b.CreateAnd(b.CreateICmpSGE(total, k(b, 12)), b.CreateICmpSLE(total, k(b, 9999 * 12 + 11))));
  llvm::Value* r = daysFromCivil(b, year, month, smin(b, c.day, daysInMonth(b, year, month)));
  return b.CreateSelect(ok, r, k(b, ir::kMissingDate));
}

llvm::Value* lowerDatePart(llvm::IRBuilderBase& b, llvm::Value* date, int part,
                           llvm::Value* parts) {
  const Civil c = civilOf(b, date, parts);
  llvm::Value* v = part == 0 ? c.year : part == 1 ? c.month : c.day;
  return b.CreateSelect(usable(b, date), v, k(b, ir::kMissingInt));
}

// support/Date.cpp ageInMonths settles on the largest N with
// addMonths(birth, N) <= at. addMonths(birth, N) for N the calendar-month
// difference falls in at's month, on the birth day clamped to that month's
// length: N when that day is on or before at's, N - 1 otherwise (then the
// month before, which is earlier; N + 1 is the month after, later).
llvm::Value* lowerAgeMonths(llvm::IRBuilderBase& b, llvm::Value* birth, llvm::Value* at,
                            llvm::Value* birthParts) {
  const Civil bc = civilOf(b, birth, birthParts);
  const Civil ac = civil(b, at);
  llvm::Value* n = b.CreateAdd(b.CreateMul(b.CreateSub(ac.year, bc.year), k(b, 12)),
                               b.CreateSub(ac.month, bc.month));
  llvm::Value* landed = smin(b, bc.day, daysInMonth(b, ac.year, ac.month));
  llvm::Value* months =
      b.CreateSub(n, b.CreateZExt(b.CreateICmpSGT(landed, ac.day), b.getInt64Ty()));
  return b.CreateSelect(b.CreateAnd(usable(b, birth), usable(b, at)), months,
                        k(b, ir::kMissingInt));
}

// ageInYears: whole years, rounded toward minus infinity before the birth.
llvm::Value* lowerAgeYears(llvm::IRBuilderBase& b, llvm::Value* birth, llvm::Value* at,
                           llvm::Value* birthParts) {
  llvm::Value* months = lowerAgeMonths(b, birth, at, birthParts);
  llvm::Value* after = b.CreateSDiv(months, k(b, 12));
  llvm::Value* before =
      b.CreateNeg(b.CreateSDiv(b.CreateAdd(b.CreateNeg(months), k(b, 11)), k(b, 12)));
  llvm::Value* years = b.CreateSelect(b.CreateICmpSGE(months, k(b, 0)), after, before);
  return b.CreateSelect(b.CreateICmpEQ(months, k(b, ir::kMissingInt)), k(b, ir::kMissingInt),
                        years);
}

std::int64_t civilParts(std::int64_t date) {
  if (date < ir::kFirstCalendarDay || date > ir::kLastCalendarDay) return 0;
  const CivilDate c = civilFromDays(static_cast<Days>(date));
  return std::int64_t{c.year} << 9 | std::int64_t{c.month} << 5 | std::int64_t{c.day};
}

}  // namespace mc::jit
