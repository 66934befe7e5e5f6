// Evaluation of IR nodes and event queries for one member.
#include "interp/Interpreter.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "support/Date.h"

namespace mc::interp {

using ir::Op;

Interpreter::Interpreter(const ir::Measure& measure, const store::MemberStore& store,
                         const CodeSetBinding& codes, Period period)
    : measure_(measure), store_(store), codes_(codes), period_(period) {
  values_.resize(measure.nodes.size());
  stamp_.assign(measure.nodes.size(), 0);
}

Value Interpreter::value(ir::NodeId node) { return eval(node); }

Value Interpreter::eval(ir::NodeId id) {
  if (stamp_[id] == generation_) return values_[id];
  const Value v = compute(measure_.nodes[id]);
  values_[id] = v;
  stamp_[id] = generation_;
  return v;
}

static Value boolValue(bool b) { return {b ? 1 : 0, 0}; }
static Value intValue(std::int64_t i) { return {i, 0}; }
static Value numValue(double n) { return {0, n}; }

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

static bool missing(ir::Type t, const Value& v) {
  return (t == ir::Type::Num && std::isnan(v.n)) || (t == ir::Type::Date && v.i == kNoDate);
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
    case Op::Not: return boolValue(eval(n.a).i == 0);
    case Op::And: return boolValue(eval(n.a).i != 0 && eval(n.b).i != 0);
    case Op::Or: return boolValue(eval(n.a).i != 0 || eval(n.b).i != 0);
    case Op::Neg: return n.type == ir::Type::Num ? numValue(-eval(n.a).n) : intValue(-eval(n.a).i);
    case Op::Add:
      return n.type == ir::Type::Num ? numValue(eval(n.a).n + eval(n.b).n)
                                     : intValue(eval(n.a).i + eval(n.b).i);
    case Op::Sub:
      return n.type == ir::Type::Num ? numValue(eval(n.a).n - eval(n.b).n)
                                     : intValue(eval(n.a).i - eval(n.b).i);
    case Op::Mul:
      return n.type == ir::Type::Num ? numValue(eval(n.a).n * eval(n.b).n)
                                     : intValue(eval(n.a).i * eval(n.b).i);
    case Op::Div: {
      const double d = eval(n.b).n;
      return numValue(d == 0 ? std::numeric_limits<double>::quiet_NaN() : eval(n.a).n / d);
    }
    case Op::IntToNum: return numValue(static_cast<double>(eval(n.a).i));
    case Op::Cmp: {
      const ir::Type t = measure_.nodes[n.a].type;
      const Value a = eval(n.a);
      const Value b = eval(n.b);
      if (missing(t, a) || missing(t, b)) return boolValue(false);
      return boolValue(t == ir::Type::Num ? compare(n.cmp, a.n, b.n) : compare(n.cmp, a.i, b.i));
    }
    case Op::IsMissing: return boolValue(missing(measure_.nodes[n.a].type, eval(n.a)));
    case Op::AddDays: {
      const Value d = eval(n.a);
      return d.i == kNoDate ? d : intValue(d.i + eval(n.b).i);
    }
    case Op::AddMonths: {
      const Value d = eval(n.a);
      return d.i == kNoDate
                 ? d
                 : intValue(addMonths(static_cast<Days>(d.i), static_cast<int>(eval(n.b).i)));
    }
    case Op::DiffDays: {
      const Value a = eval(n.a), b = eval(n.b);
      return intValue(a.i == kNoDate || b.i == kNoDate ? 0 : a.i - b.i);
    }
    case Op::MakeDate: {
      const std::int64_t y = eval(n.a).i, m = eval(n.b).i, d = eval(n.c).i;
      if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return intValue(kNoDate);
      const int day = static_cast<int>(
          std::min<std::int64_t>(d, daysInMonth(static_cast<int>(y), static_cast<int>(m))));
      return intValue(daysFromCivil(static_cast<int>(y), static_cast<int>(m), day));
    }
    case Op::YearOf:
    case Op::MonthOf:
    case Op::DayOf: {
      const Value d = eval(n.a);
      if (d.i == kNoDate) return intValue(0);
      const CivilDate c = civilFromDays(static_cast<Days>(d.i));
      return intValue(n.op == Op::YearOf ? c.year : n.op == Op::MonthOf ? c.month : c.day);
    }
    case Op::AgeYears:
    case Op::AgeMonths: {
      const Value at = eval(n.a);
      if (at.i == kNoDate) return intValue(-1);
      const Days birth = store_.members.birthDate[member_];
      return intValue(n.op == Op::AgeYears ? ageInYears(birth, static_cast<Days>(at.i))
                                           : ageInMonths(birth, static_cast<Days>(at.i)));
    }
    case Op::Enrolled:
      return boolValue(
          enrolled(static_cast<Days>(eval(n.a).i), static_cast<Days>(eval(n.b).i), n.imm, n.imm2));
    case Op::EnrolledOn: return boolValue(enrolledOn(static_cast<Days>(eval(n.a).i)));
    case Op::Query: return query(measure_.queries[n.imm]);
  }
  throw std::logic_error("unknown IR op");
}

// MEASURES.md continuous enrollment: spans (sorted by start) are merged as
// they are walked; a gap at the start or end of the window counts.
bool Interpreter::enrolled(Days lo, Days hi, std::int64_t maxGaps, std::int64_t maxGapDays) const {
  if (lo == kNoDate || hi == kNoDate || lo > hi) return false;
  const store::EnrollmentTable& t = store_.enrollment;
  std::int64_t cursor = lo;  // first day not yet known to be covered
  std::int64_t gaps = 0;
  auto gap = [&](std::int64_t days) {
    ++gaps;
    return days <= maxGapDays && gaps <= maxGaps;
  };
  for (std::uint32_t s = t.memberStart[member_]; s < t.memberStart[member_ + 1]; ++s) {
    const std::int64_t start = t.start[s];
    const std::int64_t end = t.end[s];
    if (end < cursor) continue;
    if (start > hi) break;
    if (start > cursor && !gap(start - cursor)) return false;
    cursor = std::max(cursor, end + 1);
    if (cursor > hi) return true;
  }
  return gap(hi - cursor + 1);
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
    if (bound == kNoDate) return false;
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
  return !q.hasValueFilter ||
         (!std::isnan(t.value[e]) && compare(q.valueCmp, t.value[e], valueOperand));
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

bool Interpreter::eventMatches(const ir::Query& q, const store::EventTable& t, std::uint32_t e,
                               const Days* bounds, double valueOperand) const {
  return statusCounts(q, t, e) && inWindow(q, t, e, bounds) && inSetting(q, t, e) &&
         providerOk(q, t, e) && valueOk(q, t, e, valueOperand) && codesMatch(q, t, e);
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
  const std::uint32_t begin = t.begin(member_), end = t.end(member_);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  switch (q.aggregate) {
    case ir::Aggregate::Exists:
      for (std::uint32_t e = begin; e < end; ++e)
        if (eventMatches(q, t, e, b, operand)) return boolValue(true);
      return boolValue(false);
    case ir::Aggregate::Count: {
      std::int64_t n = 0;
      for (std::uint32_t e = begin; e < end; ++e) n += eventMatches(q, t, e, b, operand) ? 1 : 0;
      return intValue(n);
    }
    case ir::Aggregate::CountDistinctDates: {
      std::int64_t n = 0;
      Days last = kNoDate;
      for (std::uint32_t e = begin; e < end; ++e) {
        if (t.date[e] != last && eventMatches(q, t, e, b, operand)) {
          ++n;
          last = t.date[e];
        }
      }
      return intValue(n);
    }
    case ir::Aggregate::LatestValue:
      // The latest matching event that carries a value.
      for (std::uint32_t e = end; e-- > begin;)
        if (!std::isnan(t.value[e]) && eventMatches(q, t, e, b, operand))
          return numValue(t.value[e]);
      return numValue(nan);
    case ir::Aggregate::FirstValue:
      for (std::uint32_t e = begin; e < end; ++e)
        if (!std::isnan(t.value[e]) && eventMatches(q, t, e, b, operand))
          return numValue(t.value[e]);
      return numValue(nan);
    case ir::Aggregate::LatestDate:
      for (std::uint32_t e = end; e-- > begin;)
        if (eventMatches(q, t, e, b, operand)) return intValue(t.date[e]);
      return intValue(kNoDate);
    case ir::Aggregate::FirstDate:
      for (std::uint32_t e = begin; e < end; ++e)
        if (eventMatches(q, t, e, b, operand)) return intValue(t.date[e]);
      return intValue(kNoDate);
  }
  return boolValue(false);
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
  if (q.codesets.empty()) return out;  // without codes every event would be "near"
  for (std::uint32_t e = t.begin(member_); e < t.end(member_); ++e) {
    if (!codesMatch(q, t, e)) continue;
    const Mismatch why = !statusCounts(q, t, e)       ? Mismatch::Status
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
    case Mismatch::Status: return "its status does not count";
    case Mismatch::Window: return "outside the time window";
    case Mismatch::Setting: return "in another setting";
    case Mismatch::Provider: return "not by a PCP";
    case Mismatch::Value: return "its value does not meet the condition";
  }
  return "?";
}

int Interpreter::decidingTerm(const ir::Rule& rule) {
  for (size_t i = 0; i < rule.terms.size(); ++i) {
    const bool v = eval(rule.terms[i].node).i != 0;
    if (v == rule.any) return static_cast<int>(i);
  }
  return -1;
}

score::MemberOutcome Interpreter::evaluate(store::MemberIndex member) {
  member_ = member;
  if (++generation_ == 0) {  // wrapped: forget every memo
    std::fill(stamp_.begin(), stamp_.end(), 0);
    generation_ = 1;
  }
  score::MemberOutcome o;
  using K = ir::RuleKind;
  int t = decidingTerm(measure_.rule(K::Population));
  if (t >= 0) {
    o.decidingRule = K::Population;
    o.decidingTerm = t;
    return o;
  }
  o.population = true;
  t = decidingTerm(measure_.rule(K::Eligible));
  if (t >= 0) {
    o.decidingRule = K::Eligible;
    o.decidingTerm = t;
    return o;
  }
  o.eligible = true;
  t = decidingTerm(measure_.rule(K::Exclude));
  if (t >= 0) {
    o.excluded = true;
    o.decidingRule = K::Exclude;
    o.decidingTerm = t;
    return o;
  }
  const ir::Rule& num = measure_.rule(K::Numerator);
  t = decidingTerm(num);
  o.decidingRule = K::Numerator;
  if (t >= 0) {
    o.decidingTerm = t;
    return o;
  }
  o.numerator = true;
  o.numeratorValue = 1;
  o.decidingTerm = num.terms.empty() ? -1 : static_cast<int>(num.terms.size() - 1);
  return o;
}

}  // namespace mc::interp
