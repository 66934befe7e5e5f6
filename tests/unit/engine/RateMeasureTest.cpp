// Rate measures (`kind rate per N member years`): provider denominators in
// member years, rates per N, `qualifies` on eligible members, no gaps; and
// the outcome cascade as the IR data the interpreter walks.
#include <catch2/catch.hpp>
#include <sstream>

#include "EngineFixtures.h"
#include "driver/Compilation.h"
#include "interp/Interpreter.h"
#include "output/ResultWriters.h"
#include "score/ProviderRates.h"

using namespace mc;
using namespace mc::testing;

namespace {

ir::Measure rateMeasure(std::int64_t per) {
  ir::Measure m = labelledMeasure("PEV", ir::MeasureKind::InverseRate);
  m.ratePer = per;
  m.rules[3].terms[0].label = "count ed + 0.5 * count urgent";
  return m;
}

score::MemberOutcome counted(double value, double years) {
  score::MemberOutcome o = inNumerator(value);
  o.numerator = value != 0;
  o.exposure = years;
  return o;
}

ir::Measure lowered(const std::string& body) {
  Compilation c(std::string(MEASUREC_SOURCE_DIR) + "/stdlib");
  c.addSource("t.measure", "measure T \"t\" {\n  period 2022\n" + body + "}\n");
  c.check();
  REQUIRE_FALSE(c.hasErrors());
  return c.lower(*c.measures().at(0));
}

}  // namespace

TEST_CASE("a rate's denominator is member years and its rate is per N member years") {
  const auto s = storeOf({{"m1", "P1"}, {"m2", "P1"}, {"m3", "P1"}, {"m4", "P1"}});
  const ir::Measure pev = rateMeasure(1000);
  score::MemberOutcome ex = excluded();
  ex.exposure = 1;  // excluded: neither its years nor its count
  ex.numeratorValue = 4;
  const auto rows = score::measureRates(
      outcomesOf(pev, s, {counted(1.5, 1.0), counted(1, 0.5), ex, notEligible()}, 2));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].denominator == Approx(1.5));
  CHECK(rows[0].members == 2);
  CHECK(rows[0].numerator == Approx(2.5));
  REQUIRE(rows[0].rate);
  CHECK(*rows[0].rate == Approx(2.5 / 1.5 * 1000));
  // The seed's minimums count eligible linked members: 2 members qualify for
  // a minimum of 2 although their member years are 1.5.
  CHECK(rows[0].qualifies);
  CHECK_FALSE(score::measureRates(
                  outcomesOf(pev, s, {counted(1.5, 1.0), counted(1, 0.5), ex, notEligible()}, 3))[0]
                  .qualifies);
}

TEST_CASE("a rate with no member years has no rate") {
  const auto s = storeOf({{"m1", "P1"}});
  const ir::Measure pev = rateMeasure(100);
  const auto rows = score::measureRates(outcomesOf(pev, s, {counted(1, 0)}));
  REQUIRE(rows.size() == 1);
  CHECK_FALSE(rows[0].rate);
  CHECK(rows[0].members == 1);
}

TEST_CASE("rate measures: decimal member years and rates, weighted counts, no gaps") {
  const auto s = storeOf({{"m1", "P1"}, {"m2", "P1"}});
  const ir::Measure pev = rateMeasure(1000);
  const std::vector<score::MeasureOutcomes> o = {
      outcomesOf(pev, s, {counted(1.5, 1.0), counted(0, 0.5)})};
  std::ostringstream members, providers, gaps;
  output::writeMemberResults(members, s, o);
  output::writeProviderResults(providers, s, score::providerRates(s, o));
  output::writeGaps(gaps, s, o);
  CHECK(members.str() ==
        "member_id,measure,provider_id,eligible,excluded,exception,numerator,reason\n"
        "m1,PEV,P1,1,0,0,1.5000,counted: count ed + 0.5 * count urgent\n"
        "m2,PEV,P1,1,0,0,0,none counted: count ed + 0.5 * count urgent\n");
  CHECK(providers.str() ==
        "provider_id,measure,denominator,numerator,rate,qualifies\n"
        "P1,PEV,1.5000,1.5000,1000.0000,1\n");
  // m2 counted nothing, but a rate measure has no care gaps.
  CHECK(gaps.str() == "provider_id,member_id,measure,what_is_missing\n");
}

TEST_CASE("lowering puts the outcome cascade in the IR, from the kind once") {
  const ir::Measure prop = lowered("  population true\n  numerator true\n");
  REQUIRE(prop.cascade.stages.size() == 4);
  CHECK(prop.cascade.stages[2].rule == ir::RuleKind::Exclude);
  CHECK(prop.cascade.stages[2].stopWhenHolds);
  CHECK(prop.cascade.stages[3].sets == ir::OutcomeField::Numerator);
  CHECK(prop.nodes[prop.cascade.numeratorValue].op == ir::Op::ConstNum);
  CHECK(prop.nodes[prop.cascade.numeratorValue].num == 1);
  CHECK(prop.cascade.exposure == ir::kNoNode);

  const ir::Measure rate = lowered(
      "  kind rate per 100 member years\n  population true\n"
      "  numerator count visit with CPT{99213} during MP\n");
  CHECK(rate.kind == ir::MeasureKind::Rate);
  CHECK(rate.ratePer == 100);
  REQUIRE(rate.cascade.stages.size() == 3);  // no numerator stage: a value instead
  CHECK(rate.nodes[rate.cascade.exposure].op == ir::Op::MemberYears);
  CHECK(rate.nodes[rate.cascade.numeratorValue].type == ir::Type::Num);
  CHECK(ir::print(rate).find("cascade population->population eligible->eligible "
                             "exclude->excluded(stops) numerator_value") != std::string::npos);
}

TEST_CASE("the interpreter walks the cascade the IR describes") {
  // A member in the population, excluded, and in the numerator.
  ir::Measure m = lowered("  population true\n  exclude true\n  numerator true\n");
  const store::MemberStore s = storeOf({{"M1", ""}});
  const interp::CodeSetBinding codes(m, s.codes);
  {
    interp::Interpreter in(m, s, codes, {day("2022-01-01"), day("2022-12-31")});
    const score::MemberOutcome o = in.evaluate(0);
    CHECK(o.excluded);
    CHECK_FALSE(o.numerator);
  }
  // Without the exclusion stage the same rules give the numerator: nothing
  // but the cascade data changed.
  m.cascade.stages.erase(m.cascade.stages.begin() + 2);
  interp::Interpreter in(m, s, codes, {day("2022-01-01"), day("2022-12-31")});
  const score::MemberOutcome o = in.evaluate(0);
  CHECK_FALSE(o.excluded);
  CHECK(o.numerator);
  CHECK(o.numeratorValue == 1);
}

TEST_CASE("a rate measure's member gets its weighted count and member years") {
  const ir::Measure m = lowered(
      "  kind rate per 1000 member years\n  population true\n"
      "  numerator 0.5 * count visit with CPT{99213} during MP + 2\n");
  const store::MemberStore s = storeOf({{"M1", ""}});  // enrolled all of 2022
  const interp::CodeSetBinding codes(m, s.codes);
  interp::Interpreter in(m, s, codes, {day("2022-01-01"), day("2022-12-31")});
  const score::MemberOutcome o = in.evaluate(0);
  CHECK(o.numerator);
  CHECK(o.numeratorValue == Approx(2));
  CHECK(o.exposure == Approx(1));
}

TEST_CASE("an --as-of run counts a rate's member years up to the as-of date") {
  // Enrolled all of 2022 (coverage is known ahead), 2 visits by Jun 30: the
  // year-to-date rate is 2 per half a member year (4,000 per 1,000), not 2
  // per the whole year's member year, which would halve it at mid-year.
  const ir::Measure m = lowered(
      "  kind rate per 1000 member years\n  population true\n"
      "  numerator count visit with CPT{99213} during MP + 2\n");
  const store::MemberStore s = storeOf({{"M1", ""}});
  const interp::CodeSetBinding codes(m, s.codes);
  interp::Interpreter in(m, s, codes, {day("2022-01-01"), day("2022-12-31"), day("2022-06-30")});
  const score::MemberOutcome o = in.evaluate(0);
  CHECK(o.numeratorValue == Approx(2));
  CHECK(o.exposure == Approx(0.5));  // Jan..Jun: 6 member months
  // An as-of date on the period's last day is the whole year.
  interp::Interpreter whole(m, s, codes, {day("2022-01-01"), day("2022-12-31"), day("2022-12-31")});
  CHECK(whole.evaluate(0).exposure == Approx(1));
}
