// `measurec explain`: one member, one measure: every rule term's value and
// the events that made it true or false.
#include <fmt/format.h>

#include <cmath>
#include <iostream>

#include "Args.h"
#include "Commands.h"
#include "DataSource.h"
#include "LoadMessages.h"
#include "Workload.h"
#include "interp/Explanation.h"
#include "interp/Interpreter.h"
#include "output/ResultWriters.h"
#include "score/Attribution.h"
#include "score/Strata.h"
#include "store/DataDirectoryLoader.h"

namespace mc::cli {
namespace {

std::string valueText(const store::MemberStore& s, const ir::Measure& m, const ir::Node& n,
                      const interp::Value& v) {
  return interp::valueText(s, n.type, v, &m);
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
  store::LoadResult loaded;
  if (const int rc = loadData("explain", *data, {}, loaded); rc != kExitOk) return rc;
  const store::MemberStore& s = *loaded.store;
  const store::MemberIndex m = s.findMember(*memberId);
  if (m == store::MemberStore::kNoMember) {
    // loaded.directory: a cache's names the directory it was built from.
    std::cerr << fmt::format("measurec explain: no member '{}' in {}/members.csv\n", *memberId,
                             loaded.directory);
    return kExitUserError;
  }
  interp::CodeSetBinding codes(*measure, s.codes);
  interp::Interpreter interp(*measure, s, codes, period);
  const score::MemberOutcome o = interp.evaluate(m);

  std::cout << fmt::format("member {} ({}), measure {} \"{}\", period {}..{}\n", *memberId,
                           s.members.sex[m] == store::Sex::F   ? "F"
                           : s.members.sex[m] == store::Sex::M ? "M"
                                                               : "U",
                           measure->id, measure->title, formatIsoDate(period.start),
                           formatIsoDate(period.end));
  std::cout << fmt::format("{}\n", interp::ageText(s, m, period));
  std::cout << fmt::format("linked PCP: {}\n",
                           score::providerIdText(s.providers, score::linkedPcp(s, m, period.end)));
  if (measure->attributionQuery >= 0) {
    // `attribute to pharmacy of ...`: the pharmacy results go to, and why.
    std::cout << fmt::format("pharmacy: {}\n  from: {}\n",
                             score::pharmacyChoiceText(s.providers, interp.pharmacy()),
                             measure->queries[static_cast<size_t>(measure->attributionQuery)].text);
  }
  // A measure with denominator exceptions says whether the member is one.
  const std::string exception = !measure->cascade.exceptionAfterNumerator ? ""
                                : o.exception                             ? ", exception"
                                                                          : ", not exception";
  std::cout << fmt::format("outcome: {}population, {}eligible, {}excluded, {}numerator{}\n",
                           o.population ? "" : "not ", o.eligible ? "" : "not ",
                           o.excluded ? "" : "not ", o.numerator ? "" : "not ", exception);
  std::cout << fmt::format("reason: {}\n", score::reasonText(*measure, o));
  // The member's strata (strata.csv), age bands at the end of the period.
  for (const ir::Stratifier& st : measure->stratifiers)
    std::cout << fmt::format("stratum by {}: {}\n", stratifierName(st.kind),
                             score::stratumOf(s, m, st, period.end));
  if (measure->unitQuery >= 0 && o.eligible && !o.excluded) {
    // An event-unit measure: the member's units per provider.
    for (const score::UnitCount& u : o.units)
      std::cout << fmt::format("units at {}: {} event(s), {} in the numerator\n",
                               score::providerIdText(s.providers, u.provider), u.units,
                               u.numerator);
  }
  if (ir::isRate(measure->kind) && o.eligible && !o.excluded) {
    std::cout << fmt::format("numerator (weighted count): {}, exposure: {} member years\n",
                             output::formatCount(o.numeratorValue),
                             output::formatCount(o.exposure));
  }
  if (measure->isReward()) {
    // What rewards/<REWARD>.csv holds for the member, and the date's rule.
    const std::string date =
        valueText(s, *measure, measure->nodes[measure->earnedOn], interp.value(measure->earnedOn));
    const std::string file = "rewards/" + measure->id + ".csv";
    std::cout << fmt::format(
        "reward: {}\n  earned on {} = {}\n",
        !o.numerator ? std::string("not earned")
        : o.earnedOn == kNoDate
            ? "earned, but its date is missing: not written to " + file + " (counted in run.json)"
            : "earned on " + formatIsoDate(o.earnedOn) + " (" + file + ")",
        measure->earnedOnText, date);
  }
  for (const interp::RuleExplanation& rule : interp::explainRules(*measure, s, interp)) {
    // An event-unit numerator is asked of each unit event, below.
    if (measure->unitQuery >= 0 && rule.rule->kind == ir::RuleKind::Numerator) continue;
    // A reward's numerator is its `earned when`.
    const bool earnedWhen = measure->isReward() && rule.rule->kind == ir::RuleKind::Numerator;
    std::cout << fmt::format("\n{} ({} of):\n",
                             earnedWhen ? "earned when" : ir::ruleName(rule.rule->kind),
                             rule.rule->any ? "any" : "all");
    for (const interp::TermExplanation& term : rule.terms) {
      std::cout << fmt::format("  {:<7}  {}\n", interp::truthText(term.truth), term.term->label);
      for (const interp::QueryEvidence& q : term.queries) {
        std::cout << fmt::format("         {}: {} matching event(s){}\n", q.text, q.matches.size(),
                                 q.result.empty() ? "" : ", result " + q.result);
        for (const std::string& e : q.matches) std::cout << "           " << e << "\n";
        if (!q.nearMiss.empty())
          std::cout << fmt::format("         with its codes but turned away:\n");
        for (const std::string& e : q.nearMiss) std::cout << "           " << e << "\n";
        if (!q.pairs.empty()) std::cout << "         paired events:\n";
        for (const std::string& e : q.pairs) std::cout << "           " << e << "\n";
        if (!q.coverage.empty()) std::cout << "         days covered (PQA):\n";
        for (const std::string& e : q.coverage) std::cout << "           " << e << "\n";
      }
    }
  }
  if (measure->unitQuery >= 0 && o.eligible && !o.excluded) {
    // Each unit event with the numerator's terms, the event bound.
    const ir::Rule& num = measure->rule(ir::RuleKind::Numerator);
    const ir::Query& uq = measure->queries[static_cast<size_t>(measure->unitQuery)];
    std::cout << fmt::format("\nnumerator, per unit event of {} (all of):\n", uq.text);
    for (const std::uint32_t e : interp.matches(measure->unitQuery)) {
      interp.bindEvent(measure->unitQuery, e);
      std::cout << fmt::format("  {}\n",
                               interp::eventText(s, static_cast<store::EventKind>(uq.kind), e));
      for (const ir::Term& t : num.terms)
        std::cout << fmt::format("    {:<7}  {}\n", interp::truthText(interp.value(t.node).i),
                                 t.label);
    }
    interp.bindEvent(measure->unitQuery, interp::Interpreter::kNoEvent);
  }
  if (!measure->definitions.empty()) std::cout << "\ndefinitions:\n";
  for (const ir::Definition& d : measure->definitions) {
    std::string text = valueText(s, *measure, measure->nodes[d.node], interp.value(d.node));
    if (d.end != ir::kNoNode)
      text = "[" + text + ", " +
             valueText(s, *measure, measure->nodes[d.end], interp.value(d.end)) + "]";
    std::cout << fmt::format("  {} = {}\n", d.name, text);
  }
  return kExitOk;
}

}  // namespace mc::cli
