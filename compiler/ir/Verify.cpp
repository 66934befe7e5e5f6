// The IR verifier: see Verify.h. Every check reads the op list (ir/Ops.def)
// and the one operand walk (ir/Operands.h), never a rule of its own.
#include "ir/Verify.h"

#include <fmt/format.h>

#include <algorithm>

#include "ir/EventDependence.h"
#include "ir/Operands.h"
#include "support/EventVocabulary.h"

namespace mc::ir {

namespace {

class Verifier {
 public:
  explicit Verifier(const Measure& m) : m_(m) {}

  std::vector<std::string> run() {
    for (size_t i = 0; i < m_.nodes.size(); ++i) node(static_cast<NodeId>(i));
    for (size_t i = 0; i < m_.queries.size(); ++i) query(i);
    for (size_t i = 0; i < m_.codesets.size(); ++i) codeset(i);
    reads_ = boundEventsRead(m_);
    for (const Rule& r : m_.rules) rule(r);
    attributionAndUnit();
    for (const Definition& d : m_.definitions) definition(d);
    cascade();
    bindings();
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
      case OperandRule::Quantity: return t == Type::Quantity;
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
      case OperandRule::Quantity: return "quantity";
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
    if (n.op == Op::EventField && !eventField(id, n)) return;
    if (n.op == Op::ConstQuantity && (n.imm < 0 || static_cast<size_t>(n.imm) >= m_.units.size()))
      problem("%{}: const.quantity unit u{} is out of range ({} units)", id, n.imm,
              m_.units.size());
    if (n.op == Op::Cmp && typed && n.cmp != CmpOp::Eq && n.cmp != CmpOp::Ne) {
      const Type t = typeOf(n.a);
      if (t == Type::Provider || t == Type::Setting || t == Type::Code)
        problem("%{}: cmp {} on {} values, which have no order", id, cmpOpText(n.cmp), typeName(t));
    }
    if (typed) result(id, n, info);
  }

  // An EventField names a query and a field of that query's event kind.
  bool eventField(NodeId id, const Node& n) {
    if (n.imm < 0 || static_cast<size_t>(n.imm) >= m_.queries.size()) {
      problem("%{}: event_field of q{}, which is out of range ({} queries)", id, n.imm,
              m_.queries.size());
      return false;
    }
    if (n.imm2 < 0 || n.imm2 >= kEventFieldCount) {
      problem("%{}: event_field index {} is not a field", id, n.imm2);
      return false;
    }
    const auto field = static_cast<EventField>(n.imm2);
    const EventKind kind = m_.queries[static_cast<size_t>(n.imm)].kind;
    if (!kindHasField(static_cast<int>(kind), field)) {
      problem("%{}: {} has no field {}", id, anEvent(eventKindName(kind)),
              eventFieldInfo(field).name);
      return false;
    }
    return true;
  }

  // A bound event is read only inside the query that binds it: in its
  // `where` filters (a Predicate) or in any filter of a query nested in
  // them. So no rule term or definition reads one, no query's other filters
  // read its own event, and every query's node reads only the events of
  // queries around it, which ends at a rule or definition (checked there).
  void bindings() {
    for (size_t i = 0; i < m_.nodes.size(); ++i) {
      const Node& n = m_.nodes[i];
      if (n.op != Op::Query || n.imm < 0 || static_cast<size_t>(n.imm) >= m_.queries.size())
        continue;
      const auto own = static_cast<std::int32_t>(n.imm);
      for (const Filter& f : m_.queries[static_cast<size_t>(own)].filters) {
        if (f.kind == FilterKind::Predicate || !exists(f.node)) continue;
        const auto& reads = reads_[static_cast<size_t>(f.node)];
        if (std::binary_search(reads.begin(), reads.end(), own))
          problem("q{}: its {} filter %{} reads the query's own event", own, filterKindName(f.kind),
                  f.node);
      }
    }
  }

  // A root (rule term, definition) reads no bound event.
  void unbound(NodeId id, const std::string& what) {
    if (!exists(id) || reads_[static_cast<size_t>(id)].empty()) return;
    problem("{}: %{} reads the event of q{} outside that query", what, id,
            reads_[static_cast<size_t>(id)].front());
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
      case ResultRule::ByField: want = fieldType(static_cast<EventField>(n.imm2)); break;
      case ResultRule::Provider: want = Type::Provider; break;
      case ResultRule::Setting: want = Type::Setting; break;
      case ResultRule::Quantity: want = Type::Quantity; break;
      case ResultRule::Datetime: want = Type::Datetime; break;
    }
    if (n.type != want)
      problem("%{}: {} has type {}, expected {}", id, info.name, typeName(n.type), typeName(want));
  }

  void query(size_t i) {
    const Query& q = m_.queries[i];
    for (const Filter& f : q.filters) {
      const char* name = filterKindName(f.kind);
      Type want = Type::Bool;
      switch (f.kind) {
        case FilterKind::Slot:
          if (static_cast<int>(f.slot) >= kCodeSlotCount)
            problem("q{}: slot filter names slot {} of {}", i, static_cast<int>(f.slot),
                    kCodeSlotCount);
          name = codeSlotInfo(f.slot).name;
          // `with any SLOT` has no code set.
          if (f.codeset == -1) {
            if (f.node != kNoNode) problem("q{}: {} filter has a node %{}", i, name, f.node);
            continue;
          }
          [[fallthrough]];
        case FilterKind::Codes:
          if (f.codeset < 0 || static_cast<size_t>(f.codeset) >= m_.codesets.size())
            problem("q{}: {} code set index c{} is out of range ({} code sets)", i, name, f.codeset,
                    m_.codesets.size());
          [[fallthrough]];
        case FilterKind::Status:
        case FilterKind::Setting:
        case FilterKind::ByPcp:
          if (f.node != kNoNode) problem("q{}: {} filter has a node %{}", i, name, f.node);
          continue;
        case FilterKind::Window: want = Type::Date; break;
        case FilterKind::ByProvider: want = Type::Provider; break;
        case FilterKind::Predicate: want = Type::Bool; break;
      }
      if (!exists(f.node))
        problem("q{}: {} filter node %{} is not a node", i, name, f.node);
      else if (typeOf(f.node) != want)
        problem("q{}: {} filter %{} is {}, expected {}", i, name, f.node, typeName(typeOf(f.node)),
                typeName(want));
    }
    if (q.aggregate == Aggregate::Sum &&
        (!kindHasField(static_cast<int>(q.kind), q.aggField) ||
         (fieldType(q.aggField) != Type::Int && fieldType(q.aggField) != Type::Num &&
          fieldType(q.aggField) != Type::Quantity)))
      problem("q{}: sum of {}, which is not a number of {}", i, eventFieldInfo(q.aggField).name,
              anEvent(eventKindName(q.kind)));
    if ((q.aggregate == Aggregate::NthDate || q.aggregate == Aggregate::CountSpacedDates) &&
        q.aggParam < 1)
      problem("q{}: {} with parameter {}, expected 1 or more", i, aggregateName(q.aggregate),
              q.aggParam);
    if (q.aggregate == Aggregate::Pdc) pdcQuery(i, q);
  }

  // A pdc reads its period from exactly one `end >=` and one `start <=`
  // window (a `during`) of a pharmacy query (interp/Pdc.h).
  void pdcQuery(size_t i, const Query& q) {
    if (q.kind != EventKind::Pharmacy)
      problem("q{}: pdc of {} events, expected pharmacy", i, eventKindName(q.kind));
    int lower = 0, upper = 0, other = 0;
    for (const Filter& f : q.filters) {
      if (f.kind != FilterKind::Window) continue;
      if (f.bound == Bound::EndsOnOrAfter)
        ++lower;
      else if (f.bound == Bound::StartsOnOrBefore)
        ++upper;
      else
        ++other;
    }
    if (lower != 1 || upper != 1 || other != 0)
      problem("q{}: pdc with windows end>= x{}, start<= x{}, other x{}; expected one during", i,
              lower, upper, other);
  }

  void codeset(size_t i) {
    for (const CodeSetTerm& t : m_.codesets[i].terms)
      if (t.ref != -1 && (t.ref < 0 || static_cast<size_t>(t.ref) >= m_.codesets.size()))
        problem("c{}: referenced code set c{} is out of range ({} code sets)", i, t.ref,
                m_.codesets.size());
  }

  // The pharmacy attribution and the unit are pharmacy queries of this
  // measure.
  void attributionAndUnit() {
    const std::pair<std::int32_t, const char*> queries[] = {{m_.attributionQuery, "attribution"},
                                                            {m_.unitQuery, "unit"}};
    for (const auto& [q, what] : queries) {
      if (q == -1) continue;
      if (q < 0 || static_cast<size_t>(q) >= m_.queries.size())
        problem("{}: q{} is not a query ({} queries)", what, q, m_.queries.size());
      else if (m_.queries[static_cast<size_t>(q)].kind != EventKind::Pharmacy)
        problem("{}: q{} is a {} query, expected pharmacy", what, q,
                eventKindName(m_.queries[static_cast<size_t>(q)].kind));
    }
  }

  void rule(const Rule& r) {
    // An event-unit numerator reads the unit's event, bound per unit.
    const bool unitBound = r.kind == RuleKind::Numerator && m_.unitQuery >= 0;
    for (const Term& t : r.terms) {
      if (unitBound && exists(t.node)) {
        for (std::int32_t q : reads_[static_cast<size_t>(t.node)])
          if (q != m_.unitQuery)
            problem("rule numerator term '{}': %{} reads the event of q{} outside that query",
                    t.label, t.node, q);
      } else {
        unbound(t.node, fmt::format("rule {} term '{}'", ruleName(r.kind), t.label));
      }
      if (!exists(t.node))
        problem("rule {} term '{}': %{} is not a node", ruleName(r.kind), t.label, t.node);
      else if (typeOf(t.node) != Type::Bool)
        problem("rule {} term '{}': %{} is {}, expected bool", ruleName(r.kind), t.label, t.node,
                typeName(typeOf(t.node)));
    }
  }

  // The exception rule is asked after a numerator stage that failed; it
  // has terms exactly when the cascade asks it.
  void exception() {
    const Cascade& c = m_.cascade;
    const bool terms = !m_.rule(RuleKind::Exception).terms.empty();
    if (terms && !c.exceptionAfterNumerator)
      problem("cascade: the exception rule has terms but the cascade never asks it");
    if (!c.exceptionAfterNumerator) return;
    if (!terms) problem("cascade: exception asked, but the exception rule has no term");
    if (c.stages.empty() || c.stages.back().sets != OutcomeField::Numerator)
      problem("cascade: exception asked, but the last stage is not the numerator's");
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
    exception();
    if (m_.isReward()) {
      if (!exists(m_.earnedOn))
        problem("reward: earned on %{} is not a node", m_.earnedOn);
      else if (typeOf(m_.earnedOn) != Type::Date)
        problem("reward: earned on %{} is {}, expected date", m_.earnedOn,
                typeName(typeOf(m_.earnedOn)));
      else
        unbound(m_.earnedOn, "reward earned on");
      if (isRate(m_.kind) || m_.unitQuery >= 0)
        problem("reward: a reward is a proportion of members, not {}",
                m_.unitQuery >= 0 ? "event units" : "a rate");
    }
  }

  void definition(const Definition& d) {
    if (!exists(d.node)) problem("define {}: %{} is not a node", d.name, d.node);
    unbound(d.node, "define " + d.name);
    unbound(d.end, "define " + d.name);
    if (d.end != kNoNode && !exists(d.end))
      problem("define {}: end %{} is not a node", d.name, d.end);
  }

  const Measure& m_;
  std::vector<std::string> problems_;
  std::vector<std::vector<std::int32_t>> reads_;  // boundEventsRead(m_)
};

}  // namespace

std::vector<std::string> verify(const Measure& m) { return Verifier(m).run(); }

}  // namespace mc::ir
