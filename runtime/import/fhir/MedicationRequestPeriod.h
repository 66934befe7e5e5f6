// The period a MedicationRequest covers, as the eCQMs compute it:
// CumulativeMedicationDuration 4.1.000, `medicationRequestPeriod()`
// (shared/ecqm/cql/CumulativeMedicationDuration.cql). The import writes its
// end in orders.csv `end_date` so that a measure reads the period of a
// medication order (AdvancedIllnessandFrailty's dementia medications) from
// the data, not from a fill's supply.
#pragma once

#include <simdjson.h>

#include <string>
#include <vector>

#include "support/Date.h"

namespace mc::import::fhir {

struct RequestPeriod {
  // [start, end]; both kNoDate when the CQL function returns null (no start,
  // or neither a supply nor a bounds end gives an end).
  Days start = kNoDate;
  Days end = kNoDate;
  // How the period was found, or why there is none: notes for the report.
  std::vector<std::string> notes;
};

RequestPeriod medicationRequestPeriod(simdjson::dom::element request);

}  // namespace mc::import::fhir
