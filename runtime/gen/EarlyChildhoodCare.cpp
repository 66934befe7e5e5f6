// The first years of life: well-child visits on the AAP/Bright Futures
// schedule, developmental screens, fluoride varnish, lead tests and the
// childhood immunization schedule (CDC), up to the third birthday.
#include "gen/CareModules.h"

namespace mc::gen {
namespace {

// A vaccine dose: its CVX code and the CPT code a claim would carry.
struct Vaccine {
  const char* cvx;
  const char* cpt;
};
// CVX and CPT codes of the HEDIS CIS antigens (as in the eCQM CMS117 value
// sets): HepB pediatric, DTaP, IPV, Hib PRP-OMP (3-dose series), PCV13,
// rotavirus 2-dose (Rotarix) and 3-dose (RotaTeq), MMR, varicella, HepA
// pediatric, influenza pediatric.
constexpr Vaccine kHepB{"CVX:08", "CPT:90744"};
constexpr Vaccine kDtap{"CVX:20", "CPT:90700"};
constexpr Vaccine kIpv{"CVX:10", "CPT:90713"};
constexpr Vaccine kHib{"CVX:49", "CPT:90647"};
constexpr Vaccine kPcv{"CVX:133", "CPT:90670"};
constexpr Vaccine kRv2{"CVX:119", "CPT:90681"};
constexpr Vaccine kRv3{"CVX:116", "CPT:90680"};
constexpr Vaccine kMmr{"CVX:03", "CPT:90707"};
constexpr Vaccine kVzv{"CVX:21", "CPT:90716"};
constexpr Vaccine kHepA{"CVX:83", "CPT:90633"};
constexpr Vaccine kFlu{"CVX:161", "CPT:90685"};
// Combinations: DTaP-HepB-IPV (Pediarix), MMRV (ProQuad).
constexpr Vaccine kDtapHepbIpv{"CVX:110", "CPT:90723"};
constexpr Vaccine kMmrv{"CVX:94", "CPT:90710"};

struct Dose {
  int months;
  const Vaccine* vaccine;
};

void give(MemberSheet& s, Days date, const Vaccine& v, ProviderRef p) {
  if (!s.member.alive(date) || date > s.period.end) return;
  s.immunization(date, s.rng.chance(0.12) ? v.cpt : v.cvx, p);
}

void immunizations(MemberSheet& s) {
  const Member& m = s.member;
  // Up-to-date families get nearly every dose; others miss some.
  const bool upToDate = s.rng.chance(0.30 + 0.55 * m.engagement);
  const double routine = upToDate ? 0.995 : 0.80;
  const bool pediarix = s.rng.chance(0.10);
  const Vaccine& rotavirus = s.rng.chance(0.5) ? kRv2 : kRv3;
  const int rotavirusDoses = &rotavirus == &kRv2 ? 2 : 3;
  const ProviderRef p = s.usualPcp(0.93);
  const Dose schedule[] = {
      {0, &kHepB},  {2, &kHepB},     {6, &kHepB},     {2, &kDtap},    {4, &kDtap}, {6, &kDtap},
      {15, &kDtap}, {2, &kIpv},      {4, &kIpv},      {6, &kIpv},     {2, &kHib},  {4, &kHib},
      {12, &kHib},  {2, &kPcv},      {4, &kPcv},      {6, &kPcv},     {12, &kPcv}, {12, &kHepA},
      {18, &kHepA}, {2, &rotavirus}, {4, &rotavirus}, {6, &rotavirus}};
  for (const Dose& d : schedule) {
    if (d.vaccine == &rotavirus && d.months == 6 && rotavirusDoses == 2) continue;
    if (!s.rng.chance(routine)) continue;
    const Days date = addMonths(m.birth, d.months) + (d.months == 0 ? 0 : s.rng.between(0, 25));
    if (pediarix && d.months <= 6 && d.months >= 2 &&
        (d.vaccine == &kDtap || d.vaccine == &kIpv || d.vaccine == &kHepB)) {
      // One Pediarix shot stands for the three antigens of that visit.
      if (d.vaccine == &kDtap) give(s, date, kDtapHepbIpv, p);
      continue;
    }
    give(s, date, *d.vaccine, p);
  }
  const Days oneYear = addMonths(m.birth, 12) + s.rng.between(0, 40);
  if (s.rng.chance(routine)) {
    if (s.rng.chance(0.05)) {
      give(s, oneYear, kMmrv, p);
    } else {
      give(s, oneYear, kMmr, p);
      give(s, oneYear, kVzv, p);
    }
  }
  // Two influenza doses at least 4 weeks apart from 6 months of age: the
  // dose most often missed.
  if (s.rng.chance(upToDate ? 0.75 : 0.3)) {
    const Days first = addMonths(m.birth, 6) + s.rng.between(0, 120);
    give(s, first, kFlu, p);
    if (s.rng.chance(0.8)) give(s, first + s.rng.between(28, 60), kFlu, p);
  }
}

// LSC: a blood lead test at about 12 and 24 months, as a claim (CPT 83655)
// or as a lab result (LOINC, micrograms per deciliter).
void leadTests(MemberSheet& s) {
  const Member& m = s.member;
  static constexpr const char* kLeadLoinc[] = {"LOINC:5671-3", "LOINC:10368-9", "LOINC:77307-7"};
  const double p = 0.25 + 0.6 * m.engagement;
  for (const int months : {12, 24}) {
    if (!s.rng.chance(p * (months == 12 ? 0.8 : 0.55))) continue;
    const Days d = addMonths(m.birth, months) + s.rng.between(-20, 25);
    if (!m.alive(d) || d > s.period.end) continue;
    if (s.rng.chance(0.7)) {
      s.visit(d, "outpatient", s.rng.chance(0.6) ? s.any(ProviderRole::Lab) : s.usualPcp(),
              {"CPT:83655", "ICD10CM:Z13.88"});
    } else {
      const char* code = s.rng.pick(kLeadLoinc);
      const int tenths = s.rng.between(5, 60);
      s.observation(d, code, tenths, "ug/dL", s.any(ProviderRole::Lab));
    }
  }
}

// W15 and the well-child visits of the first 30 months; a developmental
// screen (DEV, CPT 96110) at 9, 18 and 30 months; fluoride varnish (FVA,
// CPT 99188) from 6 months; ACEs and TB risk screens from 12 months.
void wellChildVisits(MemberSheet& s) {
  const Member& m = s.member;
  // Bright Futures, plus the 3-month visit of the plan's well-child reward.
  static constexpr int kMonths[] = {0, 1, 2, 3, 4, 6, 9, 12, 15, 18, 24, 30};
  const double attend = std::min(0.97, 0.55 + 0.45 * m.engagement);
  const double screens = 0.3 + 0.55 * m.engagement;
  for (const int months : kMonths) {
    const Days d = (months == 0 ? m.birth + 5 : addMonths(m.birth, months)) + s.rng.between(-3, 10);
    if (!m.alive(d) || d > s.period.end || !s.rng.chance(months == 3 ? attend * 0.4 : attend))
      continue;
    const int ageDays = d - m.birth;
    CodeList codes{months == 0 && s.rng.chance(0.5) ? "CPT:99381"
                                                    : (ageDays < 365 ? "CPT:99391" : "CPT:99392")};
    codes.add(ageDays <= 8
                  ? "ICD10CM:Z00.110"
                  : (ageDays <= 28 ? "ICD10CM:Z00.111"
                                   : (s.rng.chance(0.3) ? "ICD10CM:Z00.121" : "ICD10CM:Z00.129")));
    if ((months == 9 || months == 18 || months == 30) && s.rng.chance(screens)) {
      codes.add("CPT:96110");
    }
    if (months >= 6 && s.rng.chance(0.25 + 0.45 * m.engagement)) codes.add("CPT:99188");
    if (months >= 12 && d >= s.period.start && s.rng.chance(0.3)) codes.add("ICD10CM:Z11.1");
    const ProviderRef p = s.usualPcp(0.93);
    s.visit(d, "outpatient", p, codes);
    if (months >= 12 && d >= s.period.start && s.rng.chance(0.3)) {
      // ACEs screen: an FQHC bills it on a claim of its own (seed tip sheet).
      s.visit(d, "outpatient", p, {s.rng.chance(0.15) ? "HCPCS:G9919" : "HCPCS:G9920"});
    }
  }
  if (s.rng.chance(0.12)) {
    // At the dentist: D1206 by a provider that is not a PCP office.
    const Days d = s.rng.day(std::max(addMonths(m.birth, 6), s.period.start), s.period.end);
    if (m.alive(d) && d <= s.period.end) {
      s.visit(d, "outpatient", s.any(ProviderRole::Dental), {"CDT:D1206", "CDT:D0120"});
    }
  }
}

}  // namespace

void earlyChildhoodCare(MemberSheet& s) {
  if (s.member.birth < s.period.jan1(-6)) return;
  wellChildVisits(s);
  immunizations(s);
  leadTests(s);
}

}  // namespace mc::gen
