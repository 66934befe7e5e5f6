// Program scoring: stars, points possible (fixed and shared), points earned
// at the payment threshold, dollars, and the domain and program totals.
// Every figure below is worked out by hand in the comments.
#include <catch2/catch.hpp>
#include <sstream>

#include "ScoringFixtures.h"
#include "output/ScorecardWriter.h"
#include "score/Scorecard.h"

using namespace mc;
using mc::test::measureOf;
using mc::test::rateOf;

TEST_CASE("stars count the thresholds reached; lower is better for inverse measures",
          "[scorecard]") {
  const std::vector<double> diabetes{80.4, 85.4, 90.3, 94.3};  // PDC_DR as printed
  CHECK(score::starsFor(80.3, diabetes, false) == 1);
  CHECK(score::starsFor(80.4, diabetes, false) == 2);
  CHECK(score::starsFor(90.29, diabetes, false) == 3);
  CHECK(score::starsFor(94.3, diabetes, false) == 5);
  const std::vector<double> controller{54.3, 45.3, 38.1, 31.9};  // ASM_ACT as printed
  CHECK(score::starsFor(54.4, controller, true) == 1);
  CHECK(score::starsFor(54.3, controller, true) == 2);
  CHECK(score::starsFor(38.1, controller, true) == 4);
  CHECK(score::starsFor(20, controller, true) == 5);
}

TEST_CASE("a rate exactly on a printed threshold meets it", "[scorecard]") {
  // 29 of 50 is 58%, though 29.0 / 50 * 100 is 57.99999999999999.
  CHECK(score::meetsThreshold(29.0 / 50 * 100, 58, false));
  CHECK(score::starsFor(29.0 / 50 * 100, {50, 58, 70, 80}, false) == 3);
  CHECK_FALSE(score::meetsThreshold(28.0 / 50 * 100, 58, false));
  // 23 of 40 is 57.5%, at most 57.5 for a lower-is-better measure.
  CHECK(score::meetsThreshold(23.0 / 40 * 100, 57.5, true));
  CHECK_FALSE(score::meetsThreshold(24.0 / 40 * 100, 57.5, true));
}

TEST_CASE("a scorecard per provider: measure lines, domain totals, program total", "[scorecard]") {
  const ir::Measure a = measureOf("A"), b = measureOf("B"),
                    i = measureOf("I", ir::MeasureKind::Inverse), q1 = measureOf("Q1"),
                    q2 = measureOf("Q2"), q3 = measureOf("Q3"), x = measureOf("X");
  score::ProgramScoring program;
  program.program = "P";
  program.domains = {{"Access", 18, false}, {"Quality", 40, true}};
  program.measures = {
      {&a, 0, 2, false, {40, 50, 60, 70}, 50.0, {}},
      {&b, 0, 10.5, false, {}, std::nullopt, {}},
      {&i, -1, 0, false, {54.3, 45.3, 38.1, 31.9}, 38.1, {}},
      {&q1, 1, 0, false, {}, 50.0, {}},
      {&q2, 1, 0, false, {}, 50.0, {}},
      {&q3, 1, 0, false, {}, 50.0, {}},
      {&x, -1, 0, true, {}, std::nullopt, {}},
  };
  program.pointValue = 100;
  const store::ProviderId p1 = 0;
  const std::vector<score::ProviderRate> rates{
      rateOf(p1, a, 0.55, true),  rateOf(p1, b, 0.90, true),
      rateOf(p1, i, 0.35, true),  rateOf(p1, q1, 0.60, true),
      rateOf(p1, q2, 0.40, true), rateOf(p1, q3, 0.90, false),
      rateOf(p1, x, 0.30, true),  rateOf(store::kNoProvider, a, 0.90, true),
  };
  const auto rows = score::scorecard(program, rates);
  // P1: 7 measure lines, 2 domain totals, 1 program total; UNLINKED: 1 + 2 + 1.
  REQUIRE(rows.size() == 14);

  // A: 55% reaches 40 and 50: 3 stars; at or above the 50% payment
  // threshold: its 2 points, 2 x $100.
  CHECK(rows[0].measure == "A");
  CHECK(rows[0].domain == "Access");
  CHECK(rows[0].stars == 3);
  CHECK(rows[0].pointsPossible == 2);
  CHECK(rows[0].pointsEarned == 2.0);
  CHECK(rows[0].payment == 200.0);
  CHECK(rows[0].why == "meets payment threshold");
  // B: no threshold and no tiers: 10.5 possible, earned not scored.
  CHECK(rows[1].pointsPossible == 10.5);
  CHECK_FALSE(rows[1].pointsEarned.has_value());
  CHECK_FALSE(rows[1].payment.has_value());
  // I (inverse): 35% is at or below 54.3, 45.3 and 38.1: 4 stars; at or
  // below the 38.1 threshold; outside any domain it has no points.
  CHECK(rows[2].stars == 4);
  CHECK(rows[2].why == "meets payment threshold");
  CHECK(rows[2].pointsEarned == 0.0);
  // Quality varies: P1 qualifies for Q1 and Q2, so each may earn 40 / 2 = 20.
  CHECK(rows[3].pointsPossible == 20);
  CHECK(rows[3].pointsEarned == 20.0);
  CHECK(rows[3].payment == 2000.0);
  CHECK(rows[4].pointsPossible == 20);
  CHECK(rows[4].pointsEarned == 0.0);
  CHECK(rows[4].why == "below payment threshold");
  CHECK(rows[5].pointsPossible == 0);
  CHECK(rows[5].why == "below minimum denominator");
  CHECK(rows[6].domain == "exploratory");
  CHECK(rows[6].why == "exploratory: not paid");
  CHECK(rows[6].pointsPossible == 0);
  // Access total: 2 + 10.5 possible; B is not scored, so neither is the total.
  CHECK(rows[7].domain == "Access");
  CHECK(rows[7].measure.empty());
  CHECK(rows[7].pointsPossible == 12.5);
  CHECK_FALSE(rows[7].pointsEarned.has_value());
  CHECK_FALSE(rows[7].payment.has_value());
  CHECK(rows[7].why == "total: some points not scored yet");
  // Quality total: 20 of 40 earned, $2,000.
  CHECK(rows[8].pointsPossible == 40);
  CHECK(rows[8].pointsEarned == 20.0);
  CHECK(rows[8].payment == 2000.0);
  CHECK(rows[8].why == "domain total");
  // Program total: 12.5 + 40 possible.
  CHECK(rows[9].domain.empty());
  CHECK(rows[9].pointsPossible == 52.5);
  CHECK_FALSE(rows[9].pointsEarned.has_value());
  // UNLINKED members earn nobody anything.
  CHECK(rows[10].provider == store::kNoProvider);
  CHECK(rows[10].why == "unlinked: no provider to pay");
  CHECK(rows[10].pointsEarned == 0.0);
  CHECK(rows[13].pointsEarned == 0.0);
  CHECK(rows[13].payment == 0.0);
  CHECK(rows[13].why == "program total");
}

TEST_CASE("benchmark tiers earn the share of the highest tier reached", "[scorecard]") {
  // T: 10 points, 50% of them at a rate of 0.50, all at 0.60. ACS-like R:
  // an inverse rate per 100 member years, 8 points, half at 120 or fewer
  // admissions, all at 100 or fewer.
  const ir::Measure t = measureOf("T"), r = measureOf("R", ir::MeasureKind::InverseRate);
  score::ProgramScoring program;
  program.domains = {{"D", 18, false}};
  program.measures = {{&t, 0, 10, false, {}, std::nullopt, {{0.50, 50}, {0.60, 100}}},
                      {&r, 0, 8, false, {}, std::nullopt, {{120, 50}, {100, 100}}}};
  program.pointValue = 100;
  const std::vector<score::ProviderRate> rates{
      rateOf(0, r, 110, true), rateOf(0, t, 0.55, true),  // R: tier 1, 4 points; T: 5
      rateOf(1, r, 95, true),  rateOf(1, t, 0.65, true),  // R: 8; T: 10
      rateOf(2, r, 130, true), rateOf(2, t, 0.45, true),  // neither reaches a tier
  };
  const auto rows = score::scorecard(program, rates);
  REQUIRE(rows.size() == 12);  // per provider: R, T, the domain total, the program total
  CHECK(rows[0].pointsEarned == 4.0);
  CHECK(rows[0].why == "benchmark tier 1 of 2: 50% of the points");
  CHECK(rows[1].pointsEarned == 5.0);
  CHECK(rows[2].pointsEarned == 9.0);  // 4 + 5
  CHECK(rows[2].payment == 900.0);
  CHECK(rows[4].pointsEarned == 8.0);
  CHECK(rows[5].pointsEarned == 10.0);
  CHECK(rows[5].why == "benchmark tier 2 of 2: 100% of the points");
  CHECK(rows[8].pointsEarned == 0.0);
  CHECK(rows[8].why == "below the first benchmark tier");
  CHECK(rows[9].pointsEarned == 0.0);
  CHECK(rows[11].pointsEarned == 0.0);
  CHECK(score::tierReached(0.5, {{0.50, 50}, {0.60, 100}}, false) == 0);
  CHECK(score::tierReached(0.4999, {{0.50, 50}, {0.60, 100}}, false) == -1);
}

TEST_CASE("a provider failing a gate keeps its points, is paid 0 and told why", "[scorecard]") {
  const ir::Measure a = measureOf("A");
  score::ProgramScoring program;
  program.program = "P";
  program.domains = {{"Access", 2, false}};
  // A pays its 2 points at 50%; B has neither tiers nor threshold (not scored).
  const ir::Measure b = measureOf("B");
  program.measures = {{&a, 0, 2, false, {}, 50.0, {}}, {&b, -1, 0, false, {}, std::nullopt, {}}};
  program.pointValue = 100;
  // Provider 0 passes both gates; provider 1 fails the second only;
  // provider 2 fails both (the first names the reason).
  program.gates = {{"gate: no registry submission by 2022-07-01", {1, 1, 0}},
                   {"gate: no ehr submission by 2022-03-01", {1, 0, 0}}};
  const std::vector<score::ProviderRate> rates{
      rateOf(0, a, 0.60, true),
      rateOf(0, b, 0.60, true),
      rateOf(1, a, 0.60, true),
      rateOf(1, b, 0.60, true),
      rateOf(2, a, 0.60, true),
      rateOf(2, b, 0.60, true),
      rateOf(store::kNoProvider, a, 0.60, true),
      rateOf(store::kNoProvider, b, 0.60, true),
  };
  const auto rows = score::scorecard(program, rates);
  // Per provider: A, B, the Access total and the program total.
  REQUIRE(rows.size() == 16);
  CHECK(rows[0].payment == 200.0);
  CHECK(rows[0].why == "meets payment threshold");
  for (size_t i = 4; i < 8; ++i) {
    INFO("row " << i);
    CHECK(rows[i].provider == 1);
    CHECK(rows[i].payment == 0.0);  // also B's line and the totals, which were not scored
    CHECK(rows[i].why == "gate: no ehr submission by 2022-03-01");
  }
  CHECK(rows[4].pointsEarned == 2.0);  // the points stand; only the dollars go
  for (size_t i = 8; i < 12; ++i) {
    CHECK(rows[i].payment == 0.0);
    CHECK(rows[i].why == "gate: no registry submission by 2022-07-01");
  }
  // UNLINKED is paid nothing anyway and keeps its own why.
  CHECK(rows[12].provider == store::kNoProvider);
  CHECK(rows[12].why == "unlinked: no provider to pay");
}
