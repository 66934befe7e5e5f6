// The helpers, plain functions of int64 values (the C calling convention): thin calls into the one
// implementation of each operation, so that the JIT and the interpreter cannot disagree on them.
#include "jit/Helpers.h"

#include "interp/Enrollment.h"
#include "interp/PdcMember.h"
#include "ir/CalendarOps.h"
#include "ir/Missing.h"
#include "jit/JitScratch.h"
#include "score/Attribution.h"
#include "store/MemberStore.h"

namespace {

using mc::Days;
using mc::store::MemberIndex;
using mc::store::MemberStore;

const MemberStore& storeOf(std::int64_t p) {
  return *reinterpret_cast<const MemberStore*>(static_cast<std::intptr_t>(p));
}

std::int64_t mc_jit_make_date(std::int64_t y, std::int64_t m, std::int64_t d) {
  return mc::ir::makeDate(y, m, d);
}
// Enrollment: a missing window bound makes the answer unknown (as the
// interpreter's Op::Enrolled).
std::int64_t mc_jit_enrolled(std::int64_t store, std::int64_t member, std::int64_t lo,
                             std::int64_t hi, std::int64_t gaps, std::int64_t days) {
  if (lo == mc::ir::kMissingDate || hi == mc::ir::kMissingDate) return mc::ir::kUnknown;
  return mc::ir::truth(
      mc::interp::enrolledOver(storeOf(store).enrollment, static_cast<MemberIndex>(member),
                               static_cast<Days>(lo), static_cast<Days>(hi), gaps, days));
}
std::int64_t mc_jit_enrolled_yearly(std::int64_t store, std::int64_t member, std::int64_t lo,
                                    std::int64_t hi, std::int64_t gaps, std::int64_t days) {
  if (lo == mc::ir::kMissingDate || hi == mc::ir::kMissingDate) return mc::ir::kUnknown;
  return mc::ir::truth(
      mc::interp::enrolledEach12Months(storeOf(store).enrollment, static_cast<MemberIndex>(member),
                                       static_cast<Days>(lo), static_cast<Days>(hi), gaps, days));
}
std::int64_t mc_jit_enrolled_on(std::int64_t store, std::int64_t member, std::int64_t d) {
  if (d == mc::ir::kMissingDate) return mc::ir::kUnknown;
  return mc::ir::truth(mc::interp::enrolledOnDay(
      storeOf(store).enrollment, static_cast<MemberIndex>(member), static_cast<Days>(d)));
}

// Enrollment as data (interp::enrollmentOver): `op` is the ir::Op; the
// int ops' value, or member years (a double; `asOf` the period's).
std::int64_t mc_jit_enrollment_int(std::int64_t store, std::int64_t member, std::int64_t op,
                                   std::int64_t lo, std::int64_t hi) {
  return mc::interp::enrollmentOver(storeOf(store).enrollment, static_cast<MemberIndex>(member),
                                    static_cast<mc::ir::Op>(op), lo, hi, mc::kNoDate)
      .i;
}
double mc_jit_member_years(std::int64_t store, std::int64_t member, std::int64_t lo,
                           std::int64_t hi, std::int64_t asOf) {
  return mc::interp::enrollmentOver(storeOf(store).enrollment, static_cast<MemberIndex>(member),
                                    mc::ir::Op::MemberYears, lo, hi, static_cast<Days>(asOf))
      .n;
}

// The linked PCP on day d (score::linkedPcp); missing (-1) when none.
std::int64_t mc_jit_linked_pcp(std::int64_t store, std::int64_t member, std::int64_t d) {
  if (d == mc::ir::kMissingDate) return mc::ir::kMissingId;
  const mc::store::ProviderId p =
      mc::score::linkedPcp(storeOf(store), static_cast<MemberIndex>(member), static_cast<Days>(d));
  return p == mc::store::kNoProvider ? mc::ir::kMissingId : static_cast<std::int64_t>(p);
}

mc::jit::JitScratch& scratchOf(std::int64_t p) {
  return *reinterpret_cast<mc::jit::JitScratch*>(static_cast<std::intptr_t>(p));
}

// `pdc of`: the compiled scan tests the filters and hands each kept fill
// over; the drug groups (a hash map per code set) and the PQA day arithmetic
// are the interpreter's (interp/PdcMember.h), once per member who gets that
// far. These write the scratch: not read-only.
std::int64_t mc_jit_pdc_clear(std::int64_t scratch) {
  scratchOf(scratch).fills.clear();
  return 0;
}
std::int64_t mc_jit_pdc_fill(std::int64_t scratch, std::int64_t query, std::int64_t event) {
  mc::jit::JitScratch& s = scratchOf(scratch);
  const mc::ir::Query& q = s.measure->queries[static_cast<size_t>(query)];
  const mc::store::EventTable& t = s.store->table(static_cast<mc::store::EventKind>(q.kind));
  const auto e = static_cast<std::uint32_t>(event);
  s.fills.push_back({t.date[e], t.daysSupply[e], mc::interp::pdcDrugOf(q, t, *s.codes, e), e});
  return 0;
}
double mc_jit_pdc(std::int64_t scratch, std::int64_t member, std::int64_t lo, std::int64_t hi) {
  const mc::jit::JitScratch& s = scratchOf(scratch);
  return mc::interp::memberPdc(s.fills, lo, hi, *s.store, static_cast<MemberIndex>(member), s.asOf)
      .proportion();
}

// `unit each`: one unit event of the member at `offset` in the block, under
// its provider (kNoProvider: UNLINKED), meeting the numerator or not
// (Interpreter::countUnits).
std::int64_t mc_jit_unit(std::int64_t scratch, std::int64_t offset, std::int64_t provider,
                         std::int64_t holds) {
  mc::score::UnitCount& counts =
      scratchOf(scratch).outs[offset].units.of(static_cast<mc::store::ProviderId>(provider));
  ++counts.units;
  if (holds != 0) ++counts.numerator;
  return 0;
}

}  // namespace

namespace mc::jit {

const std::vector<HelperSymbol>& helperSymbols() {
  static const std::vector<HelperSymbol> symbols = {
      {"mc_jit_make_date", reinterpret_cast<void*>(&mc_jit_make_date)},
      {"mc_jit_enrolled", reinterpret_cast<void*>(&mc_jit_enrolled)},
      {"mc_jit_enrolled_yearly", reinterpret_cast<void*>(&mc_jit_enrolled_yearly)},
      {"mc_jit_enrolled_on", reinterpret_cast<void*>(&mc_jit_enrolled_on)},
      {"mc_jit_linked_pcp", reinterpret_cast<void*>(&mc_jit_linked_pcp)},
      {"mc_jit_enrollment_int", reinterpret_cast<void*>(&mc_jit_enrollment_int)},
      {"mc_jit_member_years", reinterpret_cast<void*>(&mc_jit_member_years)},
      {"mc_jit_pdc_clear", reinterpret_cast<void*>(&mc_jit_pdc_clear)},
      {"mc_jit_pdc_fill", reinterpret_cast<void*>(&mc_jit_pdc_fill)},
      {"mc_jit_pdc", reinterpret_cast<void*>(&mc_jit_pdc)},
      {"mc_jit_unit", reinterpret_cast<void*>(&mc_jit_unit)},
  };
  return symbols;
}

}  // namespace mc::jit
