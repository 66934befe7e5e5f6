// The areas of care a generated member's events come from. Each module adds
// the events of its area to the sheet; each names the measures it feeds so
// that a measure with a trivial rate on a generated population can be traced
// to the module that should have fed it.
#pragma once

#include "gen/MemberSheet.h"

namespace mc::gen {

// Birth, sex, demographics, enrollment spans (gaps, PCP changes, new
// members) and the linked PCP; writes members.csv and enrollment.csv rows.
void makeMember(MemberSheet& s);

// Sick visits, ED and urgent care visits (PEV), referrals (REF90), nurse
// advice calls: care anyone may have.
void everydayCare(MemberSheet& s);
// Inpatient and observation stays with discharges, readmissions within 30
// days and post-discharge visits (PDV, PCR, ACS).
void hospitalCare(MemberSheet& s);
// Well-child visits, developmental screens, lead tests, fluoride varnish and
// the childhood immunization schedule (W15, DEV, LSC, FVA, CIS10).
void earlyChildhoodCare(MemberSheet& s);
// Well-care visits from 3 to 21 with BMI percentile, ACEs and TB risk
// screens, adolescent vaccines, chlamydia screens (WCV, WCC, HPHD, ACES,
// TBRA, IMA, CHL).
void childAndAdolescentCare(MemberSheet& s);
// Adult screenings and vaccines: depression, alcohol use, cervical and
// breast cancer, adult immunizations, new-member assessments (CDF, UAU,
// CCS, BCS, AIS, IHA) and the exclusions they know (hospice, frailty, ...).
void adultPreventiveCare(MemberSheet& s);
// Diabetes, hypertension, hyperlipidemia and asthma with their labs, blood
// pressure readings and pharmacy fills (HBD9, CBP, AMR, the pharmacy PDC,
// SUPD and asthma measures, the generic dispensing rate).
void chronicCare(MemberSheet& s);
// What the 2025 CMS eCQMs read that the modules above do not write (CMS2,
// CMS117, CMS122, CMS124, CMS125, CMS130, CMS165), from the member's eCQM
// stream and with codes no other program reads (EcqmCare.cpp).
void ecqmCare(MemberSheet& s);

}  // namespace mc::gen
