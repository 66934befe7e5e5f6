// Provider aggregation: denominators, numerators, rates and the minimum.
#include <catch2/catch.hpp>

#include "EngineFixtures.h"
#include "score/ProviderRates.h"

using namespace mc;
using namespace mc::testing;

namespace {

const score::ProviderRate* rowOf(const std::vector<score::ProviderRate>& rows,
                                 const store::MemberStore& s, std::string_view provider) {
  for (const auto& r : rows) {
    if (score::providerIdText(s.providers, r.provider) == provider) return &r;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("denominator counts eligible, not excluded members; numerator sums theirs") {
  const auto s = storeOf({{"m1", "P1"}, {"m2", "P1"}, {"m3", "P1"}, {"m4", "P1"}, {"m5", "P1"}});
  const ir::Measure bcs = labelledMeasure("BCS");
  const auto mo = outcomesOf(
      bcs, s, {inNumerator(), notInNumerator(), excluded(), notEligible(), inNumerator()});
  const auto rows = score::measureRates(mo);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].measure == &bcs);
  CHECK(rows[0].denominator == 3);
  CHECK(rows[0].numerator == 2);
  REQUIRE(rows[0].rate);
  CHECK(*rows[0].rate == Approx(2.0 / 3.0));
  CHECK(rows[0].qualifies);  // no minimum given: at least one member
}

TEST_CASE("a zero denominator never qualifies, whatever the minimum") {
  const auto s = storeOf({{"m1", "P1"}, {"m2", "P2"}});
  const ir::Measure chl = labelledMeasure("CHL");
  for (const int minimum : {0, 1}) {
    const auto rows =
        score::measureRates(outcomesOf(chl, s, {notEligible(), inNumerator()}, minimum));
    const score::ProviderRate* p1 = rowOf(rows, s, "P1");
    REQUIRE(p1 != nullptr);
    CHECK(p1->denominator == 0);
    CHECK_FALSE(p1->rate);
    CHECK_FALSE(p1->qualifies);
    CHECK(rowOf(rows, s, "P2")->qualifies);
  }
}

TEST_CASE("a numerator value of an excluded or ineligible member does not count") {
  const auto s = storeOf({{"m1", "P1"}, {"m2", "P1"}});
  // A rate measure: its outcome table keeps every member's value (a
  // proportion's table has no place for a value that disagrees with the
  // numerator flag: OutcomeTableTest).
  const ir::Measure amb = labelledMeasure("AMB", ir::MeasureKind::Rate);
  score::MemberOutcome ex = excluded();
  ex.numeratorValue = 1;
  ex.exposure = 1;
  score::MemberOutcome ne = notEligible();
  ne.numeratorValue = 1;
  ne.exposure = 1;
  const auto rows = score::measureRates(outcomesOf(amb, s, {ex, ne}));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].denominator == 0);
  CHECK(rows[0].numerator == 0);
  CHECK_FALSE(rows[0].rate);
}

TEST_CASE("qualifies when the denominator reaches the minimum") {
  const auto s = storeOf({{"m1", "P1"}, {"m2", "P1"}, {"m3", "P2"}});
  const ir::Measure bcs = labelledMeasure("BCS");
  const auto rows = score::measureRates(
      outcomesOf(bcs, s, {inNumerator(), notInNumerator(), inNumerator()}, /*minimum=*/2));
  REQUIRE(rows.size() == 2);
  CHECK(rowOf(rows, s, "P1")->qualifies);
  CHECK_FALSE(rowOf(rows, s, "P2")->qualifies);
}

TEST_CASE("providers with only ineligible members appear with denominator 0; UNLINKED too") {
  const auto s = storeOf({{"m1", "P1"}, {"m2", "P2"}, {"m3", ""}, {"m4", "P3"}});
  const ir::Measure bcs = labelledMeasure("BCS");
  const auto rows = score::measureRates(
      outcomesOf(bcs, s, {notEligible(), inNumerator(), notInNumerator(), notInPopulation()}, 30));
  REQUIRE(rows.size() == 3);  // P3 has no population member
  const auto* p1 = rowOf(rows, s, "P1");
  REQUIRE(p1);
  CHECK(p1->denominator == 0);
  CHECK_FALSE(p1->rate);
  CHECK_FALSE(p1->qualifies);
  const auto* unlinked = rowOf(rows, s, "UNLINKED");
  REQUIRE(unlinked);
  CHECK(unlinked->provider == store::kNoProvider);
  CHECK(unlinked->denominator == 1);
  CHECK(*unlinked->rate == 0.0);
  CHECK(rowOf(rows, s, "P3") == nullptr);
}

TEST_CASE("rows of all measures are sorted by provider id text, then measure id") {
  const auto s = storeOf({{"m1", "P2"}, {"m2", "P10"}, {"m3", ""}, {"m4", "A"}});
  const ir::Measure ccs = labelledMeasure("CCS");
  const ir::Measure bcs = labelledMeasure("BCS");
  const std::vector<score::MemberOutcome> all(4, inNumerator());
  const auto rows = score::providerRates(s, {outcomesOf(ccs, s, all), outcomesOf(bcs, s, all)});
  std::vector<std::string> keys;
  for (const auto& r : rows) {
    keys.push_back(std::string(score::providerIdText(s.providers, r.provider)) + "/" +
                   r.measure->id);
  }
  CHECK(keys == std::vector<std::string>{"A/BCS", "A/CCS", "P10/BCS", "P10/CCS", "P2/BCS", "P2/CCS",
                                         "UNLINKED/BCS", "UNLINKED/CCS"});
}

TEST_CASE("weighted numerators are summed") {
  const auto s = storeOf({{"m1", "P1"}, {"m2", "P1"}});
  // Only a rate measure weighs its numerator (a proportion's is 0 or 1).
  ir::Measure acs = labelledMeasure("ACS", ir::MeasureKind::InverseRate);
  acs.ratePer = 1;
  score::MemberOutcome a = inNumerator(2.5), b = inNumerator(1);
  a.exposure = b.exposure = 1;
  const auto rows = score::measureRates(outcomesOf(acs, s, {a, b}));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].numerator == 3.5);
  CHECK(*rows[0].rate == 1.75);
}

TEST_CASE("a measure's totals count its population's flags and sum what its rows sum") {
  const auto s = storeOf({{"m1", "P1"}, {"m2", "P2"}, {"m3", ""}, {"m4", "P1"}, {"m5", "P2"}});
  ir::Measure acs = labelledMeasure("ACS", ir::MeasureKind::InverseRate);
  acs.ratePer = 1;
  score::MemberOutcome a = inNumerator(2.5), b = notInNumerator(), ex = excluded();
  a.exposure = 0.75;
  b.exposure = 0.5;
  ex.numeratorValue = 4;  // excluded: neither its value nor its exposure counts
  ex.exposure = 1;
  score::MeasureTotals totals;
  const auto rows = score::measureRates(
      outcomesOf(acs, s, {a, b, ex, notEligible(), notInPopulation()}), &totals);
  CHECK(totals.population == 4);
  CHECK(totals.eligible == 3);
  CHECK(totals.excluded == 1);
  CHECK(totals.exceptions == 0);
  CHECK(totals.denominator == 1.25);
  CHECK(totals.numerator == 2.5);
  double denominator = 0, numerator = 0;
  for (const auto& r : rows) {
    denominator += r.denominator;
    numerator += r.numerator;
  }
  CHECK(totals.denominator == denominator);
  CHECK(totals.numerator == numerator);

  // Through providerRates: one MeasureTotals per measure, in outcomes order.
  const ir::Measure bcs = labelledMeasure("BCS");
  std::vector<score::MeasureTotals> all;
  score::providerRates(s,
                       {outcomesOf(bcs, s, std::vector<score::MemberOutcome>(5, inNumerator())),
                        outcomesOf(acs, s, {a, b, ex, notEligible(), notInPopulation()})},
                       2, &all);
  REQUIRE(all.size() == 2);
  CHECK(all[0].population == 5);
  CHECK(all[0].denominator == 5);
  CHECK(all[0].numerator == 5);
  CHECK(all[1].population == 4);
  CHECK(all[1].numerator == 2.5);
}
