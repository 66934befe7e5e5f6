// The member side of `pdc of`; the rules are in PdcMember.h and Pdc.h.
#include "interp/PdcMember.h"

#include <algorithm>

#include "interp/Enrollment.h"
#include "ir/Missing.h"

namespace mc::interp {

std::uint32_t pdcDrugOf(const ir::Query& q, const store::EventTable& t, const CodeSetBinding& codes,
                        std::uint32_t e) {
  constexpr std::uint32_t kGroup = 0x80000000u;
  const std::uint32_t first = t.codeStart[e], last = t.codeStart[e + 1];
  std::uint32_t code = first < last ? t.codes[first] : 0;
  bool found = false;
  for (const ir::Filter& f : q.filters) {
    if (f.kind != ir::FilterKind::Codes) continue;
    for (std::uint32_t c = first; c < last; ++c) {
      if (!codes.contains(f.codeset, t.codes[c])) continue;
      const std::uint32_t drug = codes.drugOf(f.codeset, t.codes[c]);
      if (drug != CodeSetBinding::kNoDrug) return kGroup | drug;
      if (!found) code = t.codes[c];
      found = true;
    }
  }
  return code;
}

PdcResult memberPdc(const std::vector<PdcFill>& fills, std::int64_t lo, std::int64_t hi,
                    const store::MemberStore& store, store::MemberIndex member, Days asOf) {
  if (lo == ir::kMissingDate || hi == ir::kMissingDate || lo > hi)
    return proportionOfDaysCovered({}, kNoDate, kNoDate);
  const Days index = pdcIndexDate(fills, static_cast<Days>(lo), static_cast<Days>(hi));
  if (index == kNoDate) return proportionOfDaysCovered({}, kNoDate, kNoDate);
  // The treatment period ends with the period, death or disenrollment, or
  // on an interim run the as-of date (no fill after it was read). A member
  // not enrolled on the index date has no run to leave: the measure's
  // enrollment rule decides whether such a member counts.
  Days last = static_cast<Days>(hi);
  if (asOf != kNoDate) last = std::min(last, asOf);
  const Days death = store.members.deathDate[member];
  if (death != kNoDate) last = std::min(last, death);
  const Days runEnd = enrollmentRunEndOn(store.enrollment, member, index);
  if (runEnd != kNoDate) last = std::min(last, runEnd);
  return proportionOfDaysCovered(fills, index, last);
}

}  // namespace mc::interp
