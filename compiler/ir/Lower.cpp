// AST -> IR, with hash-consing of nodes so that shared definitions and
// repeated sub-expressions are computed once per member.
#include "ir/Lower.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <stdexcept>
#include <tuple>

#include "ast/Walk.h"
#include "ir/Verify.h"
#include "support/CodeSystem.h"
#include "support/DependencyOrder.h"
#include "support/EventVocabulary.h"
#include "support/OneLine.h"
#include "support/Ucum.h"

namespace mc::ir {
namespace {

// A lowered value: one node, or two for an interval; durations carry their
// amount node and unit.
struct Value {
  NodeId a = kNoNode;
  NodeId b = kNoNode;  // interval end
  ast::DurationUnit unit = ast::DurationUnit::Days;
};

// What the checker resolved for `key`. Lowering reads names only through
// sema::Model; a name the checker did not resolve is a compiler bug (an
// unknown one is a diagnostic, and lowering never runs after one).
template <typename Map, typename Key>
const typename Map::mapped_type& resolved(const Map& map, const Key* key, const char* what) {
  auto it = map.find(key);
  if (it == map.end()) throw std::logic_error(std::string("lowering: unresolved ") + what);
  return it->second;
}

class Lowerer {
 public:
  // `rules`: the measure whose rules, kind, period and gap are lowered (`m`
  // itself, or the measure `m` is based on).
  Lowerer(const ast::Measure& m, const ast::Measure& rules, const sema::Model& model, Measure& out)
      : m_(m), rules_(rules), model_(model), out_(out) {}

  void run();

 private:
  using Env = std::vector<Value>;  // parameter values of the define being inlined

  NodeId emit(Node n);
  NodeId constInt(std::int64_t v) {
    return emit({Op::ConstInt, Type::Int, CmpOp::Eq, kNoNode, kNoNode, kNoNode, v, 0, 0});
  }
  NodeId unary(Op op, Type t, NodeId a) {
    return emit({op, t, CmpOp::Eq, a, kNoNode, kNoNode, 0, 0, 0});
  }
  NodeId binary(Op op, Type t, NodeId a, NodeId b) {
    return emit({op, t, CmpOp::Eq, a, b, kNoNode, 0, 0, 0});
  }
  NodeId cmp(CmpOp c, NodeId a, NodeId b) {
    return emit({Op::Cmp, Type::Bool, c, a, b, kNoNode, 0, 0, 0});
  }
  NodeId toNum(NodeId a);
  NodeId toDatetime(NodeId a);
  NodeId constQuantity(double number, const std::string& unit);

  Value lower(const ast::Expr& e, const Env& env);
  NodeId lower1(const ast::Expr& e, const Env& env) { return lower(e, env).a; }
  // The query of a lowered `count QUERY`.
  std::int32_t queryIndex(NodeId id) const {
    return static_cast<std::int32_t>(out_.nodes[static_cast<size_t>(id)].imm);
  }
  Value lowerName(const ast::Expr& e, const Env& env);
  Value lowerCall(const ast::Expr& e, const Env& env);
  Value lowerBinary(const ast::Expr& e, const Env& env);
  Value lowerLogicChain(const ast::Expr& e, const Env& env);
  Value combineBinary(const ast::Expr& e, const Value& l, const Value& r);
  Value lowerDefine(const ast::DefineDecl& d, const Env& args);
  void lowerDependencies(const ast::DefineDecl& d);
  NodeId lowerAggregate(const ast::Expr& e, const Env& env);
  NodeId addDuration(NodeId date, const Value& duration, bool subtract);
  std::int32_t codeset(const ast::CodesetTerm& term);
  std::int32_t codesetDecl(const ast::CodesetDecl& decl);
  void appendTerms(const ast::CodesetExpr& e, bool negate, CodeSet& out);
  void lowerRule(const ast::RuleDecl& r);
  void lowerCascade();
  void lowerTests();
  void lowerStratifiers();

  const ast::Measure& m_;
  const ast::Measure& rules_;
  const sema::Model& model_;
  Measure& out_;
  std::map<
      std::tuple<int, int, int, NodeId, NodeId, NodeId, std::int64_t, std::int64_t, std::uint64_t>,
      NodeId>
      interned_;
  std::map<const ast::DefineDecl*, Value> defines_;  // parameterless definitions
  // Inlined calls of parameterised definitions, by definition and argument
  // nodes: nodes are hash-consed, so equal arguments are equal ids and a
  // call repeated anywhere is inlined once.
  std::map<std::pair<const ast::DefineDecl*, std::vector<std::tuple<NodeId, NodeId, int>>>, Value>
      calls_;
  // Definitions whose dependencies are all lowered (lowerDependencies).
  std::map<const ast::DefineDecl*, bool> dependenciesLowered_;
  std::map<const ast::CodesetDecl*, std::int32_t> codesets_;
  std::string numeratorLabel_;  // a rate measure's numerator, as written
  // The query index of each query with an alias, from before its filters
  // are lowered: its EventField nodes name it.
  std::map<const ast::Query*, std::int64_t> boundQueries_;
};

NodeId Lowerer::emit(Node n) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &n.num, sizeof bits);
  auto key = std::make_tuple(static_cast<int>(n.op), static_cast<int>(n.type),
                             static_cast<int>(n.cmp), n.a, n.b, n.c, n.imm, n.imm2, bits);
  // Queries are distinct per index already; everything else is pure.
  auto it = interned_.find(key);
  if (it != interned_.end()) return it->second;
  out_.nodes.push_back(n);
  const NodeId id = static_cast<NodeId>(out_.nodes.size() - 1);
  interned_.emplace(key, id);
  return id;
}

// An Int or a Quantity where a plain number is wanted (a quantity gives
// its number).
NodeId Lowerer::toNum(NodeId a) {
  const Type t = out_.nodes[a].type;
  if (t == Type::Num) return a;
  return unary(t == Type::Quantity ? Op::QuantityToNum : Op::IntToNum, Type::Num, a);
}

// A date where a datetime is compared: the day without a time of day.
NodeId Lowerer::toDatetime(NodeId a) {
  if (out_.nodes[a].type == Type::Datetime) return a;
  return unary(Op::DateToDatetime, Type::Datetime, a);
}

// A quantity literal; its unit is kept once in Measure::units.
NodeId Lowerer::constQuantity(double number, const std::string& unit) {
  const std::string canonical = canonicalUnit(unit);
  auto& units = out_.units;
  const auto at = std::find(units.begin(), units.end(), canonical);
  Node n{Op::ConstQuantity, Type::Quantity};
  n.num = number;
  n.imm = static_cast<std::int64_t>(at - units.begin());
  if (at == units.end()) units.push_back(canonical);
  return emit(n);
}

Value Lowerer::lower(const ast::Expr& e, const Env& env) {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::Int: return {constInt(e.intValue)};
    case K::Number: {
      Node n{Op::ConstNum, Type::Num};
      n.num = e.numberValue;
      return {emit(n)};
    }
    case K::Quantity: return {constQuantity(e.numberValue, e.name)};
    case K::Date: {
      Node n{Op::ConstDate, Type::Date};
      n.imm = e.dateValue;
      return {emit(n)};
    }
    case K::Bool: {
      Node n{Op::ConstBool, Type::Bool};
      n.imm = e.boolValue ? 1 : 0;
      return {emit(n)};
    }
    case K::Duration: return {constInt(e.intValue), kNoNode, e.unit};
    case K::Sex: return {emit({Op::MemberSex, Type::Sex})};
    case K::Name: return lowerName(e, env);
    case K::Call: return lowerCall(e, env);
    case K::Member: {
      if (auto field = model_.eventFields.find(&e); field != model_.eventFields.end()) {
        const sema::Resolution& r = resolved(model_.names, e.args[0].get(), "alias");
        Node n{Op::EventField, fieldType(field->second)};
        n.imm = resolved(boundQueries_, r.query, "alias binding");
        n.imm2 = static_cast<std::int64_t>(field->second);
        return {emit(n)};
      }
      const Value base = lower(*e.args[0], env);
      switch (resolved(model_.memberFields, &e, "member field")) {
        case sema::MemberField::Start: return {base.a};
        case sema::MemberField::End: return {base.b};
        case sema::MemberField::Year: return {unary(Op::YearOf, Type::Int, base.a)};
        case sema::MemberField::Month: return {unary(Op::MonthOf, Type::Int, base.a)};
        case sema::MemberField::Day: return {unary(Op::DayOf, Type::Int, base.a)};
      }
      throw std::logic_error("unhandled member field in lowering");
    }
    case K::Not: return {unary(Op::Not, Type::Bool, lower1(*e.args[0], env))};
    case K::Neg: {
      // `-5 'Cel'` is a quantity literal; minus another quantity is a number.
      const ast::Expr& x = *e.args[0];
      if (x.kind == K::Quantity) return {constQuantity(-x.numberValue, x.name)};
      NodeId a = lower1(x, env);
      if (out_.nodes[a].type == Type::Quantity) a = toNum(a);
      return {unary(Op::Neg, out_.nodes[a].type, a)};
    }
    case K::Binary: return lowerBinary(e, env);
    case K::InRange: {
      NodeId x = lower1(*e.args[0], env);
      NodeId lo = lower1(*e.args[1], env);
      NodeId hi = lower1(*e.args[2], env);
      // Quantities throughout compare with their units; otherwise numbers.
      auto is = [&](NodeId id, Type t) { return out_.nodes[id].type == t; };
      const bool quantities =
          is(x, Type::Quantity) && is(lo, Type::Quantity) && is(hi, Type::Quantity);
      const bool anyNum = is(x, Type::Num) || is(lo, Type::Num) || is(hi, Type::Num) ||
                          is(x, Type::Quantity) || is(lo, Type::Quantity) || is(hi, Type::Quantity);
      if (anyNum && !quantities) {
        x = toNum(x);
        lo = toNum(lo);
        hi = toNum(hi);
      }
      // A datetime among dates: the dates are datetimes without a time.
      if (is(x, Type::Datetime) || is(lo, Type::Datetime) || is(hi, Type::Datetime)) {
        x = toDatetime(x);
        lo = toDatetime(lo);
        hi = toDatetime(hi);
      }
      return {binary(Op::And, Type::Bool, cmp(CmpOp::Ge, x, lo), cmp(CmpOp::Le, x, hi))};
    }
    case K::IsMissing: {
      const NodeId missing = unary(Op::IsMissing, Type::Bool, lower1(*e.args[0], env));
      return {e.boolValue ? unary(Op::Not, Type::Bool, missing) : missing};
    }
    case K::Interval: return {lower1(*e.args[0], env), lower1(*e.args[1], env)};
    case K::Age:
      return {
          unary(e.boolValue ? Op::AgeMonths : Op::AgeYears, Type::Int, lower1(*e.args[0], env))};
    case K::EnrolledOver: {
      const Value window = lower(*e.args[0], env);
      Node n{e.gapPeriodMonths == 12 ? Op::EnrolledYearly : Op::Enrolled, Type::Bool};
      n.a = window.a;
      n.b = window.b;
      n.imm = e.gapCount < 0 ? 0 : e.gapCount;
      n.imm2 = e.gapDays < 0 ? 0 : e.gapDays;
      return {emit(n)};
    }
    case K::EnrolledOn: return {unary(Op::EnrolledOn, Type::Bool, lower1(*e.args[0], env))};
    case K::Aggregate: return {lowerAggregate(e, env)};
    case K::EnrollmentStart:
    case K::EnrolledDays:
    case K::MemberYears:
    case K::MemberMonths: {
      const Value w = lower(*e.args[0], env);
      switch (e.kind) {
        case K::EnrollmentStart: return {binary(Op::EnrollmentStart, Type::Date, w.a, w.b)};
        case K::EnrolledDays: return {binary(Op::EnrolledDays, Type::Int, w.a, w.b)};
        case K::MemberYears: return {binary(Op::MemberYears, Type::Num, w.a, w.b)};
        default: return {binary(Op::MemberMonths, Type::Int, w.a, w.b)};
      }
    }
  }
  throw std::logic_error("unhandled expression kind in lowering");
}

Value Lowerer::lowerName(const ast::Expr& e, const Env& env) {
  const sema::Resolution& r = model_.names.at(&e);
  switch (r.kind) {
    case sema::Resolution::Kind::Param: return env.at(r.param);
    case sema::Resolution::Kind::Define: return lowerDefine(*r.define, {});
    case sema::Resolution::Kind::SexConst: {
      Node n{Op::ConstSex, Type::Sex};
      n.imm = r.sex;
      return {emit(n)};
    }
    case sema::Resolution::Kind::SettingConst: {
      Node n{Op::ConstSetting, Type::Setting};
      n.imm = r.setting;
      return {emit(n)};
    }
    case sema::Resolution::Kind::Builtin:
      switch (r.builtin) {
        case sema::Builtin::MeasurementPeriod:
          return {emit({Op::PeriodStart, Type::Date}), emit({Op::PeriodEnd, Type::Date})};
        case sema::Builtin::BirthDate: return {emit({Op::BirthDate, Type::Date})};
        case sema::Builtin::DeathDate: return {emit({Op::DeathDate, Type::Date})};
      }
      break;
    default: break;
  }
  throw std::logic_error("unresolved name in lowering");
}

using DefineUse = Dependency<ast::DefineDecl, const ast::Expr*>;

// The definitions a body names or calls, as sema resolved them.
static std::vector<DefineUse> defineUses(const ast::DefineDecl& d, const sema::Model& model) {
  std::vector<DefineUse> out;
  ast::forEachExpr(*d.body, [&](const ast::Expr& e) {
    if (e.kind != ast::ExprKind::Name && e.kind != ast::ExprKind::Call) return;
    auto it = model.names.find(&e);
    if (it != model.names.end() && it->second.kind == sema::Resolution::Kind::Define)
      out.push_back({&e, it->second.define});
  });
  return out;
}

// Lowers, in dependency order, the parameterless definitions that `d`
// depends on (also through the bodies of parameterised ones it calls), so
// that lowering a body finds every definition it names already lowered and
// a chain of definitions nests no calls.
void Lowerer::lowerDependencies(const ast::DefineDecl& d) {
  auto usesOf = [&](const ast::DefineDecl& x) { return defineUses(x, model_); };
  auto done = [&](const ast::DefineDecl* x) { return dependenciesLowered_.count(x) != 0; };
  const auto found = dependencyOrder<ast::DefineDecl, const ast::Expr*>(&d, usesOf, done);
  for (const ast::DefineDecl* x : found.order) {
    if (x != &d && !x->hasParams) lowerDefine(*x, {});
    dependenciesLowered_.emplace(x, true);
  }
}

Value Lowerer::lowerDefine(const ast::DefineDecl& d, const Env& args) {
  if (!d.hasParams) {
    auto it = defines_.find(&d);
    if (it != defines_.end()) return it->second;
    lowerDependencies(d);
    const Value v = lower(*d.body, args);
    defines_[&d] = v;
    out_.definitions.push_back({d.name, v.a, v.b, oneLine(d.body->text)});
    return v;
  }
  std::vector<std::tuple<NodeId, NodeId, int>> key;
  for (const Value& a : args) key.emplace_back(a.a, a.b, static_cast<int>(a.unit));
  auto it = calls_.find({&d, key});
  if (it != calls_.end()) return it->second;
  lowerDependencies(d);
  const Value v = lower(*d.body, args);
  calls_.emplace(std::make_pair(&d, std::move(key)), v);
  return v;
}

Value Lowerer::lowerCall(const ast::Expr& e, const Env& env) {
  const sema::Resolution& r = model_.names.at(&e);
  if (r.kind == sema::Resolution::Kind::DateFn) {
    Node n{Op::MakeDate, Type::Date};
    n.a = lower1(*e.args[0], env);
    n.b = lower1(*e.args[1], env);
    n.c = lower1(*e.args[2], env);
    return {emit(n)};
  }
  if (r.kind == sema::Resolution::Kind::LinkedPcpFn)
    return {unary(Op::LinkedPcp, Type::Provider, lower1(*e.args[0], env))};
  if (r.kind == sema::Resolution::Kind::BirthdayFn) {
    const NodeId months = binary(Op::Mul, Type::Int, lower1(*e.args[0], env), constInt(12));
    return {binary(Op::AddMonths, Type::Date, emit({Op::BirthDate, Type::Date}), months)};
  }
  Env args;
  for (const ast::ExprPtr& a : e.args) {
    Value v = lower(*a, env);
    args.push_back(v);
  }
  // Int arguments to number parameters.
  const std::vector<sema::Type>& paramTypes =
      resolved(model_.paramTypes, r.define, "parameter types");
  for (size_t i = 0; i < args.size() && i < paramTypes.size(); ++i) {
    if (paramTypes[i] == sema::Type::Number) args[i].a = toNum(args[i].a);
  }
  return lowerDefine(*r.define, args);
}

NodeId Lowerer::addDuration(NodeId date, const Value& d, bool subtract) {
  NodeId amount = d.a;
  if (subtract) amount = unary(Op::Neg, Type::Int, amount);
  switch (d.unit) {
    case ast::DurationUnit::Days: return binary(Op::AddDays, Type::Date, date, amount);
    case ast::DurationUnit::Months: return binary(Op::AddMonths, Type::Date, date, amount);
    case ast::DurationUnit::Years:
      return binary(Op::AddMonths, Type::Date, date,
                    binary(Op::Mul, Type::Int, amount, constInt(12)));
  }
  return date;
}

// The comparison of a comparison operator (sema guarantees `op` is one).
static CmpOp cmpOpOf(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::Ne: return CmpOp::Ne;
    case ast::BinaryOp::Lt: return CmpOp::Lt;
    case ast::BinaryOp::Le: return CmpOp::Le;
    case ast::BinaryOp::Gt: return CmpOp::Gt;
    case ast::BinaryOp::Ge: return CmpOp::Ge;
    default: return CmpOp::Eq;
  }
}

static bool isLogic(const ast::Expr& e) {
  return e.kind == ast::ExprKind::Binary &&
         (e.op == ast::BinaryOp::And || e.op == ast::BinaryOp::Or);
}

// A left-deep chain of arithmetic or comparisons (`a0 + 1 + 1 ...`) is
// lowered along its left spine with a loop, not a call per term.
Value Lowerer::lowerBinary(const ast::Expr& e, const Env& env) {
  if (isLogic(e)) return lowerLogicChain(e, env);
  std::vector<const ast::Expr*> spine;
  const ast::Expr* leftmost = &e;
  while (leftmost->kind == ast::ExprKind::Binary && !isLogic(*leftmost)) {
    spine.push_back(leftmost);
    leftmost = leftmost->args[0].get();
  }
  Value left = lower(*leftmost, env);
  for (auto it = spine.rbegin(); it != spine.rend(); ++it)
    left = combineBinary(**it, left, lower(*(*it)->args[1], env));
  return left;
}

// `a and b and c ...` (or `or`): the operands of the whole chain, gathered
// without recursion, are lowered in source order and joined as a balanced
// tree. Evaluation still goes left to right and stops at the first deciding
// operand, but a chain of thousands of terms is a tree of logarithmic
// depth, which the interpreter walks without deep recursion.
Value Lowerer::lowerLogicChain(const ast::Expr& e, const Env& env) {
  const Op op = e.op == ast::BinaryOp::And ? Op::And : Op::Or;
  std::vector<const ast::Expr*> operands;
  std::vector<const ast::Expr*> todo{&e};
  while (!todo.empty()) {
    const ast::Expr* x = todo.back();
    todo.pop_back();
    if (x->kind == ast::ExprKind::Binary && x->op == e.op) {
      todo.push_back(x->args[1].get());
      todo.push_back(x->args[0].get());
    } else {
      operands.push_back(x);
    }
  }
  std::vector<NodeId> nodes;
  for (const ast::Expr* x : operands) nodes.push_back(lower1(*x, env));
  // Join neighbours pairwise, level by level, keeping their order.
  while (nodes.size() > 1) {
    std::vector<NodeId> next;
    for (size_t i = 0; i + 1 < nodes.size(); i += 2)
      next.push_back(binary(op, Type::Bool, nodes[i], nodes[i + 1]));
    if (nodes.size() % 2 == 1) next.push_back(nodes.back());
    nodes = std::move(next);
  }
  return {nodes.front()};
}

Value Lowerer::combineBinary(const ast::Expr& e, const Value& l, const Value& r) {
  using BOp = ast::BinaryOp;
  const sema::Type lt = model_.typeOf(*e.args[0]);
  const sema::Type rt = model_.typeOf(*e.args[1]);
  switch (e.op) {
    case BOp::Add:
    case BOp::Sub: {
      if (lt == sema::Type::Date && rt == sema::Type::Duration)
        return {addDuration(l.a, r, e.op == BOp::Sub)};
      if (lt == sema::Type::Date && rt == sema::Type::Date)
        return {binary(Op::DiffDays, Type::Int, l.a, r.a)};
      const Op op = e.op == BOp::Add ? Op::Add : Op::Sub;
      if (lt == sema::Type::Int && rt == sema::Type::Int) return {binary(op, Type::Int, l.a, r.a)};
      return {binary(op, Type::Num, toNum(l.a), toNum(r.a))};
    }
    case BOp::Mul:
      if (lt == sema::Type::Int && rt == sema::Type::Int)
        return {binary(Op::Mul, Type::Int, l.a, r.a)};
      return {binary(Op::Mul, Type::Num, toNum(l.a), toNum(r.a))};
    case BOp::Div: return {binary(Op::Div, Type::Num, toNum(l.a), toNum(r.a))};
    default: break;
  }
  const CmpOp c = cmpOpOf(e.op);
  NodeId a = l.a, b = r.a;
  const bool datetime =
      out_.nodes[a].type == Type::Datetime || out_.nodes[b].type == Type::Datetime;
  if (datetime) {
    a = toDatetime(a);
    b = toDatetime(b);
  } else if (out_.nodes[a].type != out_.nodes[b].type) {
    a = toNum(a);
    b = toNum(b);
  }
  return {cmp(c, a, b)};
}

// The AST's aggregates are the IR's, in the same order (lowered by a cast).
static_assert(static_cast<int>(ast::AggregateKind::LatestTime) ==
                  static_cast<int>(Aggregate::LatestTime),
              "ast::AggregateKind and ir::Aggregate list the aggregates in one order");

NodeId Lowerer::lowerAggregate(const ast::Expr& e, const Env& env) {
  const ast::Query& q = *e.query;
  Query out;
  out.kind = static_cast<EventKind>(resolved(model_.queryKinds, &q, "event kind"));
  out.aggregate = static_cast<Aggregate>(static_cast<int>(e.aggregate));
  out.text = oneLine(e.text);
  out.alias = q.alias;
  // A query that binds its events has an index of its own before its
  // filters are lowered (their EventField nodes name it) and is never
  // shared: its `where` reads its own event.
  std::int64_t index = -1;
  if (!q.alias.empty()) {
    index = static_cast<std::int64_t>(out_.queries.size());
    out_.queries.emplace_back();
    boundQueries_[&q] = index;
  }
  auto window = [&](Bound bound, NodeId date) {
    Filter f;
    f.kind = FilterKind::Window;
    f.bound = bound;
    f.node = date;
    out.filters.push_back(f);
  };
  auto withNode = [&](FilterKind kind, NodeId node) {
    Filter f;
    f.kind = kind;
    f.node = node;
    out.filters.push_back(f);
  };
  Filter status;
  status.kind = FilterKind::Status;
  status.statuses = model_.countedStatusesOf(q);
  out.filters.push_back(status);
  std::uint32_t settings = 0;
  for (const ast::Filter& f : q.filters) {
    switch (f.kind) {
      case ast::FilterKind::With: {
        Filter c;
        c.kind = FilterKind::Codes;
        c.codeset = codeset(*f.codes);
        out.filters.push_back(c);
        break;
      }
      case ast::FilterKind::Slot: {
        Filter c;
        c.kind = FilterKind::Slot;
        c.slot = f.slot;
        c.codeset = f.codes ? codeset(*f.codes) : -1;
        out.filters.push_back(c);
        break;
      }
      case ast::FilterKind::During: {
        const Value w = lower(*f.operand, env);
        window(Bound::EndsOnOrAfter, w.a);
        window(Bound::StartsOnOrBefore, w.b);
        break;
      }
      case ast::FilterKind::OnOrBefore:
        window(Bound::StartsOnOrBefore, lower1(*f.operand, env));
        break;
      case ast::FilterKind::OnOrAfter: window(Bound::EndsOnOrAfter, lower1(*f.operand, env)); break;
      case ast::FilterKind::Before: window(Bound::StartsBefore, lower1(*f.operand, env)); break;
      case ast::FilterKind::After: window(Bound::StartsAfter, lower1(*f.operand, env)); break;
      case ast::FilterKind::Setting:
        settings |= resolved(model_.settingMasks, &f, "setting");
        break;
      case ast::FilterKind::ByPcp: withNode(FilterKind::ByPcp, kNoNode); break;
      case ast::FilterKind::Value: {
        // `where value > x`: a predicate over the event's value field.
        if (index < 0) {
          index = static_cast<std::int64_t>(out_.queries.size());
          out_.queries.emplace_back();
        }
        // A quantity compares with the value and its unit, a number with
        // the value's number.
        Node field{Op::EventField, Type::Quantity};
        field.imm = index;
        field.imm2 = static_cast<std::int64_t>(EventField::Value);
        const NodeId operand = lower1(*f.operand, env);
        const bool quantity = out_.nodes[operand].type == Type::Quantity;
        withNode(FilterKind::Predicate,
                 quantity ? cmp(cmpOpOf(f.op), emit(field), operand)
                          : cmp(cmpOpOf(f.op), toNum(emit(field)), toNum(operand)));
        break;
      }
      case ast::FilterKind::ByProvider:
        withNode(FilterKind::ByProvider, lower1(*f.operand, env));
        break;
      case ast::FilterKind::Where: withNode(FilterKind::Predicate, lower1(*f.operand, env)); break;
    }
  }
  if (settings != 0) {
    Filter f;
    f.kind = FilterKind::Setting;
    f.settings = settings;
    out.filters.push_back(f);
  }
  // Cheap filters first (FilterKind order); equal kinds keep source order.
  std::stable_sort(out.filters.begin(), out.filters.end(),
                   [](const Filter& a, const Filter& b) { return a.kind < b.kind; });
  if (out.aggregate == Aggregate::Sum) out.aggField = resolved(model_.sumFields, &e, "sum field");
  if (out.aggregate == Aggregate::NthDate || out.aggregate == Aggregate::CountSpacedDates)
    out.aggParam = e.intValue;
  const Type t = aggregateType(out.aggregate);
  if (index >= 0) {
    out_.queries[static_cast<size_t>(index)] = std::move(out);
  } else {
    // Identical queries that bind nothing share one node.
    auto same = [&](const Query& o) {
      if (o.kind != out.kind || o.aggregate != out.aggregate || o.aggField != out.aggField ||
          o.aggParam != out.aggParam || !o.alias.empty() || o.filters.size() != out.filters.size())
        return false;
      for (size_t i = 0; i < o.filters.size(); ++i) {
        const Filter &a = o.filters[i], &b = out.filters[i];
        if (a.kind != b.kind || a.codeset != b.codeset || a.slot != b.slot ||
            a.statuses != b.statuses || a.bound != b.bound || a.settings != b.settings ||
            a.node != b.node)
          return false;
      }
      return true;
    };
    index = 0;
    while (static_cast<size_t>(index) < out_.queries.size() && !same(out_.queries[index])) ++index;
    if (static_cast<size_t>(index) == out_.queries.size()) out_.queries.push_back(std::move(out));
  }
  Node n{Op::Query, t};
  n.imm = index;
  return emit(n);
}

// --- code sets -----------------------------------------------------------------

// A code, a range or a family (`Z30.*`: its dot-less prefix) of a list.
static CodeRange codeRange(CodeSystem system, const ast::CodeItem& item) {
  if (item.isFamily()) {
    const std::string prefix = normalizeCode(system, familyPrefix(item.lo));
    return {prefix, prefix, true, item.drug};
  }
  return {normalizeCode(system, item.lo), normalizeCode(system, item.isRange() ? item.hi : item.lo),
          false, item.drug};
}

std::int32_t Lowerer::codeset(const ast::CodesetTerm& term) {
  if (term.kind == ast::CodesetTerm::Kind::Ref) return codesetDecl(*model_.codesetRefs.at(&term));
  CodeSet set;
  if (term.kind == ast::CodesetTerm::Kind::File) {
    // A set of its own, shown by its file: its codes can run to hundreds.
    const codes::CodeFile& file = *model_.codeFileOf.at(&term);
    set.name = fmt::format("file \"{}\"", term.path);
    set.fileCodeCount = static_cast<std::int64_t>(file.codeCount);
    for (const codes::SystemCodes& codes : file.systems) {
      CodeSetTerm t;
      t.system = codes.system;
      for (const ast::CodeItem& item : codes.items) t.codes.push_back(codeRange(t.system, item));
      set.terms.push_back(std::move(t));
    }
    out_.codesets.push_back(std::move(set));
    return static_cast<std::int32_t>(out_.codesets.size() - 1);
  }
  ast::CodesetExpr wrapper;
  set.name = term.kind == ast::CodesetTerm::Kind::List ? term.system + "{...}" : "(...)";
  if (term.kind == ast::CodesetTerm::Kind::Paren) {
    appendTerms(*term.inner, false, set);
  } else {
    CodeSetTerm t;
    t.system = resolved(model_.codeSystems, &term, "code system");
    for (const ast::CodeItem& item : term.items) t.codes.push_back(codeRange(t.system, item));
    set.terms.push_back(std::move(t));
  }
  out_.codesets.push_back(std::move(set));
  return static_cast<std::int32_t>(out_.codesets.size() - 1);
}

using CodesetUse = Dependency<ast::CodesetDecl, const ast::CodesetTerm*>;

// The named code sets `decl` refers to, as sema resolved them.
static std::vector<CodesetUse> codesetUses(const ast::CodesetDecl& decl, const sema::Model& model) {
  std::vector<CodesetUse> out;
  std::vector<const ast::CodesetExpr*> todo{&decl.expr};
  while (!todo.empty()) {
    const ast::CodesetExpr* e = todo.back();
    todo.pop_back();
    for (auto t = e->terms.rbegin(); t != e->terms.rend(); ++t) {
      if (t->kind == ast::CodesetTerm::Kind::Paren) todo.push_back(t->inner.get());
    }
    for (const ast::CodesetTerm& t : e->terms) {
      if (t.kind == ast::CodesetTerm::Kind::Ref) out.push_back({&t, model.codesetRefs.at(&t)});
    }
  }
  return out;
}

// Named sets are lowered after the sets they use (found without recursion,
// so a chain of thousands of sets nests no calls), each once.
std::int32_t Lowerer::codesetDecl(const ast::CodesetDecl& decl) {
  auto it = codesets_.find(&decl);
  if (it != codesets_.end()) return it->second;
  auto usesOf = [&](const ast::CodesetDecl& d) { return codesetUses(d, model_); };
  auto done = [&](const ast::CodesetDecl* d) { return codesets_.count(d) != 0; };
  const auto found =
      dependencyOrder<ast::CodesetDecl, const ast::CodesetTerm*>(&decl, usesOf, done);
  for (const ast::CodesetDecl* d : found.order)
    if (d != &decl) codesetDecl(*d);
  CodeSet set;
  set.name = decl.name;
  appendTerms(decl.expr, false, set);
  out_.codesets.push_back(std::move(set));
  const auto index = static_cast<std::int32_t>(out_.codesets.size() - 1);
  codesets_[&decl] = index;
  return index;
}

void Lowerer::appendTerms(const ast::CodesetExpr& e, bool negate, CodeSet& out) {
  for (const ast::CodesetTerm& term : e.terms) {
    CodeSetTerm t;
    t.subtract = term.subtract != negate;
    if (term.kind == ast::CodesetTerm::Kind::List) {
      t.system = resolved(model_.codeSystems, &term, "code system");
      for (const ast::CodeItem& item : term.items) t.codes.push_back(codeRange(t.system, item));
    } else {
      t.ref = codeset(term);  // a named set, or a parenthesised one as its own set
    }
    out.terms.push_back(std::move(t));
  }
}

// --- rules and tests -----------------------------------------------------------

// The operands of a chain of `op`, in source order, without recursion.
static void flatten(const ast::Expr& e, ast::BinaryOp op, std::vector<const ast::Expr*>& out) {
  std::vector<const ast::Expr*> todo{&e};
  while (!todo.empty()) {
    const ast::Expr* x = todo.back();
    todo.pop_back();
    if (x->kind == ast::ExprKind::Binary && x->op == op) {
      todo.push_back(x->args[1].get());
      todo.push_back(x->args[0].get());
    } else {
      out.push_back(x);
    }
  }
}

void Lowerer::lowerRule(const ast::RuleDecl& r) {
  // A rate measure's numerator is its value node (the cascade's), not a
  // rule of true/false terms.
  if (r.kind == ast::RuleKind::Numerator && isRate(out_.kind)) {
    out_.cascade.numeratorValue = toNum(lower1(*r.expr, {}));
    numeratorLabel_ = oneLine(r.expr->text);
    return;
  }
  Rule& rule = out_.rules[static_cast<int>(r.kind)];
  rule.any = r.kind == ast::RuleKind::Exclude || r.kind == ast::RuleKind::Exception;
  std::vector<const ast::Expr*> terms;
  flatten(*r.expr, rule.any ? ast::BinaryOp::Or : ast::BinaryOp::And, terms);
  for (const ast::Expr* t : terms) rule.terms.push_back({oneLine(t->text), lower1(*t, {})});
}

static RuleKind ruleKind(sema::Outcome o) {
  switch (o) {
    case sema::Outcome::Population: return RuleKind::Population;
    case sema::Outcome::Eligible: return RuleKind::Eligible;
    case sema::Outcome::Excluded: return RuleKind::Exclude;
    case sema::Outcome::Exception: return RuleKind::Exception;
    case sema::Outcome::Numerator:
    case sema::Outcome::Exposure:
    case sema::Outcome::Units: return RuleKind::Numerator;
  }
  throw std::logic_error("unhandled outcome in lowering");
}

void Lowerer::lowerTests() {
  for (const ast::TestDecl& t : m_.tests) {
    TestCase tc;
    tc.name = t.name;
    tc.location = fmt::format("{}:{}", t.range.file ? t.range.file->path() : "", t.range.line);
    tc.period = t.period != 0 ? t.period : rules_.period;
    if (t.member) {
      tc.memberSex = t.member->sex;
      tc.born = t.member->born;
      tc.died = t.member->died;
      for (const ast::TestSpan& s : t.member->enrolled) tc.enrolled.emplace_back(s.start, s.end);
      tc.enrolledPcp = t.member->enrolledPcp;
      tc.pcp = t.member->pcp;
    }
    for (const ast::TestEvent& ev : t.events) {
      TestEvent e;
      const sema::ResolvedTestEvent& r = resolved(model_.testEvents, &ev, "test event");
      e.kind = static_cast<EventKind>(r.kind);
      e.date = ev.date;
      e.endDate = ev.endDate;
      e.startTime = ev.startTime;
      e.endTime = ev.endTime;
      e.codes = r.codes;
      e.provider = ev.provider;
      e.toProvider = ev.toProvider;
      e.setting = r.setting;
      // The AST builder and checkTest resolved and checked these.
      e.status = ev.status ? kStatusNames[*ev.status] : "";
      e.hasValue = !std::isnan(ev.value) || ev.quantity.has_value();
      e.value = ev.quantity ? *ev.quantity : e.hasValue ? ev.value : 0;
      e.unit = ev.unit;
      e.daysSupply = ev.daysSupply.value_or(0);
      e.generic = ev.generic;
      e.source = ev.source;
      e.slotCodes = r.slotCodes;
      e.valueText = ev.valueText;
      tc.events.push_back(std::move(e));
    }
    for (const ast::Outcome& o : t.expects) {
      const sema::Outcome what = resolved(model_.outcomes, &o, "outcome");
      tc.expects.push_back({ruleKind(what), !o.negated, o.hasNumber,
                            what == sema::Outcome::Exposure, what == sema::Outcome::Units, o.number,
                            o.earnedOn});
    }
    out_.tests.push_back(std::move(tc));
  }
}

void Lowerer::lowerStratifiers() {
  for (const ast::StratifierDecl& s : m_.stratifiers) {
    Stratifier out;
    out.kind = resolved(model_.stratifierKinds, &s, "stratifier");
    for (const ast::StratifierDecl::Band& b : s.bands)
      out.bands.push_back({static_cast<int>(b.lo), static_cast<int>(b.hi)});
    out_.stratifiers.push_back(std::move(out));
  }
}

void Lowerer::run() {
  out_.id = m_.id;
  out_.title = m_.title;
  out_.source = m_.source;
  switch (resolved(model_.measureKinds, &rules_, "measure kind")) {
    case sema::MeasureKind::Proportion: out_.kind = MeasureKind::Proportion; break;
    case sema::MeasureKind::Inverse: out_.kind = MeasureKind::Inverse; break;
    case sema::MeasureKind::Rate: out_.kind = MeasureKind::Rate; break;
    case sema::MeasureKind::InverseRate: out_.kind = MeasureKind::InverseRate; break;
  }
  if (isRate(out_.kind)) out_.ratePer = resolved(model_.ratePer, &rules_, "rate base");
  out_.period = rules_.period;
  out_.gap = rules_.gap;
  if (&rules_ != &m_) out_.basedOn = rules_.id;
  for (int k = 0; k < kRuleKinds; ++k) {
    out_.rules[k].kind = static_cast<RuleKind>(k);
    out_.rules[k].any =
        k == static_cast<int>(RuleKind::Exclude) || k == static_cast<int>(RuleKind::Exception);
  }
  // Before the rules: an event-unit numerator reads the unit's alias.
  if (rules_.attribution) out_.attributionQuery = queryIndex(lower1(*rules_.attribution, {}));
  if (rules_.unit) out_.unitQuery = queryIndex(lower1(*rules_.unit, {}));
  for (const ast::RuleDecl& r : rules_.rules) lowerRule(r);
  lowerCascade();
  // A reward's date; a derived reward's reads the base's names, as its
  // numerator does.
  if (m_.earnedOn && ast::isRewardKind(m_.kind)) {
    out_.earnedOn = lower1(*m_.earnedOn, {});
    out_.earnedOnText = oneLine(m_.earnedOn->text);
  }
  lowerTests();
  lowerStratifiers();
}

// The outcome cascade of MEASURES.md "Populations", read from the kind once
// here so that no back end reads the kind to know it.
void Lowerer::lowerCascade() {
  Cascade& c = out_.cascade;
  c.stages = {{RuleKind::Population, OutcomeField::Population, false},
              {RuleKind::Eligible, OutcomeField::Eligible, false},
              {RuleKind::Exclude, OutcomeField::Excluded, true}};
  // An event-unit measure asks its numerator of each unit event, not of
  // the member: no numerator stage (the back end counts the events).
  if (!isRate(out_.kind)) {
    if (out_.unitQuery < 0)
      c.stages.push_back({RuleKind::Numerator, OutcomeField::Numerator, false});
    // Sema allows `exception` only here (E0160): a member-unit proportion.
    c.exceptionAfterNumerator =
        out_.unitQuery < 0 &&
        std::any_of(rules_.rules.begin(), rules_.rules.end(),
                    [](const ast::RuleDecl& r) { return r.kind == ast::RuleKind::Exception; });
    Node one{Op::ConstNum, Type::Num};
    one.num = 1;
    c.numeratorValue = emit(one);
    return;
  }
  // A rate's exposure: `exposure EXPR`, else the member years of the MP.
  if (rules_.exposure) {
    c.exposure = toNum(lower1(*rules_.exposure, {}));
  } else {
    c.exposure = binary(Op::MemberYears, Type::Num, emit(Node{Op::PeriodStart, Type::Date}),
                        emit(Node{Op::PeriodEnd, Type::Date}));
  }
  // The numerator is lowered by lowerRule; the numerator rule keeps one
  // term (the value is not zero) so that reasons and explain can name it.
  Node zero{Op::ConstNum, Type::Num};
  Rule& num = out_.rules[static_cast<int>(RuleKind::Numerator)];
  num.terms.push_back({numeratorLabel_, cmp(CmpOp::Gt, c.numeratorValue, emit(zero))});
}

}  // namespace

Measure lowerMeasure(const ast::Measure& m, const sema::Model& model, const std::string& file) {
  return lowerMeasure(m, m, model, file);
}

Measure lowerMeasure(const ast::Measure& m, const ast::Measure& base, const sema::Model& model,
                     const std::string& file) {
  Measure out;
  out.file = file;
  Lowerer(m, base, model, out).run();
#ifndef NDEBUG
  // Debug builds check every lowered measure; a problem is a lowering bug.
  const std::vector<std::string> problems = verify(out);
  if (!problems.empty())
    throw std::logic_error("lowering " + out.id + " produced invalid IR: " + problems.front());
#endif
  return out;
}

}  // namespace mc::ir
