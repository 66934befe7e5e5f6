// The eCQM side's vaccine records (EcqmCare.cpp, CMS117).
#include <string>

#include "gen/EcqmCodes.h"
#include "gen/EcqmDraws.h"

namespace mc::gen {

using namespace ecqm;

// CMS117: the clinic's records of the vaccines it gave (procedures, beside
// the immunization rows the early childhood module writes): for some
// children of one to three a full schedule by the second birthday, on the
// usual visits at 2, 4, 6, 7, 12 and 15 months. In the edge profile a visit
// now and then falls on the 41st or 42nd day of life or on the second
// birthday, the ends of the windows CMS117 counts in.
void vaccineRecords(MemberSheet& s, EcqmDraws& d) {
  const Member& m = s.member;
  if (m.age < 1 || m.age > 3 || !d.chance(0.25 + 0.3 * m.engagement)) return;
  struct Visit {
    int ageDays;
    CodeList codes;
  };
  const Visit visits[] = {
      {61, {kDtapGiven, kIpvGiven, kHibGiven, kHepBGiven, kPcvGiven, kRotavirusGiven}},
      {122, {kDtapGiven, kIpvGiven, kHibGiven, kHepBGiven, kPcvGiven, kRotavirusGiven}},
      {183, {kDtapGiven, kIpvGiven, kHibGiven, kHepBGiven, kPcvGiven, kInfluenzaGiven}},
      {214, {kInfluenzaGiven}},
      {366, {kHibGiven, kMmrGiven, kVzvGiven, kPcvGiven, kHepAGiven}},
      {457, {kDtapGiven}},
  };
  const CivilDate born = civilFromDays(m.birth);
  const Days secondBirthday = daysFromCivil(born.year + 2, born.month, born.day);
  const ProviderRef pcp = d.pcp();
  for (const Visit& v : visits) {
    Days day = m.birth + v.ageDays + d.rng().between(-3, 10);
    if (d.edge() && d.rng().chance(0.15)) {
      day = v.ageDays < 100 ? m.birth + d.rng().pick({41, 42}) : secondBirthday;
    }
    if (!m.alive(day) || !d.rng().chance(0.97)) continue;
    const Stamp at{day, d.clock()};
    s.ecqmVisit({d.procedureStatus(), at, at, "outpatient", pcp, v.codes});
  }
}

}  // namespace mc::gen
