// Small hand-built members, providers and measures shared by the engine tests.
#pragma once

#include <string>
#include <vector>

#include "ir/Ir.h"
#include "score/Attribution.h"
#include "score/Outcome.h"
#include "store/StoreBuilder.h"
#include "support/Date.h"

namespace mc::testing {

inline Days day(const char* iso) { return parseIsoDate(iso).value(); }

// A measure whose rules carry only labels: enough for reasons, gaps and
// aggregation, which never evaluate nodes.
inline ir::Measure labelledMeasure(std::string id,
                                   ir::MeasureKind kind = ir::MeasureKind::Proportion,
                                   std::string gap = {}) {
  ir::Measure m;
  m.id = std::move(id);
  m.kind = kind;
  m.gap = std::move(gap);
  m.rules[0] = {
      ir::RuleKind::Population, false, {{"age 50-74", ir::kNoNode}, {"female", ir::kNoNode}}};
  m.rules[1] = {ir::RuleKind::Eligible, false, {{"enrolled\n    throughout MP", ir::kNoNode}}};
  m.rules[2] = {
      ir::RuleKind::Exclude, true, {{"in_hospice(MP)", ir::kNoNode}, {"mastectomy", ir::kNoNode}}};
  m.rules[3] = {ir::RuleKind::Numerator, false, {{"exists visit with Mammography", ir::kNoNode}}};
  return m;
}

inline score::MemberOutcome notInPopulation() { return {}; }

inline score::MemberOutcome notEligible() {
  score::MemberOutcome o;
  o.population = true;
  o.decidingRule = ir::RuleKind::Eligible;
  o.decidingTerm = 0;
  return o;
}

inline score::MemberOutcome excluded(int term = 0) {
  score::MemberOutcome o;
  o.population = o.eligible = o.excluded = true;
  o.decidingRule = ir::RuleKind::Exclude;
  o.decidingTerm = term;
  return o;
}

inline score::MemberOutcome inNumerator(double value = 1) {
  score::MemberOutcome o;
  o.population = o.eligible = o.numerator = true;
  o.numeratorValue = value;
  o.decidingRule = ir::RuleKind::Numerator;
  o.decidingTerm = 0;
  return o;
}

inline score::MemberOutcome notInNumerator() {
  score::MemberOutcome o;
  o.population = o.eligible = true;
  o.decidingRule = ir::RuleKind::Numerator;
  o.decidingTerm = 0;
  return o;
}

// Members with the given ids (born 1960, female), each enrolled all of 2022
// with the given pcp ("" for none).
inline store::MemberStore storeOf(
    const std::vector<std::pair<std::string, std::string>>& memberPcp) {
  store::StoreBuilder b;
  for (const auto& [id, pcp] : memberPcp) {
    const store::MemberIndex m = b.addMember(id, day("1960-05-01"), store::Sex::F);
    b.addEnrollment(m, day("2022-01-01"), day("2022-12-31"), pcp);
    if (!pcp.empty() && !b.hasListedProvider(pcp)) b.addProvider(pcp, store::ProviderKind::Pcp);
  }
  return b.finish();
}

// Outcomes of `measure` for every member of `store`, attributed to each
// member's linked PCP on 2022-12-31.
inline score::MeasureOutcomes outcomesOf(const ir::Measure& measure, const store::MemberStore& s,
                                         std::vector<score::MemberOutcome> members,
                                         int minimum = 0) {
  score::MeasureOutcomes mo;
  mo.measure = &measure;
  mo.minimum = minimum;
  mo.members = score::OutcomeTable(measure, std::move(members));
  for (store::MemberIndex m = 0; m < s.memberCount(); ++m) {
    mo.provider.push_back(score::linkedPcp(s, m, day("2022-12-31")));
  }
  return mo;
}

}  // namespace mc::testing
