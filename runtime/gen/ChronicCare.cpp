// Chronic conditions: diabetes, hypertension, hyperlipidemia and asthma, with
// their office visits, HbA1c results, blood pressure readings and pharmacy
// refills (on time, early and late), so that adherence (PDC), controller
// ratios and control rates spread across their whole range.
#include <cmath>

#include "gen/CareModules.h"
#include "gen/PharmacyDrugs.h"

namespace mc::gen {
namespace {

// The drug of a therapy: a brand product for some members (DAW, or a class
// with no generic, like the DPP-4 inhibitors), more often at the pharmacies
// that substitute less, so the generic dispensing rate differs by pharmacy.
const PharmacyDrug& therapyDrug(MemberSheet& s, DrugClass c) {
  static constexpr double kBrandShareByPharmacy[] = {0.06, 0.12, 0.18, 0.26};
  const double share =
      c == DrugClass::Dpp4Inhibitor ? 0.75 : kBrandShareByPharmacy[s.member.pharmacy.index % 4];
  const bool brand = s.rng.chance(share);
  return pickDrug(s.rng, c, brand);
}

// How a member refills: the days between fills around the days supply.
enum class Refills { OnTime, Early, Late };

Refills refillHabit(MemberSheet& s) {
  double r = s.rng.uniform() * 0.6 + s.member.engagement * 0.4;
  if (ProviderNetwork::noPharmacistOutreach(s.member.pharmacy.index)) r -= 0.15;
  return r > 0.38 ? Refills::OnTime : (r > 0.28 ? Refills::Early : Refills::Late);
}

// Fills of one class from `start` (often before the year) to the end of the
// year, the days between them set by the habit: on time, early (the next
// fill overlaps the last one's supply: the PQA shift) or late (gaps). Some
// members stop after a few fills, some switch to another drug of the class
// mid-year, and now and then a refill comes as two claims on one date.
void refills(MemberSheet& s, DrugClass c, Days start, Refills habit, ProviderRef prescriber) {
  const PharmacyDrug* drug = &therapyDrug(s, c);
  const int supply = s.rng.chance(0.75) ? 30 : 90;
  const int stopAfter = s.rng.chance(0.08) ? s.rng.between(1, 3) : 1000;
  const int switchAt = s.rng.chance(0.10) ? s.rng.between(1, 6) : -1;
  Days d = start;
  for (int n = 0; n < stopAfter && d <= s.period.end && s.member.alive(d); ++n) {
    if (n == switchAt) {
      const PharmacyDrug* next = &therapyDrug(s, c);
      if (next == drug) next = &pickDrug(s.rng, c, !drug->generic);
      drug = next;
    }
    const int quantity = supply * drug->unitsPer30Days / 30;
    s.fill(d, drug->code, supply, quantity, drug->generic, prescriber);
    if (s.rng.chance(0.02)) {
      // Two claims on one date (a split fill): PQA counts the date once.
      s.fill(d, drug->code, supply, quantity, drug->generic, prescriber);
    }
    int delta = 0;
    switch (habit) {
      case Refills::OnTime: delta = s.rng.between(-2, 4); break;
      case Refills::Early: delta = s.rng.between(-8, 0); break;
      case Refills::Late: delta = s.rng.between(5, 30); break;
    }
    d += supply + delta;
  }
}

// Roughly normal (Irwin-Hall of 4 uniforms) with this mean and spread.
double bell(MemberRandom& rng, double mean, double spread) {
  double sum = -2.0;
  for (int i = 0; i < 4; ++i) sum += rng.uniform();
  return mean + spread * sum;
}

// HBD9: HbA1c tests of the year (0-3), as lab results (LOINC 4548-4), lab
// claims (83036) and CPT II result codes (3044F <7, 3051F 7-<8, 3052F 8-9,
// 3046F >9) on office visits; values around 9.0, some exactly 9.0.
void hba1c(MemberSheet& s, ProviderRef pcp) {
  static constexpr int kTests[] = {0, 1, 1, 2, 2, 2, 3};
  const int tests = s.rng.pick(kTests);
  const double center = bell(s.rng, 8.2, 1.4);
  for (int i = 0; i < tests; ++i) {
    const Days d = s.rng.day(s.period.start, s.period.end);
    if (!s.member.alive(d)) continue;
    long long tenths = std::lround(bell(s.rng, center, 0.8) * 10);
    if (s.rng.chance(0.04)) tenths = 90;
    tenths = std::max(45LL, std::min(140LL, tenths));
    const double r = s.rng.uniform();
    if (r < 0.55) {
      s.observation(d, "LOINC:4548-4", tenths, "%", s.any(ProviderRole::Lab));
      if (s.rng.chance(0.5)) s.visit(d, "outpatient", s.any(ProviderRole::Lab), {"CPT:83036"});
    } else {
      const char* result =
          tenths < 70 ? "CPT:3044F"
                      : (tenths < 80 ? "CPT:3051F" : (tenths <= 90 ? "CPT:3052F" : "CPT:3046F"));
      s.visit(d, "outpatient", pcp, {"CPT:99214", "ICD10CM:E11.9", "CPT:83036", result});
    }
  }
}

void diabetes(MemberSheet& s) {
  const Member& m = s.member;
  const double p = m.age < 18 ? 0.0 : (m.age < 40 ? 0.03 : (m.age < 65 ? 0.12 : 0.20));
  if (!s.rng.chance(p)) return;
  s.member.diabetes = true;
  const ProviderRef pcp = s.usualPcp();
  s.condition(s.rng.day(s.period.jan1(-12), s.period.on(-1, 6, 30)), kOpenEnd, {"ICD10CM:E11.9"},
              pcp);
  for (const int offset : {-1, 0}) {
    const int visits = s.rng.between(1, 3);
    for (int i = 0; i < visits; ++i) {
      const Days d = s.rng.day(s.period.jan1(offset), s.period.on(offset, 12, 31));
      if (m.alive(d)) {
        s.visit(d, "outpatient", pcp,
                {"CPT:99214", s.rng.chance(0.7) ? "ICD10CM:E11.9" : "ICD10CM:E11.65"});
      }
    }
  }
  hba1c(s, pcp);
  // PDC_DR and SUPD: metformin for most (often started before the year),
  // a sulfonylurea, a thiazolidinedione or a DPP-4 inhibitor added for some.
  const Refills habit = refillHabit(s);
  if (s.rng.chance(0.85)) {
    const Days start = s.rng.day(s.period.on(-1, 10, 1), s.period.on(0, 3, 1));
    refills(s, DrugClass::Biguanide, start, habit, pcp);
  }
  static constexpr DrugClass kAddOn[] = {DrugClass::Sulfonylurea, DrugClass::Sulfonylurea,
                                         DrugClass::Dpp4Inhibitor, DrugClass::Thiazolidinedione};
  if (s.rng.chance(0.35)) {
    const DrugClass addOn = s.rng.pick(kAddOn);
    const Days start = s.rng.day(s.period.on(-1, 11, 1), s.period.on(0, 6, 1));
    refills(s, addOn, start, habit, pcp);
  }
  // SUPD: most diabetics 40-75 also take a statin, fewer where no
  // pharmacist asks the prescriber.
  const bool outreach = !ProviderNetwork::noPharmacistOutreach(m.pharmacy.index);
  if (m.age >= 40 && s.rng.chance(outreach ? 0.65 : 0.5)) {
    const Days start = s.rng.day(s.period.on(-1, 10, 1), s.period.on(0, 8, 1));
    const Refills statinHabit = refillHabit(s);
    refills(s, DrugClass::Statin, start, statinHabit, pcp);
  }
}

// CBP: hypertension diagnosed on two or more visits; blood pressure on the
// visits as CPT II codes (systolic 3074F <130, 3075F 130-139, 3077F >=140;
// diastolic 3078F <80, 3079F 80-89, 3080F >=90) and as vital signs (LOINC
// 8480-6 systolic, 8462-4 diastolic).
void hypertension(MemberSheet& s) {
  const Member& m = s.member;
  const double p = m.age < 18 ? 0.0 : (m.age < 40 ? 0.06 : (m.age < 65 ? 0.25 : 0.45));
  if (!s.rng.chance(p)) return;
  s.member.hypertension = true;
  const ProviderRef pcp = s.usualPcp();
  s.condition(s.rng.day(s.period.jan1(-15), s.period.on(0, 3, 1)), kOpenEnd, {"ICD10CM:I10"}, pcp);
  // HEDIS identifies hypertension from visits in the year and the year before.
  const int lastYear = s.rng.between(0, 2);
  for (int i = 0; i < lastYear; ++i) {
    const Days d = s.rng.day(s.period.jan1(-1), s.period.on(-1, 12, 31));
    if (m.alive(d)) s.visit(d, "outpatient", pcp, {"CPT:99213", "ICD10CM:I10"});
  }
  const bool controlled = s.rng.chance(0.45 + 0.3 * m.engagement);
  const int visits = s.rng.between(1, 4);
  for (int i = 0; i < visits; ++i) {
    const Days d = s.rng.day(s.period.start, s.period.end);
    if (!m.alive(d)) continue;
    const int systolic = static_cast<int>(bell(s.rng, controlled ? 126 : 146, 14));
    const int diastolic = static_cast<int>(bell(s.rng, controlled ? 78 : 91, 8));
    const char* sys = systolic < 130 ? "CPT:3074F" : (systolic < 140 ? "CPT:3075F" : "CPT:3077F");
    const char* dia = diastolic < 80 ? "CPT:3078F" : (diastolic < 90 ? "CPT:3079F" : "CPT:3080F");
    if (s.rng.chance(0.65)) {
      s.visit(d, "outpatient", pcp, {"CPT:99213", "ICD10CM:I10", sys, dia});
    } else {
      s.visit(d, "outpatient", pcp, {"CPT:99213", "ICD10CM:I10"});
      if (s.rng.chance(0.7)) {
        // CMS165 reads the readings' setting and their panel (eCQM stream).
        const char* setting = s.readingSetting();
        s.observation(d, "LOINC:8480-6", systolic * 10, "mm[Hg]", pcp, setting);
        s.observation(d, "LOINC:8462-4", diastolic * 10, "mm[Hg]", pcp, setting);
        s.bloodPressurePanel(d, pcp, setting);
      }
    }
  }
  // PDC_RASA: an ACE inhibitor, an ARB or (rarely) a direct renin inhibitor.
  if (s.rng.chance(0.65)) {
    const double r = s.rng.uniform();
    const DrugClass ras = r < 0.55   ? DrugClass::AceInhibitor
                          : r < 0.95 ? DrugClass::AngiotensinReceptorBlocker
                                     : DrugClass::DirectReninInhibitor;
    const Days start = s.rng.day(s.period.on(-1, 10, 1), s.period.on(0, 4, 1));
    const Refills habit = refillHabit(s);
    refills(s, ras, start, habit, pcp);
  } else if (s.rng.chance(0.6)) {
    const Days start = s.rng.day(s.period.on(-1, 10, 1), s.period.on(0, 4, 1));
    const Refills habit = refillHabit(s);
    refills(s, DrugClass::OtherAntihypertensive, start, habit, pcp);
  }
}

void hyperlipidemia(MemberSheet& s) {
  const Member& m = s.member;
  if (m.age < 40 || !s.rng.chance(0.12)) return;
  const ProviderRef pcp = s.usualPcp();
  s.condition(s.rng.day(s.period.jan1(-10), s.period.on(-1, 6, 30)), kOpenEnd, {"ICD10CM:E78.5"},
              pcp);
  const Days start = s.rng.day(s.period.on(-1, 10, 1), s.period.on(0, 6, 1));
  const Refills habit = refillHabit(s);
  refills(s, DrugClass::Statin, start, habit, pcp);
}

// AMR and the pharmacy asthma measures: persistent asthma (J45.21-J45.52,
// J45.901-J45.909, J45.991-J45.998) seen in the year and the year before,
// controller and reliever fills (inhaler quantity = canisters), some with
// more than 3 reliever canisters in 90 days.
void asthma(MemberSheet& s) {
  const Member& m = s.member;
  if (m.age < 5 || m.age > 64 || !s.rng.chance(m.age < 18 ? 0.09 : 0.06)) return;
  static constexpr const char* kPersistent[] = {
      "ICD10CM:J45.40", "ICD10CM:J45.30", "ICD10CM:J45.50", "ICD10CM:J45.909", "ICD10CM:J45.41"};
  const bool persistent = s.rng.chance(0.75);
  const char* dx = persistent ? s.rng.pick(kPersistent) : "ICD10CM:J45.20";
  const ProviderRef pcp = s.usualPcp();
  if (!persistent && s.rng.chance(0.4)) {
    // Childhood asthma that has resolved: an abated problem-list entry only.
    const Days onset = std::max(m.birth + 400, s.period.jan1(-12));
    s.condition(onset, s.rng.day(onset + 365, s.period.on(-1, 6, 30)), {dx}, pcp);
    return;
  }
  s.condition(s.rng.day(s.period.jan1(-8), s.period.on(-1, 3, 1)), kOpenEnd, {dx}, pcp);
  for (const int offset : {-1, 0}) {
    const int visits = s.rng.between(1, 4);
    for (int i = 0; i < visits; ++i) {
      const Days d = s.rng.day(s.period.jan1(offset), s.period.on(offset, 12, 31));
      if (m.alive(d)) s.visit(d, "outpatient", pcp, {"CPT:99213", dx});
    }
    if (s.rng.chance(0.15)) {
      const Days d = s.rng.day(s.period.jan1(offset), s.period.on(offset, 12, 31));
      if (m.alive(d)) {
        s.visit(d, "ed", s.any(ProviderRole::Hospital), {"CPT:99284", "ICD10CM:J45.901"});
      }
    }
    // Relievers: a few canisters over the year; or a burst of more than 3
    // canisters within 90 days (overuse: ASM_SOC, and the denominator of
    // ASM_ACT), with a controller dispensed inside the burst for about half
    // of them; or exactly 3 canisters within 90 days (not overuse).
    // Where no pharmacist flags reliever overuse to the prescriber, more of
    // the year's bursts go unchecked.
    const double r = s.rng.uniform();
    const double burst = ProviderNetwork::noPharmacistOutreach(m.pharmacy.index) ? 0.42 : 0.32;
    const bool overuse = r < (offset == 0 ? burst : 0.15);
    const bool exactlyThree = !overuse && r > 0.91;
    const bool controllerInBurst = s.rng.chance(0.6);
    const Days season = s.rng.day(s.period.jan1(offset), s.period.on(offset, 9, 1));
    // Controllers: from none to monthly, an inhaled corticosteroid (a
    // canister a month) or montelukast (30 tablets); none near the burst
    // unless the member has a controller in it.
    const PharmacyDrug& controller = pickDrug(s.rng, DrugClass::AsthmaController, false);
    const double controllerShare = s.rng.uniform() * (0.3 + 0.7 * m.engagement);
    const int controllers = static_cast<int>(controllerShare * 12);
    for (int i = 0; i < controllers; ++i) {
      const Days d = s.period.jan1(offset) + i * 30 + s.rng.between(0, 10);
      if (overuse && !controllerInBurst && d >= season - 30 && d <= season + 120) continue;
      if (d <= s.period.end)
        s.fill(d, controller.code, 30, controller.unitsPer30Days, controller.generic, pcp);
    }
    if (overuse && controllerInBurst) {
      const Days d = season + s.rng.between(0, 40);
      if (d <= s.period.end)
        s.fill(d, controller.code, 30, controller.unitsPer30Days, controller.generic, pcp);
    }
    const int relievers = overuse ? s.rng.between(4, 6) : (exactlyThree ? 3 : s.rng.between(0, 4));
    const int gap = s.rng.between(12, 20);
    for (int i = 0; i < relievers; ++i) {
      const Days d = overuse || exactlyThree
                         ? season + i * gap
                         : s.rng.day(s.period.jan1(offset), s.period.on(offset, 12, 31));
      const PharmacyDrug& saba = pickDrug(s.rng, DrugClass::ShortActingBeta2Agonist, false);
      const int canisters = exactlyThree || s.rng.chance(0.8) ? 1 : 2;
      if (d <= s.period.end) s.fill(d, saba.code, 25, canisters, saba.generic, pcp);
    }
  }
}

}  // namespace

void chronicCare(MemberSheet& s) {
  diabetes(s);
  hypertension(s);
  hyperlipidemia(s);
  asthma(s);
}

}  // namespace mc::gen
