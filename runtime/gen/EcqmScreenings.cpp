// The eCQM side's screenings (EcqmCare.cpp): mammograms (CMS125), the
// absence of a cervix (CMS124), colorectal screenings (CMS130), glucose
// management indicators (CMS122).
#include <string>

#include "gen/EcqmCodes.h"
#include "gen/EcqmDraws.h"

namespace mc::gen {

using namespace ecqm;

// CMS125: a mammogram from October 1 two years before the period (some
// earlier), its effective period a day or open; mastectomies.
void breastCancerScreening(MemberSheet& s, EcqmDraws& d) {
  const Member& m = s.member;
  const GenPeriod& p = s.period;
  if (m.sex != 'F' || m.age < 50 || m.age > 74) return;
  const Days oct1 = p.on(-2, 10, 1);
  if (d.chance(0.55)) {
    const Stamp start{d.day(d.edge() ? oct1 - 1 : oct1 - 120, p.end), d.clock()};
    const double u = d.rng().uniform();
    const Stamp end =
        u < 0.5 ? Stamp{kNoDate, kNoTime} : (u < 0.8 ? start : Stamp{start.day + 1, d.clock()});
    s.ecqmObservation({d.resultStatus(), start, end, d.rng().pick(kMammography), "", "",
                       d.any(ProviderRole::Imaging), "OBSCAT:imaging", "outpatient"});
  }
  const ProviderRef pcp = d.pcp();
  const Stamp onset{d.day(p.jan1(-12), p.end), kNoTime};
  const double u = d.rng().uniform();
  if (u < (d.edge() ? 0.06 : 0.012)) {
    s.ecqmCondition({"",
                     onset,
                     {kNoDate, kNoTime},
                     {d.rng().pick(kHistoryOfBilateralMastectomy)},
                     pcp,
                     d.conditionCategory()});
  } else if (u < (d.edge() ? 0.12 : 0.025)) {
    // One side, or both sides as two entries (CMS125: right and left).
    const bool left = d.rng().chance(0.5);
    s.ecqmCondition({"",
                     onset,
                     {kNoDate, kNoTime},
                     {d.rng().pick(kUnilateralMastectomy)},
                     pcp,
                     d.conditionCategory(),
                     left ? kLeft : kRight});
    if (d.rng().chance(0.5)) {
      // The operation itself, with the breast it was done on.
      const Stamp at{onset.day, d.clock()};
      s.ecqmVisit({d.procedureStatus(),
                   at,
                   endOfVisit(d, at),
                   "other",
                   d.any(ProviderRole::Hospital),
                   {left ? kMastectomyLeft : kMastectomyRight},
                   left ? kLeft : kRight});
    }
    if (d.rng().chance(0.5)) {
      s.ecqmCondition({"",
                       onset,
                       {kNoDate, kNoTime},
                       {d.rng().pick(kStatusPostLeftMastectomy)},
                       pcp,
                       d.conditionCategory()});
    }
  }
}

// CMS124: an absence of the cervix (the screenings are the cytology results
// the adult preventive module writes, of category laboratory).
void cervicalScreeningExclusion(MemberSheet& s, EcqmDraws& d) {
  const Member& m = s.member;
  if (m.sex != 'F' || m.age < 24 || m.age > 64 || !d.chance(0.02)) return;
  const Stamp onset{d.day(s.period.jan1(-10), s.period.end), kNoTime};
  s.ecqmCondition({"",
                   onset,
                   {kNoDate, kNoTime},
                   {d.rng().pick(kAbsenceOfCervix)},
                   d.pcp(),
                   d.conditionCategory()});
}

namespace {

// A lab result's value: text (`negative`, `positive`) or, in the edge
// profile now and then, none (a test without a result).
const char* labResult(EcqmDraws& d) {
  if (d.edge() && d.rng().chance(0.3)) return "";
  return d.rng().chance(0.9) ? "negative" : "positive";
}

}  // namespace

// CMS130: colonoscopy within 10 years, FOBT in the period, stool DNA with
// FIT within 3, flexible sigmoidoscopy and CT colonography within 5; colon
// cancer and total colectomy.
void colorectalScreening(MemberSheet& s, EcqmDraws& d) {
  const Member& m = s.member;
  const GenPeriod& p = s.period;
  if (m.age < 45 || m.age > 75) return;
  const ProviderRef lab = d.any(ProviderRole::Lab);
  const double u = d.rng().uniform();
  if (u < 0.25) {
    const Stamp at{d.day(p.jan1(-9) - 1, p.end), d.clock()};
    // Now and then a colonoscopy not done, for a medical reason.
    const bool notDone = d.rng().chance(d.edge() ? 0.3 : 0.04);
    s.ecqmVisit({notDone ? "not-done" : d.procedureStatus(),
                 at,
                 endOfVisit(d, at),
                 "other",
                 d.any(ProviderRole::Hospital),
                 {d.rng().pick(kColonoscopy)},
                 "",
                 notDone ? d.rng().pick(kMedicalReason) : ""});
  } else if (u < 0.37) {
    const Stamp at{d.day(p.start - 1, p.end), d.clock()};
    s.ecqmObservation({d.resultStatus(),
                       at,
                       {kNoDate, kNoTime},
                       d.rng().pick(kFecalOccultBlood),
                       labResult(d),
                       "",
                       lab,
                       "OBSCAT:laboratory",
                       ""});
  } else if (u < 0.43) {
    const Stamp at{d.day(p.jan1(-2) - 1, p.end), d.clock()};
    s.ecqmObservation({d.resultStatus(), at, at, d.rng().pick(kStoolDnaFit), labResult(d), "", lab,
                       "OBSCAT:laboratory", ""});
  } else if (u < 0.46) {
    const Stamp at{d.day(p.jan1(-4) - 1, p.end), d.clock()};
    s.ecqmVisit({d.procedureStatus(),
                 at,
                 endOfVisit(d, at),
                 "other",
                 d.any(ProviderRole::Hospital),
                 {d.rng().pick(kFlexibleSigmoidoscopy)}});
  } else if (u < 0.48) {
    const Stamp at{d.day(p.jan1(-4) - 1, p.end), d.clock()};
    s.ecqmObservation({d.resultStatus(), at, at, d.rng().pick(kCtColonography), "", "",
                       d.any(ProviderRole::Imaging), "OBSCAT:imaging", "outpatient"});
  }
  if (d.chance(0.01)) {
    const Stamp onset{d.day(p.jan1(-8), p.end), kNoTime};
    s.ecqmCondition({"",
                     onset,
                     {kNoDate, kNoTime},
                     {d.rng().pick(kMalignantNeoplasmOfColon)},
                     d.pcp(),
                     d.conditionCategory()});
  } else if (d.chance(0.006)) {
    const Stamp at{d.day(p.jan1(-8), p.end), kNoTime};
    s.ecqmVisit(
        {"", at, at, "other", d.any(ProviderRole::Hospital), {d.rng().pick(kTotalColectomy)}});
  }
}

// CMS122: a glucose management indicator for some diabetics, around the
// HbA1c values (some exactly 9.0, a few without a value in the edge profile).
void glucoseManagementIndicator(MemberSheet& s, EcqmDraws& d) {
  if (!s.member.diabetes || !d.chance(0.3)) return;
  const Stamp at{d.day(s.period.start - 1, s.period.end), d.clock()};
  long long tenths = d.rng().between(60, 120);
  if (d.rng().chance(0.1)) tenths = 90;
  std::string value;
  if (!(d.edge() && d.rng().chance(0.2))) {
    value = std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
  }
  s.ecqmObservation({d.resultStatus(),
                     at,
                     {kNoDate, kNoTime},
                     kGlucoseManagementIndicator,
                     value,
                     value.empty() ? "" : "%",
                     d.any(ProviderRole::Lab),
                     "OBSCAT:laboratory",
                     ""});
}

}  // namespace mc::gen
