// Provider aggregation: denominators, numerators, rates and the minimum.
#include <catch2/catch.hpp>
#include <cstdint>
#include <map>

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

// A proportion's rows and totals are counts (measureRates keeps them as
// integers): checked against a plain tally of the same outcomes, for
// members of every kind spread over seven PCPs and none, with the provider
// column whole and cut short (the members past it are UNLINKED).
TEST_CASE("a proportion's provider rows and totals are the counts of its members") {
  std::vector<std::pair<std::string, std::string>> members;
  std::vector<score::MemberOutcome> outcomes;
  std::uint32_t seed = 12345;
  const auto next = [&seed](std::uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
  };
  for (int i = 0; i < 600; ++i) {
    const std::uint32_t pcp = next(8);
    members.emplace_back("m" + std::to_string(i), pcp == 7 ? "" : "P" + std::to_string(pcp));
    score::MemberOutcome o;
    switch (next(6)) {
      case 0: o = notInPopulation(); break;
      case 1: o = notEligible(); break;
      case 2: o = excluded(); break;
      case 3:
        o = notInNumerator();
        o.exception = true;
        break;
      case 4: o = inNumerator(); break;
      default: o = notInNumerator(); break;
    }
    outcomes.push_back(o);
  }
  const auto s = storeOf(members);
  const ir::Measure bcs = labelledMeasure("BCS");
  for (const size_t linked : {members.size(), members.size() / 2}) {
    INFO("provider column of " << linked << " members");
    score::MeasureOutcomes mo = outcomesOf(bcs, s, outcomes, /*minimum=*/30);
    std::vector<store::ProviderId> column;
    for (size_t m = 0; m < linked; ++m) column.push_back(mo.provider[m]);
    mo.provider = score::ProviderColumn(column);

    struct Want {
      std::uint64_t members = 0, numerator = 0;
    };
    std::map<store::ProviderId, Want> want;
    score::MeasureTotals wantTotals;
    for (size_t m = 0; m < outcomes.size(); ++m) {
      const score::MemberOutcome& o = outcomes[m];
      if (!o.population) continue;
      const store::ProviderId p = m < linked ? column[m] : store::kNoProvider;
      Want& w = want[p];
      ++wantTotals.population;
      wantTotals.eligible += o.eligible;
      wantTotals.excluded += o.excluded;
      wantTotals.exceptions += o.exception;
      if (!o.eligible || o.excluded || o.exception) continue;
      ++w.members;
      w.numerator += o.numerator;
      wantTotals.denominator += 1;
      wantTotals.numerator += o.numerator ? 1 : 0;
    }
    score::MeasureTotals totals;
    const auto rows = score::measureRates(mo, &totals);
    CHECK(totals.population == wantTotals.population);
    CHECK(totals.eligible == wantTotals.eligible);
    CHECK(totals.excluded == wantTotals.excluded);
    CHECK(totals.exceptions == wantTotals.exceptions);
    CHECK(totals.denominator == wantTotals.denominator);
    CHECK(totals.numerator == wantTotals.numerator);
    REQUIRE(rows.size() == want.size());
    // In ProviderId order, UNLINKED (kNoProvider, the largest id) last.
    auto w = want.begin();
    for (const score::ProviderRate& r : rows) {
      INFO("provider " << score::providerIdText(s.providers, r.provider));
      CHECK(r.provider == w->first);
      CHECK(r.members == w->second.members);
      CHECK(r.denominator == static_cast<double>(w->second.members));
      CHECK(r.numerator == static_cast<double>(w->second.numerator));
      CHECK(r.rate.has_value() == (w->second.members > 0));
      CHECK(r.qualifies == (w->second.members >= 30));
      ++w;
    }
  }
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
