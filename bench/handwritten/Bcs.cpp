// BCS by hand: one pass per event kind over the member's slice, every
// condition of the measure tested on the event's code mask. The measure's
// comments say where each rule comes from; here each test names the
// definition it stands for.
#include "Bcs.h"

#include "EnrollmentGaps.h"

namespace mc::bench {

namespace {

enum : std::uint32_t {
  kMammography = 1u << 0,
  kBilateral = 1u << 1,
  kUnilateral = 1u << 2,
  kLeft = 1u << 3,
  kRight = 1u << 4,
  kHospice = 1u << 5,
  kPalliative = 1u << 6,
  kFrailty = 1u << 7,
  kAdvancedIllness = 1u << 8,
  kDementia = 1u << 9,
};
const std::vector<std::string> kSets = {"Mammography",          "BilateralMastectomy",
                                        "UnilateralMastectomy", "LeftMastectomy",
                                        "RightMastectomy",      "Hospice",
                                        "Palliative",           "Frailty",
                                        "AdvancedIllness",      "DementiaMedications"};

bool counted(const store::EventTable& t, std::uint32_t e) {
  return ((kDefaultCountedStatuses >> t.status[e]) & 1u) != 0;
}

}  // namespace

Bcs::Bcs(const ir::Measure& measure, const store::MemberStore& store, Year mp)
    : store_(store),
      codes_(measure, store, kSets),
      mp_(mp),
      lookback_(daysFromCivil(mp.year - 2, 10, 1)),
      priorYear_(addYears(mp.start, -1)) {
  requireDefaultStatuses(measure);
}

// `enrolled continuously over [Oct 1 two years prior, MP.end] allowing 1 gap
// of 45 days in each 12 months and enrolled on MP.end`: 12-month segments
// back from December 31 are the two calendar years; the leading October to
// December allows no gap.
bool Bcs::eligible(store::MemberIndex m) const {
  const store::EnrollmentTable& en = store_.enrollment;
  const std::int64_t yearBefore = addYears(mp_.start, -1);
  int gapsBefore = 0, gapsIn = 0;
  const bool ok = everyGap(en, m, lookback_, mp_.end, [&](std::int64_t from, std::int64_t to) {
    if (from < yearBefore) return false;  // October 1 .. December 31 two years prior
    if (from < mp_.start) {
      const std::int64_t part = std::min<std::int64_t>(to, mp_.start - 1);
      if (++gapsBefore > 1 || part - from + 1 > 45) return false;
      if (to < mp_.start) return true;
      from = mp_.start;
    }
    return ++gapsIn <= 1 && to - from + 1 <= 45;
  });
  return ok && enrolledOn(en, m, mp_.end);
}

bool Bcs::excluded(store::MemberIndex m, int age) const {
  const Days death = store_.members.deathDate[m];
  if (death != kNoDate && death >= mp_.start && death <= mp_.end) return true;  // died_in_mp
  bool frail = false, left = false, right = false;
  bool dementia = false, inpatientIllness = false;
  // Advanced-illness visit dates per visit type (outpatient or telehealth,
  // observation, ED, non-acute inpatient): distinct dates, in date order.
  int illnessDates[4] = {0, 0, 0, 0};
  Days lastIllness[4] = {kNoDate, kNoDate, kNoDate, kNoDate};
  Days firstUnilateral = kNoDate, lastUnilateral = kNoDate;

  const store::EventTable& v = store_.table(store::EventKind::Visit);
  for (std::uint32_t e = v.begin(m); e < v.end(m) && v.date[e] <= mp_.end; ++e) {
    if (!counted(v, e)) continue;
    const std::uint32_t codes = codes_.event(v, e);
    const bool inMp = v.endDate[e] >= mp_.start;
    if (inMp && ((codes & (kHospice | kPalliative)) || v.setting[e] == store::Setting::Hospice))
      return true;  // in_hospice(MP), palliative_care(MP)
    if (codes & kBilateral) return true;
    frail = frail || (inMp && (codes & kFrailty));
    left = left || (codes & kLeft);
    right = right || (codes & kRight);
    if (codes & kUnilateral) {
      if (firstUnilateral == kNoDate) firstUnilateral = v.date[e];
      lastUnilateral = v.date[e];
    }
    if ((codes & kAdvancedIllness) && v.endDate[e] >= priorYear_) {
      int type = -1;
      switch (v.setting[e]) {
        case store::Setting::Outpatient:
        case store::Setting::Telehealth: type = 0; break;
        case store::Setting::Observation: type = 1; break;
        case store::Setting::Ed: type = 2; break;
        case store::Setting::Snf: type = 3; break;
        case store::Setting::Inpatient: inpatientIllness = true; break;
        default: break;
      }
      if (type >= 0 && lastIllness[type] != v.date[e]) {
        lastIllness[type] = v.date[e];
        ++illnessDates[type];
      }
    }
  }
  if (firstUnilateral != kNoDate && lastUnilateral >= firstUnilateral + 14) return true;

  const store::EventTable& c = store_.table(store::EventKind::Condition);
  for (std::uint32_t e = c.begin(m); e < c.end(m) && c.date[e] <= mp_.end; ++e) {
    if (!counted(c, e)) continue;
    const std::uint32_t codes = codes_.event(c, e);
    const bool inMp = c.endDate[e] >= mp_.start;
    if ((codes & kBilateral) || (inMp && (codes & kPalliative))) return true;
    frail = frail || (inMp && (codes & kFrailty));
    left = left || (codes & kLeft);
    right = right || (codes & kRight);
  }
  const store::EventTable& s = store_.table(store::EventKind::Supplemental);
  for (std::uint32_t e = s.begin(m); e < s.end(m) && s.date[e] <= mp_.end; ++e) {
    if (!counted(s, e)) continue;
    const std::uint32_t codes = codes_.event(s, e);
    const bool inMp = s.endDate[e] >= mp_.start;
    if ((codes & kBilateral) || (inMp && (codes & (kHospice | kPalliative)))) return true;
    frail = frail || (inMp && (codes & kFrailty));
    left = left || (codes & kLeft);
    right = right || (codes & kRight);
  }
  if (left && right) return true;  // two_unilateral_mastectomies: a left and a right
  if (age < 66 || !frail) return false;
  // advanced_illness([MP.start - 1 year, MP.end])
  if (inpatientIllness || illnessDates[0] >= 2 || illnessDates[1] >= 2 || illnessDates[2] >= 2 ||
      illnessDates[3] >= 2)
    return true;
  const store::EventTable& p = store_.table(store::EventKind::Pharmacy);
  for (std::uint32_t e = p.begin(m); e < p.end(m) && p.date[e] <= mp_.end && !dementia; ++e)
    dementia = counted(p, e) && p.endDate[e] >= priorYear_ && (codes_.event(p, e) & kDementia);
  return dementia;
}

// A mammogram during [October 1 two years prior, MP.end], claims or
// supplemental data.
bool Bcs::numerator(store::MemberIndex m) const {
  for (store::EventKind kind : {store::EventKind::Visit, store::EventKind::Supplemental}) {
    const store::EventTable& t = store_.table(kind);
    for (std::uint32_t e = t.begin(m); e < t.end(m) && t.date[e] <= mp_.end; ++e)
      if (counted(t, e) && t.endDate[e] >= lookback_ && (codes_.event(t, e) & kMammography))
        return true;
  }
  return false;
}

void Bcs::score(store::MemberIndex begin, store::MemberIndex end, MemberFlags* out) const {
  const store::MemberTable& members = store_.members;
  for (store::MemberIndex m = begin; m < end; ++m) {
    MemberFlags& f = out[m - begin];
    f = {};
    if (members.sex[m] != store::Sex::F) continue;
    const int age = ageInYears(members.birthDate[m], mp_.end);
    if (age < 50 || age > 74) continue;
    f.population = 1;
    if (!eligible(m)) continue;
    f.eligible = 1;
    if (excluded(m, age)) {
      f.excluded = 1;
      continue;
    }
    f.numerator = numerator(m) ? 1 : 0;
  }
}

}  // namespace mc::bench
