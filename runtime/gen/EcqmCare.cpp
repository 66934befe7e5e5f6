// The eCQM side of a member's care: what the 2025 CMS eCQMs
// (measures/ecqm/2025) read and the other modules do not write. Encounters
// coded as the eCQM value sets code them, depression screenings with their
// results, follow-up orders and reasons not done (CMS2), mammograms (CMS125),
// colorectal screenings (CMS130), glucose management indicators (CMS122),
// and the exclusions the eCQMs share (hospice, palliative care, frailty with
// advanced illness or dementia medications, a nursing home) or keep
// (mastectomies, absence of cervix, colon cancer, kidney disease, pregnancy,
// a child's immunodeficiency), and the clinic's records of the vaccines it
// gave (CMS117). Rows carry times of day, statuses other than
// completed, reasons, categories, settings, body sites, observation ends and
// medication order ends, `unknown` among them.
//
// Every draw is from the member's eCQM stream (MemberSheet::ecqm), and the
// codes are those no measure of the other programs reads (EcqmCodes.h): the
// CBI, pharmacy and GQ results of a seed are what they were before this
// module. With --edge (GenContext::edge) the boundaries the measures test
// come up far more often.
#include <string>

#include "gen/CareModules.h"
#include "gen/EcqmCodes.h"
#include "gen/EcqmDraws.h"

namespace mc::gen {
namespace {

using namespace ecqm;

// One encounter of the year, as CMS2 pairs screenings with it.
struct Encounter {
  Stamp start;
  Stamp end;
  bool screening = false;  // coded from Encounter to Screen for Depression
};

// Office, telephone and home encounters of the year (the eCQMs' qualifying
// encounters), and for members 12 and older the encounters CMS2 screens at.
int encounters(MemberSheet& s, EcqmDraws& d, Encounter* out, int room) {
  const Member& m = s.member;
  const GenPeriod& p = s.period;
  if (!d.chance(0.25 + 0.5 * m.engagement)) return 0;
  const int n = std::min(room, d.rng().between(1, 3));
  int written = 0;
  for (int i = 0; i < n; ++i) {
    Encounter e;
    e.start = {d.day(p.start - 1, p.end), d.clock()};
    if (!m.alive(e.start.day)) continue;
    e.end = endOfVisit(d, e.start);
    // An encounter that runs into the next year is not during the period.
    if (d.edge() && d.rng().chance(0.05)) e.end = {p.end + 1, 9 * 3600};
    const double u = d.rng().uniform();
    const char* status = d.encounterStatus();
    const ProviderRef pcp = d.pcp();
    if (m.age >= 12 && u < 0.45) {
      e.screening = true;
      s.ecqmVisit(
          {status, e.start, e.end, "outpatient", pcp, {d.rng().pick(kDepressionScreenEncounter)}});
    } else if (u < 0.80) {
      s.ecqmVisit({status, e.start, e.end, "outpatient", pcp, {d.rng().pick(kOfficeVisit)}});
    } else if (u < 0.93) {
      s.ecqmVisit({status, e.start, e.end, "telehealth", pcp, {d.rng().pick(kTelephoneVisit)}});
    } else {
      s.ecqmVisit({status, e.start, e.end, "home", pcp, {d.rng().pick(kHomeVisit)}});
    }
    out[written++] = e;
  }
  return written;
}

// A time within an encounter: from its start to its end (its start when it
// has no end).
Stamp during(EcqmDraws& d, const Encounter& e) {
  if (e.start.seconds == kNoTime) return {e.start.day, kNoTime};
  const int last =
      e.end.day == e.start.day && e.end.seconds != kNoTime ? e.end.seconds : e.start.seconds;
  return {e.start.day, d.rng().between(e.start.seconds, last)};
}

// CMS2: a depression screening in the 14 days up to a screening encounter
// (the adolescent instrument to 17, the adult one from 17), negative or
// positive; a positive one followed up (a medication or a referral ordered
// within two days of the encounter, or a follow-up during it); a screening
// not done, with the reason, during the encounter; a bipolar disorder.
void depressionScreening(MemberSheet& s, EcqmDraws& d, const Encounter& e) {
  const Member& m = s.member;
  const bool adolescent = m.age <= 17 && !(m.age == 17 && d.rng().chance(0.5));
  const char* instrument = adolescent ? kAdolescentDepressionScreening : kAdultDepressionScreening;
  const ProviderRef pcp = d.pcp();
  const double u = d.rng().uniform();
  if (u < 0.08) {
    const char* reason = d.rng().chance(0.6) ? kScreeningDeclined : d.rng().pick(kMedicalReason);
    s.ecqmObservation({"cancelled",
                       during(d, e),
                       {kNoDate, kNoTime},
                       instrument,
                       "",
                       "",
                       pcp,
                       "OBSCAT:survey",
                       "outpatient",
                       reason});
    return;
  }
  if (u > 0.78) return;  // not screened
  const int before = d.edge() ? d.rng().pick({0, 14, 15}) : d.rng().between(0, 14);
  Stamp when = before == 0 ? during(d, e) : Stamp{e.start.day - before, d.clock()};
  const double v = d.rng().uniform();
  const char* value = v < 0.75 ? kScreeningNegative : (v < 0.96 ? kScreeningPositive : "");
  s.ecqmObservation({d.resultStatus(),
                     when,
                     {kNoDate, kNoTime},
                     instrument,
                     value,
                     "",
                     pcp,
                     "OBSCAT:survey",
                     "outpatient"});
  if (value != kScreeningPositive || !d.rng().chance(0.75)) return;
  const Days endDay = e.end.day == kNoDate ? e.start.day : e.end.day;
  const int after = d.edge() ? d.rng().pick({0, 2, 3}) : d.rng().between(0, 2);
  const Stamp ordered{endDay + after, d.clock()};
  const double f = d.rng().uniform();
  if (f < 0.4) {
    const char* drug = adolescent ? d.rng().pick(kAdolescentDepressionMedication)
                                  : d.rng().pick(kAdultDepressionMedication);
    const Days until = d.rng().chance(0.2) ? kUnknownEnd : ordered.day + 29;
    s.order({d.orderStatus(), ordered, drug, pcp, until, d.orderIntent()});
  } else if (f < 0.7) {
    const char* referral = adolescent ? d.rng().pick(kAdolescentDepressionReferral)
                                      : d.rng().pick(kAdultDepressionReferral);
    s.order({d.orderStatus(), ordered, referral, pcp, kNoDate, d.orderIntent()});
  } else {
    const char* followUp = adolescent ? d.rng().pick(kAdolescentDepressionFollowUp)
                                      : d.rng().pick(kAdultDepressionFollowUp);
    const Stamp at = during(d, e);
    s.ecqmVisit({d.encounterStatus(), at, at, "outpatient", pcp, {followUp}});
  }
}

}  // namespace

void ecqmCare(MemberSheet& s) {
  EcqmDraws d(s);
  Encounter seen[3];
  const int n = encounters(s, d, seen, 3);
  if (s.member.age >= 12) {
    for (int i = 0; i < n; ++i)
      if (seen[i].screening) depressionScreening(s, d, seen[i]);
    if (d.chance(0.02)) {
      const Stamp onset{d.day(s.period.jan1(-6), s.period.end), d.clock()};
      s.ecqmCondition({"",
                       onset,
                       {kNoDate, kNoTime},
                       {d.rng().pick(kBipolar)},
                       d.pcp(),
                       d.conditionCategory()});
    }
  }
  breastCancerScreening(s, d);
  cervicalScreeningExclusion(s, d);
  colorectalScreening(s, d);
  glucoseManagementIndicator(s, d);
  bloodPressureExclusions(s, d);
  sharedExclusions(s, d);
  childExclusions(s, d);
  vaccineRecords(s, d);
}

}  // namespace mc::gen
