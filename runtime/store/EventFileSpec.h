// How each event file of a data directory maps onto an EventTable: its
// date, code, end-date, provider and value columns (DATA.md inputs table).
#pragma once

#include "store/MemberStore.h"

namespace mc::store {

// How one event file maps onto an EventTable (DATA.md inputs table).
struct EventFileSpec {
  EventKind kind;
  const char* date;
  const char* codes;  // nullptr: no code column (pharmacy has ndc/rxnorm)
  const char* end;    // nullptr: no end-date column
  Days emptyEnd;      // kNoDate: same day as `date`; kOpenEnd: still open
  const char* endHint;
  const char* provider;
  bool providerRequired;
  const char* toProvider;
  const char* value;
  bool valueMustBeNumber;  // pharmacy quantity; observation values may be text
};

inline constexpr EventFileSpec kEventFiles[kEventKindCount] = {
    {EventKind::Visit, "date", "codes", "end_date", kNoDate,
     "end_date is the through/discharge date; leave it empty for a same-day service", "provider_id",
     false, nullptr, nullptr, false},
    {EventKind::Pharmacy, "fill_date", nullptr, nullptr, kNoDate, "", "pharmacy_id", false, nullptr,
     "quantity", true},
    // end_date: the end of an effectivePeriod (FHIR); empty for a point in time.
    {EventKind::Observation, "date", "code", "end_date", kNoDate,
     "end_date is the end of an observation's effective period; leave it empty for one point in "
     "time",
     "provider_id", false, nullptr, "value", false},
    {EventKind::Condition, "onset_date", "codes", "abatement_date", kOpenEnd,
     "leave abatement_date empty for a condition that is still active", "provider_id", false,
     nullptr, nullptr, false},
    {EventKind::Immunization, "date", "code", nullptr, kNoDate, "", "provider_id", false, nullptr,
     nullptr, false},
    {EventKind::Supplemental, "date", "codes", nullptr, kNoDate, "", "provider_id", false, nullptr,
     "value", false},
    {EventKind::Referral, "date", nullptr, nullptr, kNoDate, "", "from_provider_id", true,
     "to_provider_id", nullptr, false},
    // end_date: the last day of a medication order's period (`unknown` when
    // its CQL medicationRequestPeriod is null); empty for a point in time.
    {EventKind::Order, "date", "codes", "end_date", kNoDate,
     "end_date is the last day of a medication order's period (`unknown` when it has none); leave "
     "it empty for an order of one day",
     "provider_id", false, nullptr, nullptr, false},
};

}  // namespace mc::store
