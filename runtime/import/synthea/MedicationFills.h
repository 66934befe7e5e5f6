// How a Synthea medication (START..STOP, DISPENSES) becomes pharmacy fills.
//
// Synthea writes one row per prescription with the number of times it was
// dispensed, not the fills themselves. The reading: the dispenses are evenly
// spaced from START and each covers the days until the next one.
// - STOP given: the interval is (STOP - START) / DISPENSES days (at least 1);
//   no fill starts on or after STOP (a 3-day prescription dispensed 5 times
//   gives 3 one-day fills).
// - STOP empty (still taken at the end of the export): Synthea renews a
//   chronic medication monthly, so the interval is 30 days.
// Each fill's days_supply is the interval. DISPENSES 0 gives no fill.
#pragma once

#include <vector>

#include "support/Date.h"

namespace mc::import::synthea {

struct Fill {
  Days date = kNoDate;
  int daysSupply = 0;
};

inline constexpr int kOpenPrescriptionInterval = 30;

std::vector<Fill> medicationFills(Days start, Days stop, long dispenses);

}  // namespace mc::import::synthea
