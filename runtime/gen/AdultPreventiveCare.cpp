// Adult preventive care: the first assessment of new members, depression and
// alcohol screens at office visits, cervical and breast cancer screening,
// adult vaccines, and what excludes members from those measures (hospice,
// palliative care, frailty with advanced illness, mastectomy, hysterectomy,
// depression and bipolar disorder).
#include "gen/CareModules.h"

namespace mc::gen {
namespace {

const char* preventiveCpt(MemberRandom& rng, int age) {
  const bool established = rng.chance(0.7);
  if (age < 12) return established ? "CPT:99393" : "CPT:99383";
  if (age < 18) return established ? "CPT:99394" : "CPT:99384";
  if (age < 40) return established ? "CPT:99395" : "CPT:99385";
  if (age < 65) return established ? "CPT:99396" : "CPT:99386";
  return established ? "CPT:99397" : "CPT:99387";
}

// IHA: new members get a comprehensive assessment within 120 days of
// enrollment (most), later (some) or never.
void initialHealthAssessment(MemberSheet& s) {
  const Member& m = s.member;
  const Days start = m.firstEnrolled();
  if (start < s.period.on(-1, 9, 1) || m.birth >= start - 30) return;
  const double r = s.rng.uniform();
  Days d = kNoDate;
  if (r < 0.03) {
    d = start + 120;
  } else if (r < 0.58) {
    d = start + s.rng.between(5, 119);
  } else if (r < 0.75) {
    d = start + s.rng.between(121, 200);
  }
  if (d == kNoDate || !m.alive(d)) return;
  const ProviderRef pcp = s.usualPcp();
  s.visit(d, "outpatient", pcp,
          {preventiveCpt(s.rng, m.age), m.age < 18 ? "ICD10CM:Z00.129" : "ICD10CM:Z00.00"});
}

// CDF: qualifying office visits of the year; a depression screen (G8510
// negative, G8431 positive with a follow-up plan) on the date of one of
// them, on the same claim or a claim of its own.
void depressionScreening(MemberSheet& s) {
  const Member& m = s.member;
  if (m.age < 12) return;
  if (m.age >= 18 && s.rng.chance(0.07)) {
    static constexpr const char* kDepression[] = {"ICD10CM:F33.1", "ICD10CM:F32.9", "ICD10CM:F32.A",
                                                  "ICD10CM:F34.1", "ICD10CM:F33.0"};
    const Days onset = s.rng.day(s.period.jan1(-7), s.period.on(0, 9, 1));
    const Days abated =
        s.rng.chance(0.2) ? s.rng.day(onset + 30, s.period.on(-1, 6, 30)) : kOpenEnd;
    const char* dx = s.rng.pick(kDepression);
    s.condition(onset, abated > onset ? abated : kOpenEnd, {dx}, s.usualPcp());
  } else if (m.age >= 18 && s.rng.chance(0.015)) {
    const Days d = s.rng.day(s.period.start, s.period.end);
    if (m.alive(d)) s.visit(d, "outpatient", s.usualPcp(), {"CPT:90834", "ICD10CM:F31.81"});
    if (s.rng.chance(0.5)) {
      const Days onset = s.rng.day(s.period.jan1(-8), s.period.jan1(-1));
      s.condition(onset, kOpenEnd, {"ICD10CM:F31.81"}, s.usualPcp());
    }
  }
  if (!s.rng.chance(0.82)) return;
  static constexpr const char* kQualifying[] = {"CPT:99213", "CPT:99214", "CPT:99203", "CPT:99395",
                                                "CPT:99396"};
  static constexpr const char* kDx[] = {"ICD10CM:J06.9", "ICD10CM:I10", "ICD10CM:M54.50",
                                        "ICD10CM:Z00.00", "ICD10CM:K21.9"};
  const int visits = s.rng.between(1, 3);
  const bool screened = s.rng.chance(0.25 + 0.55 * m.engagement);
  for (int i = 0; i < visits; ++i) {
    const Days d = s.rng.day(s.period.start, s.period.end);
    if (!m.alive(d)) continue;
    const ProviderRef p = s.usualPcp();
    const char* screen = s.rng.chance(0.85) ? "HCPCS:G8510" : "HCPCS:G8431";
    if (screened && i == 0) {
      const double how = s.rng.uniform();
      if (how < 0.45) {
        s.visit(d, "outpatient", p, {s.rng.pick(kQualifying), s.rng.pick(kDx), screen});
      } else if (how < 0.55) {
        // Through the Data Submission Tool, dated the day of the visit.
        s.visit(d, "outpatient", p, {s.rng.pick(kQualifying), s.rng.pick(kDx)});
        s.supplemental(d, {screen}, p);
      } else {
        s.visit(d, "outpatient", p, {s.rng.pick(kQualifying), s.rng.pick(kDx)});
        s.visit(d, "outpatient", p, {screen});
      }
    } else {
      s.visit(d, "outpatient", p, {s.rng.pick(kQualifying), s.rng.pick(kDx)});
      if (!screened && i == 0 && s.rng.chance(0.06)) {
        // A screen reported on a day with no qualifying visit.
        s.supplemental(d + s.rng.between(1, 20), {screen}, p);
      }
    }
  }
}

// UAU: alcohol screens from 11 (AUDIT-C 75626-2, AUDIT 75624-7, the single
// questions 88037-7 for men and 75889-6 for women and older adults; G0442,
// H0049 on claims) and brief counseling (G0443, H0050) for positive adults.
void alcoholScreening(MemberSheet& s) {
  const Member& m = s.member;
  if (m.age < 11 || !s.rng.chance(0.3 + 0.4 * m.engagement)) return;
  const Days d = s.rng.day(s.period.start, s.period.end);
  if (!m.alive(d)) return;
  const ProviderRef p = s.usualPcp();
  bool positive = s.rng.chance(m.age < 18 ? 0.06 : 0.16);
  const double r = s.rng.uniform();
  if (m.age < 18 && r < 0.4) {
    s.visit(d, "outpatient", p, {"CPT:99394", "ICD10CM:Z00.129", "HCPCS:H0049"});
  } else if (r < 0.55) {
    // AUDIT-C, 0-12: positive from 4 (men) or 3 (women).
    const int threshold = m.sex == 'M' ? 4 : 3;
    const int score = positive ? s.rng.between(threshold, 9) : s.rng.between(0, threshold - 1);
    s.observation(d, "LOINC:75626-2", score * 10, "{score}", p);
  } else if (r < 0.7) {
    const int score = positive ? s.rng.between(8, 20) : s.rng.between(0, 7);  // AUDIT, 0-40
    s.observation(d, "LOINC:75624-7", score * 10, "{score}", p);
  } else if (r < 0.85) {
    // Heavy drinking days in the past year (positive: one or more).
    const int days = positive ? s.rng.between(1, 12) : 0;
    s.observation(d, m.sex == 'M' && m.age < 65 ? "LOINC:88037-7" : "LOINC:75889-6", days * 10,
                  "{days}", p);
  } else {
    s.visit(d, "outpatient", p, {"HCPCS:G0442", "ICD10CM:Z13.39"});
  }
  if (positive && m.age >= 18 && s.rng.chance(0.6)) {
    const Days when = s.rng.chance(0.9) ? d : d + s.rng.between(1, 30);
    s.visit(when, "outpatient", p,
            {s.rng.chance(0.7) ? "HCPCS:G0443" : "HCPCS:H0050", "ICD10CM:F10.10"});
  }
}

void cervicalScreening(MemberSheet& s) {
  const Member& m = s.member;
  if (m.sex != 'F' || m.age < 21 || m.age > 64) return;
  if (s.rng.chance(0.04)) {
    if (s.rng.chance(0.5)) {
      const Days d = s.rng.day(s.period.jan1(-15), s.period.on(-1, 12, 31));
      if (m.alive(d)) {
        s.visit(d, "inpatient", s.any(ProviderRole::Hospital), {"CPT:58150", "ICD10CM:D25.9"},
                d + 2, "01");
      }
    } else {
      const Days d = s.rng.day(s.period.start, s.period.end);
      const ProviderRef pcp = s.usualPcp();
      s.visit(d, "outpatient", pcp,
              {"CPT:99213", "ICD10CM:N95.1",
               s.rng.chance(0.8) ? "ICD10CM:Z90.710" : "ICD10CM:Z90.712"});
    }
    return;
  }
  const ProviderRef p = s.rng.chance(0.35) ? s.any(ProviderRole::ObGyn) : s.usualPcp();
  if (s.rng.chance(0.30 + 0.5 * m.engagement)) {
    const Days lo = std::max(s.period.jan1(-2), addYears(m.birth, 21));
    const Days d = s.rng.day(lo, s.period.end);
    if (!m.alive(d)) return;
    const double r = s.rng.uniform();
    if (r < 0.6) {
      s.visit(d, "outpatient", p, {"CPT:88175", "HCPCS:Q0091"});
    } else if (r < 0.8) {
      s.visit(d, "outpatient", p, {"HCPCS:Q0091", "ICD10CM:Z01.419"});
    } else {
      s.observationText(d, "LOINC:10524-7", "NILM", s.any(ProviderRole::Lab));
    }
    if (m.age >= 30 && s.rng.chance(0.4)) {
      s.visit(d, "outpatient", s.any(ProviderRole::Lab), {"CPT:87624"});
    }
  } else if (m.age >= 33 && s.rng.chance(0.25)) {
    const Days d = s.rng.day(s.period.jan1(-4), s.period.on(-3, 12, 31));
    if (d >= addYears(m.birth, 30))
      s.visit(d, "outpatient", s.any(ProviderRole::Lab), {"CPT:87624"});
  } else if (s.rng.chance(0.2)) {
    // An old Pap only: outside the 3-year window.
    s.visit(s.rng.day(s.period.jan1(-5), s.period.on(-3, 12, 31)), "outpatient", p, {"CPT:88175"});
  }
}

void breastScreening(MemberSheet& s) {
  const Member& m = s.member;
  if (m.sex != 'F' || m.age < 50 || m.age > 74) return;
  if (s.rng.chance(0.025)) {
    if (s.rng.chance(0.5)) {
      s.supplemental(s.rng.day(s.period.start, s.period.end), {"ICD10CM:Z90.13"}, m.pcp);
    } else {
      const Days d = s.rng.day(s.period.start, s.period.end);
      s.visit(d, "outpatient", s.usualPcp(), {"CPT:99214", "ICD10CM:I10", "ICD10CM:Z90.13"});
    }
    return;
  }
  static constexpr const char* kMammogram[] = {"CPT:77067", "CPT:77067", "CPT:77067", "CPT:77063",
                                               "CPT:77066"};
  if (s.rng.chance(0.30 + 0.55 * m.engagement)) {
    const Days d = s.rng.day(s.period.on(-2, 10, 1), s.period.end);
    if (m.alive(d)) {
      const ProviderRef imaging = s.any(ProviderRole::Imaging);
      s.visit(d, "outpatient", imaging, {s.rng.pick(kMammogram), "ICD10CM:Z12.31"});
    }
  } else if (s.rng.chance(0.2)) {
    // The last mammogram was before October 1 two years prior.
    const Days d = s.rng.day(s.period.jan1(-3), s.period.on(-2, 9, 30));
    s.visit(d, "outpatient", s.any(ProviderRole::Imaging), {"CPT:77067", "ICD10CM:Z12.31"});
  }
}

// AIS: influenza (the season around the year), Td/Tdap in the last 10
// years, zoster (recombinant, two doses) from 50.
void adultVaccines(MemberSheet& s) {
  const Member& m = s.member;
  if (m.age < 19 || m.age > 66) return;
  const ProviderRef p = s.usualPcp();
  auto give = [&](Days d, const char* cvx, const char* cpt) {
    if (m.alive(d) && d <= s.period.end) s.immunization(d, s.rng.chance(0.15) ? cpt : cvx, p);
  };
  static constexpr const char* kFluCvx[] = {"CVX:150", "CVX:158", "CVX:171", "CVX:197"};
  if (s.rng.chance(0.3 + 0.35 * m.engagement)) {
    const Days d = s.rng.chance(0.6) ? s.rng.day(s.period.on(-1, 8, 15), s.period.on(-1, 12, 31))
                                     : s.rng.day(s.period.on(0, 9, 1), s.period.end);
    give(d, s.rng.pick(kFluCvx), "CPT:90686");
  }
  if (s.rng.chance(0.35 + 0.35 * m.engagement)) {
    const Days d = s.rng.day(std::max(s.period.jan1(-12), addYears(m.birth, 11)), s.period.end);
    if (s.rng.chance(0.7)) {
      give(d, "CVX:115", "CPT:90715");
    } else {
      give(d, "CVX:113", "CPT:90714");
    }
  }
  if (m.age >= 50 && s.rng.chance(0.15 + 0.4 * m.engagement)) {
    const Days first = s.rng.day(std::max(s.period.jan1(-4), addYears(m.birth, 50)), s.period.end);
    give(first, "CVX:187", "CPT:90750");
    if (s.rng.chance(0.8)) give(first + s.rng.between(60, 180), "CVX:187", "CPT:90750");
  }
}

// Pregnancies (Health and Wellness Rewards: early prenatal care, the
// postpartum visit 3-8 weeks after delivery): a prenatal visit, the delivery
// stay and the postpartum visit.
void maternity(MemberSheet& s) {
  const Member& m = s.member;
  if (m.sex != 'F' || m.age < 16 || m.age > 44 || !s.rng.chance(0.04)) return;
  const Days delivery = s.rng.day(s.period.on(0, 2, 1), s.period.on(0, 12, 15));
  const Days conception = delivery - 273;
  const ProviderRef obgyn = s.any(ProviderRole::ObGyn);
  if (s.rng.chance(0.8)) {
    const Days prenatal = conception + 7 * s.rng.between(6, 20);
    s.visit(prenatal, "outpatient", obgyn,
            {"CPT:99213", s.rng.chance(0.3) ? "ICD10CM:Z34.01" : "ICD10CM:Z34.81"});
  }
  const ProviderRef hospital = s.any(ProviderRole::Hospital);
  const Days discharge = delivery + s.rng.between(1, 3);
  s.visitWithStatus("", delivery, "inpatient", hospital,
                    {"CPT:59400", "ICD10CM:O80", "ICD10CM:Z37.0"}, discharge, "01");
  if (s.rng.chance(0.65)) {
    const Days postpartum =
        delivery + (s.rng.chance(0.85) ? s.rng.between(21, 56) : s.rng.between(57, 90));
    if (postpartum <= s.period.end) {
      s.visit(postpartum, "outpatient", obgyn, {"CPT:59430", "ICD10CM:Z39.2"});
    }
  }
}

// Exclusions of BCS, CCS and the other HEDIS measures: hospice, palliative
// care, frailty with advanced illness (66+), dementia medication.
void endOfLifeCare(MemberSheet& s) {
  const Member& m = s.member;
  if (m.age >= 55 && s.rng.chance(0.012)) {
    const Days d = s.rng.day(s.period.start, s.period.end);
    if (s.rng.chance(0.5)) {
      const ProviderRef hospice = s.any(ProviderRole::Hospice);
      const Days end = d + s.rng.between(5, 40);
      s.visitWithStatus("", d, "hospice", hospice, {"HCPCS:Q5003", "ICD10CM:C25.0"}, end);
    } else {
      s.visitWithStatus("", d, "home", s.any(ProviderRole::Hospice),
                        {"UBREV:0651", "ICD10CM:I50.9"});
    }
  }
  if (m.age >= 45 && s.rng.chance(0.008)) {
    const Days d = s.rng.day(s.period.start, s.period.end);
    s.visit(d, "outpatient", s.usualPcp(), {"CPT:99214", "ICD10CM:Z51.5"});
  }
  if (m.age < 66 || !s.rng.chance(0.12)) return;
  const Days frail = s.rng.day(s.period.start, s.period.end);
  s.visit(frail, "outpatient", s.usualPcp(), {"CPT:99213", "ICD10CM:R54"});
  const double r = s.rng.uniform();
  if (r < 0.4) {
    for (int i = 0; i < 2; ++i) {
      const Days d = s.rng.day(s.period.jan1(-1), s.period.end);
      s.visit(d, "outpatient", s.usualPcp(), {"CPT:99214", "ICD10CM:I50.22"});
    }
  } else if (r < 0.6) {
    const Days d = s.rng.day(s.period.jan1(-1), s.period.end);
    s.visit(d, "inpatient", s.any(ProviderRole::Hospital), {"CPT:99223", "ICD10CM:J96.10"}, d + 4,
            "01");
  } else if (r < 0.8) {
    // Donepezil 10 mg (a dementia medication of stdlib/codes).
    const Days d = s.rng.day(s.period.jan1(-1), s.period.end);
    s.fill(d, "RXNORM:997223", 30, 30, true, s.usualPcp());
  }
}

}  // namespace

void adultPreventiveCare(MemberSheet& s) {
  initialHealthAssessment(s);
  depressionScreening(s);
  alcoholScreening(s);
  cervicalScreening(s);
  breastScreening(s);
  adultVaccines(s);
  maternity(s);
  endOfLifeCare(s);
}

}  // namespace mc::gen
