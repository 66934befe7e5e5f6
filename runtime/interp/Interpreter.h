// The tree-walking interpreter of the measure IR: scores one member at a
// time against one measure, with per-member memoisation of shared nodes.
// Nodes that read a bound event (event pairing) are recomputed per event,
// with the event each query's scan binds in a slot per query.
// One instance per thread; it borrows the measure, store and bindings.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "interp/CodeSetBinding.h"
#include "interp/Pdc.h"
#include "ir/Ir.h"
#include "score/Attribution.h"
#include "score/Outcome.h"
#include "store/MemberStore.h"

namespace mc::interp {

struct Period {
  Days start = kNoDate;
  Days end = kNoDate;
  // `run --as-of`: the data ends on this date (the loader read nothing
  // later), so a PDC's treatment period ends there too, as an interim
  // report's year-to-date adherence does, and a rate's member years (a
  // year-to-date rate per member years); kNoDate: not an interim run.
  Days asOf = kNoDate;
};

// A node's value: bools (ir::kFalse, kTrue, kUnknown), ints, dates and
// sexes in `i`; numbers in `n`; a quantity's number in `n` and its unit id
// in `i` (interp/QuantityUnits.h). Missing values as ir/Missing.h defines
// them.
struct Value {
  std::int64_t i = 0;
  double n = 0;
};

// Whether `v`, of type `t`, is missing (an unknown bool, a missing int, date
// or number); a sex never is.
bool isMissing(ir::Type t, const Value& v);

// Why an event whose codes match a query is still not one of its events
// (Principal: a `with principal` set matches one of its codes, but not the
// principal diagnosis; Value: `where value ...`; Condition: another `where`;
// CodedValue / NoValue: `with value SET` or `with any value`).
enum class Mismatch : std::uint8_t {
  None,
  Principal,
  Status,
  Window,
  Setting,
  Provider,
  OtherProvider,
  Value,
  Condition,
  CodedValue,
  NoValue,
  Discharge,
  NoDischarge,
  Site,
  NoSite,
  Category,
  NoCategory,
  Intent,  // `with intent SET`
  Reason,  // `with reason SET`, `with any reason`
  // A window that asks the event's end, of an event without a period (a
  // medication order whose end_date is `unknown`).
  NoPeriod,
};
const char* mismatchText(Mismatch m);

struct NearMiss {
  std::uint32_t event;
  Mismatch why;
};

struct Plan;  // interp/Plan.h

class Interpreter {
 public:
  // Builds its own plan (interp/Plan.h) for `period`.
  Interpreter(const ir::Measure& measure, const store::MemberStore& store,
              const CodeSetBinding& codes, Period period);
  // Shares `plan` (made for this measure), which must outlive it: the
  // member-independent nodes are read from it, never computed per member.
  Interpreter(const ir::Measure& measure, const store::MemberStore& store,
              const CodeSetBinding& codes, const Plan& plan);

  score::MemberOutcome evaluate(store::MemberIndex member);
  // After evaluate(), for a measure attributed to pharmacies: the member's
  // pharmacy and the fill counts that chose it (score/Attribution.h).
  score::PharmacyChoice pharmacy();
  // The same for `member` without scoring it: for an engine that scored the
  // member itself (runtime/jit) and leaves pharmacy attribution to the
  // interpreter.
  score::PharmacyChoice pharmacyOf(store::MemberIndex member);

  // After evaluate(): the value of any node for that member (evaluated on
  // demand), and the events a query matches (before aggregation), for explain.
  Value value(ir::NodeId node);
  // A query that reads the event of an enclosing query (pairing) uses the
  // event bound to it by bindEvent().
  std::vector<std::uint32_t> matches(std::int32_t query);
  // The events that every filter of the query but its `where` keeps: the
  // events a pairing is asked about, for explain.
  std::vector<std::uint32_t> candidates(std::int32_t query);
  // Binds `event` (of query `query`'s kind) for the queries nested in it,
  // as the scan of `query` does, for explain; kNoEvent unbinds.
  void bindEvent(std::int32_t query, std::uint32_t event);
  static constexpr std::uint32_t kNoEvent = 0xFFFFFFFFu;
  // After evaluate(): the member's events with the query's codes that
  // another filter (status, window, setting, provider, value) turned away;
  // none for a query without codes.
  std::vector<NearMiss> nearMisses(std::int32_t query);
  // The proportion of days covered of a `pdc of` query (interp/Pdc.h) with
  // its pieces, for the current member; for explain.
  PdcResult pdc(std::int32_t query);

  // How many nodes this interpreter has computed (memo misses), for tests.
  std::uint64_t nodesComputed() const { return computed_; }
  // How many events the query scans have looked at, for tests: the date
  // slice of each scan (interp/Plan.h) keeps pairing below quadratic.
  std::uint64_t eventsVisited() const { return visited_; }

 private:
  friend Plan makePlan(const ir::Measure&, const store::MemberStore&, const CodeSetBinding&, Period,
                       const std::array<std::int64_t, store::kEventKindCount>&);
  Interpreter(const ir::Measure& measure, const store::MemberStore& store,
              const CodeSetBinding& codes, std::shared_ptr<const Plan> own);
  Value eval(ir::NodeId id);
  Value compute(const ir::Node& n);
  Value arithmetic(const ir::Node& n);
  Value comparison(const ir::Node& n);
  Value logic(const ir::Node& n);
  // enrollment_start, enrolled_days, member_months, member_years
  // (interp/EnrollmentData.cpp).
  Value enrollmentData(const ir::Node& n);
  Value query(std::int32_t qi);
  Value eventField(const ir::Node& n) const;
  // The once-per-scan part of a query: the values of its filters' nodes
  // (window dates, `by provider`), by filter, and the slice of the member's
  // events that the window bounds leave (empty when a bound is missing).
  struct Scan {
    std::vector<std::int64_t> values;
    std::uint32_t begin = 0, end = 0;
  };
  Scan prepare(const ir::Query& q, const store::EventTable& t);
  bool eventMatches(std::int32_t qi, const ir::Query& q, const store::EventTable& t,
                    std::uint32_t e, const Scan& scan);
  // Whether filter i of query qi holds for event e.
  bool filterHolds(std::int32_t qi, const ir::Query& q, size_t i, const store::EventTable& t,
                   std::uint32_t e, const Scan& scan);
  bool anyCodeIn(std::int32_t set, const store::EventTable& t, std::uint32_t e) const;
  Mismatch mismatchOf(std::int32_t qi, const ir::Query& q, size_t i, const store::EventTable& t,
                      std::uint32_t e) const;
  bool slotHolds(const ir::Filter& f, const store::EventTable& t, std::uint32_t e) const;
  bool enrolled(Days lo, Days hi, std::int64_t maxGaps, std::int64_t maxGapDays) const;
  bool enrolledYearly(Days lo, Days hi, std::int64_t maxGaps, std::int64_t maxGapDays) const;
  bool enrolledOn(Days d) const;
  // The last day of the continuous enrollment run (spans merged) that holds
  // day d; kNoDate when none does; kOpenEnd when it has no end.
  Days enrollmentRunEnd(Days d) const;
  // -1 when every term holds (all-rules) / no term holds (any-rules);
  // otherwise the deciding term. A term holds only when it is true: an
  // unknown term fails an all-rule (then `unknown` is set) and does not
  // satisfy an any-rule.
  int decidingTerm(const ir::Rule& rule, bool& unknown);
  // An event-unit measure: the member's unit events per provider and how
  // many meet the numerator (each term true with the event bound).
  void countUnits(score::MemberOutcome& o);
  void askException(score::MemberOutcome& o);

  const ir::Measure& measure_;
  const store::MemberStore& store_;
  const CodeSetBinding& codes_;
  std::shared_ptr<const Plan> ownPlan_;  // when built by the interpreter itself
  // The shared plan's arrays (interp/Plan.h), read on every eval.
  const std::uint8_t* independent_ = nullptr;
  const std::uint8_t* perEvent_ = nullptr;  // nodes that read a bound event: never memoised
  const Value* planValues_ = nullptr;
  const Plan* plan_ = nullptr;
  Period period_;
  store::MemberIndex member_ = 0;
  // The per-member memo; it only ever holds member-dependent nodes.
  std::vector<Value> values_;
  std::vector<std::uint32_t> stamp_;
  std::uint32_t generation_ = 0;
  std::uint64_t computed_ = 0;
  std::uint64_t visited_ = 0;
  // Per query: the event its scan has bound (pairing), or kNoEvent.
  std::vector<std::uint32_t> bound_;
};

}  // namespace mc::interp
