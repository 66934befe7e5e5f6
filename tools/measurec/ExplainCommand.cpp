// `measurec explain`: one member, one measure: every rule term's value and
// the events that made it true or false.
#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <set>

#include "Args.h"
#include "Commands.h"
#include "Workload.h"
#include "interp/Interpreter.h"
#include "score/Attribution.h"
#include "store/DataDirectoryLoader.h"

namespace mc::cli {
namespace {

std::string valueText(const ir::Node& n, const interp::Value& v) {
  if (interp::isMissing(n.type, v)) return n.type == ir::Type::Bool ? "unknown" : "missing";
  switch (n.type) {
    case ir::Type::Bool: return v.i ? "true" : "false";
    case ir::Type::Int: return fmt::format("{}", v.i);
    case ir::Type::Num: return fmt::format("{}", v.n);
    case ir::Type::Date: return formatIsoDate(static_cast<Days>(v.i));
    case ir::Type::Sex: return v.i == 0 ? "F" : v.i == 1 ? "M" : "U";
  }
  return "?";
}

// The queries a node depends on, in first-use order.
void queriesOf(const ir::Measure& m, ir::NodeId id, std::set<ir::NodeId>& seen,
               std::vector<std::int64_t>& out) {
  if (id == ir::kNoNode || !seen.insert(id).second) return;
  const ir::Node& n = m.nodes[id];
  if (n.op == ir::Op::Query) {
    out.push_back(n.imm);
    for (const ir::TimeFilter& t : m.queries[n.imm].times) queriesOf(m, t.date, seen, out);
    return;
  }
  queriesOf(m, n.a, seen, out);
  queriesOf(m, n.b, seen, out);
  queriesOf(m, n.c, seen, out);
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
  if (!std::isnan(t.value[e])) extra += fmt::format(" value {}", t.value[e]);
  return fmt::format("{}:{}  {}  {}{}", store::eventFileName(kind), t.line[e], when, codes, extra);
}

}  // namespace

int explainCommand(const std::vector<std::string>& argv) {
  Args args(argv, {"member", "measure", "data", "program", "period", "period-start", "period-end"},
            {});
  if (!args.ok()) return usageError("explain", args.error());
  const auto memberId = args.value("member");
  const auto measureId = args.value("measure");
  const auto data = args.value("data");
  if (!memberId || !measureId || !data)
    return usageError("explain", "give --member ID --measure ID --data DIR");
  Workload w;
  if (const int rc = loadWorkload("explain", args, "", true, w); rc != kExitOk) return rc;
  const ir::Measure* measure = nullptr;
  for (const ir::Measure& m : w.measures)
    if (m.id == *measureId) measure = &m;
  if (measure == nullptr) {
    std::string ids;
    for (const ir::Measure& m : w.measures) ids += (ids.empty() ? "" : ", ") + m.id;
    std::cerr << fmt::format("measurec explain: no measure '{}' here\n  note: measures: {}\n",
                             *measureId, ids);
    return kExitUserError;
  }
  interp::Period period;
  if (const int rc = resolvePeriod("explain", args, w, period); rc != kExitOk) return rc;
  store::LoadResult loaded = store::loadDataDirectory(*data, {});
  if (loaded.error) {
    std::cerr << "error: " << loaded.error->format() << "\n";
    return kExitUserError;
  }
  const store::MemberStore& s = *loaded.store;
  const store::MemberIndex m = s.findMember(*memberId);
  if (m == store::MemberStore::kNoMember) {
    std::cerr << fmt::format("measurec explain: no member '{}' in {}/members.csv\n", *memberId,
                             *data);
    return kExitUserError;
  }
  interp::CodeSetBinding codes(*measure, s.codes);
  interp::Interpreter interp(*measure, s, codes, period);
  const score::MemberOutcome o = interp.evaluate(m);

  std::cout << fmt::format("member {} ({}, born {}), measure {} \"{}\", period {}..{}\n", *memberId,
                           s.members.sex[m] == store::Sex::F   ? "F"
                           : s.members.sex[m] == store::Sex::M ? "M"
                                                               : "U",
                           formatIsoDate(s.members.birthDate[m]), measure->id, measure->title,
                           formatIsoDate(period.start), formatIsoDate(period.end));
  std::cout << fmt::format("linked PCP: {}\n",
                           score::providerIdText(s.providers, score::linkedPcp(s, m, period.end)));
  std::cout << fmt::format("outcome: {}population, {}eligible, {}excluded, {}numerator\n",
                           o.population ? "" : "not ", o.eligible ? "" : "not ",
                           o.excluded ? "" : "not ", o.numerator ? "" : "not ");
  std::cout << fmt::format("reason: {}\n", score::reasonText(*measure, o));
  for (const ir::Rule& rule : measure->rules) {
    if (rule.terms.empty()) continue;
    std::cout << fmt::format("\n{} ({} of):\n", ir::ruleName(rule.kind), rule.any ? "any" : "all");
    for (const ir::Term& term : rule.terms) {
      std::cout << fmt::format("  {:<7}  {}\n",
                               valueText(measure->nodes[term.node], interp.value(term.node)),
                               term.label);
      std::set<ir::NodeId> seen;
      std::vector<std::int64_t> queries;
      queriesOf(*measure, term.node, seen, queries);
      for (std::int64_t q : queries) {
        const auto events = interp.matches(static_cast<std::int32_t>(q));
        const ir::Query& query = measure->queries[q];
        std::cout << fmt::format("         {}: {} matching event(s)\n", query.text, events.size());
        for (std::uint32_t e : events)
          std::cout << "           " << eventText(s, static_cast<store::EventKind>(query.kind), e)
                    << "\n";
      }
    }
  }
  if (!measure->definitions.empty()) std::cout << "\ndefinitions:\n";
  for (const ir::Definition& d : measure->definitions) {
    std::string text = valueText(measure->nodes[d.node], interp.value(d.node));
    if (d.end != ir::kNoNode)
      text = "[" + text + ", " + valueText(measure->nodes[d.end], interp.value(d.end)) + "]";
    std::cout << fmt::format("  {} = {}\n", d.name, text);
  }
  return kExitOk;
}

}  // namespace mc::cli
