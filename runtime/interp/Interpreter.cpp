// Evaluation of IR nodes and event queries for one member.
#include "interp/Interpreter.h"

#include <cmath>
#include <stdexcept>

#include "interp/Plan.h"
#include "ir/CalendarOps.h"
#include "ir/Missing.h"
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
      planValues_(plan.values.data()),
      period_(plan.period) {
  values_.resize(measure.nodes.size());
  stamp_.assign(measure.nodes.size(), 0);
}

Interpreter::Interpreter(const ir::Measure& measure, const store::MemberStore& store,
                         const CodeSetBinding& codes, std::shared_ptr<const Plan> own)
    : Interpreter(measure, store, codes, *own) {
  ownPlan_ = std::move(own);
}

Value Interpreter::value(ir::NodeId node) { return eval(node); }

Value Interpreter::eval(ir::NodeId id) {
  if (independent_[id]) return planValues_[id];
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
    case ir::Type::Num: return std::isnan(v.n);
    case ir::Type::Date: return v.i == ir::kMissingDate;
    case ir::Type::Sex: return false;
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
    case Op::ConstSex: return intValue(n.imm);
    case Op::ConstNum: return numValue(n.num);
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
    case Op::Query: return query(measure_.queries[n.imm]);
  }
  throw std::logic_error("unknown IR op");
}

// MEASURES.md continuous enrollment: the member's spans (sorted by start)
// are merged as they are walked, and `allowed(from, to)` is asked about each
// run of uncovered days of [lo, hi] in date order, those at the start and
// the end of the window included; false as soon as it says no.
template <typename Allowed>
bool Interpreter::everyGapAllowed(std::int64_t lo, std::int64_t hi, Allowed allowed) const {
  const store::EnrollmentTable& t = store_.enrollment;
  std::int64_t cursor = lo;  // first day not yet known to be covered
  for (std::uint32_t s = t.memberStart[member_]; s < t.memberStart[member_ + 1]; ++s) {
    const std::int64_t start = t.start[s];
    const std::int64_t end = t.end[s];
    if (end < cursor) continue;
    if (start > hi) break;
    if (start > cursor && !allowed(cursor, start - 1)) return false;
    cursor = std::max(cursor, end + 1);
    if (cursor > hi) return true;
  }
  return allowed(cursor, hi);
}

bool Interpreter::enrolled(Days lo, Days hi, std::int64_t maxGaps, std::int64_t maxGapDays) const {
  if (lo == kNoDate || hi == kNoDate || lo > hi) return false;
  std::int64_t gaps = 0;
  return everyGapAllowed(lo, hi, [&](std::int64_t from, std::int64_t to) {
    return ++gaps <= maxGaps && to - from + 1 <= maxGapDays;
  });
}

// `allowing N gaps of D days in each 12 months` (HEDIS: "no more than one
// gap ... for each full calendar year"): the window is cut into 12-month
// segments counted back from its end; a leading segment shorter than 12
// months allows no gap. A gap across a segment boundary counts as one gap in
// each segment, each part with its own length. Spans and segments are walked
// together, both in date order.
bool Interpreter::enrolledYearly(Days lo, Days hi, std::int64_t maxGaps,
                                 std::int64_t maxGapDays) const {
  if (lo == kNoDate || hi == kNoDate || lo > hi) return false;
  // Segment k (k >= 1, counted from the end) is
  // [addMonths(hi, -12k) + 1, addMonths(hi, -12(k-1))], cut at lo.
  auto segmentStart = [&](int k) -> std::int64_t { return addMonths(hi, -12 * k) + 1; };
  int k = 1;
  while (segmentStart(k) > lo) ++k;
  std::int64_t segHi = addMonths(hi, -12 * (k - 1));
  bool full = segmentStart(k) == lo;
  std::int64_t segGaps = 0;
  // Counts the uncovered days [from, to] (from <= to), in date order.
  auto gap = [&](std::int64_t from, std::int64_t to) {
    while (from <= to) {
      while (from > segHi) {  // the next segment
        --k;
        segHi = addMonths(hi, -12 * (k - 1));
        full = true;
        segGaps = 0;
      }
      const std::int64_t partEnd = std::min(to, segHi);
      if (!full || ++segGaps > maxGaps || partEnd - from + 1 > maxGapDays) return false;
      from = partEnd + 1;
    }
    return true;
  };
  return everyGapAllowed(lo, hi, gap);
}

bool Interpreter::enrolledOn(Days d) const {
  if (d == kNoDate) return false;
  const store::EnrollmentTable& t = store_.enrollment;
  for (std::uint32_t s = t.memberStart[member_]; s < t.memberStart[member_ + 1]; ++s) {
    if (t.start[s] <= d && d <= t.end[s]) return true;
  }
  return false;
}

bool Interpreter::statusCounts(const ir::Query& q, const store::EventTable& t,
                               std::uint32_t e) const {
  return ((q.statusMask >> t.status[e]) & 1u) != 0;
}

bool Interpreter::inWindow(const ir::Query& q, const store::EventTable& t, std::uint32_t e,
                           const Days* bounds) const {
  for (size_t i = 0; i < q.times.size(); ++i) {
    const Days bound = bounds[i];
    if (bound == ir::kMissingDate) return false;  // a missing bound matches no event
    switch (q.times[i].bound) {
      case ir::Bound::EndsOnOrAfter:
        if (t.endDate[e] < bound) return false;
        break;
      case ir::Bound::StartsOnOrBefore:
        if (t.date[e] > bound) return false;
        break;
      case ir::Bound::StartsBefore:
        if (t.date[e] >= bound) return false;
        break;
      case ir::Bound::StartsAfter:
        if (t.date[e] <= bound) return false;
        break;
    }
  }
  return true;
}

bool Interpreter::inSetting(const ir::Query& q, const store::EventTable& t, std::uint32_t e) const {
  return q.settingMask == 0 || ((q.settingMask >> static_cast<int>(t.setting[e])) & 1u) != 0;
}

bool Interpreter::providerOk(const ir::Query& q, const store::EventTable& t,
                             std::uint32_t e) const {
  if (!q.byPcp) return true;
  const store::ProviderId p = t.provider[e];
  return p != store::kNoProvider && store_.providers.kind[p] == store::ProviderKind::Pcp &&
         store_.providers.listed[p];
}

bool Interpreter::valueOk(const ir::Query& q, const store::EventTable& t, std::uint32_t e,
                          double valueOperand) const {
  // An event without a value, or a missing operand, never meets the filter.
  return !q.hasValueFilter || (!std::isnan(t.value[e]) && !std::isnan(valueOperand) &&
                               compare(q.valueCmp, t.value[e], valueOperand));
}

bool Interpreter::codesMatch(const ir::Query& q, const store::EventTable& t,
                             std::uint32_t e) const {
  for (const std::int32_t set : q.codesets) {
    bool hit = false;
    for (std::uint32_t c = t.codeStart[e]; c < t.codeStart[e + 1] && !hit; ++c)
      hit = codes_.contains(set, t.codes[c]);
    if (!hit) return false;
  }
  return true;
}

// `with principal SET`: the visit's principal diagnosis (its first ICD-10-CM
// code, kept by the store) is in every such set.
bool Interpreter::principalOk(const ir::Query& q, const store::EventTable& t,
                              std::uint32_t e) const {
  if (q.principalCodesets.empty()) return true;
  const store::CodeId p = t.principal[e];
  if (p == store::CodeDictionary::kNoCode) return false;
  for (const std::int32_t set : q.principalCodesets)
    if (!codes_.contains(set, p)) return false;
  return true;
}

// Each principal set matches some code of the event, principal or not: such an
// event that fails principalOk is a near miss ("its principal diagnosis is another").
bool Interpreter::principalCodesAnywhere(const ir::Query& q, const store::EventTable& t,
                                         std::uint32_t e) const {
  for (const std::int32_t set : q.principalCodesets) {
    bool hit = false;
    for (std::uint32_t c = t.codeStart[e]; c < t.codeStart[e + 1] && !hit; ++c)
      hit = codes_.contains(set, t.codes[c]);
    if (!hit) return false;
  }
  return true;
}

bool Interpreter::eventMatches(const ir::Query& q, const store::EventTable& t, std::uint32_t e,
                               const Days* bounds, double valueOperand) const {
  return statusCounts(q, t, e) && inWindow(q, t, e, bounds) && inSetting(q, t, e) &&
         providerOk(q, t, e) && valueOk(q, t, e, valueOperand) && codesMatch(q, t, e) &&
         principalOk(q, t, e);
}

Value Interpreter::query(const ir::Query& q) {
  const store::EventTable& t = store_.table(static_cast<store::EventKind>(q.kind));
  Days bounds[8];
  std::vector<Days> many;
  Days* b = bounds;
  if (q.times.size() > 8) {
    many.resize(q.times.size());
    b = many.data();
  }
  for (size_t i = 0; i < q.times.size(); ++i) b[i] = static_cast<Days>(eval(q.times[i].date).i);
  const double operand = q.hasValueFilter ? eval(q.valueOperand).n : 0;
  return aggregate(q, t, b, operand);
}

Interpreter::QueryBounds Interpreter::bounds(const ir::Query& q) {
  QueryBounds b;
  b.dates.resize(q.times.size() + 1);
  for (size_t i = 0; i < q.times.size(); ++i)
    b.dates[i] = static_cast<Days>(eval(q.times[i].date).i);
  b.valueOperand = q.hasValueFilter ? eval(q.valueOperand).n : 0;
  return b;
}

std::vector<std::uint32_t> Interpreter::matches(std::int32_t queryIndex) {
  const ir::Query& q = measure_.queries[queryIndex];
  const store::EventTable& t = store_.table(static_cast<store::EventKind>(q.kind));
  const QueryBounds qb = bounds(q);
  const Days* bounds = qb.dates.data();
  const double operand = qb.valueOperand;
  std::vector<std::uint32_t> out;
  for (std::uint32_t e = t.begin(member_); e < t.end(member_); ++e)
    if (eventMatches(q, t, e, bounds, operand)) out.push_back(e);
  return out;
}

std::vector<NearMiss> Interpreter::nearMisses(std::int32_t queryIndex) {
  const ir::Query& q = measure_.queries[queryIndex];
  const store::EventTable& t = store_.table(static_cast<store::EventKind>(q.kind));
  const QueryBounds qb = bounds(q);
  const Days* bounds = qb.dates.data();
  const double operand = qb.valueOperand;
  std::vector<NearMiss> out;
  // Without codes every event would be "near".
  if (q.codesets.empty() && q.principalCodesets.empty()) return out;
  for (std::uint32_t e = t.begin(member_); e < t.end(member_); ++e) {
    if (!codesMatch(q, t, e) || !principalCodesAnywhere(q, t, e)) continue;
    const Mismatch why = !principalOk(q, t, e)        ? Mismatch::Principal
                         : !statusCounts(q, t, e)     ? Mismatch::Status
                         : !inWindow(q, t, e, bounds) ? Mismatch::Window
                         : !inSetting(q, t, e)        ? Mismatch::Setting
                         : !providerOk(q, t, e)       ? Mismatch::Provider
                         : !valueOk(q, t, e, operand) ? Mismatch::Value
                                                      : Mismatch::None;
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
    case Mismatch::Value: return "its value does not meet the condition";
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

static void setField(score::MemberOutcome& o, ir::OutcomeField f) {
  switch (f) {
    case ir::OutcomeField::Population: o.population = true; break;
    case ir::OutcomeField::Eligible: o.eligible = true; break;
    case ir::OutcomeField::Excluded: o.excluded = true; break;
    case ir::OutcomeField::Numerator: o.numerator = true; break;
  }
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
    if (holds == stage.stopWhenHolds) return o;
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
  return o;
}

}  // namespace mc::interp
