// The aggregates of event queries: what a query's matching events add up to,
// one switch apart from the scan (Interpreter::query cuts the member's events
// to a date slice and says which events match), so that a new aggregate adds
// a case here only. Events of a member are in date order
// (store::EventTable), which the date aggregates rely on.
#pragma once

#include <cmath>
#include <cstdint>

#include "interp/Interpreter.h"
#include "ir/Ir.h"
#include "ir/Missing.h"
#include "store/MemberStore.h"

namespace mc::interp {

namespace aggregates {

inline Value boolValue(bool b) { return {ir::truth(b), 0}; }
inline Value intValue(std::int64_t i) { return {i, 0}; }
inline Value numValue(double n) { return {0, ir::finiteOrMissing(n)}; }
// An event's value with its unit (interp/QuantityUnits.h).
inline Value quantityOf(const store::EventTable& t, std::uint32_t e) {
  return {static_cast<std::int64_t>(t.unit[e]), ir::finiteOrMissing(t.value[e])};
}
inline Value missingQuantity() { return {0, ir::kMissingNum}; }

// The lowest (`lowest`) or highest value of the events of [begin, end) that
// `match` keeps and that have one; missing when none has one, or when two
// are in different units (CQL: quantities that do not compare have no
// minimum).
template <typename Match>
Value extremeValue(const store::EventTable& t, std::uint32_t begin, std::uint32_t end, Match& match,
                   bool lowest) {
  Value best = missingQuantity();
  for (std::uint32_t e = begin; e < end; ++e) {
    if (std::isnan(t.value[e]) || !match(e)) continue;
    const Value v = quantityOf(t, e);
    if (std::isnan(best.n)) {
      best = v;
    } else if (v.i != best.i) {
      return missingQuantity();
    } else if (lowest ? v.n < best.n : v.n > best.n) {
      best = v;
    }
  }
  return best;
}

// The number `sum FIELD of` reads; NaN when the event has none. The store
// keeps a fill's quantity in `value` (MemberStore.h); days_supply is
// required in pharmacy.csv and so never missing. Sema and ir::verify admit
// only the numeric fields.
inline double sumFieldOf(EventField f, const store::EventTable& t, std::uint32_t e) {
  switch (f) {
    case EventField::Quantity:
    case EventField::Value: return t.value[e];
    case EventField::DaysSupply: return static_cast<double>(t.daysSupply[e]);
    default: break;
  }
  return ir::kMissingNum;
}

// Calls `visit(date)` for each distinct date of the events of [begin, end)
// that `match` keeps, in date order (two events on one day are one date),
// until it returns false.
template <typename Match, typename Visit>
void forEachDistinctDate(const store::EventTable& t, std::uint32_t begin, std::uint32_t end,
                         Match& match, Visit visit) {
  Days last = kNoDate;
  for (std::uint32_t e = begin; e < end; ++e) {
    if (t.date[e] != last && match(e)) {
      last = t.date[e];
      if (!visit(last)) return;
    }
  }
}

}  // namespace aggregates

// The aggregate of `q` over the events of [begin, end) that `match` keeps.
template <typename Match>
Value aggregateOver(const ir::Query& q, const store::EventTable& t, std::uint32_t begin,
                    std::uint32_t end, Match match) {
  using aggregates::boolValue;
  using aggregates::intValue;
  using aggregates::numValue;
  switch (q.aggregate) {
    case ir::Aggregate::Exists:
      for (std::uint32_t e = begin; e < end; ++e)
        if (match(e)) return boolValue(true);
      return boolValue(false);
    case ir::Aggregate::Count: {
      std::int64_t n = 0;
      for (std::uint32_t e = begin; e < end; ++e) n += match(e) ? 1 : 0;
      return intValue(n);
    }
    case ir::Aggregate::CountDistinctDates: {
      std::int64_t n = 0;
      aggregates::forEachDistinctDate(t, begin, end, match, [&](Days) { return ++n > 0; });
      return intValue(n);
    }
    case ir::Aggregate::LatestValue:
      // The latest matching event that carries a value.
      for (std::uint32_t e = end; e-- > begin;)
        if (!std::isnan(t.value[e]) && match(e)) return aggregates::quantityOf(t, e);
      return aggregates::missingQuantity();
    case ir::Aggregate::FirstValue:
      for (std::uint32_t e = begin; e < end; ++e)
        if (!std::isnan(t.value[e]) && match(e)) return aggregates::quantityOf(t, e);
      return aggregates::missingQuantity();
    case ir::Aggregate::LowestValue:
    case ir::Aggregate::HighestValue:
      return aggregates::extremeValue(t, begin, end, match,
                                      q.aggregate == ir::Aggregate::LowestValue);
    case ir::Aggregate::LatestDate:
      for (std::uint32_t e = end; e-- > begin;)
        if (match(e)) return intValue(t.date[e]);
      return intValue(ir::kMissingDate);
    case ir::Aggregate::FirstDate:
      for (std::uint32_t e = begin; e < end; ++e)
        if (match(e)) return intValue(t.date[e]);
      return intValue(ir::kMissingDate);
    case ir::Aggregate::LatestTime:
      // Events are ordered by date, then time of day (a start without a
      // time first): the last match is the latest.
      for (std::uint32_t e = end; e-- > begin;)
        if (match(e)) return intValue(packDayTime(t.date[e], t.startTimeOf(e)));
      return intValue(kMissingDayTime);
    case ir::Aggregate::LatestEnd: {
      // Events are in date order, not end order: every match is read. An
      // open end is the date (QICoreCommon latest(): `if period.hasEnd()
      // then end of period else start of period`).
      std::int64_t latest = ir::kMissingDate;
      for (std::uint32_t e = begin; e < end; ++e) {
        const Days last = t.endDate[e] == kOpenEnd ? t.date[e] : t.endDate[e];
        if ((latest == ir::kMissingDate || last > latest) && match(e)) latest = last;
      }
      return intValue(latest);
    }
    case ir::Aggregate::Sum: {
      // SQL SUM: events without the field are skipped. The sum of no events
      // is 0, not missing (unlike SQL): units and days are counts, and a
      // ratio such as AMR's controller units / total units must be 0 / 0 =
      // missing for a member with no fills, never a false 0 from a missing
      // numerator over a real total.
      double sum = 0;
      for (std::uint32_t e = begin; e < end; ++e) {
        const double x = aggregates::sumFieldOf(q.aggField, t, e);
        if (!std::isnan(x) && match(e)) sum += x;
      }
      return numValue(sum);
    }
    case ir::Aggregate::NthDate: {
      // The aggParam-th distinct date; missing when there are fewer.
      std::int64_t n = 0, nth = ir::kMissingDate;
      aggregates::forEachDistinctDate(t, begin, end, match, [&](Days d) {
        if (++n < q.aggParam) return true;
        nth = d;
        return false;
      });
      return intValue(nth);
    }
    case ir::Aggregate::CountSpacedDates: {
      // Greedy, earliest first: a date counts when it is at least aggParam
      // days after the date counted before it. Taking the earliest possible
      // date each time leaves the most room for the rest, so the count is
      // the largest any choice of dates could give.
      std::int64_t n = 0;
      std::int64_t last = 0;
      for (std::uint32_t e = begin; e < end; ++e) {
        const std::int64_t d = t.date[e];
        if ((n == 0 || d - last >= q.aggParam) && match(e)) {
          ++n;
          last = d;
        }
      }
      return intValue(n);
    }
    case ir::Aggregate::Pdc:
      // Interpreter::pdc: it reads fills dated before the window's slice.
      return numValue(ir::kMissingNum);
  }
  return boolValue(false);
}

}  // namespace mc::interp
