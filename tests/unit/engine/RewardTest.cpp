// Member rewards in the interpreter and rewards/<REWARD>.csv: the date a
// member earned a reward is its `earned on` node, asked of the members in
// the numerator; a missing date keeps the member out of the file, counted.
#include <catch2/catch.hpp>
#include <sstream>

#include "../compiler/CompilerTestUtil.h"
#include "EngineFixtures.h"
#include "interp/Interpreter.h"
#include "interp/MeasureTests.h"
#include "interp/Scoring.h"
#include "output/RewardsWriter.h"

using namespace mc;
using namespace mc::testing;

namespace {

// Earned by a nurse advice call, on the first call; `when` is the rule.
std::string reward(const std::string& when) {
  return "measure NAL \"Nurse Advice Line\" {\n"
         "  kind reward\n  period 2022\n"
         "  codeset Call = PLAN{NURSE_ADVICE_CALL}\n"
         "  population true\n"
         "  earned when " +
         when +
         "\n"
         "  earned on first date of supplemental with Call during MP\n"
         "}\n";
}

store::EventRow call(store::MemberIndex m, const char* date) {
  store::EventRow row;
  row.kind = store::EventKind::Supplemental;
  row.member = m;
  row.date = day(date);
  row.codes = {{CodeSystem::PLAN, "NURSE_ADVICE_CALL"}};
  return row;
}

// m3 calls twice (the later call listed first), m1 once, m2 never; m3 has
// no PCP.
store::MemberStore callers() {
  store::StoreBuilder b;
  b.addProvider("P1", store::ProviderKind::Pcp);
  const auto m3 = b.addMember("m3", day("1980-01-01"), store::Sex::F);
  const auto m1 = b.addMember("m1", day("1980-01-01"), store::Sex::M);
  const auto m2 = b.addMember("m2", day("1980-01-01"), store::Sex::F);
  b.addEnrollment(m3, day("2022-01-01"), day("2022-12-31"), "");
  b.addEnrollment(m1, day("2022-01-01"), day("2022-12-31"), "P1");
  b.addEnrollment(m2, day("2022-01-01"), day("2022-12-31"), "P1");
  b.addEvent(call(m3, "2022-09-30"));
  b.addEvent(call(m3, "2022-02-11"));
  b.addEvent(call(m1, "2022-06-01"));
  b.addEvent(call(m3, "2021-12-31"));  // before the period
  return b.finish();
}

std::string file(const store::MemberStore& s, const score::MeasureOutcomes& mo,
                 output::RewardCount& count) {
  std::ostringstream os;
  count = output::writeReward(os, s, mo);
  return os.str();
}

}  // namespace

TEST_CASE("the interpreter dates a reward by its 'earned on' for members who earn it",
          "[reward][interp]") {
  const ir::Measure m = lowerOne(reward("exists supplemental with Call during MP"));
  const store::MemberStore s = callers();
  const interp::CodeSetBinding codes(m, s.codes);
  interp::Interpreter in(m, s, codes, interp::calendarYear(2022));
  const score::MemberOutcome m3 = in.evaluate(0);
  CHECK(m3.numerator);
  CHECK(m3.earnedOn == day("2022-02-11"));
  const score::MemberOutcome m1 = in.evaluate(1);
  CHECK(m1.earnedOn == day("2022-06-01"));
  const score::MemberOutcome m2 = in.evaluate(2);
  CHECK_FALSE(m2.numerator);
  CHECK(m2.earnedOn == kNoDate);
}

TEST_CASE("rewards/<REWARD>.csv: earners sorted by member_id with their PCP; no date, no row",
          "[reward][output]") {
  // Everyone earns it; m2 has no call, so no date.
  const ir::Measure m = lowerOne(reward("true"));
  const store::MemberStore s = callers();
  const auto outcomes = interp::scoreMeasures({{&m, 0}}, s, interp::calendarYear(2022), 1);
  REQUIRE(outcomes.size() == 1);
  output::RewardCount count;
  CHECK(file(s, outcomes[0], count) ==
        "member_id,reward,earned_on,provider_id\n"
        "m1,NAL,2022-06-01,P1\n"
        "m3,NAL,2022-02-11,UNLINKED\n");
  CHECK(count.reward == "NAL");
  CHECK(count.members == 2);
  CHECK(count.earnedOnMissing == 1);
}

TEST_CASE("rewards/<REWARD>.csv has its header when nobody earned it", "[reward][output]") {
  const ir::Measure m = lowerOne(reward("false"));
  const store::MemberStore s = callers();
  const auto outcomes = interp::scoreMeasures({{&m, 0}}, s, interp::calendarYear(2022), 1);
  output::RewardCount count;
  CHECK(file(s, outcomes[0], count) == "member_id,reward,earned_on,provider_id\n");
  CHECK(count.members == 0);
  CHECK(count.earnedOnMissing == 0);
}

TEST_CASE("a reward's test compares the date it was earned on", "[reward][tests]") {
  const std::string text =
      "measure NAL \"Nurse Advice Line\" {\n"
      "  kind reward\n  period 2022\n"
      "  codeset Call = PLAN{NURSE_ADVICE_CALL}\n"
      "  population true\n"
      "  earned when exists supplemental with Call during MP\n"
      "  earned on first date of supplemental with Call during MP\n"
      "  test \"right\" {\n    member sex F born 1980-01-01 enrolled 2022-01-01..\n"
      "    supplemental 2022-03-14 PLAN:NURSE_ADVICE_CALL\n    expect earned on 2022-03-14\n  }\n"
      "  test \"wrong\" {\n    member sex F born 1980-01-01 enrolled 2022-01-01..\n"
      "    supplemental 2022-03-14 PLAN:NURSE_ADVICE_CALL\n    expect earned on 2022-03-15\n  }\n"
      "  test \"not\" {\n    member sex F born 1980-01-01 enrolled 2022-01-01..\n"
      "    expect earned\n  }\n"
      "}\n";
  const auto results = interp::runMeasureTests(lowerOne(text));
  REQUIRE(results.size() == 3);
  CHECK(results[0].passed);
  CHECK_FALSE(results[1].passed);
  CHECK(results[1].failure.rfind("expected earned on 2022-03-15, got 2022-03-14", 0) == 0);
  CHECK_FALSE(results[2].passed);
  CHECK(results[2].failure.rfind("expected earned, got not earned", 0) == 0);
}
