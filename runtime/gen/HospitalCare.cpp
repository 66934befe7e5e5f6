// Hospital stays: acute inpatient and observation stays with admission and
// discharge dates, the visit after discharge (PDV), readmissions (PCR) and
// admissions for ambulatory care sensitive conditions (ACS).
#include "gen/CareModules.h"

namespace mc::gen {
namespace {

// Principal diagnoses of the AHRQ PQI 90 overall composite the ACS measure
// ships (PQI v2022: 01, 03, 05, 07, 08, 11, 12, 14, 15): diabetes short- and
// long-term complications, COPD, hypertension, heart failure (and
// hypertensive heart disease with heart failure), community-acquired
// pneumonia, urinary tract infection, uncontrolled diabetes, asthma.
// Dehydration (PQI 10) is not in the composite, so no E86.* here.
constexpr const char* kAmbulatorySensitiveDx[] = {
    "ICD10CM:E11.10", "ICD10CM:E11.22", "ICD10CM:J44.1", "ICD10CM:I10",    "ICD10CM:I50.9",
    "ICD10CM:I11.0",  "ICD10CM:J18.9",  "ICD10CM:N39.0", "ICD10CM:E11.65", "ICD10CM:J45.901"};
// Other reasons for a stay: appendicitis, hip fracture, myocardial
// infarction, sepsis, gallstones, stroke, acute kidney failure.
constexpr const char* kOtherStayDx[] = {"ICD10CM:K35.80", "ICD10CM:S72.001A", "ICD10CM:I21.4",
                                        "ICD10CM:A41.9",  "ICD10CM:K80.00",   "ICD10CM:I63.9",
                                        "ICD10CM:N17.9"};
constexpr const char* kSecondaryDx[] = {"ICD10CM:E78.5", "ICD10CM:I10", "ICD10CM:Z79.4",
                                        "ICD10CM:F17.210", "ICD10CM:E66.9"};
// Seed PDV codes: 99202-99215, 99241-99245, 99341-99350, 99381-99385,
// 99391-99395, 99429.
constexpr const char* kPostDischargeVisit[] = {"CPT:99213", "CPT:99214", "CPT:99215",
                                               "CPT:99203", "CPT:99349", "CPT:99243"};
// UB-04 discharge status: home, home health, skilled nursing, against advice.
constexpr const char* kDischargeStatus[] = {"01", "01", "01", "01", "01",
                                            "01", "06", "06", "03", "07"};

// One stay; returns the discharge date.
Days stay(MemberSheet& s, Days admit, const char* principal, bool observation) {
  const int length = observation ? s.rng.between(0, 1) : s.rng.between(1, 6);
  Days discharge = admit + length;
  if (s.member.death != kNoDate && discharge > s.member.death) discharge = s.member.death;
  // Stays are always counted: a cancelled admission is not how claims look.
  // Draws are made one statement at a time: the order in which a call's
  // arguments are evaluated is up to the compiler, the population is not.
  const ProviderRef hospital = s.any(ProviderRole::Hospital);
  const char* secondary = s.rng.pick(kSecondaryDx);
  const char* dischargeStatus = s.rng.pick(kDischargeStatus);
  s.visitWithStatus("", admit, observation ? "observation" : "inpatient", hospital,
                    {observation ? "CPT:99219" : "CPT:99223",
                     observation ? "UBREV:0762" : "UBREV:0120", principal, secondary},
                    discharge, dischargeStatus);
  return discharge;
}

void afterDischarge(MemberSheet& s, Days discharge) {
  // PDV: day 14 is the last day that counts.
  const Days seen = s.rng.followUp(discharge, 1, 14, 30, 0.04, 0.55, 0.70);
  if (seen != kNoDate && s.member.alive(seen)) {
    const ProviderRef pcp = s.usualPcp();
    s.visit(seen, "outpatient", pcp, {s.rng.pick(kPostDischargeVisit), "ICD10CM:Z09"});
  }
  if (s.rng.chance(0.08)) {
    // An ED visit after discharge: not a post-discharge visit.
    const Days ed = discharge + s.rng.between(1, 14);
    if (s.member.alive(ed)) {
      s.visit(ed, "ed", s.any(ProviderRole::Hospital), {"CPT:99284", "ICD10CM:R07.9"});
    }
  }
}

// PCR: an unplanned readmission within 30 days of discharge for some, a
// later one or a planned one (chemotherapy) for others.
void readmission(MemberSheet& s, Days discharge) {
  const double r = s.rng.uniform();
  Days again = kNoDate;
  const char* principal = s.rng.pick(kOtherStayDx);
  if (r < 0.02) {
    again = discharge + 30;
  } else if (r < 0.14) {
    again = discharge + s.rng.between(1, 29);
  } else if (r < 0.17) {
    again = discharge + s.rng.between(31, 45);
  } else if (r < 0.19) {
    again = discharge + s.rng.between(3, 28);
    principal = "ICD10CM:Z51.11";  // planned: encounter for chemotherapy
  }
  if (again != kNoDate && s.member.alive(again) && again <= s.period.end) {
    stay(s, again, principal, false);
  }
}

}  // namespace

void hospitalCare(MemberSheet& s) {
  const Member& m = s.member;
  const double p = m.age < 18 ? 0.015 : (m.age < 65 ? 0.045 : 0.11);
  if (!s.rng.chance(p)) return;
  const int stays = s.rng.chance(0.8) ? 1 : 2;
  for (int i = 0; i < stays; ++i) {
    const Days admit = s.rng.day(s.period.on(-1, 12, 1), s.period.on(0, 12, 20));
    if (!m.alive(admit)) continue;
    const bool ambulatorySensitive = s.rng.chance(0.4);
    const char* principal =
        ambulatorySensitive ? s.rng.pick(kAmbulatorySensitiveDx) : s.rng.pick(kOtherStayDx);
    const Days discharge = stay(s, admit, principal, s.rng.chance(0.18));
    afterDischarge(s, discharge);
    readmission(s, discharge);
  }
}

}  // namespace mc::gen
