// The score phase's work outside the member passes (issue 15, scorerest):
// provider rates and strata on several threads, provider rows ordered by
// text ranks, outcome tables made without touching their memory, and
// scoring on several threads (linked PCPs, tables made in parallel). Each
// must give exactly what the one serial pass gave.
#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "EngineFixtures.h"
#include "driver/Compilation.h"
#include "interp/Scoring.h"
#include "score/ProviderRates.h"
#include "score/ProviderTextRanks.h"
#include "score/Strata.h"

using namespace mc;
using namespace mc::testing;

namespace {

ir::Measure compiled(const std::string& body) {
  Compilation c(std::string(MEASUREC_SOURCE_DIR) + "/stdlib");
  c.addSource("t.measure", "measure T \"t\" {\n  period 2016\n" + body + "}\n");
  c.check();
  REQUIRE_FALSE(c.hasErrors());
  return c.lower(*c.measures().at(0));
}

// 400 members (several blocks of the passes per thread at 3 threads) with
// linked PCPs of every kind: listed PCPs whose ids sort apart from their
// ProviderIds ("P10" before "P2", "a1" after "UNLINKED"), a provider with no
// providers.csv row, none (UNLINKED); fills at pharmacies, at a PCP and
// without a pharmacy, some generic, some in the visits a rate measure
// weighs.
store::MemberStore mixedStore() {
  store::StoreBuilder b;
  for (const char* p : {"P2", "P10", "a1", "Z9"}) b.addProvider(p, store::ProviderKind::Pcp);
  for (const char* ph : {"PH2", "PH1", "ph3"}) b.addProvider(ph, store::ProviderKind::Pharmacy);
  const char* pcps[] = {"P2", "P10", "a1", "Z9", "", "UNLISTED7"};
  const char* pharmacies[] = {"PH2", "PH1", "ph3", "", "P2"};
  for (int i = 0; i < 400; ++i) {
    const store::MemberIndex m =
        b.addMember("m" + std::to_string(1000 + i), day(i % 3 ? "1960-05-01" : "2012-05-01"),
                    i % 2 ? store::Sex::F : store::Sex::M, kNoDate, "", i % 4 ? "hispanic" : "");
    // Some leave before the end of the year: fractional member years.
    b.addEnrollment(m, day("2016-01-01"), i % 7 ? kOpenEnd : day("2016-05-17"), pcps[i % 6]);
    for (int f = 0; f < i % 5; ++f) {
      store::EventRow row;
      row.kind = store::EventKind::Pharmacy;
      row.member = m;
      row.date = day("2016-02-01") + 37 * f + i % 11;
      row.codes = {{CodeSystem::RXNORM, "617312"}};
      row.provider = pharmacies[(i + f) % 5];
      row.generic = (i + f) % 3 == 0;
      row.daysSupply = 30;
      b.addEvent(row);
    }
  }
  return b.finish();
}

const char* kByPcp =
    "  codeset Statins = RXNORM{617312}\n"
    "  population enrolled on MP.end\n"
    "  numerator count pharmacy with Statins during MP >= 2\n";
const char* kByPharmacy =
    "  codeset Statins = RXNORM{617312}\n"
    "  attribute to pharmacy of pharmacy with Statins during MP\n"
    "  population exists pharmacy with Statins during MP\n"
    "  numerator count pharmacy with Statins during MP >= 2\n";
const char* kEventUnit =
    "  population enrolled on MP.end\n"
    "  unit each pharmacy as fill during MP\n"
    "  numerator fill.generic\n";
// Weighted numerators over fractional member years: sums that depend on
// their order, so never tallied per block.
const char* kRate =
    "  kind rate per 1000 member years\n"
    "  codeset Statins = RXNORM{617312}\n"
    "  population age at MP.end >= 1\n"
    "  numerator count pharmacy with Statins during MP + 0.3 * count pharmacy with Statins "
    "during MP\n";

void checkSameRows(const std::vector<score::ProviderRate>& a,
                   const std::vector<score::ProviderRate>& b) {
  REQUIRE(a.size() == b.size());
  for (size_t k = 0; k < a.size(); ++k) {
    INFO("row " << k);
    CHECK(a[k].provider == b[k].provider);
    CHECK(a[k].measure == b[k].measure);
    CHECK(a[k].denominator == b[k].denominator);
    CHECK(a[k].members == b[k].members);
    CHECK(a[k].numerator == b[k].numerator);
    CHECK(a[k].rate == b[k].rate);
    CHECK(a[k].qualifies == b[k].qualifies);
  }
}

}  // namespace

TEST_CASE("provider rates and strata are the same on 1 or several threads, in text order") {
  const store::MemberStore s = mixedStore();
  ir::Measure byPcp = compiled(kByPcp), byPharmacy = compiled(kByPharmacy),
              eventUnit = compiled(kEventUnit), rate = compiled(kRate);
  byPcp.id = "B";
  byPharmacy.id = "A";
  eventUnit.id = "C";
  rate.id = "B";  // two measures with one id: kept in the run's order
  ir::Stratifier bySex;
  bySex.kind = StratifierKind::Sex;
  ir::Stratifier byEthnicity;
  byEthnicity.kind = StratifierKind::Ethnicity;
  byPcp.stratifiers = {bySex, byEthnicity};
  rate.stratifiers = {byEthnicity};
  const auto out =
      interp::scoreMeasures({{&byPcp, 2}, {&byPharmacy, 0}, {&eventUnit, 3}, {&rate, 0}}, s,
                            interp::calendarYear(2016), 2);
  // Scored on one thread: the same outcomes, providers and rates.
  const auto one =
      interp::scoreMeasures({{&byPcp, 2}, {&byPharmacy, 0}, {&eventUnit, 3}, {&rate, 0}}, s,
                            interp::calendarYear(2016), 1);
  for (size_t i = 0; i < out.size(); ++i) {
    REQUIRE(one[i].members.size() == out[i].members.size());
    for (size_t m = 0; m < out[i].members.size(); ++m) {
      CHECK(one[i].provider[m] == out[i].provider[m]);
      CHECK(one[i].members[m].numeratorValue == out[i].members[m].numeratorValue);
      CHECK(one[i].members[m].exposure == out[i].members[m].exposure);
    }
  }
  const auto serial = score::providerRates(s, out, 1);
  checkSameRows(score::providerRates(s, one, 1), serial);
  // The order of provider_results.csv: provider text, then measure id, ties
  // in the run's order.
  for (size_t k = 1; k < serial.size(); ++k) {
    const std::string_view pa = score::providerIdText(s.providers, serial[k - 1].provider);
    const std::string_view pb = score::providerIdText(s.providers, serial[k].provider);
    INFO(pa << " / " << pb);
    CHECK(pa <= pb);
    if (pa == pb) CHECK(serial[k - 1].measure->id <= serial[k].measure->id);
    if (pa == pb && serial[k - 1].measure->id == serial[k].measure->id)
      CHECK((serial[k - 1].measure == &byPcp && serial[k].measure == &rate));
  }
  const auto serialStrata = score::strataRates(s, out, day("2016-12-31"), 1);
  CHECK(serialStrata.size() > 10);
  for (const int threads : {2, 3, 8}) {
    INFO("threads " << threads);
    checkSameRows(score::providerRates(s, out, threads), serial);
    const auto strata = score::strataRates(s, out, day("2016-12-31"), threads);
    REQUIRE(strata.size() == serialStrata.size());
    for (size_t k = 0; k < strata.size(); ++k) {
      CHECK(strata[k].planWide == serialStrata[k].planWide);
      CHECK(strata[k].provider == serialStrata[k].provider);
      CHECK(strata[k].measure == serialStrata[k].measure);
      CHECK(strata[k].stratifier == serialStrata[k].stratifier);
      CHECK(strata[k].stratum == serialStrata[k].stratum);
      CHECK(strata[k].denominator == serialStrata[k].denominator);
      CHECK(strata[k].numerator == serialStrata[k].numerator);
      CHECK(strata[k].rate == serialStrata[k].rate);
      CHECK(strata[k].disparityPercent == serialStrata[k].disparityPercent);
    }
  }
}

TEST_CASE("provider text ranks: equal texts equal ranks, UNLINKED where its text falls") {
  const store::MemberStore s = mixedStore();
  const score::ProviderTextRanks ranks(s.providers);
  const auto rankOf = [&](std::string_view id) { return ranks.of(s.providers.find(id)); };
  CHECK(rankOf("P10") < rankOf("P2"));
  CHECK(rankOf("P2") < ranks.of(store::kNoProvider));
  CHECK(ranks.of(store::kNoProvider) < rankOf("Z9"));
  CHECK(rankOf("Z9") < rankOf("a1"));
  // An id past the table reads as UNLINKED, as providerIdText says.
  CHECK(ranks.of(static_cast<store::ProviderId>(s.providers.size() + 5)) ==
        ranks.of(store::kNoProvider));
}

namespace {
// Resident bytes of this process (Linux), or 0 when unknown.
size_t residentBytes() {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0, resident = 0;
  if (!(statm >> pages >> resident)) return 0;
  return resident * 4096;
}
}  // namespace

TEST_CASE("a fresh outcome table does not touch its memory until populated") {
  if (residentBytes() == 0) return;  // no /proc: nothing to measure
  const ir::Measure rate = labelledMeasure("R", ir::MeasureKind::Rate);
  const size_t members = 8u << 20;  // packed, value and exposure: 151 MB
  const size_t before = residentBytes();
  score::OutcomeTable t(rate, members);
  const size_t after = residentBytes();
  // The process may also give pages back meanwhile (a sanitizer's allocator
  // does): then nothing grew.
  const size_t grown = after > before ? after - before : 0;
  CHECK(grown < (16u << 20));
  // Every member reads back as outside the population with no values.
  CHECK_FALSE(t.population(members - 1));
  CHECK(t[members / 2].exposure == 0);
  CHECK(t[members / 2].numeratorValue == 0);
  // populate() faults every column in (the score phase, before the member
  // passes) and leaves it reading as before.
  const size_t unpopulated = residentBytes();
  t.populate();
  const size_t populated = residentBytes();
  CHECK(populated > unpopulated);
  CHECK(populated - unpopulated >= t.bytes() / 10 * 9);
  CHECK_FALSE(t.population(members - 1));
  CHECK(t[members - 1].exposure == 0);
  CHECK(t[0].numeratorValue == 0);
  score::MemberOutcome o = inNumerator(2.5);
  o.exposure = 0.5;
  t.set(members - 1, o);
  CHECK(t[members - 1].numeratorValue == 2.5);
  const score::OutcomeTable copy = t;
  CHECK(copy[members - 1].exposure == 0.5);
  CHECK(copy.size() == members);
}

TEST_CASE("a block packed at once reads back as its members packed one at a time, every column") {
  ir::Measure proportion = labelledMeasure("P");
  ir::Measure rate = labelledMeasure("R", ir::MeasureKind::Rate);
  ir::Measure eventUnit = labelledMeasure("U");
  eventUnit.unitQuery = 0;
  ir::Measure reward = labelledMeasure("W");
  reward.earnedOn = 0;
  for (const ir::Measure* m : {&proportion, &rate, &eventUnit, &reward}) {
    INFO(m->id);
    const score::OutcomeColumns c = score::columnsOf(*m);
    std::vector<score::MemberOutcome> block;
    for (int k = 0; k < 37; ++k) {
      score::MemberOutcome o = k % 3 == 0   ? notInPopulation()
                               : k % 3 == 1 ? excluded(k)
                                            : inNumerator();
      if (o.numerator && c.value) o.numeratorValue = 0.25 * k;
      if (o.population && c.exposure) o.exposure = 1.0 / (k + 1);
      if (o.numerator && c.earnedOn) o.earnedOn = day("2016-03-01") + k;
      if (o.population && c.units) o.units.of(static_cast<store::ProviderId>(k % 4)).units = k;
      block.push_back(std::move(o));
    }
    score::OutcomeTable one(*m, 50), atOnce(*m, 50);
    for (size_t k = 0; k < block.size(); ++k) one.set(5 + k, block[k]);  // a copy each
    atOnce.set(5, block.data(), block.size());
    for (size_t k = 0; k < 50; ++k) {
      const score::OutcomeView a = one[k], b = atOnce[k];
      CHECK(a.population == b.population);
      CHECK(a.excluded == b.excluded);
      CHECK(a.numerator == b.numerator);
      CHECK(a.decidingRule == b.decidingRule);
      CHECK(a.decidingTerm == b.decidingTerm);
      CHECK(a.numeratorValue == b.numeratorValue);
      CHECK(a.exposure == b.exposure);
      CHECK(a.earnedOn == b.earnedOn);
      REQUIRE(a.units.size() == b.units.size());
      for (size_t u = 0; u < a.units.size(); ++u)
        CHECK(a.units.begin()[u].units == b.units.begin()[u].units);
    }
  }
}
