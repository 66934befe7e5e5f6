// CIS10 by hand: the child's visits and conditions are read once for the
// illness histories and the newborn HepB procedure, the immunizations once
// for every antigen's distinct dates (events come in date order, so a
// distinct date is a date unlike the antigen's last one).
#include "Cis10.h"

#include "EnrollmentGaps.h"

namespace mc::bench {

namespace {

enum Set : int {
  kDTaP,
  kIPV,
  kHiB,
  kPCV,
  kMMR,
  kHepB,
  kVZV,
  kHepA,
  kRv2,
  kRv3,
  kInfluenza,
  kInfluenzaLaiv,
  kNewbornHepB,
  kMeasles,
  kMumps,
  kRubella,
  kHepatitisB,
  kVaricella,
  kHepatitisA,
  kContraindication,
  kHospice,
};
const std::vector<std::string> kSets = {"DTaP",
                                        "IPV",
                                        "HiB",
                                        "PCV",
                                        "MMR",
                                        "HepB",
                                        "VZV",
                                        "HepA",
                                        "Rotavirus2Dose",
                                        "Rotavirus3Dose",
                                        "Influenza",
                                        "InfluenzaLaiv",
                                        "NewbornHepB",
                                        "Measles",
                                        "Mumps",
                                        "Rubella",
                                        "HepatitisB",
                                        "Varicella",
                                        "HepatitisA",
                                        "Contraindication",
                                        "Hospice"};
constexpr std::uint32_t bit(Set s) { return std::uint32_t{1} << s; }
// The illness histories (and the contraindications) read from visits and
// conditions during [birth_date, second_birthday].
constexpr std::uint32_t kHistories = bit(kMeasles) | bit(kMumps) | bit(kRubella) |
                                     bit(kHepatitisB) | bit(kVaricella) | bit(kHepatitisA);

bool counted(const store::EventTable& t, std::uint32_t e) {
  return ((kDefaultCountedStatuses >> t.status[e]) & 1u) != 0;
}

// Distinct dates of one antigen's doses, fed in date order.
struct DoseDates {
  int count = 0;
  Days last = kNoDate;
  void add(Days d) {
    if (d != last) ++count;
    last = d;
  }
};

}  // namespace

Cis10::Cis10(const ir::Measure& measure, const store::MemberStore& store, Year mp)
    : store_(store), codes_(measure, store, kSets), mp_(mp) {
  requireDefaultStatuses(measure);
}

// in_hospice(MP), died_in_mp, a contraindication on or before the 2nd birthday.
bool Cis10::excluded(store::MemberIndex m, Days birth, Days second) const {
  const Days death = store_.members.deathDate[m];
  if (death != kNoDate && death >= mp_.start && death <= mp_.end) return true;
  const store::EventTable& v = store_.table(store::EventKind::Visit);
  for (std::uint32_t e = v.begin(m); e < v.end(m) && v.date[e] <= mp_.end; ++e) {
    if (!counted(v, e)) continue;
    const std::uint32_t codes = codes_.event(v, e);
    if (v.endDate[e] >= mp_.start &&
        ((codes & bit(kHospice)) || v.setting[e] == store::Setting::Hospice))
      return true;
    if ((codes & bit(kContraindication)) && v.date[e] <= second && v.endDate[e] >= birth)
      return true;
  }
  const store::EventTable& s = store_.table(store::EventKind::Supplemental);
  for (std::uint32_t e = s.begin(m); e < s.end(m) && s.date[e] <= mp_.end; ++e)
    if (counted(s, e) && s.endDate[e] >= mp_.start && (codes_.event(s, e) & bit(kHospice)))
      return true;
  const store::EventTable& c = store_.table(store::EventKind::Condition);
  for (std::uint32_t e = c.begin(m); e < c.end(m) && c.date[e] <= second; ++e)
    if (counted(c, e) && c.endDate[e] >= birth && (codes_.event(c, e) & bit(kContraindication)))
      return true;
  return false;
}

bool Cis10::numerator(store::MemberIndex m, Days birth, Days first, Days second) const {
  // Illness histories, and the days of the first eight with a newborn HepB
  // procedure (`after day - 1 on or before day`: dated that day).
  std::uint32_t histories = 0;
  unsigned newbornDays = 0;
  for (store::EventKind kind : {store::EventKind::Visit, store::EventKind::Condition}) {
    const store::EventTable& t = store_.table(kind);
    for (std::uint32_t e = t.begin(m); e < t.end(m) && t.date[e] <= second; ++e) {
      if (!counted(t, e)) continue;
      const std::uint32_t codes = codes_.event(t, e);
      if (t.endDate[e] >= birth) histories |= codes & kHistories;
      if (kind == store::EventKind::Visit && (codes & bit(kNewbornHepB)) && t.date[e] >= birth &&
          t.date[e] <= birth + 7)
        newbornDays |= 1u << (t.date[e] - birth);
    }
  }
  const Days from42 = birth + 42, from180 = birth + 180;
  DoseDates dtap, ipv, hib, pcv, hepb, rv2, rv3, rvAny, flu, fluBefore;
  bool mmr = false, vzv = false, hepa = false, laiv = false;
  unsigned hepbNewbornDays = 0;  // days of the first eight with a HepB immunization
  const store::EventTable& im = store_.table(store::EventKind::Immunization);
  for (std::uint32_t e = im.begin(m); e < im.end(m) && im.date[e] <= second; ++e) {
    if (!counted(im, e)) continue;
    const std::uint32_t codes = codes_.event(im, e);
    if (codes == 0) continue;
    const Days d = im.date[e], until = im.endDate[e];
    if (until >= from42) {
      if (codes & bit(kDTaP)) dtap.add(d);
      if (codes & bit(kIPV)) ipv.add(d);
      if (codes & bit(kHiB)) hib.add(d);
      if (codes & bit(kPCV)) pcv.add(d);
      if (codes & bit(kRv2)) rv2.add(d);
      if (codes & bit(kRv3)) rv3.add(d);
      if (codes & (bit(kRv2) | bit(kRv3))) rvAny.add(d);
    }
    if (until >= from180 && (codes & bit(kInfluenza))) {
      flu.add(d);
      if (d <= second - 1) fluBefore.add(d);
    }
    if (until >= first) {
      mmr = mmr || (codes & bit(kMMR));
      vzv = vzv || (codes & bit(kVZV));
      hepa = hepa || (codes & bit(kHepA));
    }
    if (until >= second && (codes & bit(kInfluenzaLaiv))) laiv = true;
    if (until >= birth && (codes & bit(kHepB))) {
      hepb.add(d);
      for (Days day = std::max(d, birth); day <= std::min<std::int64_t>(until, birth + 7); ++day)
        hepbNewbornDays |= 1u << (day - birth);
    }
  }
  const bool measles = mmr || (histories & bit(kMeasles));
  const bool mumps = mmr || (histories & bit(kMumps));
  const bool rubella = mmr || (histories & bit(kRubella));
  const bool newbornDose = (newbornDays & ~hepbNewbornDays) != 0;
  const bool hepbOk =
      hepb.count >= 3 || (hepb.count >= 2 && newbornDose) || (histories & bit(kHepatitisB));
  const bool vzvOk = vzv || (histories & bit(kVaricella));
  const bool hepaOk = hepa || (histories & bit(kHepatitisA));
  const bool rotavirus =
      rv2.count >= 2 || rv3.count >= 3 || (rv2.count >= 1 && rv3.count >= 2 && rvAny.count >= 3);
  const bool influenza = flu.count >= 2 || (fluBefore.count >= 1 && laiv);
  return dtap.count >= 4 && ipv.count >= 3 && measles && mumps && rubella && hib.count >= 3 &&
         hepbOk && vzvOk && pcv.count >= 4 && rotavirus && hepaOk && influenza;
}

void Cis10::score(store::MemberIndex begin, store::MemberIndex end, MemberFlags* out) const {
  const store::MemberTable& members = store_.members;
  for (store::MemberIndex m = begin; m < end; ++m) {
    MemberFlags& f = out[m - begin];
    f = {};
    const Days birth = members.birthDate[m];
    const Days second = addYears(birth, 2);  // birthday(2)
    if (second < mp_.start || second > mp_.end) continue;
    f.population = 1;
    // `enrolled continuously over second_year allowing 1 gap of 45 days and
    // enrolled on second_birthday`
    const Days first = addYears(birth, 1);
    int gaps = 0;
    const bool enrolled = everyGap(
        store_.enrollment, m, first, second,
        [&](std::int64_t from, std::int64_t to) { return ++gaps <= 1 && to - from + 1 <= 45; });
    if (!enrolled || !enrolledOn(store_.enrollment, m, second)) continue;
    f.eligible = 1;
    if (excluded(m, birth, second)) {
      f.excluded = 1;
      continue;
    }
    f.numerator = numerator(m, birth, first, second) ? 1 : 0;
  }
}

}  // namespace mc::bench
