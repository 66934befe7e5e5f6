// Evaluation of IR nodes and event queries for one member.
#include "interp/Interpreter.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "interp/Aggregates.h"
#include "interp/Enrollment.h"
#include "interp/PdcMember.h"
#include "interp/Plan.h"
#include "interp/QuantityUnits.h"
#include "ir/CalendarOps.h"
#include "ir/Missing.h"
#include "score/Attribution.h"
#include "support/Date.h"

namespace mc::interp {

using ir::Op;

Interpreter::Interpreter(const ir::Measure& measure, const store::MemberStore& store,
                         const CodeSetBinding& codes, Period period)
    : Interpreter(measure, store, codes,
                  std::make_shared<const Plan>(makePlan(measure, store, codes, period))) {}

Interpreter::Interpreter(const ir::Measure& measure, const store::MemberStore& store,
                         const CodeSetBinding& codes, const Plan& plan)
    : measure_(measure),
      store_(store),
      codes_(codes),
      independent_(plan.independent.data()),
      perEvent_(plan.eventDependent.data()),
      planValues_(plan.values.data()),
      plan_(&plan),
      period_(plan.period) {
  values_.resize(measure.nodes.size());
  stamp_.assign(measure.nodes.size(), 0);
  bound_.assign(measure.queries.size(), kNoEvent);
}

Interpreter::Interpreter(const ir::Measure& measure, const store::MemberStore& store,
                         const CodeSetBinding& codes, std::shared_ptr<const Plan> own)
    : Interpreter(measure, store, codes, *own) {
  ownPlan_ = std::move(own);
}

Value Interpreter::value(ir::NodeId node) { return eval(node); }

Value Interpreter::eval(ir::NodeId id) {
  if (independent_[id]) return planValues_[id];
  if (perEvent_[id]) {  // one value per bound event: recomputed each time
    ++computed_;
    return compute(measure_.nodes[id]);
  }
  if (stamp_[id] == generation_) return values_[id];
  ++computed_;
  const Value v = compute(measure_.nodes[id]);
  values_[id] = v;
  stamp_[id] = generation_;
  return v;
}

static Value boolValue(bool b) { return {ir::truth(b), 0}; }
static Value truthValue(std::int64_t t) { return {t, 0}; }
static Value intValue(std::int64_t i) { return {i, 0}; }
static Value numValue(double n) { return {0, ir::finiteOrMissing(n)}; }

template <typename T>
static bool compare(ir::CmpOp op, T a, T b) {
  switch (op) {
    case ir::CmpOp::Eq: return a == b;
    case ir::CmpOp::Ne: return a != b;
    case ir::CmpOp::Lt: return a < b;
    case ir::CmpOp::Le: return a <= b;
    case ir::CmpOp::Gt: return a > b;
    case ir::CmpOp::Ge: return a >= b;
  }
  return false;
}

bool isMissing(ir::Type t, const Value& v) {
  switch (t) {
    case ir::Type::Bool: return v.i == ir::kUnknown;
    case ir::Type::Int: return v.i == ir::kMissingInt;
    case ir::Type::Num:
    case ir::Type::Quantity: return std::isnan(v.n);
    case ir::Type::Date: return v.i == ir::kMissingDate;
    case ir::Type::Datetime: return v.i == kMissingDayTime;
    case ir::Type::Sex: return false;
    case ir::Type::Provider:
    case ir::Type::Setting:
    case ir::Type::Code: return v.i == ir::kMissingId;
  }
  return false;
}

Value Interpreter::arithmetic(const ir::Node& n) {
  const Value a = eval(n.a);
  const Value b = eval(n.b);
  if (n.type == ir::Type::Num) {
    switch (n.op) {
      case Op::Add: return numValue(a.n + b.n);
      case Op::Sub: return numValue(a.n - b.n);
      case Op::Mul: return numValue(a.n * b.n);
      default: return numValue(b.n == 0 ? ir::kMissingNum : a.n / b.n);  // Div
    }
  }
  switch (n.op) {
    case Op::Add: return intValue(ir::intAdd(a.i, b.i));
    case Op::Sub: return intValue(ir::intSub(a.i, b.i));
    default: return intValue(ir::intMul(a.i, b.i));  // Mul
  }
}

Value Interpreter::comparison(const ir::Node& n) {
  const ir::Type t = measure_.nodes[n.a].type;
  const Value a = eval(n.a);
  const Value b = eval(n.b);
  if (isMissing(t, a) || isMissing(t, b)) return truthValue(ir::kUnknown);
  // CQL: quantities in units that do not compare give null (unknown).
  if (t == ir::Type::Quantity)
    return a.i != b.i ? truthValue(ir::kUnknown) : boolValue(compare(n.cmp, a.n, b.n));
  if (t == ir::Type::Datetime) {
    const int order = ir::dayTimeOrder(a.i, b.i);
    return order == ir::kUnknownOrder ? truthValue(ir::kUnknown)
                                      : boolValue(compare(n.cmp, order, 0));
  }
  return boolValue(t == ir::Type::Num ? compare(n.cmp, a.n, b.n) : compare(n.cmp, a.i, b.i));
}

// `and` / `or` evaluate their second operand only when the first does not
// decide (false for `and`, true for `or`).
Value Interpreter::logic(const ir::Node& n) {
  const std::int64_t a = eval(n.a).i;
  if (n.op == Op::And) return truthValue(a == ir::kFalse ? a : ir::kleeneAnd(a, eval(n.b).i));
  return truthValue(a == ir::kTrue ? a : ir::kleeneOr(a, eval(n.b).i));
}

Value Interpreter::compute(const ir::Node& n) {
  switch (n.op) {
    case Op::ConstBool:
    case Op::ConstInt:
    case Op::ConstDate:
    case Op::ConstSex:
    case Op::ConstSetting: return intValue(n.imm);
    case Op::ConstNum: return numValue(n.num);
    case Op::ConstQuantity: return {literalUnitId(store_, measure_, n.imm), n.num};
    case Op::PeriodStart: return intValue(period_.start);
    case Op::PeriodEnd: return intValue(period_.end);
    case Op::BirthDate: return intValue(store_.members.birthDate[member_]);
    case Op::DeathDate: return intValue(store_.members.deathDate[member_]);
    case Op::MemberSex: return intValue(static_cast<int>(store_.members.sex[member_]));
    case Op::Not: return truthValue(ir::kleeneNot(eval(n.a).i));
    case Op::And:
    case Op::Or: return logic(n);
    case Op::Neg:
      return n.type == ir::Type::Num ? numValue(-eval(n.a).n) : intValue(ir::intNeg(eval(n.a).i));
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div: return arithmetic(n);
    case Op::IntToNum: return numValue(ir::intToNum(eval(n.a).i));
    case Op::QuantityToNum: return numValue(eval(n.a).n);
    case Op::Cmp: return comparison(n);
    case Op::IsMissing: return boolValue(isMissing(measure_.nodes[n.a].type, eval(n.a)));
    case Op::AddDays: return intValue(ir::dateAddDays(eval(n.a).i, eval(n.b).i));
    case Op::AddMonths: return intValue(ir::dateAddMonths(eval(n.a).i, eval(n.b).i));
    case Op::DiffDays: return intValue(ir::dateDiffDays(eval(n.a).i, eval(n.b).i));
    case Op::MakeDate: return intValue(ir::makeDate(eval(n.a).i, eval(n.b).i, eval(n.c).i));
    case Op::YearOf: return intValue(ir::datePart(eval(n.a).i, ir::DatePart::Year));
    case Op::MonthOf: return intValue(ir::datePart(eval(n.a).i, ir::DatePart::Month));
    case Op::DayOf: return intValue(ir::datePart(eval(n.a).i, ir::DatePart::Day));
    case Op::AgeYears:
      return intValue(ir::ageInYearsAt(store_.members.birthDate[member_], eval(n.a).i));
    case Op::AgeMonths:
      return intValue(ir::ageInMonthsAt(store_.members.birthDate[member_], eval(n.a).i));
    case Op::Enrolled: {
      const std::int64_t lo = eval(n.a).i, hi = eval(n.b).i;
      if (lo == ir::kMissingDate || hi == ir::kMissingDate) return truthValue(ir::kUnknown);
      return boolValue(enrolled(static_cast<Days>(lo), static_cast<Days>(hi), n.imm, n.imm2));
    }
    case Op::EnrolledYearly: {
      const std::int64_t lo = eval(n.a).i, hi = eval(n.b).i;
      if (lo == ir::kMissingDate || hi == ir::kMissingDate) return truthValue(ir::kUnknown);
      return boolValue(enrolledYearly(static_cast<Days>(lo), static_cast<Days>(hi), n.imm, n.imm2));
    }
    case Op::EnrolledOn: {
      const std::int64_t d = eval(n.a).i;
      if (d == ir::kMissingDate) return truthValue(ir::kUnknown);
      return boolValue(enrolledOn(static_cast<Days>(d)));
    }
    case Op::EnrollmentStart:
    case Op::EnrolledDays:
    case Op::MemberMonths:
    case Op::MemberYears: return enrollmentData(n);
    case Op::Query: return query(static_cast<std::int32_t>(n.imm));
    case Op::EventField: return eventField(n);
    case Op::DateToDatetime: return intValue(ir::dateToDayTime(eval(n.a).i));
    case Op::LinkedPcp: {
      const std::int64_t d = eval(n.a).i;
      if (d == ir::kMissingDate) return intValue(ir::kMissingId);
      const store::ProviderId p = score::linkedPcp(store_, member_, static_cast<Days>(d));
      return intValue(p == store::kNoProvider ? ir::kMissingId : static_cast<std::int64_t>(p));
    }
  }
  throw std::logic_error("unknown IR op");
}

bool Interpreter::enrolled(Days lo, Days hi, std::int64_t maxGaps, std::int64_t maxGapDays) const {
  return enrolledOver(store_.enrollment, member_, lo, hi, maxGaps, maxGapDays);
}

bool Interpreter::enrolledYearly(Days lo, Days hi, std::int64_t maxGaps,
                                 std::int64_t maxGapDays) const {
  return enrolledEach12Months(store_.enrollment, member_, lo, hi, maxGaps, maxGapDays);
}

bool Interpreter::enrolledOn(Days d) const { return enrolledOnDay(store_.enrollment, member_, d); }

// A field of the event bound to query n.imm; missing when none is bound
// (explain asking outside a scan) or the row has no such value.
Value Interpreter::eventField(const ir::Node& n) const {
  const auto qi = static_cast<size_t>(n.imm);
  const std::uint32_t e = bound_[qi];
  const auto field = static_cast<EventField>(n.imm2);
  const bool num = field == EventField::Value || field == EventField::Quantity;
  if (e == kNoEvent) {
    const ir::Type t = ir::fieldType(field);
    return num                       ? numValue(ir::kMissingNum)
           : t == ir::Type::Date     ? intValue(ir::kMissingDate)
           : t == ir::Type::Datetime ? intValue(kMissingDayTime)
           : t == ir::Type::Int      ? intValue(ir::kMissingInt)
           : t == ir::Type::Bool     ? truthValue(ir::kUnknown)
                                     : intValue(ir::kMissingId);
  }
  const store::EventTable& t =
      store_.table(static_cast<store::EventKind>(measure_.queries[qi].kind));
  auto id = [](std::uint32_t v, std::uint32_t none) {
    return intValue(v == none ? ir::kMissingId : static_cast<std::int64_t>(v));
  };
  switch (field) {
    case EventField::Date: return intValue(t.date[e]);
    case EventField::End:
      return intValue(t.endDate[e] == kOpenEnd ? ir::kMissingDate : t.endDate[e]);
    case EventField::Provider: return id(t.provider[e], store::kNoProvider);
    case EventField::ToProvider: return id(t.toProvider[e], store::kNoProvider);
    case EventField::Setting:
      return t.setting[e] == store::Setting::None ? intValue(ir::kMissingId)
                                                  : intValue(static_cast<int>(t.setting[e]));
    case EventField::Value:
      return {static_cast<std::int64_t>(t.unit[e]), ir::finiteOrMissing(t.value[e])};
    case EventField::Quantity: return numValue(t.value[e]);
    case EventField::DaysSupply: return intValue(t.daysSupply[e]);
    case EventField::Principal: return id(t.principal[e], store::CodeDictionary::kNoCode);
    case EventField::Generic: return boolValue(t.generic[e] != 0);
    case EventField::StartTime: return intValue(packDayTime(t.date[e], t.startTimeOf(e)));
    case EventField::EndTime:
      return intValue(t.endDate[e] == kOpenEnd ? kMissingDayTime
                                               : packDayTime(t.endDate[e], t.endTimeOf(e)));
  }
  return intValue(ir::kMissingId);
}

bool Interpreter::anyCodeIn(std::int32_t set, const store::EventTable& t, std::uint32_t e) const {
  for (std::uint32_t c = t.codeStart[e]; c < t.codeStart[e + 1]; ++c)
    if (codes_.contains(set, t.codes[c])) return true;
  return false;
}

// `with SLOT SET`, `with any SLOT`: a coded field of the event
// (support/CodeSlots.h) in the set, or present at all.
bool Interpreter::slotHolds(const ir::Filter& f, const store::EventTable& t,
                            std::uint32_t e) const {
  if (f.slot == CodeSlot::Principal) {
    // The visit's principal diagnosis (its first ICD-10-CM code, kept by the store).
    const store::CodeId p = t.principal[e];
    return p != store::CodeDictionary::kNoCode && (f.codeset < 0 || codes_.contains(f.codeset, p));
  }
  // Any value: a number, a code or text.
  if (f.codeset < 0 && f.slot == CodeSlot::Value) return t.hasResult[e] != 0;
  const store::SlotCodes& slot = t.slots[static_cast<size_t>(f.slot)];
  for (std::uint32_t c = slot.begin(e); c < slot.end(e); ++c)
    if (f.codeset < 0 || codes_.contains(f.codeset, slot.codes[c])) return true;
  return false;
}

// The values of the nodes of a query's filters that do not depend on its
// own event, and the slice of the member's events (sorted by date) the
// window bounds leave: `start <=` / `start <` cut from above, `start >` from
// below, and `end >=` from below by the table's longest span (none when an
// event has an open end). A missing bound matches no event: an empty slice.
Interpreter::Scan Interpreter::prepare(const ir::Query& q, const store::EventTable& t) {
  Scan scan;
  scan.values.resize(q.filters.size());
  std::uint32_t lo = t.begin(member_), hi = t.end(member_);
  const Days* date = t.date.data();
  const std::int64_t span = plan_->longestSpan[static_cast<int>(q.kind)];
  for (size_t i = 0; i < q.filters.size(); ++i) {
    const ir::Filter& f = q.filters[i];
    if (f.kind == ir::FilterKind::ByProvider) scan.values[i] = eval(f.node).i;
    if (f.kind != ir::FilterKind::Window) continue;
    const std::int64_t b = eval(f.node).i;
    scan.values[i] = b;
    if (b == ir::kMissingDate) {
      scan.begin = scan.end = lo;
      return scan;
    }
    auto lower = [&](std::int64_t d) {
      return static_cast<std::uint32_t>(std::lower_bound(date + lo, date + hi, d) - date);
    };
    auto upper = [&](std::int64_t d) {
      return static_cast<std::uint32_t>(std::upper_bound(date + lo, date + hi, d) - date);
    };
    switch (f.bound) {
      case ir::Bound::StartsOnOrBefore: hi = upper(b); break;
      case ir::Bound::StartsBefore: hi = lower(b); break;
      case ir::Bound::StartsAfter: lo = upper(b); break;
      case ir::Bound::EndsOnOrAfter:
        if (span >= 0) lo = lower(b - span);
        break;
    }
    if (lo > hi) lo = hi;
  }
  scan.begin = lo;
  scan.end = hi;
  return scan;
}

bool Interpreter::filterHolds(std::int32_t qi, const ir::Query& q, size_t i,
                              const store::EventTable& t, std::uint32_t e, const Scan& scan) {
  const ir::Filter& f = q.filters[i];
  switch (f.kind) {
    case ir::FilterKind::Status: return ((f.statuses >> t.status[e]) & 1u) != 0;
    case ir::FilterKind::Window: {
      const std::int64_t b = scan.values[i];
      if (b == ir::kMissingDate) return false;  // a missing bound matches no event
      switch (f.bound) {
        case ir::Bound::EndsOnOrAfter: return t.endDate[e] >= b;
        case ir::Bound::StartsOnOrBefore: return t.date[e] <= b;
        case ir::Bound::StartsBefore: return t.date[e] < b;
        case ir::Bound::StartsAfter: return t.date[e] > b;
      }
      return false;
    }
    case ir::FilterKind::Setting: return ((f.settings >> static_cast<int>(t.setting[e])) & 1u) != 0;
    case ir::FilterKind::ByPcp: {
      const store::ProviderId p = t.provider[e];
      return p != store::kNoProvider && store_.providers.kind[p] == store::ProviderKind::Pcp &&
             store_.providers.listed[p];
    }
    case ir::FilterKind::ByProvider:
      // A missing provider (value or event's) matches no event.
      return scan.values[i] != ir::kMissingId && t.provider[e] != store::kNoProvider &&
             static_cast<std::int64_t>(t.provider[e]) == scan.values[i];
    case ir::FilterKind::Codes: return anyCodeIn(f.codeset, t, e);
    case ir::FilterKind::Slot: return slotHolds(f, t, e);
    case ir::FilterKind::Predicate: {
      // The node reads this query's event: bind it, as nested scans do theirs.
      const std::uint32_t saved = bound_[static_cast<size_t>(qi)];
      bound_[static_cast<size_t>(qi)] = e;
      const bool holds = eval(f.node).i == ir::kTrue;  // unknown: the event does not match
      bound_[static_cast<size_t>(qi)] = saved;
      return holds;
    }
  }
  return false;
}

bool Interpreter::eventMatches(std::int32_t qi, const ir::Query& q, const store::EventTable& t,
                               std::uint32_t e, const Scan& scan) {
  ++visited_;
  for (size_t i = 0; i < q.filters.size(); ++i)
    if (!filterHolds(qi, q, i, t, e, scan)) return false;
  return true;
}

// `pdc of q`: the period is the query's `during` window (ir::verify: one
// `end >=` and one `start <=` bound). Fills dated before the period are
// read too, from the member's first: their supply carries into it, and an
// in-period refill of the same drug shifts past it. Every other filter
// (codes, status, provider, where) decides which fills count.
PdcResult Interpreter::pdc(std::int32_t qi) {
  const ir::Query& q = measure_.queries[static_cast<size_t>(qi)];
  const store::EventTable& t = store_.table(static_cast<store::EventKind>(q.kind));
  Scan scan = prepare(q, t);
  std::int64_t lo = ir::kMissingDate, hi = ir::kMissingDate;
  for (size_t i = 0; i < q.filters.size(); ++i) {
    if (q.filters[i].kind != ir::FilterKind::Window) continue;
    (q.filters[i].bound == ir::Bound::EndsOnOrAfter ? lo : hi) = scan.values[i];
  }
  if (lo == ir::kMissingDate || hi == ir::kMissingDate || lo > hi)
    return proportionOfDaysCovered({}, kNoDate, kNoDate);
  const Days* date = t.date.data();
  const std::uint32_t begin = t.begin(member_);
  const auto end =
      static_cast<std::uint32_t>(std::upper_bound(date + begin, date + t.end(member_), hi) - date);
  std::vector<PdcFill> fills;
  for (std::uint32_t e = begin; e < end; ++e) {
    ++visited_;
    bool keep = true;
    for (size_t i = 0; i < q.filters.size() && keep; ++i)
      keep = q.filters[i].kind == ir::FilterKind::Window || filterHolds(qi, q, i, t, e, scan);
    if (!keep) continue;
    fills.push_back({t.date[e], t.daysSupply[e], pdcDrugOf(q, t, codes_, e), e});
  }
  return memberPdc(fills, lo, hi, store_, member_, period_.asOf);
}

Value Interpreter::query(std::int32_t qi) {
  const ir::Query& q = measure_.queries[static_cast<size_t>(qi)];
  if (q.aggregate == ir::Aggregate::Pdc) return {0, ir::finiteOrMissing(pdc(qi).proportion())};
  const store::EventTable& t = store_.table(static_cast<store::EventKind>(q.kind));
  const Scan scan = prepare(q, t);
  return aggregateOver(q, t, scan.begin, scan.end,
                       [&](std::uint32_t e) { return eventMatches(qi, q, t, e, scan); });
}

void Interpreter::bindEvent(std::int32_t query, std::uint32_t event) {
  bound_[static_cast<size_t>(query)] = event;
}

std::vector<std::uint32_t> Interpreter::matches(std::int32_t queryIndex) {
  const ir::Query& q = measure_.queries[static_cast<size_t>(queryIndex)];
  const store::EventTable& t = store_.table(static_cast<store::EventKind>(q.kind));
  const Scan scan = prepare(q, t);
  std::vector<std::uint32_t> out;
  for (std::uint32_t e = scan.begin; e < scan.end; ++e)
    if (eventMatches(queryIndex, q, t, e, scan)) out.push_back(e);
  return out;
}

std::vector<std::uint32_t> Interpreter::candidates(std::int32_t queryIndex) {
  const ir::Query& q = measure_.queries[static_cast<size_t>(queryIndex)];
  const store::EventTable& t = store_.table(static_cast<store::EventKind>(q.kind));
  const Scan scan = prepare(q, t);
  std::vector<std::uint32_t> out;
  for (std::uint32_t e = scan.begin; e < scan.end; ++e) {
    bool kept = true;
    for (size_t i = 0; i < q.filters.size() && kept; ++i)
      kept = q.filters[i].kind == ir::FilterKind::Predicate ||
             filterHolds(queryIndex, q, i, t, e, scan);
    if (kept) out.push_back(e);
  }
  return out;
}

// Why filter i turns an event away.
Mismatch Interpreter::mismatchOf(std::int32_t qi, const ir::Query& q, size_t i,
                                 const store::EventTable& t, std::uint32_t e) const {
  const ir::Filter& f = q.filters[i];
  switch (f.kind) {
    case ir::FilterKind::Status: return Mismatch::Status;
    case ir::FilterKind::Window:
      return f.bound == ir::Bound::EndsOnOrAfter && t.endDate[e] == store::kUnknownPeriodEnd
                 ? Mismatch::NoPeriod
                 : Mismatch::Window;
    case ir::FilterKind::Setting: return Mismatch::Setting;
    case ir::FilterKind::ByPcp: return Mismatch::Provider;
    case ir::FilterKind::ByProvider: return Mismatch::OtherProvider;
    case ir::FilterKind::Codes: return Mismatch::Principal;
    case ir::FilterKind::Slot:
      switch (f.slot) {
        case CodeSlot::Principal: return Mismatch::Principal;
        case CodeSlot::Value:
          // A number or text is a value too, just not one of the set's codes.
          return t.hasResult[e] != 0 ? Mismatch::CodedValue : Mismatch::NoValue;
        case CodeSlot::Discharge:
        case CodeSlot::Site: {
          const store::SlotCodes& codes = t.slots[static_cast<size_t>(f.slot)];
          const bool some = codes.begin(e) < codes.end(e);
          if (f.slot == CodeSlot::Site) return some ? Mismatch::Site : Mismatch::NoSite;
          return some ? Mismatch::Discharge : Mismatch::NoDischarge;
        }
        case CodeSlot::Reason: return Mismatch::Reason;
        case CodeSlot::Category: {
          const store::SlotCodes& codes = t.slots[static_cast<size_t>(f.slot)];
          return codes.begin(e) < codes.end(e) ? Mismatch::Category : Mismatch::NoCategory;
        }
        case CodeSlot::Intent: return Mismatch::Intent;  // every order has one
      }
      return Mismatch::None;
    case ir::FilterKind::Predicate: {
      // `where value > x` compares the query's own value field.
      const ir::Node& n = measure_.nodes[static_cast<size_t>(f.node)];
      if (n.op == ir::Op::Cmp) {
        const ir::Node& a = measure_.nodes[static_cast<size_t>(n.a)];
        if (a.op == ir::Op::EventField && a.imm == qi &&
            a.imm2 == static_cast<std::int64_t>(EventField::Value))
          return Mismatch::Value;
      }
      return Mismatch::Condition;
    }
  }
  return Mismatch::None;
}

std::vector<NearMiss> Interpreter::nearMisses(std::int32_t queryIndex) {
  const ir::Query& q = measure_.queries[static_cast<size_t>(queryIndex)];
  const store::EventTable& t = store_.table(static_cast<store::EventKind>(q.kind));
  std::vector<NearMiss> out;
  bool hasCodes = false;
  // A principal diagnosis set is matched against the event's codes: the
  // principal is one of them. The other coded fields are not.
  auto amongCodes = [](const ir::Filter& f) {
    return f.kind == ir::FilterKind::Codes ||
           (f.kind == ir::FilterKind::Slot && f.slot == CodeSlot::Principal && f.codeset >= 0);
  };
  for (const ir::Filter& f : q.filters) hasCodes = hasCodes || amongCodes(f);
  // Without codes every event would be "near".
  if (!hasCodes) return out;
  Scan scan = prepare(q, t);
  // Every event with the codes, not only those of the date slice.
  for (std::uint32_t e = t.begin(member_); e < t.end(member_); ++e) {
    bool codes = true;
    for (const ir::Filter& f : q.filters)
      if (amongCodes(f)) codes = codes && anyCodeIn(f.codeset, t, e);
    if (!codes) continue;
    // The first filter that fails, coded fields (the principal diagnosis,
    // the value) first, then in the query's order.
    Mismatch why = Mismatch::None;
    for (size_t i = 0; i < q.filters.size() && why == Mismatch::None; ++i)
      if (q.filters[i].kind == ir::FilterKind::Slot && !filterHolds(queryIndex, q, i, t, e, scan))
        why = mismatchOf(queryIndex, q, i, t, e);
    for (size_t i = 0; i < q.filters.size() && why == Mismatch::None; ++i)
      if (!filterHolds(queryIndex, q, i, t, e, scan)) why = mismatchOf(queryIndex, q, i, t, e);
    if (why != Mismatch::None) out.push_back({e, why});
  }
  return out;
}

const char* mismatchText(Mismatch m) {
  switch (m) {
    case Mismatch::None: return "matches";
    case Mismatch::Principal: return "its principal diagnosis is another";
    case Mismatch::Status: return "its status does not count";
    case Mismatch::Window: return "outside the time window";
    case Mismatch::Setting: return "in another setting";
    case Mismatch::Provider: return "not by a PCP";
    case Mismatch::OtherProvider: return "by another provider";
    case Mismatch::Value: return "its value does not meet the condition";
    case Mismatch::Condition: return "its 'where' condition does not hold";
    case Mismatch::CodedValue: return "its value is another";
    case Mismatch::NoValue: return "it has no value";
    case Mismatch::Discharge: return "its discharge disposition is another";
    case Mismatch::NoDischarge: return "it has no discharge disposition";
    case Mismatch::Site: return "its body site is another";
    case Mismatch::NoSite: return "it has no body site";
    case Mismatch::Reason: return "its reason is another, or it has none";
    case Mismatch::NoPeriod: return "it has no period (end_date unknown)";
    case Mismatch::Category: return "its category is another";
    case Mismatch::NoCategory: return "it has no category";
    case Mismatch::Intent: return "its intent is another";
  }
  return "?";
}

// An all-rule is decided by its first false term, or when none is false by
// its first unknown one; an any-rule by its first true term (Kleene: one
// false decides `and`, one true decides `or`).
int Interpreter::decidingTerm(const ir::Rule& rule, bool& unknown) {
  int firstUnknown = -1;
  unknown = false;
  for (size_t i = 0; i < rule.terms.size(); ++i) {
    const std::int64_t v = eval(rule.terms[i].node).i;
    if (v == (rule.any ? ir::kTrue : ir::kFalse)) return static_cast<int>(i);
    if (v == ir::kUnknown && firstUnknown < 0) firstUnknown = static_cast<int>(i);
  }
  unknown = !rule.any && firstUnknown >= 0;
  return rule.any ? -1 : firstUnknown;
}

void Interpreter::countUnits(score::MemberOutcome& o) {
  const std::int32_t uq = measure_.unitQuery;
  const ir::Query& q = measure_.queries[static_cast<size_t>(uq)];
  const store::EventTable& t = store_.table(static_cast<store::EventKind>(q.kind));
  const ir::Rule& num = measure_.rule(ir::RuleKind::Numerator);
  std::uint32_t total = 0;
  for (const std::uint32_t e : matches(uq)) {
    bound_[static_cast<size_t>(uq)] = e;
    // Every term true; an unknown one keeps the event out, as in a rule.
    bool holds = true;
    for (const ir::Term& term : num.terms) holds = holds && eval(term.node).i == ir::kTrue;
    const store::ProviderId p = t.provider[e];
    score::UnitCount& counts = o.units.of(p);
    ++counts.units;
    if (holds) {
      ++counts.numerator;
      ++total;
    }
  }
  bound_[static_cast<size_t>(uq)] = kNoEvent;
  o.numeratorValue = total;
  o.numerator = total > 0;
  o.decidingRule = ir::RuleKind::Numerator;
  o.decidingTerm = num.terms.empty() ? -1 : static_cast<int>(num.terms.size() - 1);
}

score::PharmacyChoice Interpreter::pharmacy() {
  if (measure_.attributionQuery < 0) return {};
  return score::attributedPharmacy(store_, matches(measure_.attributionQuery));
}

score::PharmacyChoice Interpreter::pharmacyOf(store::MemberIndex member) {
  member_ = member;
  if (++generation_ == 0) {  // wrapped: forget every memo
    std::fill(stamp_.begin(), stamp_.end(), 0);
    generation_ = 1;
  }
  return pharmacy();
}

static void setField(score::MemberOutcome& o, ir::OutcomeField f) {
  switch (f) {
    case ir::OutcomeField::Population: o.population = true; break;
    case ir::OutcomeField::Eligible: o.eligible = true; break;
    case ir::OutcomeField::Excluded: o.excluded = true; break;
    case ir::OutcomeField::Numerator: o.numerator = true; break;
    case ir::OutcomeField::Exception: o.exception = true; break;
  }
}

// eCQM "Denominator Exceptions", asked of a member who is eligible, not
// excluded and not in the numerator: when a term holds, it decides the
// outcome; otherwise the numerator's failing term still does.
void Interpreter::askException(score::MemberOutcome& o) {
  const ir::Rule& rule = measure_.rule(ir::RuleKind::Exception);
  bool unknown = false;
  const int t = decidingTerm(rule, unknown);
  if (t < 0) return;
  setField(o, ir::OutcomeField::Exception);
  o.decidingRule = ir::RuleKind::Exception;
  o.decidingTerm = t;
  o.decidingUnknown = false;
}

// Walks the measure's outcome cascade (ir::Cascade): each stage's rule
// either holds (its field is set) or not, and the walk stops where the stage
// says. A member who passes every stage gets the numerator value and, for a
// rate measure, the exposure.
score::MemberOutcome Interpreter::evaluate(store::MemberIndex member) {
  member_ = member;
  if (++generation_ == 0) {  // wrapped: forget every memo
    std::fill(stamp_.begin(), stamp_.end(), 0);
    generation_ = 1;
  }
  score::MemberOutcome o;
  const ir::Cascade& cascade = measure_.cascade;
  for (const ir::Stage& stage : cascade.stages) {
    const ir::Rule& rule = measure_.rule(stage.rule);
    bool unknown = false;
    const int t = decidingTerm(rule, unknown);
    const bool holds = rule.any ? t >= 0 : t < 0;
    if (holds) setField(o, stage.sets);
    o.decidingRule = stage.rule;
    o.decidingTerm = t;
    o.decidingUnknown = unknown;
    if (holds == stage.stopWhenHolds) {
      if (!holds && stage.sets == ir::OutcomeField::Numerator && cascade.exceptionAfterNumerator)
        askException(o);
      return o;
    }
  }
  if (measure_.unitQuery >= 0) {
    countUnits(o);
    return o;
  }
  // Every stage passed: the numerator's value (a missing weighted count
  // counts nothing, and the reason says it was unknown).
  const Value v = eval(cascade.numeratorValue);
  const ir::Type vt = measure_.nodes[cascade.numeratorValue].type;
  const bool missing = isMissing(vt, v);
  o.numeratorValue = missing ? 0 : vt == ir::Type::Num ? v.n : static_cast<double>(v.i);
  if (cascade.exposure != ir::kNoNode) {
    const Value x = eval(cascade.exposure);
    o.exposure = std::isnan(x.n) ? 0 : x.n;
  }
  const ir::Rule& num = measure_.rule(ir::RuleKind::Numerator);
  o.numerator = o.numeratorValue != 0;
  o.decidingRule = ir::RuleKind::Numerator;
  o.decidingTerm = num.terms.empty() ? -1 : static_cast<int>(num.terms.size() - 1);
  o.decidingUnknown = missing;
  if (o.numerator && measure_.isReward()) {
    const Value d = eval(measure_.earnedOn);
    if (!isMissing(ir::Type::Date, d)) o.earnedOn = static_cast<Days>(d.i);
  }
  return o;
}

}  // namespace mc::interp
