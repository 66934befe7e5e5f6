// A pharmacy program (the 2016-17 IEHP Pharmacy P4P, seed 004): a program
// whose measures are all scored per pharmacy. Its scorecard adds to the
// common rules (Scorecard.h) the program eligibility as a gate ("P4P Program
// Eligibility Criteria": a pharmacy failing one keeps its stars and points,
// is paid 0, and its lines name the criteria failed) and, with a `p4p_pool`
// parameter, the payout on the program line (PharmacyPayout.h).
#pragma once

#include <vector>

#include "score/PharmacyEligibility.h"
#include "score/Scorecard.h"

namespace mc::score {

// True when the program has measures and every one is scored per pharmacy
// (isPharmacyMeasure): the eligibility of pharmacies gates nobody else.
bool isPharmacyProgram(const ProgramScoring& program);

// The points that make 100%: the sum of the domains' points possible (the
// seed's "Total possible points: 10 = 100%"), or of their measures' points
// where those sum to more, so that performance never passes 100%.
double programPoints(const ProgramScoring& program);

// Adds the eligibility gate (after the program's own gates) and, when the
// program has a `p4p_pool`, the payout, to a pharmacy program's scoring.
void addPharmacyProgram(ProgramScoring& program, const std::vector<PharmacyEligibility>& rows,
                        const PharmacyEligibilityRules& rules, size_t providerCount);

}  // namespace mc::score
