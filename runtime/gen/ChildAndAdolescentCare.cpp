// Children and adolescents from 3 to 21: the yearly well-care visit with its
// BMI percentile, ACEs and TB risk screens and fluoride varnish, the
// adolescent vaccines, and chlamydia screening of sexually active young women.
#include "gen/CareModules.h"

namespace mc::gen {
namespace {

// Seed WCV well-care codes by age: new patient 99382-99385, established
// 99392-99395.
const char* wellCareCpt(MemberRandom& rng, int age) {
  const bool established = rng.chance(0.85);
  if (age <= 4) return established ? "CPT:99392" : "CPT:99382";
  if (age <= 11) return established ? "CPT:99393" : "CPT:99383";
  if (age <= 17) return established ? "CPT:99394" : "CPT:99384";
  return established ? "CPT:99395" : "CPT:99385";
}

// Seed WCC: Z68.51 (<5th percentile) .. Z68.54 (>=95th percentile).
// The supplemental row carries the percentile itself as its value.
struct BmiPercentile {
  const char* code;
  const char* percentile;
  bool above85th;
};
constexpr BmiPercentile kBmiPercentile[] = {
    {"ICD10CM:Z68.51", "3", false},  {"ICD10CM:Z68.52", "40", false},
    {"ICD10CM:Z68.52", "62", false}, {"ICD10CM:Z68.52", "78", false},
    {"ICD10CM:Z68.53", "90", true},  {"ICD10CM:Z68.54", "97", true}};

void wellCareVisit(MemberSheet& s) {
  const Member& m = s.member;
  // A little less access for one group, so that the disparity measure
  // (HPHD, WCV by ethnicity) has a difference to show.
  const double base = m.age <= 11 ? 0.72 : (m.age <= 17 ? 0.58 : 0.40);
  const double p = base * (0.55 + 0.55 * m.engagement) * (m.hispanic() ? 0.92 : 1.0);
  if (s.rng.chance(p)) {
    const Days d = s.rng.day(s.period.start, s.period.end);
    if (!m.alive(d)) return;
    CodeList codes{wellCareCpt(s.rng, m.age)};
    codes.add(m.age < 18 ? (s.rng.chance(0.4) ? "ICD10CM:Z00.121" : "ICD10CM:Z00.129")
                         : (s.rng.chance(0.6) ? "ICD10CM:Z00.00" : "ICD10CM:Z00.01"));
    const BmiPercentile& bmi = s.rng.pick(kBmiPercentile);
    const bool bmiOnClaim = m.age <= 17 && s.rng.chance(0.6 + 0.3 * m.engagement);
    if (bmiOnClaim) codes.add(bmi.code);
    if (m.age <= 20 && s.rng.chance(0.3)) codes.add("ICD10CM:Z11.1");  // TB risk assessment
    if (m.age <= 5 && s.rng.chance(0.2 + 0.4 * m.engagement)) codes.add("CPT:99188");
    ProviderRef p = s.usualPcp();
    if (m.sex == 'F' && m.age >= 16 && s.rng.chance(0.25)) p = s.any(ProviderRole::ObGyn);
    s.visit(d, "outpatient", p, codes);
    if (m.age <= 17 && !bmiOnClaim && s.rng.chance(0.3)) {
      s.supplemental(d, {bmi.code}, p,
                     bmi.percentile);  // BMI percentile through the Data Submission Tool
    }
    if (m.age <= 21 && s.rng.chance(0.3)) {
      const char* aces = s.rng.chance(0.15) ? "HCPCS:G9919" : "HCPCS:G9920";
      if (s.rng.chance(0.85)) {
        s.visit(d, "outpatient", p, {aces});
      } else {
        s.supplemental(d, {aces}, p);
      }
    }
    if (m.age <= 18 && bmi.above85th && s.rng.chance(0.15)) {
      // Healthy Weight for Life: a 10-week workshop for members 2-18 above
      // the 85th percentile (a plan event of the member rewards).
      s.supplemental(d + s.rng.between(14, 60), {"PLAN:HWL_WORKSHOP"}, {});
    }
  } else if (s.rng.chance(0.10)) {
    // A sick visit only, or last year's well visit: neither counts.
    const bool lastYear = s.rng.chance(0.5);
    const Days d = lastYear ? s.rng.day(s.period.jan1(-1), s.period.start - 1)
                            : s.rng.day(s.period.start, s.period.end);
    if (m.alive(d)) {
      const ProviderRef pcp = s.usualPcp();
      s.visit(d, "outpatient", pcp,
              {lastYear ? wellCareCpt(s.rng, m.age) : "CPT:99213",
               lastYear ? "ICD10CM:Z00.129" : "ICD10CM:J06.9"});
    }
  }
}

// IMA: meningococcal conjugate, Tdap and two HPV doses (at least 146 days
// apart, HEDIS) between the 9th/10th and the 13th birthday.
void adolescentVaccines(MemberSheet& s) {
  const Member& m = s.member;
  if (m.age < 11 || m.age > 17) return;
  const ProviderRef p = s.usualPcp();
  const double routine = 0.65 + 0.3 * m.engagement;
  auto give = [&](Days d, const char* cvx, const char* cpt) {
    if (m.alive(d) && d <= s.period.end) s.immunization(d, s.rng.chance(0.12) ? cpt : cvx, p);
  };
  const Days eleven = addYears(m.birth, 11);
  if (s.rng.chance(routine)) give(eleven + s.rng.between(0, 500), "CVX:114", "CPT:90734");
  if (s.rng.chance(routine)) give(eleven + s.rng.between(0, 500), "CVX:115", "CPT:90715");
  if (s.rng.chance(routine - 0.15)) {
    const Days first = addYears(m.birth, 10) + s.rng.between(0, 700);
    give(first, "CVX:165", "CPT:90651");
    if (s.rng.chance(0.8)) {
      // Mostly 6-12 months later; some too soon to count.
      give(first + (s.rng.chance(0.85) ? s.rng.between(146, 365) : s.rng.between(60, 145)),
           "CVX:165", "CPT:90651");
    }
  }
}

// CHL: women 16-24 identified as sexually active (contraception visits,
// pregnancy tests, contraceptive fills) and their chlamydia screens.
void chlamydia(MemberSheet& s) {
  const Member& m = s.member;
  if (m.sex != 'F' || m.age < 16 || m.age > 24 || !s.rng.chance(0.55)) return;
  const Days d = s.rng.day(s.period.start, s.period.end);
  if (!m.alive(d)) return;
  const ProviderRef p = s.rng.chance(0.4) ? s.any(ProviderRole::ObGyn) : s.usualPcp();
  const double r = s.rng.uniform();
  if (r < 0.5) {
    s.visit(d, "outpatient", p, {"CPT:99213", "ICD10CM:Z30.011"});  // contraception
  } else if (r < 0.75) {
    s.visit(d, "outpatient", p, {"CPT:81025", "ICD10CM:Z32.02"});  // pregnancy test
  } else {
    s.fill(d, s.rng.chance(0.5) ? "RXNORM:757594" : "RXNORM:1367439", 28, 1, true, p);
  }
  if (s.rng.chance(0.35 + 0.45 * m.engagement)) {
    static constexpr const char* kScreens[] = {"CPT:87491", "CPT:87491", "CPT:87490", "CPT:87320",
                                               "CPT:87810"};
    const Days screened = d + s.rng.between(0, 20);
    const ProviderRef lab = s.any(ProviderRole::Lab);
    s.visit(screened, "outpatient", lab, {s.rng.pick(kScreens), "ICD10CM:Z11.3"});
  }
}

}  // namespace

void childAndAdolescentCare(MemberSheet& s) {
  if (s.member.age >= 3 && s.member.age <= 21) wellCareVisit(s);
  adolescentVaccines(s);
  chlamydia(s);
}

}  // namespace mc::gen
