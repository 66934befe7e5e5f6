// FHIR date, dateTime and instant values read into the one date type of
// measurec. Times are read as UTC (the eCQM test decks are written so: a
// time with an offset is moved to UTC before its day is taken).
#pragma once

#include <string>
#include <string_view>

#include "support/Date.h"
#include "support/DateTime.h"

namespace mc::import::fhir {

struct FhirDate {
  enum class Reading { Day, Partial, Bad };
  Reading reading = Reading::Bad;
  Days day = kNoDate;      // set when reading is Day
  Seconds time = kNoTime;  // the UTC time of day, when the text has a time
  std::string problem;     // set otherwise: what is wrong with the text
};

// `2025-03-04`, `2025-03-04T10:00:00Z`, `2025-03-04T23:30:00-05:00` (the
// UTC day: 2025-03-05) are Days; `2025` and `2025-03` are Partial (a
// DATA.md date is a day); anything else is Bad. A dateTime's time of day,
// in UTC, is kept in `time` (docs/data.md "Times of day").
FhirDate readFhirDate(std::string_view text);

}  // namespace mc::import::fhir
