// Writer of pharmacy_eligibility.csv (docs/data.md): the rows of
// score::pharmacyEligibility, written when a measure of the run is scored
// per pharmacy.
#pragma once

#include <optional>
#include <ostream>
#include <vector>

#include "output/ResultsDirectory.h"
#include "score/PharmacyEligibility.h"
#include "store/MemberStore.h"

namespace mc::output {

// The header and one line per row, in the order given.
void writePharmacyEligibility(std::ostream& out, const store::MemberStore& store,
                              const std::vector<score::PharmacyEligibility>& rows);

// Writes pharmacy_eligibility.csv into `dir`. The run writes it when a
// measure of the run is a pharmacy measure (score::anyPharmacyMeasure), so
// other runs write the files they always did.
std::optional<OutputError> writePharmacyEligibilityFile(
    const ResultsDirectory& dir, const store::MemberStore& store,
    const std::vector<score::PharmacyEligibility>& rows);

}  // namespace mc::output
