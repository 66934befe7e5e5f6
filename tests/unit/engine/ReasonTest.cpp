// reason texts of member_results.csv.
#include <catch2/catch.hpp>

#include "EngineFixtures.h"

using namespace mc;
using namespace mc::testing;

TEST_CASE("reasons name the deciding rule's term") {
  const ir::Measure m = labelledMeasure("BCS");
  CHECK(score::reasonText(m, notEligible()) == "not eligible: enrolled throughout MP");
  CHECK(score::reasonText(m, excluded(1)) == "excluded: mastectomy");
  CHECK(score::reasonText(m, inNumerator()) == "met: exists visit with Mammography");
  CHECK(score::reasonText(m, notInNumerator()) == "not met: exists visit with Mammography");
}

TEST_CASE("inverse measures say numerator rather than met") {
  const ir::Measure m = labelledMeasure("HBD9", ir::MeasureKind::Inverse);
  CHECK(score::reasonText(m, inNumerator()) == "numerator: exists visit with Mammography");
  CHECK(score::reasonText(m, notInNumerator()) ==
        "not in numerator: exists visit with Mammography");
  CHECK(score::reasonText(m, excluded()) == "excluded: in_hospice(MP)");
}

TEST_CASE("a whole-rule decision uses the rule name") {
  const ir::Measure m = labelledMeasure("BCS");
  score::MemberOutcome o = notInNumerator();
  o.decidingTerm = -1;
  CHECK(score::reasonText(m, o) ==
        std::string("not met: ") + ir::ruleName(ir::RuleKind::Numerator));
  o = notEligible();
  o.decidingTerm = -1;
  CHECK(score::reasonText(m, o) ==
        std::string("not eligible: ") + ir::ruleName(ir::RuleKind::Eligible));
}

TEST_CASE("reasons are one line") {
  ir::Measure m = labelledMeasure("BCS");
  m.rules[3].terms[0].label = "  exists visit\r\n\twith   Mammography\n";
  const std::string reason = score::reasonText(m, notInNumerator());
  CHECK(reason == "not met: exists visit with Mammography");
}

TEST_CASE("a term that failed by being unknown is marked in the reason") {
  const ir::Measure m = labelledMeasure("BCS");
  score::MemberOutcome o = notInNumerator();
  o.decidingUnknown = true;
  CHECK(score::reasonText(m, o) == "not met: exists visit with Mammography (unknown)");
  o = notEligible();
  o.decidingUnknown = true;
  CHECK(score::reasonText(m, o) == "not eligible: enrolled throughout MP (unknown)");
}
