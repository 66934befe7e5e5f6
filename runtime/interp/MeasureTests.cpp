// One-member stores from test blocks, and the comparison of outcomes.
#include "interp/MeasureTests.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <set>

#include "interp/Explanation.h"
#include "interp/Scoring.h"
#include "output/ResultWriters.h"
#include "score/ProviderRates.h"
#include "store/StoreBuilder.h"
#include "support/EventVocabulary.h"

namespace mc::interp {
namespace {

store::MemberStore buildStore(const ir::TestCase& t) {
  store::StoreBuilder b;
  if (!t.pcp.empty()) b.addProvider(t.pcp, store::ProviderKind::Pcp);
  for (const std::string& pcp : t.enrolledPcp)
    if (!pcp.empty()) b.addProvider(pcp, store::ProviderKind::Pcp);
  const store::Sex sex = t.memberSex == "F"   ? store::Sex::F
                         : t.memberSex == "M" ? store::Sex::M
                                              : store::Sex::U;
  const store::MemberIndex m = b.addMember("TEST", t.born, sex, t.died);
  for (size_t i = 0; i < t.enrolled.size(); ++i) {
    const std::string& own = i < t.enrolledPcp.size() ? t.enrolledPcp[i] : std::string();
    b.addEnrollment(m, t.enrolled[i].first, t.enrolled[i].second, own.empty() ? t.pcp : own);
  }
  for (const ir::TestEvent& e : t.events) {
    store::EventRow row;
    row.kind = static_cast<store::EventKind>(e.kind);
    row.member = m;
    row.date = e.date;
    row.endDate = e.endDate;
    row.startTime = e.startTime;
    row.endTime = e.endTime;
    row.codes = e.codes;
    row.provider = e.provider;
    row.toProvider = e.toProvider;
    row.setting = static_cast<store::Setting>(e.setting);
    // check rejects a status outside the vocabulary; "unknown" never counts.
    row.status = store::statusFromText(e.status).value_or(*statusIndex("unknown"));
    // check accepts only the vocabulary's sources.
    row.source = static_cast<store::EventSource>(sourceIndex(e.source).value_or(0));
    if (e.hasValue) row.value = e.value;
    row.unit = e.unit;
    row.daysSupply = e.daysSupply;
    row.generic = e.generic;
    row.slotCodes = e.slotCodes;
    row.hasResult = e.hasValue || e.valueText;
    for (const auto& slotCode : e.slotCodes) row.hasResult |= slotCode.first == CodeSlot::Value;
    b.addEvent(row);
  }
  return b.finish();
}

bool actual(const score::OutcomeView& o, ir::RuleKind k) {
  switch (k) {
    case ir::RuleKind::Population: return o.population;
    case ir::RuleKind::Eligible: return o.eligible;
    case ir::RuleKind::Exclude: return o.excluded;
    case ir::RuleKind::Numerator: return o.numerator;
    case ir::RuleKind::Exception: return o.exception;
  }
  return false;
}

const char* outcomeName(ir::RuleKind k) {
  return k == ir::RuleKind::Exclude ? "excluded" : ir::ruleName(k);
}

// The evidence an analyst needs to see why a test failed.
void describeFailure(const ir::Measure& measure, const store::MemberStore& store,
                     const ir::TestCase& t, const score::OutcomeView& o, TestResult& r) {
  r.decidedBy = score::reasonText(measure, o);
  if (!o.population && o.decidingTerm >= 0)
    r.decidedBy += fmt::format(" (not in population: {})",
                               measure.rule(ir::RuleKind::Population).terms[o.decidingTerm].label);
  const Period period = calendarYear(t.period);
  r.age = ageText(store, 0, period);
  CodeSetBinding codes(measure, store.codes);
  Interpreter interp(measure, store, codes, period);
  interp.evaluate(0);
  std::set<std::int32_t> shown;
  for (const RuleExplanation& rule : explainRules(measure, store, interp)) {
    for (const TermExplanation& term : rule.terms) {
      for (const QueryEvidence& q : term.queries) {
        if (!shown.insert(q.query).second) continue;
        for (const std::string& miss : q.nearMiss) r.nearMisses.push_back(q.text + ": " + miss);
      }
    }
  }
}

}  // namespace

std::vector<TestResult> runMeasureTests(const ir::Measure& measure) {
  return runMeasureTests(measure, nullptr, nullptr);
}

std::vector<TestResult> runMeasureTests(const ir::Measure& measure, MeasureCompiler* compiler,
                                        EngineReport* report) {
  std::vector<TestResult> out;
  for (const ir::TestCase& t : measure.tests) {
    TestResult r;
    r.measure = measure.id;
    r.name = t.name;
    r.location = t.location;
    const store::MemberStore store = buildStore(t);
    const auto outcomes =
        scoreMeasures({{&measure, 0}}, store, calendarYear(t.period), 1, compiler, report);
    const score::OutcomeView o = outcomes[0].members[0];
    std::vector<std::string> wrong;
    for (const ir::TestCase::Expectation& e : t.expects) {
      if (e.hasNumber) {
        // Compared as written in the results (4 decimals).
        const double got = e.exposure ? o.exposure
                           : e.units  ? score::countedDenominator(measure, o)
                                      : score::countedNumerator(o);
        if (std::fabs(got - e.number) >= 0.00005) {
          wrong.push_back(fmt::format("expected {} {}, got {}",
                                      e.exposure ? "exposure"
                                      : e.units  ? "units"
                                                 : "numerator",
                                      output::formatCount(e.number), output::formatCount(got)));
        }
        continue;
      }
      // A reward's numerator reads `earned` (its tests' word).
      const std::string name =
          measure.isReward() && e.rule == ir::RuleKind::Numerator ? "earned" : outcomeName(e.rule);
      if (actual(o, e.rule) != e.value) {
        wrong.push_back(fmt::format("expected {}{}, got {}{}", e.value ? "" : "not ", name,
                                    e.value ? "not " : "", name));
      } else if (e.earnedOn != kNoDate && o.earnedOn != e.earnedOn) {
        wrong.push_back(fmt::format(
            "expected earned on {}, got {}", formatIsoDate(e.earnedOn),
            o.earnedOn == kNoDate ? "no date (earned on is missing)" : formatIsoDate(o.earnedOn)));
      }
    }
    r.passed = wrong.empty();
    if (!r.passed) {
      r.wrong = std::move(wrong);
      describeFailure(measure, store, t, o, r);
      r.failure = fmt::format("{}\n    decided by: {}\n    member: {}", fmt::join(r.wrong, "; "),
                              r.decidedBy, r.age);
      if (!r.nearMisses.empty())
        r.failure +=
            fmt::format("\n    nearly matched:\n      {}", fmt::join(r.nearMisses, "\n      "));
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace mc::interp
