// The evidence behind a member's outcome, in words an analyst reads.
#include "interp/Explanation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "ir/Operands.h"
#include "support/Date.h"

namespace mc::interp {

const char* truthText(std::int64_t truth) {
  return truth == ir::kTrue ? "true" : truth == ir::kFalse ? "false" : "unknown";
}

std::vector<std::int32_t> queriesUnder(const ir::Measure& m, ir::NodeId node) {
  std::vector<std::int32_t> out;
  std::set<ir::NodeId> seen;
  std::set<std::int64_t> seenQueries;
  std::vector<ir::NodeId> todo{node};
  // Depth-first, left to right, with an explicit stack: chains can be long.
  while (!todo.empty()) {
    const ir::NodeId id = todo.back();
    todo.pop_back();
    if (id == ir::kNoNode || !seen.insert(id).second) continue;
    const ir::Node& n = m.nodes[id];
    if (n.op == ir::Op::Query && seenQueries.insert(n.imm).second)
      out.push_back(static_cast<std::int32_t>(n.imm));
    // Pushed in reverse so that the first operand is visited first.
    const size_t mark = todo.size();
    ir::forEachOperand(m, id, [&](ir::NodeId operand) { todo.push_back(operand); });
    std::reverse(todo.begin() + static_cast<std::ptrdiff_t>(mark), todo.end());
  }
  return out;
}

std::string eventText(const store::MemberStore& s, store::EventKind kind, std::uint32_t e) {
  const store::EventTable& t = s.table(kind);
  std::string codes;
  for (std::uint32_t c = t.codeStart[e]; c < t.codeStart[e + 1]; ++c)
    codes += (codes.empty() ? "" : " ") + s.codes.qualified(t.codes[c]);
  std::string when = formatIsoDate(t.date[e]);
  if (t.endDate[e] != t.date[e])
    when += ".." + (t.endDate[e] == kOpenEnd ? std::string() : formatIsoDate(t.endDate[e]));
  std::string extra;
  if (t.provider[e] != store::kNoProvider) extra += " provider " + s.providers.id[t.provider[e]];
  if (t.setting[e] != store::Setting::None)
    extra += std::string(" setting ") + store::settingName(t.setting[e]);
  // A fill's quantity is kept in `value` (store::EventTable).
  const bool fill = kind == store::EventKind::Pharmacy;
  if (!std::isnan(t.value[e]))
    extra += fmt::format(fill ? " quantity {}" : " value {}", t.value[e]);
  if (fill) extra += fmt::format(" days_supply {}", t.daysSupply[e]);
  if (t.status[e] != 0) extra += std::string(" status ") + kStatusNames[t.status[e]];
  const std::string where = t.line[e] != 0
                                ? fmt::format("{}:{}", store::eventFileName(kind), t.line[e])
                                : std::string(store::eventKindName(kind));
  return fmt::format("{}  {}  {}{}", where, when, codes, extra);
}

std::string ageText(const store::MemberStore& s, store::MemberIndex member, Period period) {
  const Days born = s.members.birthDate[member];
  return fmt::format("age {} at {}, {} at {} (born {})", ageInYears(born, period.start),
                     formatIsoDate(period.start), ageInYears(born, period.end),
                     formatIsoDate(period.end), formatIsoDate(born));
}

std::string valueText(ir::Type type, const Value& v) {
  if (type == ir::Type::Bool) return truthText(v.i);  // true, false or unknown
  if (isMissing(type, v)) return "missing";
  switch (type) {
    case ir::Type::Bool: break;
    case ir::Type::Int: return fmt::format("{}", v.i);
    case ir::Type::Num: return fmt::format("{}", v.n);
    case ir::Type::Date: return formatIsoDate(static_cast<Days>(v.i));
    case ir::Type::Sex: return v.i == 0 ? "F" : v.i == 1 ? "M" : "U";
  }
  return "?";
}

// Whether explain shows an aggregate's result beside its matches.
static bool showsResult(ir::Aggregate a) {
  return a == ir::Aggregate::Sum || a == ir::Aggregate::NthDate ||
         a == ir::Aggregate::CountSpacedDates;
}

std::vector<RuleExplanation> explainRules(const ir::Measure& m, const store::MemberStore& s,
                                          Interpreter& interp) {
  std::vector<RuleExplanation> out;
  std::vector<ir::NodeId> queryNode(m.queries.size(), ir::kNoNode);
  for (size_t i = 0; i < m.nodes.size(); ++i)
    if (m.nodes[i].op == ir::Op::Query) queryNode[m.nodes[i].imm] = static_cast<ir::NodeId>(i);
  for (const ir::Rule& rule : m.rules) {
    if (rule.terms.empty()) continue;
    RuleExplanation r{&rule, {}};
    for (const ir::Term& term : rule.terms) {
      TermExplanation te{&term, interp.value(term.node).i, {}};
      for (const std::int32_t q : queriesUnder(m, term.node)) {
        const ir::Query& query = m.queries[q];
        const auto kind = static_cast<store::EventKind>(query.kind);
        QueryEvidence ev{q, query.text, {}, {}, {}};
        if (showsResult(query.aggregate) && queryNode[q] != ir::kNoNode)
          ev.result = valueText(m.nodes[queryNode[q]].type, interp.value(queryNode[q]));
        for (const std::uint32_t e : interp.matches(q)) ev.matches.push_back(eventText(s, kind, e));
        for (const NearMiss& miss : interp.nearMisses(q))
          ev.nearMiss.push_back(eventText(s, kind, miss.event) + " — " + mismatchText(miss.why));
        te.queries.push_back(std::move(ev));
      }
      r.terms.push_back(std::move(te));
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace mc::interp
