// The IR verifier: see Verify.h. Every check reads the op list (ir/Ops.def)
// and the one operand walk (ir/Operands.h), never a rule of its own.
#include "ir/Verify.h"

#include <fmt/format.h>

#include "ir/Operands.h"

namespace mc::ir {

namespace {

class Verifier {
 public:
  explicit Verifier(const Measure& m) : m_(m) {}

  std::vector<std::string> run() {
    for (size_t i = 0; i < m_.nodes.size(); ++i) node(static_cast<NodeId>(i));
    for (size_t i = 0; i < m_.queries.size(); ++i) query(i);
    for (size_t i = 0; i < m_.codesets.size(); ++i) codeset(i);
    for (const Rule& r : m_.rules) rule(r);
    for (const Definition& d : m_.definitions) definition(d);
    cascade();
    return std::move(problems_);
  }

 private:
  bool exists(NodeId id) const { return id >= 0 && static_cast<size_t>(id) < m_.nodes.size(); }
  Type typeOf(NodeId id) const { return m_.nodes[static_cast<size_t>(id)].type; }

  template <typename... Args>
  void problem(const char* format, const Args&... args) {
    problems_.push_back(fmt::format(format, args...));
  }

  static bool accepts(OperandRule rule, Type t, Type typeOfA) {
    switch (rule) {
      case OperandRule::None: return false;
      case OperandRule::Bool: return t == Type::Bool;
      case OperandRule::Int: return t == Type::Int;
      case OperandRule::Num: return t == Type::Num;
      case OperandRule::Date: return t == Type::Date;
      case OperandRule::Numeric: return t == Type::Int || t == Type::Num;
      case OperandRule::Missable: return t != Type::Sex;
      case OperandRule::Any: return true;
      case OperandRule::SameAsA: return t == typeOfA;
    }
    return false;
  }

  static const char* ruleText(OperandRule rule) {
    switch (rule) {
      case OperandRule::None: return "no operand";
      case OperandRule::Bool: return "bool";
      case OperandRule::Int: return "int";
      case OperandRule::Num: return "num";
      case OperandRule::Date: return "date";
      case OperandRule::Numeric: return "int or num";
      case OperandRule::Missable: return "bool, int, num or date";
      case OperandRule::Any: return "any type";
      case OperandRule::SameAsA: return "the type of operand a";
    }
    return "?";
  }

  // An operand of node `user` (or of a query's node): set, earlier, typed.
  bool operandBefore(NodeId operand, NodeId user, const std::string& what) {
    if (!exists(operand)) {
      problem("%{}: {} is %{}, which is not a node", user, what, operand);
      return false;
    }
    if (operand >= user) {
      problem("%{}: {} %{} does not come before its user", user, what, operand);
      return false;
    }
    return true;
  }

  void node(NodeId id) {
    const Node& n = m_.nodes[static_cast<size_t>(id)];
    if (static_cast<int>(n.op) >= kOpCount) {
      problem("%{}: op {} is not an IR op", id, static_cast<int>(n.op));
      return;
    }
    const OpInfo& info = opInfo(n.op);
    const NodeId slots[] = {n.a, n.b, n.c};
    static const char* kSlotNames[] = {"operand a", "operand b", "operand c"};
    bool typed = true;
    for (int i = 0; i < 3; ++i) {
      const OperandRule rule = info.operands[i];
      if (rule == OperandRule::None) {
        if (slots[i] != kNoNode)
          problem("%{}: {} takes no {}, but it is %{}", id, info.name, kSlotNames[i], slots[i]);
        continue;
      }
      if (slots[i] == kNoNode) {
        problem("%{}: {} needs {}, which is not set", id, info.name, kSlotNames[i]);
        typed = false;
        continue;
      }
      if (!operandBefore(slots[i], id, kSlotNames[i])) {
        typed = false;
        continue;
      }
      const Type t = typeOf(slots[i]);
      const Type typeOfA = exists(n.a) ? typeOf(n.a) : t;
      if (!accepts(rule, t, typeOfA)) {
        problem("%{}: {} {} is {} (%{}), expected {}", id, info.name, kSlotNames[i], typeName(t),
                slots[i], ruleText(rule));
        typed = false;
      }
    }
    if (n.op == Op::Query) {
      if (n.imm < 0 || static_cast<size_t>(n.imm) >= m_.queries.size()) {
        problem("%{}: query index q{} is out of range ({} queries)", id, n.imm, m_.queries.size());
        return;
      }
      forEachOperand(m_, id, [&](NodeId operand) { operandBefore(operand, id, "query link"); });
    }
    if (typed) result(id, n, info);
  }

  void result(NodeId id, const Node& n, const OpInfo& info) {
    Type want = n.type;
    switch (info.result) {
      case ResultRule::Bool: want = Type::Bool; break;
      case ResultRule::Int: want = Type::Int; break;
      case ResultRule::Num: want = Type::Num; break;
      case ResultRule::Date: want = Type::Date; break;
      case ResultRule::Sex: want = Type::Sex; break;
      case ResultRule::SameAsA: want = typeOf(n.a); break;
      case ResultRule::ByAggregate:
        want = aggregateType(m_.queries[static_cast<size_t>(n.imm)].aggregate);
        break;
    }
    if (n.type != want)
      problem("%{}: {} has type {}, expected {}", id, info.name, typeName(n.type), typeName(want));
  }

  void query(size_t i) {
    const Query& q = m_.queries[i];
    for (std::int32_t c : q.codesets)
      if (c < 0 || static_cast<size_t>(c) >= m_.codesets.size())
        problem("q{}: code set index c{} is out of range ({} code sets)", i, c, m_.codesets.size());
    for (std::int32_t c : q.principalCodesets)
      if (c < 0 || static_cast<size_t>(c) >= m_.codesets.size())
        problem("q{}: principal code set index c{} is out of range ({} code sets)", i, c,
                m_.codesets.size());
    for (const TimeFilter& t : q.times) {
      if (!exists(t.date))
        problem("q{}: time filter date %{} is not a node", i, t.date);
      else if (typeOf(t.date) != Type::Date)
        problem("q{}: time filter %{} is {}, expected date", i, t.date, typeName(typeOf(t.date)));
    }
    if (q.hasValueFilter && !exists(q.valueOperand))
      problem("q{}: value filter operand %{} is not a node", i, q.valueOperand);
    else if (q.hasValueFilter && typeOf(q.valueOperand) != Type::Num)
      problem("q{}: value operand %{} is {}, expected num", i, q.valueOperand,
              typeName(typeOf(q.valueOperand)));
    else if (!q.hasValueFilter && q.valueOperand != kNoNode)
      problem("q{}: value operand %{} is set without a value filter", i, q.valueOperand);
    if ((q.aggregate == Aggregate::Sum) != (q.aggField != SumField::None))
      problem("q{}: {} with field {}", i, aggregateName(q.aggregate), sumFieldName(q.aggField));
    if ((q.aggregate == Aggregate::NthDate || q.aggregate == Aggregate::CountSpacedDates) &&
        q.aggParam < 1)
      problem("q{}: {} with parameter {}, expected 1 or more", i, aggregateName(q.aggregate),
              q.aggParam);
  }

  void codeset(size_t i) {
    for (const CodeSetTerm& t : m_.codesets[i].terms)
      if (t.ref != -1 && (t.ref < 0 || static_cast<size_t>(t.ref) >= m_.codesets.size()))
        problem("c{}: referenced code set c{} is out of range ({} code sets)", i, t.ref,
                m_.codesets.size());
  }

  void rule(const Rule& r) {
    for (const Term& t : r.terms) {
      if (!exists(t.node))
        problem("rule {} term '{}': %{} is not a node", ruleName(r.kind), t.label, t.node);
      else if (typeOf(t.node) != Type::Bool)
        problem("rule {} term '{}': %{} is {}, expected bool", ruleName(r.kind), t.label, t.node,
                typeName(typeOf(t.node)));
    }
  }

  void cascade() {
    const Cascade& c = m_.cascade;
    if (!exists(c.numeratorValue))
      problem("cascade: numerator value %{} is not a node", c.numeratorValue);
    else if (typeOf(c.numeratorValue) != Type::Int && typeOf(c.numeratorValue) != Type::Num)
      problem("cascade: numerator value %{} is {}, expected int or num", c.numeratorValue,
              typeName(typeOf(c.numeratorValue)));
    if (isRate(m_.kind) && !exists(c.exposure))
      problem("cascade: a rate measure's exposure %{} is not a node", c.exposure);
    else if (isRate(m_.kind) && typeOf(c.exposure) != Type::Num)
      problem("cascade: exposure %{} is {}, expected num", c.exposure,
              typeName(typeOf(c.exposure)));
    else if (!isRate(m_.kind) && c.exposure != kNoNode)
      problem("cascade: exposure %{} is set in a measure that is not a rate", c.exposure);
  }

  void definition(const Definition& d) {
    if (!exists(d.node)) problem("define {}: %{} is not a node", d.name, d.node);
    if (d.end != kNoNode && !exists(d.end))
      problem("define {}: end %{} is not a node", d.name, d.end);
  }

  const Measure& m_;
  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> verify(const Measure& m) { return Verifier(m).run(); }

}  // namespace mc::ir
