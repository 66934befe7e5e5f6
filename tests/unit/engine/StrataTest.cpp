// strata.csv: strata per provider and plan-wide (ALL), the (unknown)
// stratum, zero denominators, order, and the Healthy People 2020 disparity
// figure on hand-computed cases.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "EngineFixtures.h"
#include "ScratchDir.h"
#include "output/StrataWriter.h"
#include "score/Strata.h"

using namespace mc;
using namespace mc::testing;

namespace {

struct Person {
  std::string id, pcp, ethnicity;
  const char* born = "2010-05-01";
  store::Sex sex = store::Sex::F;
  std::string language = {}, county = {};
};

store::MemberStore storeWith(const std::vector<Person>& people) {
  store::StoreBuilder b;
  for (const Person& p : people) {
    const store::MemberIndex m = b.addMember(p.id, day(p.born), p.sex, kNoDate, "", p.ethnicity);
    b.setLanguageAndCounty(m, p.language, p.county);
    b.addEnrollment(m, day("2022-01-01"), day("2022-12-31"), p.pcp);
    if (!p.pcp.empty() && !b.hasListedProvider(p.pcp))
      b.addProvider(p.pcp, store::ProviderKind::Pcp);
  }
  return b.finish();
}

ir::Measure stratifiedBy(std::string id, std::vector<ir::Stratifier> by,
                         ir::MeasureKind kind = ir::MeasureKind::Proportion) {
  ir::Measure m = labelledMeasure(std::move(id), kind);
  m.stratifiers = std::move(by);
  return m;
}

std::string strataCsv(const store::MemberStore& s, const std::vector<score::MeasureOutcomes>& o) {
  std::ostringstream os;
  output::writeStrata(os, s, score::strataRates(s, o, day("2022-12-31")));
  return os.str();
}

const char* const kHeader =
    "provider_id,measure,stratifier,stratum,denominator,numerator,rate,reference_rate,"
    "disparity_pct\n";

}  // namespace

TEST_CASE("strata.csv: ALL first, then providers; (unknown) kept; a zero denominator has no rate",
          "[strata]") {
  const store::MemberStore s = storeWith({{"m1", "P1", "hispanic"},
                                          {"m2", "P1", "hispanic"},
                                          {"m3", "P1", ""},
                                          {"m4", "P2", "not-hispanic"},
                                          {"m5", "P2", "not-hispanic"},
                                          {"m6", "P2", "not-hispanic"},
                                          {"m7", "P2", "hispanic"},
                                          {"m8", "", "hispanic"},
                                          {"m9", "P1", "other"}});
  const ir::Measure hphd = stratifiedBy("HPHD", {{StratifierKind::Ethnicity, {}}});
  const std::vector<score::MeasureOutcomes> o = {
      outcomesOf(hphd, s,
                 {inNumerator(), notInNumerator(), inNumerator(), notInNumerator(), inNumerator(),
                  notInNumerator(), notEligible(), inNumerator(), notInPopulation()})};
  // ALL: hispanic 2 of 3 (m7 is not eligible), not-hispanic 1 of 3, (unknown)
  // 1 of 1 but never the reference. Disparity in adverse terms: not-hispanic
  // misses 2/3 against hispanic's 1/3, 100% more often.
  CHECK(strataCsv(s, o) == std::string(kHeader) +
                               "ALL,HPHD,ethnicity,(unknown),1,1,1.0000,0.6667,-100.00\n"
                               "ALL,HPHD,ethnicity,hispanic,3,2,0.6667,0.6667,0.00\n"
                               "ALL,HPHD,ethnicity,not-hispanic,3,1,0.3333,0.6667,100.00\n"
                               "P1,HPHD,ethnicity,(unknown),1,1,1.0000,0.5000,-100.00\n"
                               "P1,HPHD,ethnicity,hispanic,2,1,0.5000,0.5000,0.00\n"
                               "P2,HPHD,ethnicity,hispanic,0,0,,0.3333,\n"
                               "P2,HPHD,ethnicity,not-hispanic,3,1,0.3333,0.3333,0.00\n"
                               "UNLINKED,HPHD,ethnicity,hispanic,1,1,1.0000,1.0000,\n");
}

TEST_CASE("strata.csv: providers and measures in string order, stratifiers as written",
          "[strata]") {
  const store::MemberStore s =
      storeWith({{"m1", "P2", "b", "2010-05-01", store::Sex::M, "Spanish", "Merced"},
                 {"m2", "P10", "a", "2002-05-01", store::Sex::F, "English", ""}});
  const ir::Measure z = stratifiedBy(
      "Z", {{StratifierKind::Sex, {}}, {StratifierKind::AgeBand, {{13, 21}, {3, 12}}}});
  const ir::Measure a =
      stratifiedBy("A", {{StratifierKind::County, {}}, {StratifierKind::Language, {}}});
  const ir::Measure plain = labelledMeasure("M");
  const std::vector<score::MeasureOutcomes> o = {
      outcomesOf(z, s, {inNumerator(), inNumerator()}),
      outcomesOf(plain, s, {inNumerator(), inNumerator()}),
      outcomesOf(a, s, {inNumerator(), notInNumerator()})};
  // Age at 2022-12-31: m1 12, m2 20; bands in the measure's order.
  CHECK(strataCsv(s, o) == std::string(kHeader) +
                               "ALL,A,county,(unknown),1,0,0.0000,1.0000,\n"
                               "ALL,A,county,Merced,1,1,1.0000,1.0000,\n"
                               "ALL,A,language,English,1,0,0.0000,1.0000,\n"
                               "ALL,A,language,Spanish,1,1,1.0000,1.0000,\n"
                               "ALL,Z,sex,F,1,1,1.0000,1.0000,\n"
                               "ALL,Z,sex,M,1,1,1.0000,1.0000,\n"
                               "ALL,Z,age band,13..21,1,1,1.0000,1.0000,\n"
                               "ALL,Z,age band,3..12,1,1,1.0000,1.0000,\n"
                               "P10,A,county,(unknown),1,0,0.0000,,\n"
                               "P10,A,language,English,1,0,0.0000,0.0000,0.00\n"
                               "P10,Z,sex,F,1,1,1.0000,1.0000,\n"
                               "P10,Z,age band,13..21,1,1,1.0000,1.0000,\n"
                               "P2,A,county,Merced,1,1,1.0000,1.0000,\n"
                               "P2,A,language,Spanish,1,1,1.0000,1.0000,\n"
                               "P2,Z,sex,M,1,1,1.0000,1.0000,\n"
                               "P2,Z,age band,3..12,1,1,1.0000,1.0000,\n");
}

TEST_CASE("an age outside every band is its own stratum", "[strata]") {
  const store::MemberStore s = storeWith({{"m1", "P1", "", "1990-01-01"}});
  const ir::Stratifier bands{StratifierKind::AgeBand, {{3, 11}, {12, 21}}};
  CHECK(score::stratumOf(s, 0, bands, day("2022-12-31")) == "(other ages)");
  CHECK(score::stratumOf(s, 0, {StratifierKind::Race, {}}, day("2022-12-31")) == "(unknown)");
}

TEST_CASE("Healthy People 2020 percent difference from the best group rate, hand-computed",
          "[strata]") {
  // Favourable outcome: 60% vs 40% well-care visits. Adverse: 40% vs 60%
  // missed, 50% more often.
  CHECK(*score::percentDifference(0.40, 0.60, true) == Approx(50.0));
  CHECK(*score::percentDifference(0.60, 0.60, true) == Approx(0.0));
  // Adverse outcome (inverse measure): 30% poor control vs the best 20%.
  CHECK(*score::percentDifference(0.30, 0.20, false) == Approx(50.0));
  // A best group that never misses: no percent difference from zero.
  CHECK_FALSE(score::percentDifference(0.50, 1.0, true).has_value());
  CHECK_FALSE(score::percentDifference(0.10, 0.0, false).has_value());
}

TEST_CASE("the reference group meets the minimum denominator; inverse measures take the lowest",
          "[strata]") {
  const store::MemberStore s = storeWith({{"m1", "P1", "a"},
                                          {"m2", "P1", "a"},
                                          {"m3", "P1", "a"},
                                          {"m4", "P1", "a"},
                                          {"m5", "P1", "b"},
                                          {"m6", "P1", "b"},
                                          {"m7", "P1", "c"}});
  const ir::Measure hbd =
      stratifiedBy("HBD", {{StratifierKind::Ethnicity, {}}}, ir::MeasureKind::Inverse);
  // a: 1 of 4 in poor control (0.25); b: 2 of 2 (1.0); c: 0 of 1, the
  // lowest but below the minimum of 2, so a is the reference.
  const std::vector<score::MeasureOutcomes> o = {
      outcomesOf(hbd, s,
                 {inNumerator(), notInNumerator(), notInNumerator(), notInNumerator(),
                  inNumerator(), inNumerator(), notInNumerator()},
                 2)};
  const auto rows = score::strataRates(s, o, day("2022-12-31"));
  REQUIRE(rows.size() == 6);
  for (const score::StratumRate& r : rows) {
    INFO(r.stratum);
    REQUIRE(r.referenceRate.has_value());
    CHECK(*r.referenceRate == Approx(0.25));
  }
  CHECK(*rows[1].disparityPercent == Approx(300.0));  // b: (1.0 - 0.25) / 0.25
  CHECK(*rows[2].disparityPercent == Approx(-100.0));
}

TEST_CASE("strata.csv is written only when a measure is stratified, then even when empty",
          "[strata]") {
  const store::MemberStore s = storeWith({{"m1", "P1", "a"}});
  const ir::Measure plain = labelledMeasure("M");
  const ir::Measure strat = stratifiedBy("S", {{StratifierKind::Ethnicity, {}}});
  ScratchDir scratch("strata");
  {
    output::ResultsDirectory dir(scratch.at("plain"));
    REQUIRE_FALSE(dir.create());
    const std::vector<score::MeasureOutcomes> o = {outcomesOf(plain, s, {inNumerator()})};
    REQUIRE_FALSE(output::writeStrataFile(dir, s, o, score::strataRates(s, o, day("2022-12-31"))));
    REQUIRE_FALSE(dir.commit());
    CHECK_FALSE(std::filesystem::exists(scratch.at("plain/strata.csv")));
  }
  {
    output::ResultsDirectory dir(scratch.at("strat"));
    REQUIRE_FALSE(dir.create());
    const std::vector<score::MeasureOutcomes> o = {outcomesOf(strat, s, {notInPopulation()})};
    REQUIRE_FALSE(output::writeStrataFile(dir, s, o, score::strataRates(s, o, day("2022-12-31"))));
    REQUIRE_FALSE(dir.commit());
    std::ifstream in(scratch.at("strat/strata.csv"));
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str() == kHeader);
  }
}
