// The pharmacy program's scoring (seed 004): full points only at or above a
// measure's target, the eligibility gate (points kept, paid 0, the criteria
// named), the payout (performance % x pool / eligible claims x claims) and
// the ranking with Provider of the Year and the Pharmacy Home list. Every
// figure below is worked out by hand in the comments.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "ScoringFixtures.h"
#include "output/PharmacyRankingWriter.h"
#include "score/Attribution.h"
#include "score/PharmacyProgram.h"
#include "score/PharmacyRanking.h"

using namespace mc;
using mc::test::rateOf;

namespace {

// A measure scored per pharmacy (attributed to the pharmacy of its fills).
ir::Measure pharmacyMeasure(const std::string& id,
                            ir::MeasureKind kind = ir::MeasureKind::Proportion) {
  ir::Measure m;
  m.id = id;
  m.kind = kind;
  m.attributionQuery = 0;
  return m;
}

score::PharmacyEligibility eligibleRow(store::ProviderId p, std::uint64_t fills) {
  score::PharmacyEligibility r;
  r.pharmacy = p;
  r.county = "Riverside";
  r.fills = fills;
  r.firstHalf = fills / 2;
  r.secondHalf = fills - fills / 2;
  r.inCounty = r.volume = r.inBusiness = r.members = r.eligible = true;
  r.qualifyingMembers = 12;
  return r;
}

store::ProviderTable pharmacies(const std::vector<std::string>& ids) {
  store::ProviderTable t;
  for (const std::string& id : ids) t.intern(id);
  return t;
}

// Three measures making the seed's 10 points, rates in binary-exact
// fractions so that "at the target" is exactly at it:
// - P (a PDC): 5 points, target 87.5%, stars 80 / 85 / 87.5 / 90;
// - G (a generic rate): 3 points, target 62.5%, stars 50 / 55 / 62.5 / 70;
// - A (absence of controller, lower is better): 2 points, target 37.5%, no
//   stars (as ASM_SOC prints none).
struct Program {
  ir::Measure p = pharmacyMeasure("P"), g = pharmacyMeasure("G"),
              a = pharmacyMeasure("A", ir::MeasureKind::Inverse);
  score::ProgramScoring scoring;
  Program() {
    scoring.program = "PHARM";
    scoring.domains = {{"Pharmacy P4P", 10, false}};
    scoring.measures = {{&p, 0, 5, false, {80, 85, 87.5, 90}, 87.5, {}},
                        {&g, 0, 3, false, {50, 55, 62.5, 70}, 62.5, {}},
                        {&a, 0, 2, false, {}, 37.5, {}}};
    scoring.p4pPool = 10000;
  }
};

// PH0..PH3 (ids 0..3): PH2 is out of county, the others eligible.
// Claims: PH0 3,000, PH1 1,000, PH2 2,000, PH3 1,000; eligible 5,000, so a
// claim is worth $10,000 / 5,000 = $2.
std::vector<score::PharmacyEligibility> eligibilityRows() {
  std::vector<score::PharmacyEligibility> rows{eligibleRow(0, 3000), eligibleRow(1, 1000),
                                               eligibleRow(2, 2000), eligibleRow(3, 1000)};
  rows[2].county = "Monterey";
  rows[2].inCounty = rows[2].eligible = false;
  return rows;
}

// PH0: every target met exactly: 5 + 3 + 2 = 10 points (100%).
// PH1, PH3: P at target (5); G 50% below 62.5 (0); A 50% above the 37.5
//   of a lower-is-better measure (0): 5 points (50%).
// PH2: P 95%, G and A at target: 10 points (100%), but ineligible.
std::vector<score::ProviderRate> ratesOf(const Program& pr) {
  return {rateOf(0, pr.a, 0.375), rateOf(0, pr.g, 0.625), rateOf(0, pr.p, 0.875),
          rateOf(1, pr.a, 0.5),   rateOf(1, pr.g, 0.5),   rateOf(1, pr.p, 0.875),
          rateOf(2, pr.a, 0.375), rateOf(2, pr.g, 0.625), rateOf(2, pr.p, 0.95),
          rateOf(3, pr.a, 0.5),   rateOf(3, pr.g, 0.5),   rateOf(3, pr.p, 0.875)};
}

// Per pharmacy: A, G, P, the domain total, the program line.
constexpr size_t kLines = 5;
const score::ScorecardRow& programLine(const std::vector<score::ScorecardRow>& rows, size_t p) {
  return rows[p * kLines + 4];
}

}  // namespace

TEST_CASE("a pharmacy measure earns its full points at or above its target, else 0",
          "[pharmacy-payout]") {
  Program pr;
  score::addPharmacyProgram(pr.scoring, eligibilityRows(), {}, 4);
  const auto rows = score::scorecard(pr.scoring, ratesOf(pr));
  REQUIRE(rows.size() == 4 * kLines);
  // PH0: A at 37.5 (lower is better: at the target meets it), G at 62.5, P at 87.5.
  CHECK(rows[0].measure == "A");
  CHECK(rows[0].pointsEarned == 2.0);
  CHECK_FALSE(rows[0].stars.has_value());
  CHECK(rows[1].pointsEarned == 3.0);
  CHECK(rows[1].stars == 4);  // 62.5 reaches 50, 55 and 62.5
  CHECK(rows[2].pointsEarned == 5.0);
  CHECK(rows[2].stars == 4);
  CHECK(rows[2].why == "meets payment threshold");
  // The measure and domain lines carry points and stars, not dollars.
  CHECK_FALSE(rows[2].payment.has_value());
  CHECK_FALSE(rows[3].payment.has_value());
  // PH1: G at 50 and A at 50 miss their targets: no partial points.
  CHECK(rows[5].pointsEarned == 0.0);
  CHECK(rows[5].why == "below payment threshold");
  CHECK(rows[6].pointsEarned == 0.0);
  CHECK(rows[6].stars == 2);
  CHECK(programLine(rows, 1).pointsEarned == 5.0);
  CHECK(programLine(rows, 1).pointsPossible == 10);
}

TEST_CASE("the payout: performance % x pool / eligible claims x the pharmacy's claims",
          "[pharmacy-payout]") {
  Program pr;
  score::addPharmacyProgram(pr.scoring, eligibilityRows(), {}, 4);
  REQUIRE(pr.scoring.pharmacyPayout.has_value());
  // $10,000 / (3,000 + 1,000 + 1,000 eligible claims) = $2 a claim; PH2's
  // 2,000 claims are not in the volume.
  CHECK(pr.scoring.pharmacyPayout->eligibleClaims == 5000);
  CHECK(pr.scoring.pharmacyPayout->valuePerClaim() == Approx(2.0));
  const auto rows = score::scorecard(pr.scoring, ratesOf(pr));
  // PH0: 100% x $2 x 3,000 = $6,000.
  CHECK(programLine(rows, 0).payment == Approx(6000));
  CHECK(programLine(rows, 0).why ==
        "payout: 100% (10 of 10 points) x $2.0000 a claim x 3000 claims");
  // PH1 and PH3: 50% x $2 x 1,000 = $1,000 each.
  CHECK(programLine(rows, 1).payment == Approx(1000));
  CHECK(programLine(rows, 1).why == "payout: 50% (5 of 10 points) x $2.0000 a claim x 1000 claims");
  CHECK(programLine(rows, 3).payment == Approx(1000));
  // Paid $8,000 of the $10,000: at most the pool.
  double sum = 0;
  for (size_t p = 0; p < 4; ++p) sum += programLine(rows, p).payment.value_or(0);
  CHECK(sum == Approx(8000));
}

TEST_CASE("an ineligible pharmacy keeps its stars and points, is paid 0 and told which criteria",
          "[pharmacy-payout]") {
  Program pr;
  auto eligibility = eligibilityRows();
  // PH2 also sold too little in the second half: 2,000 claims, 1,000 and 400 by half.
  eligibility[2].firstHalf = 1600;
  eligibility[2].secondHalf = 400;
  eligibility[2].volume = false;
  score::addPharmacyProgram(pr.scoring, eligibility, {}, 4);
  const auto rows = score::scorecard(pr.scoring, ratesOf(pr));
  const std::string why =
      "eligibility: not in San Bernardino or Riverside county (Monterey); Rx volume 2000 not over "
      "1000 (1600 and 400 by half; over 500 each needed)";
  for (size_t i = 2 * kLines; i < 3 * kLines; ++i) {
    INFO("line " << i);
    CHECK(rows[i].payment == 0.0);
    CHECK(rows[i].why == why);
  }
  CHECK(rows[2 * kLines + 2].stars == 5);  // P at 95%
  CHECK(programLine(rows, 2).pointsEarned == 10.0);
  // Each criterion's own words; an eligible row has none.
  score::PharmacyEligibility closed = eligibleRow(5, 800);
  closed.inBusiness = closed.members = closed.eligible = false;
  closed.firstFill = 20000;  // 2024-10-04
  closed.lastFill = 20100;   // 2025-01-12
  closed.qualifyingMembers = 3;
  CHECK(score::eligibilityWhy(closed, {}) ==
        "eligibility: not in business the entire period (fills 2024-10-04..2025-01-12); 3 "
        "members qualify for 4 of 7 measures; at least 10 needed");
  CHECK(score::eligibilityWhy(eligibleRow(0, 3000), {}).empty());
  // A provider with no eligibility row (not a pharmacy) fails the gate.
  const score::GateResult gate = score::eligibilityGate(eligibility, {}, 6);
  CHECK_FALSE(gate.passes(4));
  CHECK(gate.whyFor(4) ==
        "eligibility: not a pharmacy (no fills in the data and not listed as one)");
  CHECK(gate.passes(0));
}

TEST_CASE("payouts sum to at most the pool, and to the pool when every eligible store scores 100%",
          "[pharmacy-payout]") {
  Program pr;
  score::addPharmacyProgram(pr.scoring, eligibilityRows(), {}, 4);
  // Every pharmacy meets every target: PH0 $6,000, PH1 and PH3 $2,000 each,
  // PH2 (ineligible) $0: $10,000, the pool exactly.
  std::vector<score::ProviderRate> all;
  for (store::ProviderId p = 0; p < 4; ++p) {
    all.push_back(rateOf(p, pr.a, 0.25));
    all.push_back(rateOf(p, pr.g, 0.75));
    all.push_back(rateOf(p, pr.p, 0.875));
  }
  auto rows = score::scorecard(pr.scoring, all);
  double sum = 0;
  for (size_t p = 0; p < 4; ++p) sum += programLine(rows, p).payment.value_or(0);
  CHECK(programLine(rows, 1).payment == Approx(2000));
  CHECK(programLine(rows, 2).payment == 0.0);
  CHECK(sum == Approx(10000));
  // Any performance: each eligible store earns at most 100% of its claims'
  // share, so the sum never passes the pool. Claims that do not divide the
  // pool evenly: 1,234 + 5,677 + 1 eligible claims.
  std::vector<score::PharmacyEligibility> odd{eligibleRow(0, 1234), eligibleRow(1, 5677),
                                              eligibleRow(2, 1), eligibleRow(3, 999)};
  odd[3].eligible = false;
  const score::PharmacyPayout pay = score::pharmacyPayout(10000, 10, odd, 4);
  for (double points = 0; points <= 10; points += 1) {
    double total = 0;
    for (store::ProviderId p = 0; p < 3; ++p) total += pay.payout(p, points);
    CHECK(total <= 10000 + 1e-6);
    if (points == 10) CHECK(total == Approx(10000).epsilon(1e-12));
  }
  // Measures whose points pass the domain's (a --set of 6 for P: 6 + 3 + 2
  // = 11 against 10): 11 points make 100%, so the pool is still not passed.
  Program over;
  over.scoring.measures[0].points = 6;
  score::addPharmacyProgram(over.scoring, eligibilityRows(), {}, 4);
  CHECK(score::programPoints(over.scoring) == 11);
  rows = score::scorecard(
      over.scoring, {rateOf(0, over.a, 0.25), rateOf(0, over.g, 0.75), rateOf(0, over.p, 0.875)});
  CHECK(programLine(rows, 0).pointsEarned == 11.0);
  CHECK(programLine(rows, 0).payment == Approx(6000));  // 100% x $2 x 3,000
  // No eligible claims: nothing to divide, nobody paid.
  CHECK(score::pharmacyPayout(10000, 10, {}, 4).payout(0, 10) == 0.0);
}

TEST_CASE(
    "the ranking: composite, ties by mean stars then provider_id; Provider of the Year; "
    "Pharmacy Home",
    "[pharmacy-payout]") {
  Program pr;
  score::addPharmacyProgram(pr.scoring, eligibilityRows(), {}, 4);
  const auto rows = score::scorecard(pr.scoring, ratesOf(pr));
  const store::ProviderTable ids = pharmacies({"PH0", "PH1", "PH2", "PH3"});
  const auto ranking = score::pharmacyRanking(pr.scoring, rows, ids);
  REQUIRE(ranking.size() == 4);
  // PH0 and PH2 both 100%: PH2's stars P 5, G 4 (mean 4.5) beat PH0's 4, 4.
  // PH1 and PH3 both 50% with P 4, G 2 (mean 3): provider_id decides.
  // Overall stars, half up: PH2 4.5 -> 5, PH0 4, PH1 and PH3 3.
  std::ostringstream csv;
  store::MemberStore store;
  store.providers = ids;
  output::writePharmacyRanking(csv, store, ranking);
  CHECK(csv.str() ==
        "rank,provider_id,composite,mean_stars,overall_stars,eligible,provider_of_the_year\n"
        "1,PH2,100,4.5000,5,0,0\n"
        "2,PH0,100,4.0000,4,1,1\n"
        "3,PH1,50,3.0000,3,1,1\n"
        "4,PH3,50,3.0000,3,1,1\n");
  // Pharmacy Home: 4 and 5 stars, eligible or not.
  std::ostringstream home;
  output::writePharmacyHome(home, store, score::pharmacyHome(ranking));
  CHECK(home.str() ==
        "provider_id,overall_stars,rank,composite,eligible\n"
        "PH2,5,1,100,0\n"
        "PH0,4,2,100,1\n");
}

TEST_CASE("Provider of the Year names the 10 best-ranked eligible pharmacies",
          "[pharmacy-payout]") {
  // 12 eligible pharmacies E00..E11, E00 earning 0 points, E01 1, ... E10 10
  // and E11 10; plus X (ineligible, 10 points) ranked among them.
  const ir::Measure m = pharmacyMeasure("M");
  score::ProgramScoring program;
  program.domains = {{"D", 10, false}};
  program.measures = {{&m, 0, 10, false, {}, 50.0, {}}};
  std::vector<std::string> names;
  std::vector<score::PharmacyEligibility> rows;
  for (int i = 0; i < 13; ++i) {
    names.push_back(i == 12 ? "X" : fmt::format("E{:02}", i));
    rows.push_back(eligibleRow(static_cast<store::ProviderId>(i), 2000));
  }
  rows[12].eligible = rows[12].members = false;
  score::addPharmacyProgram(program, rows, {}, 13);
  // One measure worth all 10 points: a rate at 50% earns them, below it 0.
  // The composite is then 0 or 100: E00 below, every other at it.
  std::vector<score::ProviderRate> rates;
  for (store::ProviderId p = 0; p < 13; ++p) rates.push_back(rateOf(p, m, p == 0 ? 0.25 : 0.5));
  const auto card = score::scorecard(program, rates);
  const auto ranking = score::pharmacyRanking(program, card, pharmacies(names));
  REQUIRE(ranking.size() == 13);
  // 100%: E01..E11 and X, by provider_id (no stars): E01..E11 ranks 1-11, X 12; E00 13.
  CHECK(score::providerIdText(pharmacies(names), ranking[10].pharmacy) == "E11");
  int named = 0;
  for (const score::PharmacyRank& r : ranking) named += r.providerOfTheYear;
  CHECK(named == 10);
  CHECK(ranking[9].providerOfTheYear);         // E10
  CHECK_FALSE(ranking[10].providerOfTheYear);  // E11: the 11th eligible
  CHECK_FALSE(ranking[11].eligible);           // X
  CHECK(ranking[12].composite == 0);
  CHECK_FALSE(ranking[12].overallStars.has_value());
  CHECK_FALSE(ranking[12].providerOfTheYear);  // E00

  // With every other store ineligible, E00 is the only eligible one left;
  // it earned no point, so nobody is named.
  for (int i = 1; i < 13; ++i) rows[i].eligible = false;
  score::ProgramScoring few;
  few.domains = program.domains;
  few.measures = {{&m, 0, 10, false, {}, 50.0, {}}};
  score::addPharmacyProgram(few, rows, {}, 13);
  const auto fewCard = score::scorecard(few, rates);
  for (const score::PharmacyRank& r : score::pharmacyRanking(few, fewCard, pharmacies(names)))
    CHECK_FALSE(r.providerOfTheYear);
}
