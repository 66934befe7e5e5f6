// Names of IR operations and the text form printed by `measurec ir`.
#include "ir/Ir.h"

#include <fmt/format.h>

#include <set>

#include "ir/EventDependence.h"
#include "ir/Invariance.h"
#include "support/EventVocabulary.h"

namespace mc::ir {

const char* typeName(Type t) {
  static const char* kNames[] = {
#define MC_IR_TYPE(E, name) name,
#include "ir/Ops.def"
  };
  return kNames[static_cast<int>(t)];
}

const OpInfo& opInfo(Op op) {
  static const OpInfo kInfo[] = {
#define MC_IR_OP(E, name, a, b, c, result) \
  {name, {OperandRule::a, OperandRule::b, OperandRule::c}, ResultRule::result},
#include "ir/Ops.def"
  };
  return kInfo[static_cast<int>(op)];
}

int OpInfo::operandCount() const {
  int n = 0;
  for (OperandRule r : operands) n += r != OperandRule::None ? 1 : 0;
  return n;
}

const char* opName(Op op) { return opInfo(op).name; }

const char* cmpOpText(CmpOp op) {
  static const char* kNames[] = {
#define MC_IR_CMP(E, text) text,
#include "ir/Ops.def"
  };
  return kNames[static_cast<int>(op)];
}

const char* boundText(Bound b) {
  static const char* kNames[] = {
#define MC_IR_BOUND(E, text) text,
#include "ir/Ops.def"
  };
  return kNames[static_cast<int>(b)];
}

const char* eventKindName(EventKind k) {
  static const char* kNames[] = {"visit",        "pharmacy",     "observation", "condition",
                                 "immunization", "supplemental", "referral",    "order"};
  return kNames[static_cast<int>(k)];
}

const char* aggregateName(Aggregate a) {
  static const char* kNames[] = {
#define MC_IR_AGGREGATE(E, name, result) name,
#include "ir/Ops.def"
  };
  return kNames[static_cast<int>(a)];
}

Type aggregateType(Aggregate a) {
  static const Type kTypes[] = {
#define MC_IR_AGGREGATE(E, name, result) Type::result,
#include "ir/Ops.def"
  };
  return kTypes[static_cast<int>(a)];
}

const char* measureKindName(MeasureKind k) {
  switch (k) {
    case MeasureKind::Proportion: return "proportion";
    case MeasureKind::Inverse: return "inverse";
    case MeasureKind::Rate: return "rate";
    case MeasureKind::InverseRate: return "inverse rate";
  }
  return "?";
}

const char* outcomeFieldName(OutcomeField f) {
  static const char* kNames[] = {"population", "eligible", "excluded", "numerator", "exception"};
  return kNames[static_cast<int>(f)];
}

Type fieldType(EventField f) {
  switch (eventFieldInfo(f).type) {
    case FieldType::Date: return Type::Date;
    case FieldType::Int: return Type::Int;
    case FieldType::Num: return Type::Num;
    case FieldType::Provider: return Type::Provider;
    case FieldType::Setting: return Type::Setting;
    case FieldType::Code: return Type::Code;
    case FieldType::Bool: return Type::Bool;
    case FieldType::Quantity: return Type::Quantity;
    case FieldType::Datetime: return Type::Datetime;
  }
  return Type::Int;
}

const char* filterKindName(FilterKind k) {
  static const char* kNames[] = {"status",      "window", "setting", "by_pcp",
                                 "by_provider", "with",   "slot",    "where"};
  return kNames[static_cast<int>(k)];
}

const char* ruleName(RuleKind k) {
  static const char* kNames[] = {"population", "eligible", "exclude", "numerator", "exception"};
  return kNames[static_cast<int>(k)];
}

static std::string operand(NodeId id) { return id == kNoNode ? "" : fmt::format("%{}", id); }

// `q3(stay)`: a query by index and alias.
static std::string queryName(const Measure& m, std::int64_t q) {
  if (q < 0 || static_cast<size_t>(q) >= m.queries.size()) return fmt::format("q{}", q);
  const std::string& alias = m.queries[static_cast<size_t>(q)].alias;
  return alias.empty() ? fmt::format("q{}", q) : fmt::format("q{}({})", q, alias);
}

static std::string nodeText(const Measure& m, const Node& n) {
  std::string out = fmt::format("{} {}", typeName(n.type), opName(n.op));
  switch (n.op) {
    case Op::ConstBool: return out + (n.imm ? " true" : " false");
    case Op::ConstInt: return out + fmt::format(" {}", n.imm);
    case Op::ConstNum: return out + fmt::format(" {}", n.num);
    case Op::ConstQuantity:
      return out + fmt::format(" {} '{}'", n.num,
                               n.imm >= 0 && static_cast<size_t>(n.imm) < m.units.size()
                                   ? m.units[static_cast<size_t>(n.imm)]
                                   : "?");
    case Op::ConstDate: return out + " " + formatIsoDate(static_cast<Days>(n.imm));
    case Op::ConstSex: return out + (n.imm == 0 ? " F" : n.imm == 1 ? " M" : " U");
    case Op::ConstSetting:
      return out + " " +
             (n.imm > 0 && n.imm < kSettingNameCount ? kSettingNames[n.imm] : std::string("?"));
    case Op::Cmp:
      return out + fmt::format(" {} {} {}", operand(n.a), cmpOpText(n.cmp), operand(n.b));
    case Op::Enrolled:
    case Op::EnrolledYearly:
      return out +
             fmt::format(" {} {} gaps<={} days<={}", operand(n.a), operand(n.b), n.imm, n.imm2);
    case Op::Query: return out + fmt::format(" q{}", n.imm);
    case Op::EventField:
      return out + " " + queryName(m, n.imm) + "." +
             (n.imm2 >= 0 && n.imm2 < kEventFieldCount ? kEventFields[n.imm2].name : "?");
    default: break;
  }
  // The slots the op declares (ir/Ops.def); an unset one shows as `%?`.
  const OpInfo& info = opInfo(n.op);
  const NodeId slots[] = {n.a, n.b, n.c};
  for (int i = 0; i < 3; ++i) {
    if (info.operands[i] == OperandRule::None) continue;
    out += " " + (slots[i] == kNoNode ? std::string("%?") : operand(slots[i]));
  }
  return out;
}

// ", 9 drugs" for a file set with a `drug` column (a code without a drug is
// a drug of its own), so that the grouping `pdc of` uses is visible; empty
// for a set without one.
static std::string drugCountText(const CodeSet& c) {
  std::set<std::string> named;
  std::set<std::pair<CodeSystem, std::string>> alone;
  for (const CodeSetTerm& t : c.terms)
    for (const CodeRange& r : t.codes) {
      if (!r.drug.empty())
        named.insert(r.drug);
      else
        alone.insert({t.system, r.lo + ".." + r.hi});
    }
  if (named.empty()) return "";
  return fmt::format(", {} drugs", named.size() + alone.size());
}

std::string print(const Measure& m) {
  std::string out =
      fmt::format("measure {} \"{}\" kind {}{}{}\n", m.id, m.title, measureKindName(m.kind),
                  isRate(m.kind) ? fmt::format(" per {} member years", m.ratePer) : "",
                  m.period ? fmt::format(" period {}", m.period) : "");
  if (!m.basedOn.empty()) out += fmt::format("based on {}\n", m.basedOn);
  for (size_t i = 0; i < m.codesets.size(); ++i) {
    const CodeSet& c = m.codesets[i];
    if (c.fileCodeCount >= 0) {
      out += fmt::format("codeset c{} {} ({} codes{})\n", i, c.name, c.fileCodeCount,
                         drugCountText(c));
      continue;
    }
    out += fmt::format("codeset c{} {} =", i, c.name);
    for (const CodeSetTerm& t : c.terms) {
      out += t.subtract ? " -" : " +";
      if (t.ref >= 0) {
        out += fmt::format(" c{}", t.ref);
        continue;
      }
      out += fmt::format(" {}{{", codeSystemName(t.system));
      for (size_t k = 0; k < t.codes.size(); ++k) {
        out += k ? ", " : "";
        const CodeRange& r = t.codes[k];
        out += r.family ? r.lo + "*" : r.lo == r.hi ? r.lo : r.lo + ".." + r.hi;
      }
      out += "}";
    }
    out += "\n";
  }
  for (size_t i = 0; i < m.queries.size(); ++i) {
    const Query& q = m.queries[i];
    out += fmt::format("query q{} {} {}", i, aggregateName(q.aggregate), eventKindName(q.kind));
    if (!q.alias.empty()) out += " as " + q.alias;
    for (const Filter& f : q.filters) {
      switch (f.kind) {
        case FilterKind::Codes: out += fmt::format(" with c{}", f.codeset); break;
        case FilterKind::Slot:
          if (f.codeset < 0)
            out += fmt::format(" with_any_{}", codeSlotInfo(f.slot).name);
          else
            out += fmt::format(" with_{} c{}", codeSlotInfo(f.slot).name, f.codeset);
          break;
        case FilterKind::Window: out += fmt::format(" [{} %{}]", boundText(f.bound), f.node); break;
        case FilterKind::Setting: out += fmt::format(" settings=0x{:x}", f.settings); break;
        case FilterKind::ByPcp: out += " by_pcp"; break;
        case FilterKind::ByProvider: out += fmt::format(" by_provider %{}", f.node); break;
        case FilterKind::Predicate: out += fmt::format(" where %{}", f.node); break;
        case FilterKind::Status: {
          if (f.statuses == kDefaultCountedStatuses) break;
          // The empty cell is implied by `completed`.
          std::string names;
          for (int s = 1; s < kStatusNameCount; ++s)
            if ((f.statuses >> s) & 1u)
              names += (names.empty() ? "" : ",") + std::string(kStatusNames[s]);
          out += " statuses=" + (names.empty() ? std::string("none") : names);
          break;
        }
      }
    }
    if (q.aggregate == Aggregate::Sum)
      out += fmt::format(" field={}", eventFieldInfo(q.aggField).name);
    if (q.aggregate == Aggregate::NthDate) out += fmt::format(" n={}", q.aggParam);
    if (q.aggregate == Aggregate::CountSpacedDates) out += fmt::format(" apart={}", q.aggParam);
    out += "\n";
  }
  // Member-independent nodes (ir/Invariance.h) are computed once per run.
  // Nodes that read a bound event (ir/EventDependence.h) are computed per event.
  const std::vector<std::uint8_t> once = memberIndependent(m);
  const std::vector<std::uint8_t> perEvent = eventDependent(m);
  for (size_t i = 0; i < m.nodes.size(); ++i)
    out += fmt::format("%{} = {}{}\n", i, nodeText(m, m.nodes[i]),
                       once[i]       ? "  // once per run"
                       : perEvent[i] ? "  // per event"
                                     : "");
  for (const Definition& d : m.definitions) {
    out += fmt::format("define {} = %{}{}\n", d.name, d.node,
                       d.end != kNoNode ? fmt::format("..%{}", d.end) : "");
  }
  for (const Rule& r : m.rules) {
    // Only a measure with an `exception` rule prints it.
    if (r.kind == RuleKind::Exception && !m.cascade.exceptionAfterNumerator) continue;
    out += fmt::format("rule {} {}\n", ruleName(r.kind), r.any ? "any" : "all");
    for (const Term& t : r.terms) out += fmt::format("  %{}  // {}\n", t.node, t.label);
  }
  for (const Stratifier& s : m.stratifiers) {
    out += fmt::format("stratify {}", stratifierName(s.kind));
    for (size_t i = 0; i < s.bands.size(); ++i)
      out += fmt::format("{}{}..{}", i ? ", " : " ", s.bands[i].lo, s.bands[i].hi);
    out += "\n";
  }
  out += "cascade";
  for (const Stage& s : m.cascade.stages) {
    out += fmt::format(" {}->{}{}", ruleName(s.rule), outcomeFieldName(s.sets),
                       s.stopWhenHolds ? "(stops)" : "");
  }
  out += fmt::format(" numerator_value %{}", m.cascade.numeratorValue);
  if (m.cascade.exposure != kNoNode) out += fmt::format(" exposure %{}", m.cascade.exposure);
  if (m.cascade.exceptionAfterNumerator) out += " else exception->exception";
  out += "\n";
  if (m.attributionQuery >= 0)
    out += fmt::format("attribute to pharmacy: most fills of q{}, ties to the latest fill\n",
                       m.attributionQuery);
  if (m.unitQuery >= 0)
    out += fmt::format("unit each event of q{}: the numerator is asked of each, per provider\n",
                       m.unitQuery);
  if (m.isReward())
    out += fmt::format(
        "reward: earned on %{} ({}) by the members in the numerator "
        "(rewards/{}.csv)\n",
        m.earnedOn, m.earnedOnText, m.id);
  return out;
}

}  // namespace mc::ir
