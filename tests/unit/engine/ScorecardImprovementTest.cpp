// Performance improvement on the scorecard (CBI 2022, Contract 3.3.3): the
// domain's points shared among the covered measures a provider qualifies
// for; a measure earns its share at its plan goal or at least 5% better
// (relative) than the prior year. Every figure is worked out by hand in
// the comments.
#include <catch2/catch.hpp>

#include "ScoringFixtures.h"
#include "score/Improvement.h"
#include "score/Scorecard.h"

using namespace mc;
using mc::test::measureOf;
using mc::test::rateOf;

namespace {

// Access (A; I, lower is better), Quality varies (Q1, Q2), an exploratory X,
// and "Improvement" 10 points over Access and Quality by 5%.
struct Fixture {
  ir::Measure a = measureOf("A"), i = measureOf("I", ir::MeasureKind::Inverse),
              q1 = measureOf("Q1"), q2 = measureOf("Q2"), x = measureOf("X");
  score::ProgramScoring program;

  Fixture() {
    ir::ProgramDomain improvement{"Improvement", 10, false};
    improvement.improvement = true;
    improvement.over = {0, 1};
    improvement.byPercent = 5;
    program.domains = {{"Access", 10, false}, {"Quality", 40, true}, improvement};
    program.measures = {
        {&a, 0, 5, false, {}, std::nullopt, {{0.50, 100}}, 0.65},
        {&i, 0, 5, false, {}, std::nullopt, {{0.30, 100}}, 0.20},
        {&q1, 1, 0, false, {}, 50.0, {}, 0.70},
        {&q2, 1, 0, false, {}, 50.0, {}, 0.70},
        {&x, -1, 0, true, {}, std::nullopt, {}, std::nullopt},
    };
    program.pointValue = 100;
  }
};

}  // namespace

TEST_CASE("improvement: points shared among qualifying measures; goal or +5% earns",
          "[scorecard][improvement]") {
  Fixture f;
  // P1 (provider 0): A 0.5460 against a prior 0.5200 is (0.546 - 0.52) /
  // 0.52 = exactly 5%: earns. I 0.19 is at or below its goal 0.20 (lower
  // is better): earns. Q1 0.60 against a prior 0.60: no improvement, below
  // its goal 0.70. Q2 does not qualify. Covered and qualifying: A, I, Q1,
  // so each may earn 10 / 3; earned 2 x 10/3 = 6.6667, $666.67.
  // P2 (provider 1): I 0.2850 against 0.3000 is (0.30 - 0.285) / 0.30 =
  // exactly 5% better for a lower-is-better measure: earns. A 0.50 against
  // 0.48 is 4.17%: short. Q1 has no prior line; Q2's prior line did not
  // qualify. Four qualify: 2.5 each; earned 2.5.
  f.program.prior = score::PriorRates{
      {{0, "A"}, {0.52, true}}, {{0, "Q1"}, {0.60, true}},  {{1, "A"}, {0.48, true}},
      {{1, "I"}, {0.30, true}}, {{1, "Q2"}, {0.40, false}},
  };
  const std::vector<score::ProviderRate> rates{
      rateOf(0, f.a, 0.546, true),  rateOf(0, f.i, 0.19, true),  rateOf(0, f.q1, 0.60, true),
      rateOf(0, f.q2, 0.90, false), rateOf(0, f.x, 0.30, true),  rateOf(1, f.a, 0.50, true),
      rateOf(1, f.i, 0.285, true),  rateOf(1, f.q1, 0.60, true), rateOf(1, f.q2, 0.50, true),
  };
  const auto rows = score::scorecard(f.program, rates);
  // P1: 5 measure lines, 4 improvement lines, 3 domain totals, 1 program
  // total = 13; P2: 4 + 4 + 3 + 1 = 12.
  REQUIRE(rows.size() == 25);
  const score::ScorecardRow* p1 = &rows[5];
  CHECK(p1[0].domain == "Improvement");
  CHECK(p1[0].measure == "A");
  CHECK(p1[0].rate == 0.546);
  CHECK(p1[0].pointsPossible == Approx(10.0 / 3));
  CHECK(p1[0].pointsEarned == Approx(10.0 / 3));
  CHECK(p1[0].why == "improved 5.0% over prior 0.5200");
  CHECK(p1[1].measure == "I");
  CHECK(p1[1].pointsEarned == Approx(10.0 / 3));
  CHECK(p1[1].why == "met plan goal 0.2000");
  CHECK(p1[2].measure == "Q1");
  CHECK(p1[2].pointsEarned == 0.0);
  CHECK(p1[2].why == "no improvement over prior 0.6000; below plan goal 0.7000");
  CHECK(p1[3].measure == "Q2");
  CHECK(p1[3].pointsPossible == 0);
  CHECK(p1[3].pointsEarned == 0.0);
  CHECK(p1[3].why == "below minimum denominator");
  // The improvement total follows Access and Quality.
  CHECK(p1[6].domain == "Improvement");
  CHECK(p1[6].measure.empty());
  CHECK(p1[6].pointsPossible == Approx(10));
  CHECK(*p1[6].pointsEarned == Approx(20.0 / 3));
  CHECK(*p1[6].payment == Approx(666.6667).epsilon(1e-6));
  // Program total: Access 5 + 5, Quality 40 / 1 (Q1 only qualifies), 10.
  CHECK(p1[7].pointsPossible == Approx(60));

  const score::ScorecardRow* p2 = &rows[13 + 4];
  CHECK(p2[0].measure == "A");
  CHECK(p2[0].pointsPossible == 2.5);
  CHECK(p2[0].pointsEarned == 0.0);
  CHECK(p2[0].why == "improved 4.1% over prior 0.4800 (short of 5%); below plan goal 0.6500");
  CHECK(p2[1].measure == "I");
  CHECK(p2[1].pointsEarned == 2.5);
  CHECK(p2[1].why == "improved 5.0% over prior 0.3000");
  CHECK(p2[2].why == "no prior-year rate; below plan goal 0.7000");
  CHECK(p2[3].pointsPossible == 2.5);
  CHECK(p2[3].why == "prior-year line below minimum denominator; below plan goal 0.7000");
  CHECK(p2[6].pointsEarned == 2.5);
  CHECK(p2[6].payment == 250.0);
}

TEST_CASE("improvement without --prior: the plan goal only", "[scorecard][improvement]") {
  Fixture f;
  // A 0.70 meets its goal 0.65; I 0.25 is above its goal 0.20 (lower is
  // better). Two qualify: 5 each, 5 earned. UNLINKED is paid nobody.
  const std::vector<score::ProviderRate> rates{
      rateOf(0, f.a, 0.70, true),
      rateOf(0, f.i, 0.25, true),
      rateOf(store::kNoProvider, f.a, 0.90, true),
  };
  const auto rows = score::scorecard(f.program, rates);
  REQUIRE(rows.size() == 2 + 2 + 4 + 1 + 1 + 4);
  CHECK(rows[2].why == "met plan goal 0.6500");
  CHECK(rows[2].pointsEarned == 5.0);
  CHECK(rows[3].why == "no --prior results: plan goal only; below plan goal 0.2000");
  CHECK(rows[3].pointsEarned == 0.0);
  CHECK(rows[6].pointsEarned == 5.0);  // the improvement total
  const score::ScorecardRow& unlinked = rows[9];
  CHECK(unlinked.domain == "Improvement");
  CHECK(unlinked.pointsPossible == 10);
  CHECK(unlinked.pointsEarned == 0.0);
  CHECK(unlinked.why == "unlinked: no provider to pay");
}

TEST_CASE("improvement edge cases: the boundary, prior rate 0, no goal",
          "[scorecard][improvement]") {
  score::ImprovementInput in;
  in.baseline = score::PriorBaseline::Rate;
  in.byPercent = 5;
  // Just below the mark: 0.5459 over 0.52 is 4.98%.
  in.rate = 0.5459;
  in.prior = 0.52;
  CHECK_FALSE(score::judgeImprovement(in).earned);
  CHECK(score::judgeImprovement(in).why ==
        "improved 4.9% over prior 0.5200 (short of 5%); no plan goal");
  // 0.7 over 0.5: 40%.
  in.rate = 0.70;
  in.prior = 0.50;
  CHECK(score::judgeImprovement(in).why == "improved 40.0% over prior 0.5000");
  // A higher-is-better rate above a prior 0 has improved, by no finite
  // percent; the same rate 0 has not.
  in.prior = 0;
  in.rate = 0.10;
  CHECK(score::judgeImprovement(in).earned);
  CHECK(score::judgeImprovement(in).why == "improved over prior 0.0000 (from zero)");
  in.rate = 0;
  CHECK_FALSE(score::judgeImprovement(in).earned);
  // A lower-is-better measure cannot improve on 0.
  in.lowerIsBetter = true;
  CHECK(score::judgeImprovement(in).why == "no improvement over prior 0.0000; no plan goal");
  // Worse than last year (lower is better: 0.40 after 0.30).
  in.rate = 0.40;
  in.prior = 0.30;
  CHECK(score::judgeImprovement(in).why == "no improvement over prior 0.3000; no plan goal");
  // The goal is checked first, exactly at the goal included.
  in.goal = 0.40;
  CHECK(score::judgeImprovement(in).earned);
  CHECK(score::judgeImprovement(in).why == "met plan goal 0.4000");
}

TEST_CASE("a prior-year baseline per provider and measure", "[scorecard][improvement]") {
  const score::PriorRates prior{
      {{0, "A"}, {0.5, true}}, {{0, "B"}, {std::nullopt, true}}, {{0, "C"}, {0.5, false}}};
  double rate = -1;
  CHECK(score::baselineOf(std::nullopt, 0, "A", rate) == score::PriorBaseline::NotGiven);
  CHECK(score::baselineOf(prior, 1, "A", rate) == score::PriorBaseline::Absent);
  CHECK(score::baselineOf(prior, 0, "D", rate) == score::PriorBaseline::Absent);
  CHECK(score::baselineOf(prior, 0, "B", rate) == score::PriorBaseline::NoRate);
  CHECK(score::baselineOf(prior, 0, "C", rate) == score::PriorBaseline::NotQualifying);
  CHECK(score::baselineOf(prior, 0, "A", rate) == score::PriorBaseline::Rate);
  CHECK(rate == 0.5);
}

TEST_CASE("the measures an improvement domain scores: its domains', not exploratory ones",
          "[scorecard][improvement]") {
  Fixture f;
  CHECK(score::improvementMeasures(f.program) == std::vector<std::string>{"A", "I", "Q1", "Q2"});
  // Over Quality alone: Access's measures are not scored for improvement.
  f.program.domains[2].over = {1};
  CHECK(score::improvementMeasures(f.program) == std::vector<std::string>{"Q1", "Q2"});
  // No improvement domain: none.
  f.program.domains.pop_back();
  CHECK(score::improvementMeasures(f.program).empty());
}
