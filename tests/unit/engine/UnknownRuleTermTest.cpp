// Rules over unknown terms: an unknown term fails an all-rule (and a false
// term is named before an unknown one), and does not satisfy an any-rule.
#include <catch2/catch.hpp>

#include "EngineFixtures.h"
#include "driver/Compilation.h"
#include "interp/Interpreter.h"

using namespace mc;
using namespace mc::testing;

namespace {

ir::Measure lowered(const std::string& rules) {
  Compilation c(std::string(MEASUREC_SOURCE_DIR) + "/stdlib");
  c.addSource("t.measure",
              "measure T \"t\" {\n  period 2022\n"
              "  define lab = latest value of observation with LOINC{4548-4}\n" +
                  rules + "}\n");
  c.check();
  REQUIRE_FALSE(c.hasErrors());
  return c.lower(*c.measures().at(0));
}

score::MemberOutcome outcome(const ir::Measure& m) {
  const store::MemberStore s = storeOf({{"M1", ""}});  // no events: lab is missing
  const interp::CodeSetBinding codes(m, s.codes);
  interp::Interpreter in(m, s, codes, {day("2022-01-01"), day("2022-12-31")});
  return in.evaluate(0);
}

}  // namespace

TEST_CASE("an unknown population term fails the rule and is marked unknown") {
  const ir::Measure m = lowered("  population true and lab < 5\n  numerator true\n");
  const score::MemberOutcome o = outcome(m);
  CHECK_FALSE(o.population);
  CHECK(o.decidingRule == ir::RuleKind::Population);
  CHECK(o.decidingTerm == 1);
  CHECK(o.decidingUnknown);
  CHECK(score::reasonText(m, o) == "not in population: lab < 5 (unknown)");
}

TEST_CASE("a false term decides before an earlier unknown one") {
  const ir::Measure m = lowered("  population true\n  numerator lab < 5 and false\n");
  const score::MemberOutcome o = outcome(m);
  CHECK_FALSE(o.numerator);
  CHECK(o.decidingTerm == 1);
  CHECK_FALSE(o.decidingUnknown);
}

TEST_CASE("an unknown exclusion does not exclude; a true one after it does") {
  SECTION("unknown only") {
    const ir::Measure m = lowered("  population true\n  exclude lab > 5\n  numerator true\n");
    const score::MemberOutcome o = outcome(m);
    CHECK_FALSE(o.excluded);
    CHECK(o.numerator);
    CHECK_FALSE(o.decidingUnknown);
  }
  SECTION("unknown, then true") {
    const ir::Measure m =
        lowered("  population true\n  exclude lab > 5 or true\n  numerator true\n");
    const score::MemberOutcome o = outcome(m);
    CHECK(o.excluded);
    CHECK(o.decidingTerm == 1);
  }
}
