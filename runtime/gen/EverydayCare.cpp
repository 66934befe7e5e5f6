// Care anyone may have: sick visits, ED and urgent care visits, referrals to
// specialists, nurse advice line calls and short acute prescriptions.
#include "gen/CareModules.h"

namespace mc::gen {
namespace {

// Principal diagnoses of office sick visits.
constexpr const char* kSickDx[] = {
    "ICD10CM:J06.9", "ICD10CM:R51.9",  "ICD10CM:M54.50", "ICD10CM:K21.9", "ICD10CM:L30.9",
    "ICD10CM:R10.9", "ICD10CM:H66.90", "ICD10CM:J02.9",  "ICD10CM:R05.9", "ICD10CM:M25.561"};
constexpr const char* kOfficeVisit[] = {"CPT:99212", "CPT:99213", "CPT:99213", "CPT:99214"};
// Conditions usually treatable in primary care (the kind the CBI "Preventable
// Emergency Visit Diagnosis" tip sheet lists): upper respiratory infection,
// pharyngitis, otitis media, urinary tract infection, headache, low back
// pain, bronchitis, cellulitis, gastroenteritis, viral infection, sinusitis.
constexpr const char* kPreventableDx[] = {"ICD10CM:J06.9", "ICD10CM:J02.9",   "ICD10CM:H66.90",
                                          "ICD10CM:N39.0", "ICD10CM:R51.9",   "ICD10CM:M54.50",
                                          "ICD10CM:J20.9", "ICD10CM:L03.115", "ICD10CM:K52.9",
                                          "ICD10CM:B34.9", "ICD10CM:J01.90",  "ICD10CM:H10.9"};
// Emergencies: injuries, chest pain, head injury, allergic reaction.
constexpr const char* kEmergencyDx[] = {"ICD10CM:S52.501A", "ICD10CM:S61.411A", "ICD10CM:R07.9",
                                        "ICD10CM:S06.0X0A", "ICD10CM:T78.40XA", "ICD10CM:S93.401A"};
constexpr const char* kEdVisit[] = {"CPT:99282", "CPT:99283", "CPT:99284", "CPT:99285"};
constexpr const char* kSpecialistVisit[] = {"CPT:99203", "CPT:99204", "CPT:99243", "CPT:99213"};
// Short courses with no measure behind them, written by NDC (10 digits,
// 5-4-1 or 5-3-2 as labelers publish them; illustrative product codes).
constexpr const char* kAcuteDrugs[] = {"NDC:65862-017-01", "NDC:00093-4155-73", "NDC:00904-5853-61",
                                       "NDC:00781-5061-01"};

void sickVisits(MemberSheet& s) {
  static constexpr int kCounts[] = {0, 0, 1, 1, 1, 2, 2, 3, 4};
  const int n = s.rng.pick(kCounts);
  for (int i = 0; i < n; ++i) {
    const Days d = s.rng.day(s.period.jan1(-1), s.period.end);
    if (!s.member.alive(d)) continue;
    const char* setting = s.rng.chance(0.85) ? "outpatient" : "telehealth";
    const ProviderRef pcp = s.usualPcp();
    s.visit(d, setting, pcp, {s.rng.pick(kOfficeVisit), s.rng.pick(kSickDx)});
  }
}

// PEV: ED visits (weight 1) and urgent care visits (weight 0.5) whose
// principal diagnosis could have been treated in primary care.
void emergencyVisits(MemberSheet& s) {
  const Member& m = s.member;
  const double p = 0.09 + (m.age < 5 ? 0.06 : 0.0) + (m.engagement < 0.35 ? 0.05 : 0.0);
  if (s.rng.chance(p)) {
    const int n = s.rng.chance(0.75) ? 1 : 2;
    for (int i = 0; i < n; ++i) {
      const Days d = s.rng.day(s.period.on(-1, 7, 1), s.period.end);
      if (!m.alive(d)) continue;
      const char* dx = s.rng.chance(0.6) ? s.rng.pick(kPreventableDx) : s.rng.pick(kEmergencyDx);
      const ProviderRef hospital = s.any(ProviderRole::Hospital);
      s.visit(d, "ed", hospital, {s.rng.pick(kEdVisit), dx, "ICD10CM:R50.9"});
    }
  }
  if (s.rng.chance(0.08)) {
    const Days d = s.rng.day(s.period.start, s.period.end);
    if (!m.alive(d)) return;
    const char* dx = s.rng.chance(0.7) ? s.rng.pick(kPreventableDx) : s.rng.pick(kEmergencyDx);
    s.visit(d, "urgent", s.any(ProviderRole::Pcp), {"HCPCS:S9083", dx, "POS:20"});
  }
}

// REF90: a referral from the linked PCP to a specialist, and the visit with
// that specialist (within 90 days for most, later or never for others).
void referrals(MemberSheet& s) {
  const Member& m = s.member;
  if (!m.pcp.valid || !s.rng.chance(0.10)) return;
  const Days d = s.rng.day(s.period.start, s.period.on(0, 10, 1));
  if (!m.alive(d)) return;
  const ProviderRef from = s.rng.chance(0.92) ? m.pcp : s.any(ProviderRole::Pcp);
  const ProviderRef to = s.any(ProviderRole::Specialist);
  s.visit(d, "outpatient", from, {s.rng.pick(kOfficeVisit), s.rng.pick(kSickDx)});
  s.referral(d, from, to, ProviderNetwork::specialty(to.index));
  // REF90: day 90 is the last day that counts.
  const Days seen = s.rng.followUp(d, 3, 90, 150, 0.03, 0.62, 0.77);
  if (seen != kNoDate && m.alive(seen)) {
    s.visit(seen, "outpatient", to, {s.rng.pick(kSpecialistVisit), s.rng.pick(kSickDx)});
  }
}

}  // namespace

void everydayCare(MemberSheet& s) {
  sickVisits(s);
  emergencyVisits(s);
  referrals(s);
  if (s.rng.chance(0.04)) {
    // Health and Wellness Rewards: a nurse advice line call (a plan event).
    s.supplemental(s.rng.day(s.period.start, s.period.end), {"PLAN:NURSE_ADVICE_CALL"}, {});
  }
  if (s.rng.chance(0.15)) {
    const Days d = s.rng.day(s.period.jan1(-1), s.period.end);
    if (s.member.alive(d)) {
      const char* drug = s.rng.pick(kAcuteDrugs);
      const int days = s.rng.between(5, 10);
      const int quantity = s.rng.between(10, 30);
      s.fill(d, drug, days, quantity, true, s.usualPcp());
    }
  }
}

}  // namespace mc::gen
