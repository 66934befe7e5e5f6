// Fee-for-service payments (CBI 2022: PCMH $2,500 on NCQA PCMH recognition
// or TJC certification, BHI $1,000 on the NCQA Distinction in Behavioral
// Health): paid once, in the year the plan received the attribute; the
// scorecard's lines, totals and gate. Dollars worked out in the comments.
#include <catch2/catch.hpp>

#include "EngineFixtures.h"
#include "score/FeeForService.h"
#include "score/Scorecard.h"
#include "store/ProviderAttributes.h"
#include "store/StoreBuilder.h"

using namespace mc;
using mc::testing::day;

namespace {

const ir::ProgramFeeForService kPcmh{
    "PCMH", "Patient Centered Medical Home", 2500, {"pcmh_recognized", "tjc_certified"}};
const ir::ProgramFeeForService kBhi{
    "BHI", "Behavioral Health Integration", 1000, {"bh_distinction"}};

// P1: PCMH recognized in 2022; P2: TJC certified in 2022 and PCMH
// recognized in 2021; P3: recognized in 2021 only; P4: none of them (an
// attribute no payment names); P5: both TJC and PCMH in 2022, and the BH
// distinction.
store::MemberStore providers() {
  store::StoreBuilder b;
  b.addProvider("P1", store::ProviderKind::Pcp, "", "", "pcmh_recognized=2022-05-01");
  b.addProvider("P2", store::ProviderKind::Pcp, "", "",
                "pcmh_recognized=2021-05-01;tjc_certified=2022-03-15");
  b.addProvider("P3", store::ProviderKind::Pcp, "", "", "pcmh_recognized=2021-05-01");
  b.addProvider("P4", store::ProviderKind::Pcp, "", "", "telehealth=2022-01-01");
  b.addProvider("P5", store::ProviderKind::Pcp, "", "",
                "tjc_certified=2022-08-01;pcmh_recognized=2022-02-01;bh_distinction=2022-09-01");
  return b.finish();
}

}  // namespace

TEST_CASE("providers.csv attributes read as name=date items", "[fee-for-service]") {
  std::vector<store::ProviderAttribute> a;
  std::string problem, todo;
  REQUIRE(store::parseProviderAttributes("pcmh_recognized=2022-05-01; bh_distinction=2022-09-01;",
                                         a, problem, todo));
  REQUIRE(a.size() == 2);
  CHECK(a[1].name == "bh_distinction");
  CHECK(a[1].date == day("2022-09-01"));
  CHECK(store::parseProviderAttributes("", a, problem, todo));
  CHECK(a.empty());
  CHECK_FALSE(store::parseProviderAttributes("pcmh_recognized=yes", a, problem, todo));
  CHECK(problem == "attribute pcmh_recognized has 'yes', which is not a date");
  CHECK_FALSE(store::parseProviderAttributes("pcmh_recognized", a, problem, todo));
  CHECK(problem == "attribute 'pcmh_recognized' has no date");
  CHECK_FALSE(store::parseProviderAttributes("pcmh recognized=2022-05-01", a, problem, todo));
  CHECK_FALSE(store::parseProviderAttributes("a=2022-05-01;a=2022-06-01", a, problem, todo));
  CHECK(problem == "attribute a is given twice");
  CHECK_FALSE(store::parseProviderAttributes("a=2022-02-30", a, problem, todo));
}

TEST_CASE("a fee-for-service payment is paid in the year of the attribute's date",
          "[fee-for-service]") {
  const store::MemberStore s = providers();
  const auto r = score::checkFeeForService(s, kPcmh, day("2022-01-01"), day("2022-12-31"));
  const auto p = [&](const char* id) { return s.providers.find(id); };
  CHECK(r.lineOf(p("P1")).payment == 2500);
  CHECK(r.lineOf(p("P1")).why == "pcmh_recognized received 2022-05-01: paid once");
  // Either attribute qualifies: TJC's 2022 date pays, the 2021 PCMH does not count.
  CHECK(r.lineOf(p("P2")).payment == 2500);
  CHECK(r.lineOf(p("P2")).why == "tjc_certified received 2022-03-15: paid once");
  CHECK(r.lineOf(p("P3")).payment == 0);
  CHECK(r.lineOf(p("P3")).why ==
        "pcmh_recognized received 2021-05-01, outside the period 2022-01-01..2022-12-31: "
        "one-time, it counts in the year of its date");
  CHECK(r.lineOf(p("P4")).payment == 0);
  CHECK(r.lineOf(p("P4")).why == "no pcmh_recognized or tjc_certified attribute");
  // Two qualifying attributes in the year pay once, the earliest named.
  CHECK(r.lineOf(p("P5")).payment == 2500);
  CHECK(r.lineOf(p("P5")).why == "pcmh_recognized received 2022-02-01: paid once");
  CHECK(r.holders == std::vector<store::ProviderId>{p("P1"), p("P2"), p("P3"), p("P5")});
  // The same data in 2021: P2 and P3 are paid for their 2021 recognition.
  const auto y2021 = score::checkFeeForService(s, kPcmh, day("2021-01-01"), day("2021-12-31"));
  CHECK(y2021.lineOf(p("P1")).payment == 0);
  CHECK(y2021.lineOf(p("P2")).payment == 2500);
  CHECK(y2021.lineOf(p("P3")).payment == 2500);
}

TEST_CASE("an interim report pays only the attributes received by its as-of date",
          "[fee-for-service]") {
  const store::MemberStore s = providers();
  const auto p = [&](const char* id) { return s.providers.find(id); };
  // As of 2022-04-30: P1's 2022-05-01 recognition is not known yet; P2's
  // TJC certification of 2022-03-15 is; P5's PCMH of 2022-02-01 pays.
  const auto r =
      score::checkFeeForService(s, kPcmh, day("2022-01-01"), day("2022-12-31"), day("2022-04-30"));
  CHECK(r.lineOf(p("P1")).payment == 0);
  CHECK(r.lineOf(p("P1")).why ==
        "pcmh_recognized received 2022-05-01, after the as-of date 2022-04-30: not known yet");
  CHECK(r.lineOf(p("P2")).payment == 2500);
  CHECK(r.lineOf(p("P5")).payment == 2500);
  const auto bhi =
      score::checkFeeForService(s, kBhi, day("2022-01-01"), day("2022-12-31"), day("2022-04-30"));
  CHECK(bhi.lineOf(p("P5")).payment == 0);  // bh_distinction of 2022-09-01
}

TEST_CASE("scorecard: fee-for-service lines, their total and the program total",
          "[fee-for-service][scorecard]") {
  const store::MemberStore s = providers();
  const auto period = std::make_pair(day("2022-01-01"), day("2022-12-31"));
  ir::Measure a;
  a.id = "A";
  score::ProgramScoring program;
  program.program = "P";
  program.domains = {{"Access", 2, false}};
  program.measures = {{&a, 0, 2, false, {}, 50.0, {}}};
  program.pointValue = 100;
  program.feeForService = {score::checkFeeForService(s, kPcmh, period.first, period.second),
                           score::checkFeeForService(s, kBhi, period.first, period.second)};
  program.providers = &s.providers;
  const store::ProviderId p1 = s.providers.find("P1"), p4 = s.providers.find("P4"),
                          p5 = s.providers.find("P5");
  score::ProviderRate r4;  // P4 meets A's 50% threshold: 2 points, $200
  r4.provider = p4;
  r4.measure = &a;
  r4.rate = 0.6;
  r4.qualifies = true;
  score::ProviderRate r5 = r4;  // P5 does not: 0 points
  r5.provider = p5;
  r5.rate = 0.4;
  const auto rows = score::scorecard(program, {r4, r5});
  // P1, P2, P3 have no rates but hold a PCMH attribute: PCMH, BHI, the
  // Access total, the fee-for-service total, the program total (5 lines);
  // P4 and P5 add their A line (6). In provider_id order.
  REQUIRE(rows.size() == 3 * 5 + 2 * 6);
  CHECK(rows[0].provider == p1);
  CHECK(rows[0].domain == "Fee-For-Service");
  CHECK(rows[0].measure == "PCMH");
  CHECK(rows[0].payment == 2500.0);
  CHECK(rows[0].pointsEarned == 0.0);  // dollars, no points
  CHECK(rows[0].pointsPossible == 0.0);
  CHECK(rows[1].measure == "BHI");
  CHECK(rows[1].payment == 0.0);
  CHECK(rows[1].why == "no bh_distinction attribute");
  CHECK(rows[3].domain == "Fee-For-Service");
  CHECK(rows[3].measure.empty());
  CHECK(rows[3].payment == 2500.0);
  CHECK(rows[3].why == "fee-for-service total");
  CHECK(rows[4].why == "program total");
  CHECK(rows[4].payment == 2500.0);
  // P4: $200 for A, no fee-for-service: $200.
  CHECK(rows[15].provider == p4);
  CHECK(rows[15].measure == "A");
  CHECK(rows[20].provider == p4);
  CHECK(rows[20].payment == 200.0);
  // P5: A below threshold ($0), PCMH $2,500 + BHI $1,000 = $3,500.
  CHECK(rows[21].provider == p5);
  CHECK(rows[22].measure == "PCMH");
  CHECK(rows[23].measure == "BHI");
  CHECK(rows[23].payment == 1000.0);
  CHECK(rows[25].payment == 3500.0);  // fee-for-service total
  CHECK(rows[26].why == "program total");
  CHECK(rows[26].payment == 3500.0);

  SECTION("a failed gate takes the fee-for-service dollars too") {
    std::vector<std::uint8_t> passed(s.providers.size(), 1);
    passed[p5] = 0;
    program.gates = {{"gate: no registry submission by 2022-07-01", passed}};
    const auto gated = score::scorecard(program, {r4, r5});
    REQUIRE(gated.size() == rows.size());
    for (size_t i = 21; i < 27; ++i) {
      INFO("row " << i);
      CHECK(gated[i].payment == 0.0);
      CHECK(gated[i].why == "gate: no registry submission by 2022-07-01");
    }
    CHECK(gated[20].payment == 200.0);  // P4 passes
  }
}
