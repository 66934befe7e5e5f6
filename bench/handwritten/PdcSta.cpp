// PDC_STA by hand: the PQA proportion of days covered (Pdc.h in
// runtime/interp states the method) over the member's statin fills, with
// the member's few fills and drugs in small arrays.
#include "PdcSta.h"

#include <algorithm>
#include <utility>

#include "EnrollmentGaps.h"

namespace mc::bench {

namespace {

enum : std::uint32_t { kStatins = 1u << 0, kEsrd = 1u << 1, kHospice = 1u << 2 };
const std::vector<std::string> kSets = {"Statins", "Esrd", "Hospice"};
constexpr std::uint32_t kNoDrug = 0xFFFFFFFFu;
constexpr std::uint32_t kGroup = 0x80000000u;  // a drug group, not a code

bool counted(const store::EventTable& t, std::uint32_t e) {
  return ((kDefaultCountedStatuses >> t.status[e]) & 1u) != 0;
}

}  // namespace

// Per code id, what a statin code says of a fill's drug: its drug group
// (codes/statins-starter.csv `drug`) with the top bit set, or the code
// itself when the set gives it none; kNoDrug for a code outside Statins.
PdcSta::PdcSta(const ir::Measure& measure, const store::MemberStore& store, Year mp)
    : store_(store), codes_(measure, store, kSets), mp_(mp) {
  requireDefaultStatuses(measure);
  const std::int32_t statins = codes_.setIndex(0);
  drugOfCode_.assign(store.codes.size(), kNoDrug);
  for (store::CodeId code = 0; code < store.codes.size(); ++code) {
    if (!(codes_.of(code) & kStatins)) continue;
    const std::uint32_t group = codes_.binding().drugOf(statins, code);
    drugOfCode_[code] = group != interp::CodeSetBinding::kNoDrug ? kGroup | group : code;
  }
}

// A fill's drug (PQA "same drug"): the group of its first statin code that
// has one, else its first statin code; kNoDrug when it is no statin fill.
std::uint32_t PdcSta::drugOf(const store::EventTable& p, std::uint32_t e) const {
  std::uint32_t drug = kNoDrug;
  for (std::uint32_t c = p.codeStart[e]; c < p.codeStart[e + 1]; ++c) {
    const std::uint32_t d = drugOfCode_[p.codes[c]];
    if (d & kGroup && d != kNoDrug) return d;
    if (drug == kNoDrug) drug = d;
  }
  return drug;
}

// in_hospice(MP), or end-stage renal disease during MP.
bool PdcSta::excluded(store::MemberIndex m) const {
  const store::EventTable& v = store_.table(store::EventKind::Visit);
  for (std::uint32_t e = v.begin(m); e < v.end(m) && v.date[e] <= mp_.end; ++e)
    if (counted(v, e) && v.endDate[e] >= mp_.start &&
        ((codes_.event(v, e) & (kHospice | kEsrd)) || v.setting[e] == store::Setting::Hospice))
      return true;
  const store::EventTable& s = store_.table(store::EventKind::Supplemental);
  for (std::uint32_t e = s.begin(m); e < s.end(m) && s.date[e] <= mp_.end; ++e)
    if (counted(s, e) && s.endDate[e] >= mp_.start && (codes_.event(s, e) & kHospice)) return true;
  const store::EventTable& c = store_.table(store::EventKind::Condition);
  for (std::uint32_t e = c.begin(m); e < c.end(m) && c.date[e] <= mp_.end; ++e)
    if (counted(c, e) && c.endDate[e] >= mp_.start && (codes_.event(c, e) & kEsrd)) return true;
  return false;
}

// `pdc of pharmacy with Statins during MP >= 0.80`.
bool PdcSta::adherent(store::MemberIndex m, Scratch& w) const {
  const store::EventTable& p = store_.table(store::EventKind::Pharmacy);
  // Every statin fill up to MP.end: earlier ones carry supply into MP.
  w.fills.clear();
  Days index = kNoDate;
  for (std::uint32_t e = p.begin(m); e < p.end(m) && p.date[e] <= mp_.end; ++e) {
    if (!counted(p, e)) continue;
    const std::uint32_t drug = drugOf(p, e);
    if (drug == kNoDrug) continue;
    if (index == kNoDate && p.date[e] >= mp_.start) index = p.date[e];
    w.fills.push_back({p.date[e], p.daysSupply[e], drug});
  }
  if (index == kNoDate) return false;
  // The treatment period ends with MP, death, or the enrollment run that
  // holds the index date.
  std::int64_t last = mp_.end;
  const Days death = store_.members.deathDate[m];
  if (death != kNoDate) last = std::min<std::int64_t>(last, death);
  const Days runEnd = enrollmentRunEnd(store_.enrollment, m, index);
  if (runEnd != kNoDate) last = std::min<std::int64_t>(last, runEnd);
  if (last < index) return false;

  // One fill per drug and date (the largest supply, the first of equals); a
  // refill of the same drug starts when the supply on hand runs out; spans
  // clipped to the treatment period.
  const std::vector<Fill>& fills = w.fills;
  w.onHand.clear();
  w.spans.clear();
  const size_t n = fills.size();
  for (size_t i = 0; i < n; ++i) {
    const Fill& f = fills[i];
    if (f.date > last || f.daysSupply <= 0) continue;
    bool outdone = false;
    for (size_t j = i; j-- > 0 && fills[j].date == f.date && !outdone;)
      outdone = fills[j].drug == f.drug && fills[j].daysSupply >= f.daysSupply;
    for (size_t j = i + 1; j < n && fills[j].date == f.date && !outdone; ++j)
      outdone = fills[j].drug == f.drug && fills[j].daysSupply > f.daysSupply;
    if (outdone) continue;
    size_t k = 0;
    while (k < w.onHand.size() && w.onHand[k].first != f.drug) ++k;
    if (k == w.onHand.size()) w.onHand.emplace_back(f.drug, f.date);
    const std::int64_t start = std::max<std::int64_t>(f.date, w.onHand[k].second);
    const std::int64_t to = start + f.daysSupply - 1;
    w.onHand[k].second = to + 1;
    const std::int64_t lo = std::max<std::int64_t>(start, index), hi = std::min(to, last);
    if (lo <= hi) w.spans.emplace_back(lo, hi);
  }
  std::sort(w.spans.begin(), w.spans.end());
  std::int64_t covered = 0, coveredTo = std::int64_t{index} - 1;
  for (const auto& [lo, hi] : w.spans) {
    if (hi <= coveredTo) continue;
    covered += hi - std::max(lo, coveredTo + 1) + 1;
    coveredTo = hi;
  }
  const std::int64_t days = last - index + 1;
  return static_cast<double>(covered) / static_cast<double>(days) >= 0.80;
}

void PdcSta::score(store::MemberIndex begin, store::MemberIndex end, MemberFlags* out) const {
  const store::MemberTable& members = store_.members;
  const store::EventTable& p = store_.table(store::EventKind::Pharmacy);
  Scratch scratch;
  for (store::MemberIndex m = begin; m < end; ++m) {
    MemberFlags& f = out[m - begin];
    f = {};
    if (ageInYears(members.birthDate[m], mp_.start) < 18) continue;
    // `count distinct dates of pharmacy with Statins during MP >= 2`
    int dates = 0;
    Days lastDate = kNoDate;
    for (std::uint32_t e = p.begin(m); e < p.end(m) && p.date[e] <= mp_.end && dates < 2; ++e) {
      if (!counted(p, e) || p.endDate[e] < mp_.start || !(codes_.event(p, e) & kStatins)) continue;
      if (p.date[e] != lastDate) ++dates;
      lastDate = p.date[e];
    }
    if (dates < 2) continue;
    f.population = 1;
    f.eligible = 1;  // the measure has no eligible rule
    if (excluded(m)) {
      f.excluded = 1;
      continue;
    }
    f.numerator = adherent(m, scratch) ? 1 : 0;
  }
}

}  // namespace mc::bench
