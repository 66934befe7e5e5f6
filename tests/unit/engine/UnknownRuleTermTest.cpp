// Rules over unknown terms: an unknown term fails an all-rule (and a false
// term is named before an unknown one), and does not satisfy an any-rule.
#include <catch2/catch.hpp>

#include "EngineFixtures.h"
#include "LabRuleFixtures.h"

using namespace mc;
using namespace mc::testing;

TEST_CASE("an unknown population term fails the rule and is marked unknown") {
  const ir::Measure m = labRuleMeasure("  population true and lab < 5\n  numerator true\n");
  const score::MemberOutcome o = outcomeWithoutEvents(m);
  CHECK_FALSE(o.population);
  CHECK(o.decidingRule == ir::RuleKind::Population);
  CHECK(o.decidingTerm == 1);
  CHECK(o.decidingUnknown);
  CHECK(score::reasonText(m, o) == "not in population: lab < 5 (unknown)");
}

TEST_CASE("a false term decides before an earlier unknown one") {
  const ir::Measure m = labRuleMeasure("  population true\n  numerator lab < 5 and false\n");
  const score::MemberOutcome o = outcomeWithoutEvents(m);
  CHECK_FALSE(o.numerator);
  CHECK(o.decidingTerm == 1);
  CHECK_FALSE(o.decidingUnknown);
}

TEST_CASE("an unknown exclusion does not exclude; a true one after it does") {
  SECTION("unknown only") {
    const ir::Measure m =
        labRuleMeasure("  population true\n  exclude lab > 5\n  numerator true\n");
    const score::MemberOutcome o = outcomeWithoutEvents(m);
    CHECK_FALSE(o.excluded);
    CHECK(o.numerator);
    CHECK_FALSE(o.decidingUnknown);
  }
  SECTION("unknown, then true") {
    const ir::Measure m =
        labRuleMeasure("  population true\n  exclude lab > 5 or true\n  numerator true\n");
    const score::MemberOutcome o = outcomeWithoutEvents(m);
    CHECK(o.excluded);
    CHECK(o.decidingTerm == 1);
  }
}
