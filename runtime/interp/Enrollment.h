// Continuous enrollment over the store's spans (MEASURES.md), as free
// functions of the enrollment table: the interpreter and the JIT's runtime
// helpers (runtime/jit) ask the same code.
#pragma once

#include <cstdint>

#include "interp/Interpreter.h"
#include "ir/Ir.h"
#include "store/MemberStore.h"

namespace mc::interp {

// `enrolled continuously over lo..hi allowing maxGaps gaps of maxGapDays`.
bool enrolledOver(const store::EnrollmentTable& t, store::MemberIndex member, Days lo, Days hi,
                  std::int64_t maxGaps, std::int64_t maxGapDays);
// The same per 12-month segment counted back from hi (ir::Op::EnrolledYearly).
bool enrolledEach12Months(const store::EnrollmentTable& t, store::MemberIndex member, Days lo,
                          Days hi, std::int64_t maxGaps, std::int64_t maxGapDays);
// Some span holds day d.
bool enrolledOnDay(const store::EnrollmentTable& t, store::MemberIndex member, Days d);
// The last day of the continuous run (spans merged) that holds day d;
// kNoDate when none does, kOpenEnd when it has no end (a PDC's treatment
// period ends there: interp/PdcMember.h).
Days enrollmentRunEndOn(const store::EnrollmentTable& t, store::MemberIndex member, Days d);

// Enrollment as data over [lo, hi] (interp/EnrollmentData.cpp): `op` is
// EnrollmentStart, EnrolledDays, MemberMonths or MemberYears; a rate's
// member years end at `asOf` on an interim run (kNoDate: none).
Value enrollmentOver(const store::EnrollmentTable& t, store::MemberIndex member, ir::Op op,
                     std::int64_t lo, std::int64_t hi, Days asOf);

}  // namespace mc::interp
