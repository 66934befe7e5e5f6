// Per-pharmacy eligibility for the 2016-17 Pharmacy P4P program (seed 004,
// "P4P Program Eligibility Criteria"): pharmacy_eligibility.csv, and the
// gate of a pharmacy program's payout (PharmacyProgram.h, docs/data.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "score/Gate.h"
#include "score/Outcome.h"
#include "store/MemberStore.h"
#include "support/Date.h"

namespace mc::score {

// The seed's figures, fixed program parameters (not read from the program
// file yet): "Store location within San Bernardino and Riverside Counties";
// "Annual IEHP Rx Volume over 1,000 (500/6 months)"; "in business during the
// entire evaluation period"; "at least 10 members qualifying for 4 out of 7
// clinical measures".
struct PharmacyEligibilityRules {
  std::vector<std::string> counties = {"San Bernardino", "Riverside"};
  std::uint64_t yearVolumeOver = 1000;
  std::uint64_t halfYearVolumeOver = 500;
  std::uint64_t membersAtLeast = 10;
  int measuresAtLeast = 4;
  int measuresOf = 7;  // the seed's seven measures; shown, not required
};

struct PharmacyEligibility {
  store::ProviderId pharmacy = store::kNoProvider;
  std::string county;  // providers.csv, as written
  bool inCounty = false;
  // Fills dispensed in the period (any member, statuses that count by
  // default), in all and in each half: [start, start + 6 months) and the rest.
  std::uint64_t fills = 0, firstHalf = 0, secondHalf = 0;
  // The volume each count must be over: the rules' figures, or on an
  // interim (--as-of) run the share of each due by the as-of date (a half
  // not begun yet asks for nothing).
  double fillsOver = 0, firstHalfOver = 0, secondHalfOver = 0;
  bool soFar = false;   // judged as of a date before the period's end
  bool volume = false;  // fills > 1,000 and each half > 500 (so far, as of a date)
  // The pharmacy's first and last fill in the data (any date); in business
  // when the first is in or before the period's first month and the last in
  // or after its last month (the as-of date's month on an interim run).
  // kNoDate without fills.
  Days firstFill = kNoDate, lastFill = kNoDate;
  bool inBusiness = false;
  // Members who qualify for at least `measuresAtLeast` of the run's pharmacy
  // measures at this pharmacy: in the denominator (eligible, not excluded)
  // of a pharmacy-attributed measure under it, or with a counted unit at it
  // for an event-unit measure.
  std::uint64_t qualifyingMembers = 0;
  bool members = false;
  bool eligible = false;  // all four
};

// Whether a measure is scored per pharmacy (attributed to pharmacies, or an
// event-unit measure over fills).
bool isPharmacyMeasure(const ir::Measure& m);
// Whether a run scores at least one pharmacy measure (then it writes
// pharmacy_eligibility.csv).
bool anyPharmacyMeasure(const std::vector<MeasureOutcomes>& outcomes);

// One row per pharmacy: every provider listed with kind pharmacy and every
// unlisted id that dispensed a fill, in provider id text order. `asOf`
// (an --as-of run; kNoDate otherwise): the data ends there, so the criteria
// are judged so far: in business up to its month, the volumes over their
// share due by then.
std::vector<PharmacyEligibility> pharmacyEligibility(const store::MemberStore& store,
                                                     const std::vector<MeasureOutcomes>& outcomes,
                                                     Days periodStart, Days periodEnd,
                                                     const PharmacyEligibilityRules& rules = {},
                                                     Days asOf = kNoDate);

// Which criteria a pharmacy fails, on one line for scorecard.csv's why
// ("eligibility: not in San Bernardino or Riverside county (Monterey); ...");
// empty when it is eligible.
std::string eligibilityWhy(const PharmacyEligibility& row, const PharmacyEligibilityRules& rules);

// The program eligibility as a gate over providers (ProviderId-indexed, for
// `providerCount` providers): the eligible rows pass; the others carry
// their eligibilityWhy. A provider without a row (not a pharmacy) fails.
GateResult eligibilityGate(const std::vector<PharmacyEligibility>& rows,
                           const PharmacyEligibilityRules& rules, size_t providerCount);

}  // namespace mc::score
