// Denominator exceptions (eCQM): the order of the cascade (the numerator
// first, an exclusion before an exception), the reason, the test blocks, and
// what the result writers make of an exception (its column, out of the
// provider's denominator, no gap).
#include <catch2/catch.hpp>
#include <sstream>

#include "EngineFixtures.h"
#include "LabRuleFixtures.h"
#include "RunTestBlocks.h"
#include "driver/Compilation.h"
#include "interp/Interpreter.h"
#include "output/ResultWriters.h"

using namespace mc;
using namespace mc::testing;

namespace {

score::MemberOutcome anException() {
  score::MemberOutcome o;
  o.population = o.eligible = o.exception = true;
  o.decidingRule = ir::RuleKind::Exception;
  o.decidingTerm = 0;
  return o;
}

}  // namespace

TEST_CASE("outside the numerator, a true exception term makes the member an exception") {
  const ir::Measure m = labRuleMeasure(
      "  population true\n  numerator false\n"
      "  exception lab > 5 or true\n");
  const score::MemberOutcome o = outcomeWithoutEvents(m);
  CHECK(o.eligible);
  CHECK_FALSE(o.excluded);
  CHECK_FALSE(o.numerator);
  CHECK(o.exception);
  CHECK_FALSE(score::inDenominator(o));
  CHECK(o.decidingRule == ir::RuleKind::Exception);
  CHECK(o.decidingTerm == 1);
  CHECK(score::reasonText(m, o) == "exception: true");
}

TEST_CASE("a member in the numerator is never an exception") {
  const ir::Measure m = labRuleMeasure("  population true\n  numerator true\n  exception true\n");
  const score::MemberOutcome o = outcomeWithoutEvents(m);
  CHECK(o.numerator);
  CHECK_FALSE(o.exception);
  CHECK(score::inDenominator(o));
  CHECK(score::reasonText(m, o) == "met: true");
}

TEST_CASE("an excluded member is never an exception") {
  const ir::Measure m = labRuleMeasure(
      "  population true\n  exclude true\n  numerator false\n"
      "  exception true\n");
  const score::MemberOutcome o = outcomeWithoutEvents(m);
  CHECK(o.excluded);
  CHECK_FALSE(o.exception);
  CHECK(score::reasonText(m, o) == "excluded: true");
}

TEST_CASE("an exception that does not hold leaves the numerator's term deciding") {
  SECTION("false") {
    const ir::Measure m =
        labRuleMeasure("  population true\n  numerator false\n  exception false\n");
    const score::MemberOutcome o = outcomeWithoutEvents(m);
    CHECK_FALSE(o.exception);
    CHECK(score::inDenominator(o));
    CHECK(score::reasonText(m, o) == "not met: false");
  }
  SECTION("unknown: not an exception") {
    const ir::Measure m =
        labRuleMeasure("  population true\n  numerator false\n  exception lab > 5\n");
    const score::MemberOutcome o = outcomeWithoutEvents(m);
    CHECK_FALSE(o.exception);
    CHECK(o.decidingRule == ir::RuleKind::Numerator);
  }
  SECTION("not eligible: never asked") {
    const ir::Measure m = labRuleMeasure(
        "  population true\n  eligible false\n  numerator false\n"
        "  exception true\n");
    const score::MemberOutcome o = outcomeWithoutEvents(m);
    CHECK_FALSE(o.eligible);
    CHECK_FALSE(o.exception);
  }
}

TEST_CASE("test blocks expect exception and not exception") {
  const std::vector<interp::TestResult> results = runTestBlocks(
      "measure T \"t\" {\n  period 2022\n  population true\n"
      "  numerator exists visit with CPT{99213} during MP\n"
      "  exception exists visit with CPT{99499} during MP\n"
      "  test \"declined\" {\n    member sex F born 1980-01-01 enrolled 2021-01-01..\n"
      "    visit 2022-03-01 CPT:99499\n    expect not excluded, exception, not numerator\n  }\n"
      "  test \"declined, and met\" {\n    member sex F born 1980-01-01 enrolled 2021-01-01..\n"
      "    visit 2022-03-01 CPT:99499\n    visit 2022-04-01 CPT:99213\n"
      "    expect not exception, numerator\n  }\n"
      "  test \"wrong on purpose\" {\n    member sex F born 1980-01-01 enrolled 2021-01-01..\n"
      "    expect exception\n  }\n"
      "}\n");
  REQUIRE(results.size() == 3);
  CHECK(results[0].passed);
  CHECK(results[1].passed);
  CHECK_FALSE(results[2].passed);
  CHECK(results[2].failure.find("exception") != std::string::npos);
}

TEST_CASE("result files: the exception column, out of the denominator, no gap") {
  const store::MemberStore s = storeOf({{"m1", "P1"}, {"m2", "P1"}, {"m3", "P1"}});
  ir::Measure m = labelledMeasure("CMS2", ir::MeasureKind::Proportion, "a screening");
  m.rules[4] = {ir::RuleKind::Exception, true, {{"declined", ir::kNoNode}}};
  const std::vector<score::MeasureOutcomes> o = {
      outcomesOf(m, s, {inNumerator(), notInNumerator(), anException()})};
  std::ostringstream members, providers, gaps;
  output::writeMemberResults(members, s, o);
  output::writeProviderResults(providers, s, score::providerRates(s, o));
  output::writeGaps(gaps, s, o);
  CHECK(members.str() ==
        "member_id,measure,provider_id,eligible,excluded,exception,numerator,reason\n"
        "m1,CMS2,P1,1,0,0,1,met: exists visit with Mammography\n"
        "m2,CMS2,P1,1,0,0,0,not met: exists visit with Mammography\n"
        "m3,CMS2,P1,1,0,1,0,exception: declined\n");
  CHECK(providers.str() ==
        "provider_id,measure,denominator,numerator,rate,qualifies\n"
        "P1,CMS2,2,1,0.5000,1\n");
  CHECK(gaps.str() ==
        "provider_id,member_id,measure,what_is_missing\n"
        "P1,m2,CMS2,a screening\n");
}
