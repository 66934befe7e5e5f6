// Who a generated member is: age, sex, demographics, enrollment and PCP.
// The mix loosely follows a Medi-Cal plan (many children, enrollment that
// starts at birth, gaps and disenrollment, a few members with no PCP).
#include "gen/CareModules.h"

namespace mc::gen {
namespace {

struct AgeBand {
  int lo, hi, weight;
};
// Age on December 31 of the measurement year; weights in percent.
constexpr AgeBand kAgeBands[] = {{0, 2, 12},  {3, 5, 7},   {6, 11, 11},  {12, 17, 10},
                                 {18, 21, 5}, {22, 29, 8}, {30, 49, 17}, {50, 64, 16},
                                 {65, 74, 9}, {75, 90, 5}};

constexpr const char* kRaces[] = {"white",  "white",   "white", "white", "black", "asian",  "asian",
                                  "native", "pacific", "other", "other", "other", "unknown"};
constexpr const char* kLanguages[] = {"English", "English", "English", "English", "Spanish",
                                      "Spanish", "Spanish", "Spanish", "Hmong",   "Other"};
constexpr const char* kCounties[] = {"Monterey", "Santa Cruz", "Merced", "San Bernardino",
                                     "Riverside"};

int drawAge(MemberRandom& rng) {
  int roll = static_cast<int>(rng.below(100));
  for (const AgeBand& b : kAgeBands) {
    if (roll < b.weight) return rng.between(b.lo, b.hi);
    roll -= b.weight;
  }
  return 40;
}

ProviderRef pickPcp(MemberSheet& s, int age) {
  if (s.rng.chance(0.03)) return {};  // no linked PCP: reported under UNLINKED
  const PcpPractice want = age < 18
                               ? (s.rng.chance(0.8) ? PcpPractice::Pediatric : PcpPractice::Family)
                               : (s.rng.chance(0.75) ? PcpPractice::Family : PcpPractice::Internal);
  ProviderRef p = s.any(ProviderRole::Pcp);
  for (int tries = 0; tries < 8 && ProviderNetwork::practice(p.index) != want; ++tries)
    p = s.any(ProviderRole::Pcp);
  // A new office keeps few of the members who would pick it.
  for (int tries = 0; tries < 6 && ProviderNetwork::newPcpOffice(p.index); ++tries) {
    if (s.rng.chance(0.01)) break;
    p = s.any(ProviderRole::Pcp);
  }
  return p;
}

// The member's own pharmacy. Small stores keep fewer of the members who
// would pick them: the one outside the counties one in seven, so its volume
// stays under the program's 1,000 fills; the one inside one in three, so its
// volume stays low but its measures have denominators of about 20 at 10,000
// members (rates strictly between 0 and 1, issue 12).
ProviderRef pickPharmacy(MemberSheet& s) {
  ProviderRef p = s.any(ProviderRole::Pharmacy);
  for (int tries = 0; tries < 4 && ProviderNetwork::smallPharmacy(p.index); ++tries) {
    const double keep = p.index % 8 == 4 ? 0.35 : 0.15;
    if (s.rng.chance(keep)) break;
    p = s.any(ProviderRole::Pharmacy);
  }
  return p;
}

void makeEnrollment(MemberSheet& s) {
  Member& m = s.member;
  const GenPeriod& p = s.period;
  MemberRandom& rng = s.rng;
  Days start;
  if (m.birth >= p.jan1(-6)) {
    // Children: most enrolled from birth, some a few weeks later.
    start = rng.chance(0.85) ? m.birth : m.birth + rng.between(20, 120);
  } else if (rng.chance(0.08)) {
    // New members (IHA: an assessment within 120 days of enrollment).
    start = rng.day(p.on(-1, 9, 1), p.on(0, 10, 31));
  } else {
    start = std::max(m.birth, rng.day(p.jan1(-10), p.on(-1, 9, 30)));
  }
  if (m.death != kNoDate && m.death < start) start = std::max(m.birth, m.death - 400);
  Days end = m.death != kNoDate ? m.death : kOpenEnd;
  if (end == kOpenEnd && rng.chance(0.04)) {
    end = rng.day(std::max(start, p.on(0, 2, 1)), p.on(0, 11, 30));  // disenrolled
  }
  m.spans[0] = {start, end, m.pcp};
  m.spanCount = 1;
  // An enrollment gap in the two years before the end of the year: half of
  // them within the 45 days continuous enrollment allows, half longer.
  const Days gapFrom = std::max(start + 60, p.jan1(-1));
  const Days gapTo = (end == kOpenEnd ? p.end : end) - 120;
  const double g = rng.uniform();
  if (gapFrom < gapTo && g < 0.14) {
    const int length = g < 0.07 ? rng.between(10, 45) : rng.between(46, 120);
    const Days gapStart = rng.day(gapFrom, gapTo);
    m.spans[0].end = gapStart - 1;
    m.spans[1] = {gapStart + length, end, m.pcp};
    m.spanCount = 2;
  }
  // A few members change PCP during the year: the last span is split.
  Span& last = m.spans[m.spanCount - 1];
  if (m.pcp.valid && last.start < p.on(0, 3, 1) && last.end > p.on(0, 11, 1) && rng.chance(0.05)) {
    const Days split = rng.day(p.on(0, 3, 1), p.on(0, 10, 31));
    ProviderRef next = pickPcp(s, m.age);
    if (rng.chance(0.15)) next = {};  // an empty pcp_id on the new span
    const Span tail{split, last.end, next};
    last.end = split - 1;
    m.spans[m.spanCount++] = tail;
    m.pcp = next;
  }
}

}  // namespace

void makeMember(MemberSheet& s) {
  Member& m = s.member;
  MemberRandom& rng = s.rng;
  const GenPeriod& p = s.period;
  m.age = drawAge(rng);
  const int birthYear = p.year - m.age;
  const Days yearStart = daysFromCivil(birthYear, 1, 1);
  const Days yearEnd = m.age == 0 ? p.on(0, 10, 31) : daysFromCivil(birthYear, 12, 31);
  m.birth = rng.day(yearStart, yearEnd);
  m.sex = rng.chance(m.age >= 18 ? 0.53 : 0.49) ? 'F' : 'M';
  if (rng.chance(0.003)) m.sex = 'U';
  if (m.age >= 65 && rng.chance(0.025)) m.death = rng.day(p.on(0, 2, 1), p.on(0, 11, 30));
  const double e = rng.uniform();
  m.ethnicity = e < 0.52 ? "hispanic" : (e < 0.95 ? "not-hispanic" : "unknown");
  const double u1 = rng.uniform();
  const double u2 = rng.uniform();
  const double u3 = rng.uniform();
  m.engagement = 0.15 + 0.35 * u1 + 0.65 * u2 * u3;
  if (m.engagement > 1.0) m.engagement = 1.0;
  m.pcp = pickPcp(s, m.age);
  m.pharmacy = pickPharmacy(s);
  const char* race = rng.pick(kRaces);
  const char* language = m.hispanic() && rng.chance(0.6) ? "Spanish" : rng.pick(kLanguages);
  const char* county = rng.pick(kCounties);
  makeEnrollment(s);
  s.writeMember(race, language, county);
}

}  // namespace mc::gen
