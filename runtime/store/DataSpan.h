// How far the data reaches in time, so that a run can say when its period
// ends after the data does (the days after the last event then read as days
// without care: uncovered days in a PDC, no refill, no visit).
#pragma once

#include "store/MemberStore.h"

namespace mc::store {

// The latest event date (service, onset or fill date) of any kind and any
// status; kNoDate when the store has no events.
Days latestEventDate(const MemberStore& store);

}  // namespace mc::store
