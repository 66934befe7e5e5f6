// Proportion of days covered (PDC) by the Pharmacy Quality Alliance method
// (PQA, "Proportion of Days Covered (PDC) measures", the method CMS Part D
// Star Ratings use for its adherence measures): the share of the days of a
// member's treatment period on which the member had drug on hand.
//
// - Index date: the first fill dated in the period.
// - Treatment period: the index date to the end of the period, or the day
//   of death, or the last day of the enrollment run that holds the index
//   date, whichever comes first (the caller passes that end).
// - A fill covers [start, start + days_supply - 1].
// - Same drug, same date: one fill, the one with the largest days supply, so
//   a duplicate or a re-billed claim does not add days (issue 12: "two fills
//   on the same date are one"; the longest days supply as the CMS Part D
//   technical notes on PQA's PDC put it, from memory: not checked against a
//   public copy of the PQA text).
// - Same drug, earlier supply still on hand: the fill starts the day after
//   that supply runs out (PQA's adjustment for early refills; PQA's public
//   worked examples, pqaalliance.org/assets/Measures/pdc-sta.js.txt: a fill
//   on 2018-09-25 while supply lasts to 10-02 has its first dose on 10-03).
//   This carries from fills dated before the period: their supply is on
//   hand too.
// - Different drugs of the class overlap without shifting (a member taking
//   two drugs of the class at once is covered once per day; the same PQA
//   examples: two drugs filled on one date both start that day).
// - Only days of the treatment period count, covered or not.
//
// The pieces are separate so that explain can show them. Fills come in date
// order (store::EventTable); the work is a sort of the covered spans and one
// sweep, never a day-by-day scan of every pair of fills.
#pragma once

#include <cstdint>
#include <vector>

#include "support/Date.h"

namespace mc::interp {

struct PdcFill {
  Days date = kNoDate;
  std::int32_t daysSupply = 0;
  std::uint32_t drug = 0;   // fills of one drug shift; others overlap
  std::uint32_t event = 0;  // the caller's id for explain
};

// The days one fill supplies after the same-drug adjustments: [from, to],
// empty (to < from) for a fill of no days or a duplicate on its date.
struct PdcSpan {
  std::uint32_t event = 0;
  std::int64_t from = 0;  // a day number (support/Date.h), wider: a span may run past 9999
  std::int64_t to = -1;
  bool shifted = false;    // starts after its date (an early refill)
  bool duplicate = false;  // another fill of its drug on its date supplies more
  bool late = false;       // dated after the treatment period: not read
};

struct PdcResult {
  Days indexDate = kNoDate;     // kNoDate: no fill dated in the period
  Days treatmentEnd = kNoDate;  // the last day of the treatment period
  std::int64_t coveredDays = 0;
  std::int64_t treatmentDays = 0;
  std::vector<PdcSpan> spans;  // one per fill, in the fills' order

  // covered / treatment days; NaN when there is no treatment period.
  double proportion() const;
};

// The first fill dated in [periodStart, periodEnd]; kNoDate when none.
Days pdcIndexDate(const std::vector<PdcFill>& fills, Days periodStart, Days periodEnd);

// The PDC of `fills` (date order; fills after the treatment end are
// ignored) over [indexDate, treatmentEnd]. A treatment end before the index
// date leaves no treatment period.
PdcResult proportionOfDaysCovered(const std::vector<PdcFill>& fills, Days indexDate,
                                  Days treatmentEnd);

}  // namespace mc::interp
