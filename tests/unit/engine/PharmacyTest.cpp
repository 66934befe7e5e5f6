// Pharmacy attribution (`attribute to pharmacy of QUERY`) and event-unit
// measures (`unit each QUERY`, GDR): the pharmacy a member goes to, the
// units per dispensing pharmacy, provider_results lines that count fills and
// no member rows or gaps for an event-unit measure (DATA.md).
#include <catch2/catch.hpp>
#include <sstream>

#include "EngineFixtures.h"
#include "driver/Compilation.h"
#include "interp/Scoring.h"
#include "output/PharmacyEligibilityWriter.h"
#include "output/ResultWriters.h"
#include "score/Attribution.h"
#include "score/PharmacyEligibility.h"
#include "score/ProviderRates.h"

using namespace mc;
using namespace mc::testing;

namespace {

struct Fill {
  const char* member;
  const char* date;
  const char* pharmacy;  // "" for none
  bool generic = false;
  const char* code = "617312";
};

// Members m1.. (enrolled all of 2016), pharmacies PH1..PH3 and a PCP P1,
// and the given fills.
store::MemberStore pharmacyStore(const std::vector<std::string>& members,
                                 const std::vector<Fill>& fills) {
  store::StoreBuilder b;
  for (const char* ph : {"PH1", "PH2", "PH3"}) b.addProvider(ph, store::ProviderKind::Pharmacy);
  b.addProvider("P1", store::ProviderKind::Pcp);
  for (const std::string& id : members) {
    const store::MemberIndex m = b.addMember(id, day("1960-05-01"), store::Sex::F);
    b.addEnrollment(m, day("2016-01-01"), kOpenEnd, "P1");
  }
  for (const Fill& f : fills) {
    store::EventRow row;
    row.kind = store::EventKind::Pharmacy;
    row.member = b.findMember(f.member);
    row.date = day(f.date);
    row.codes = {{CodeSystem::RXNORM, f.code}};
    row.provider = f.pharmacy;
    row.generic = f.generic;
    row.daysSupply = 30;
    b.addEvent(row);
  }
  return b.finish();
}

ir::Measure compiled(const std::string& body) {
  Compilation c(std::string(MEASUREC_SOURCE_DIR) + "/stdlib");
  c.addSource("t.measure", "measure T \"t\" {\n  period 2016\n" + body + "}\n");
  c.check();
  REQUIRE_FALSE(c.hasErrors());
  return c.lower(*c.measures().at(0));
}

const char* kAttributed =
    "  codeset Statins = RXNORM{617312}\n"
    "  attribute to pharmacy of pharmacy with Statins during MP\n"
    "  population exists pharmacy with Statins during MP\n"
    "  numerator count pharmacy with Statins during MP >= 2\n";

const char* kGenericRate =
    "  population enrolled on MP.end\n"
    "  unit each pharmacy as fill during MP\n"
    "  numerator fill.generic\n";

std::vector<score::MeasureOutcomes> scored(const ir::Measure& m, const store::MemberStore& s,
                                           int minimum = 0) {
  return interp::scoreMeasures({{&m, minimum}}, s, interp::calendarYear(2016), 1);
}

std::string idOf(const store::MemberStore& s, store::ProviderId p) {
  return std::string(score::providerIdText(s.providers, p));
}

}  // namespace

TEST_CASE("a member's pharmacy dispensed most of the fills; ties go to the latest fill") {
  const auto s = pharmacyStore({"m1"}, {{"m1", "2016-02-01", "PH2"},
                                        {"m1", "2016-03-01", "PH1"},
                                        {"m1", "2016-04-01", "PH2"},
                                        {"m1", "2016-05-01", "PH3"}});
  const auto all = [](std::vector<std::uint32_t> v) { return v; };
  // Events of m1 in date order: 0 PH2, 1 PH1, 2 PH2, 3 PH3.
  CHECK(idOf(s, score::attributedPharmacy(s, all({0, 1, 2, 3})).pharmacy) == "PH2");
  // One fill each at PH1 and PH3: the later one (PH3, May) wins.
  CHECK(idOf(s, score::attributedPharmacy(s, all({1, 3})).pharmacy) == "PH3");
  CHECK(idOf(s, score::attributedPharmacy(s, all({1, 2})).pharmacy) == "PH2");
  const score::PharmacyChoice c = score::attributedPharmacy(s, all({1, 3}));
  CHECK(score::pharmacyChoiceText(s.providers, c) ==
        "PH3: 1 fill(s), tied, the latest fill 2016-05-01 (PH1: 1, latest 2016-03-01)");
  CHECK(score::pharmacyChoiceText(s.providers, score::attributedPharmacy(s, all({0, 1, 2}))) ==
        "PH2: 2 fill(s), the most (PH1: 1, latest 2016-03-01)");
}

TEST_CASE("two pharmacies with fills on the same last day: the smaller id") {
  const auto s = pharmacyStore({"m1"}, {{"m1", "2016-03-01", "PH3"}, {"m1", "2016-03-01", "PH2"}});
  const score::PharmacyChoice c = score::attributedPharmacy(s, {0, 1});
  CHECK(idOf(s, c.pharmacy) == "PH2");
  CHECK(score::pharmacyChoiceText(s.providers, c) ==
        "PH2: 1 fill(s), tied, latest fill on the same day: the smaller id (PH3: 1, latest "
        "2016-03-01)");
}

TEST_CASE("fills without a pharmacy or at a listed non-pharmacy do not attribute") {
  // Two fills at the PCP P1 and one without a pharmacy_id: PH1's single fill
  // decides; without it the member is UNLINKED.
  const auto s = pharmacyStore({"m1"}, {{"m1", "2016-02-01", "P1"},
                                        {"m1", "2016-03-01", "P1"},
                                        {"m1", "2016-04-01", ""},
                                        {"m1", "2016-05-01", "PH1"}});
  CHECK(idOf(s, score::attributedPharmacy(s, {0, 1, 2, 3}).pharmacy) == "PH1");
  const score::PharmacyChoice none = score::attributedPharmacy(s, {0, 1, 2});
  CHECK(none.pharmacy == store::kNoProvider);
  CHECK(idOf(s, none.pharmacy) == "UNLINKED");
  CHECK(score::pharmacyChoiceText(s.providers, none) ==
        "UNLINKED: no fill of the query has a pharmacy");
}

TEST_CASE("the linked-PCP column is one for every measure; a pharmacy measure has its own") {
  const ir::Measure byPharmacy = compiled(kAttributed);
  const ir::Measure byPcp = compiled(kGenericRate);
  const auto s = pharmacyStore({"m1", "m2"}, {{"m1", "2016-02-01", "PH2", true},
                                              {"m1", "2016-03-01", "PH2", true},
                                              {"m2", "2016-07-01", "PH3", false}});
  const auto out = interp::scoreMeasures({{&byPcp, 0}, {&byPharmacy, 0}, {&byPcp, 0}}, s,
                                         interp::calendarYear(2016), 1);
  REQUIRE(out.size() == 3);
  CHECK(out[0].provider.shared());
  CHECK(out[2].provider.shared());
  CHECK_FALSE(out[1].provider.shared());
  CHECK(idOf(s, out[0].provider[0]) == "P1");
  CHECK(idOf(s, out[2].provider[1]) == "P1");
  CHECK(idOf(s, out[1].provider[0]) == "PH2");
  CHECK(idOf(s, out[1].provider[1]) == "PH3");
}

TEST_CASE("a pharmacy-attributed measure reports each member under their pharmacy") {
  const ir::Measure m = compiled(kAttributed);
  REQUIRE(m.attributionQuery >= 0);
  CHECK(ir::print(m).find("attribute to pharmacy: most fills of q") != std::string::npos);
  // m1: 2 statin fills at PH2, 1 at PH1 (and a non-statin at PH1, which
  // does not count); m2: a statin fill outside the period only; m3: one
  // statin fill at PH3.
  const auto s = pharmacyStore({"m1", "m2", "m3"}, {{"m1", "2016-02-01", "PH2", false},
                                                    {"m1", "2016-03-01", "PH1", false},
                                                    {"m1", "2016-03-05", "PH1", false, "197361"},
                                                    {"m1", "2016-03-06", "PH1", false, "197361"},
                                                    {"m1", "2016-04-01", "PH2", false},
                                                    {"m2", "2015-12-31", "PH1", false},
                                                    {"m3", "2016-07-01", "PH3", false}});
  const auto out = scored(m, s);
  REQUIRE(out.size() == 1);
  CHECK(idOf(s, out[0].provider[0]) == "PH2");
  CHECK_FALSE(out[0].members[1].population);
  CHECK(out[0].provider[1] == store::kNoProvider);
  CHECK(idOf(s, out[0].provider[2]) == "PH3");
  std::ostringstream members;
  output::writeMemberResults(members, s, out);
  CHECK(members.str() ==
        "member_id,measure,provider_id,eligible,excluded,exception,numerator,reason\n"
        "m1,T,PH2,1,0,0,1,met: count pharmacy with Statins during MP >= 2\n"
        "m3,T,PH3,1,0,0,0,not met: count pharmacy with Statins during MP >= 2\n");
}

TEST_CASE("an event-unit measure counts fills per dispensing pharmacy") {
  const ir::Measure m = compiled(kGenericRate);
  REQUIRE(m.unitQuery >= 0);
  CHECK(ir::print(m).find("unit each event of q") != std::string::npos);
  // m1: PH1 generic, PH1 brand, PH2 generic; m2: PH1 generic and a fill
  // without a pharmacy (UNLINKED); m3: a fill outside the period only.
  const auto s = pharmacyStore({"m1", "m2", "m3"}, {{"m1", "2016-02-01", "PH1", true},
                                                    {"m1", "2016-03-01", "PH1", false},
                                                    {"m1", "2016-04-01", "PH2", true},
                                                    {"m2", "2016-05-01", "PH1", true},
                                                    {"m2", "2016-06-01", "", true},
                                                    {"m3", "2015-06-01", "PH1", true}});
  const auto out = scored(m, s, 3);
  const score::OutcomeView m1 = out[0].members[0];
  CHECK(score::unitTotal(m1) == 3);
  CHECK(m1.numeratorValue == 2);
  CHECK(score::countedDenominator(m, m1) == 3);
  CHECK(score::unitTotal(out[0].members[2]) == 0);

  std::ostringstream members, providers, gaps;
  output::writeMemberResults(members, s, out);
  output::writeProviderResults(providers, s, score::providerRates(s, out));
  output::writeGaps(gaps, s, out);
  // DATA.md: no member rows; denominator fills, numerator generic fills;
  // the minimum (3) counts fills: PH1 has 3 and qualifies, PH2 has 1.
  CHECK(members.str() ==
        "member_id,measure,provider_id,eligible,excluded,exception,numerator,reason\n");
  CHECK(providers.str() ==
        "provider_id,measure,denominator,numerator,rate,qualifies\n"
        "PH1,T,3,2,0.6667,1\n"
        "PH2,T,1,1,1.0000,0\n"
        "UNLINKED,T,1,1,1.0000,0\n");
  CHECK(gaps.str() == "provider_id,member_id,measure,what_is_missing\n");
}

TEST_CASE("an event-unit member outside the population or excluded has no units") {
  const ir::Measure m = compiled(
      "  population enrolled on MP.end\n"
      "  exclude exists pharmacy with RXNORM{197361} during MP\n"
      "  unit each pharmacy as fill during MP\n"
      "  numerator fill.generic\n");
  const auto s = pharmacyStore(
      {"m1"}, {{"m1", "2016-02-01", "PH1", true}, {"m1", "2016-03-01", "PH1", true, "197361"}});
  const auto out = scored(m, s);
  CHECK(out[0].members[0].excluded);
  CHECK(score::unitTotal(out[0].members[0]) == 0);
  CHECK(score::providerRates(s, out).empty());
}

TEST_CASE("pharmacy eligibility: county, volume per half, business dates, qualifying members") {
  // Calendar 2016; halves Jan-Jun and Jul-Dec. PH1 (Riverside): m1 and m2
  // fill there in January, June, July and December; PH2 (Los Angeles): m1
  // in March only; PH3 (San Bernardino): nothing in 2016, a fill in 2015.
  store::StoreBuilder b;
  b.addProvider("PH1", store::ProviderKind::Pharmacy, "One", "riverside");
  b.addProvider("PH2", store::ProviderKind::Pharmacy, "Two", "Los Angeles");
  b.addProvider("PH3", store::ProviderKind::Pharmacy, "Three", "San Bernardino");
  for (const char* id : {"m1", "m2"}) {
    const store::MemberIndex m = b.addMember(id, day("1960-05-01"), store::Sex::F);
    b.addEnrollment(m, day("2016-01-01"), kOpenEnd, "");
  }
  const auto fill = [&](const char* member, const char* date, const char* pharmacy) {
    store::EventRow row;
    row.kind = store::EventKind::Pharmacy;
    row.member = b.findMember(member);
    row.date = day(date);
    row.codes = {{CodeSystem::RXNORM, "617312"}};
    row.provider = pharmacy;
    row.daysSupply = 30;
    b.addEvent(row);
  };
  for (const char* m : {"m1", "m2"})
    for (const char* d : {"2016-01-05", "2016-06-30", "2016-07-01", "2016-12-20"})
      fill(m, d, "PH1");
  fill("m1", "2016-03-01", "PH2");
  fill("m2", "2015-03-01", "PH3");
  const auto s = b.finish();
  const ir::Measure attributed = compiled(kAttributed);
  const ir::Measure units = compiled(kGenericRate);
  const auto out =
      interp::scoreMeasures({{&attributed, 0}, {&units, 0}}, s, interp::calendarYear(2016), 1);
  score::PharmacyEligibilityRules rules;
  rules.yearVolumeOver = 7;  // PH1 has 8 fills, 4 per half
  rules.halfYearVolumeOver = 3;
  rules.membersAtLeast = 2;
  rules.measuresAtLeast = 2;  // both measures, at PH1, for m1 and m2
  const auto rows = score::pharmacyEligibility(s, out, day("2016-01-01"), day("2016-12-31"), rules);
  REQUIRE(rows.size() == 3);
  CHECK(idOf(s, rows[0].pharmacy) == "PH1");
  CHECK(rows[0].inCounty);  // case does not matter
  CHECK(rows[0].fills == 8);
  CHECK(rows[0].firstHalf == 4);
  CHECK(rows[0].secondHalf == 4);
  CHECK(rows[0].volume);
  CHECK(rows[0].inBusiness);
  CHECK(rows[0].qualifyingMembers == 2);
  CHECK(rows[0].eligible);
  CHECK_FALSE(rows[1].inCounty);  // PH2, Los Angeles
  CHECK_FALSE(rows[1].inBusiness);
  CHECK(rows[1].qualifyingMembers == 0);  // m1 has GDR units there, not its attribution
  CHECK(rows[2].fills == 0);              // PH3: only a 2015 fill
  CHECK(formatIsoDate(rows[2].firstFill) == "2015-03-01");
  CHECK_FALSE(rows[2].inBusiness);
  // One more fill needed per half: PH1's volume no longer qualifies.
  rules.halfYearVolumeOver = 4;
  CHECK_FALSE(
      score::pharmacyEligibility(s, out, day("2016-01-01"), day("2016-12-31"), rules)[0].volume);

  std::ostringstream csv;
  output::writePharmacyEligibility(csv, s, rows);
  CHECK(csv.str().substr(0, csv.str().find('\n')) ==
        "pharmacy_id,county,in_county,fills,fills_first_half,fills_second_half,volume,first_fill,"
        "last_fill,in_business,qualifying_members,members,eligible");
  CHECK(csv.str().find("\nPH1,riverside,1,8,4,4,1,2016-01-05,2016-12-20,1,2,1,1\n") !=
        std::string::npos);
}

TEST_CASE(
    "pharmacy eligibility: a pharmacy that dispensed nothing in the period is not in business") {
  // PH1 fills before and after 2016 but none in it: its first and last fills
  // span the period, yet it was not dispensing during it. PH2 fills in
  // January and December 2016 and is in business.
  const auto s = pharmacyStore({"m1"}, {{"m1", "2015-12-01", "PH1"},
                                        {"m1", "2017-01-15", "PH1"},
                                        {"m1", "2016-01-04", "PH2"},
                                        {"m1", "2016-12-28", "PH2"}});
  const auto rows = score::pharmacyEligibility(s, {}, day("2016-01-01"), day("2016-12-31"),
                                               score::PharmacyEligibilityRules{});
  REQUIRE(rows.size() == 3);
  CHECK(idOf(s, rows[0].pharmacy) == "PH1");
  CHECK(rows[0].fills == 0);
  CHECK(formatIsoDate(rows[0].firstFill) == "2015-12-01");
  CHECK(formatIsoDate(rows[0].lastFill) == "2017-01-15");
  CHECK_FALSE(rows[0].inBusiness);
  CHECK(idOf(s, rows[1].pharmacy) == "PH2");
  CHECK(rows[1].inBusiness);
}

TEST_CASE("pharmacy eligibility on an --as-of run: the criteria so far") {
  // Calendar 2016, as of 2016-03-31 (91 of 366 days; 91 of the first
  // half's 182): the year's 10 fills and each half's 6 are due pro rata,
  // 10 x 91/366 = 2.49 and 6 x 91/182 = 3.0, the second half nothing yet.
  // PH1 filled 4 times by then (Jan 4, Feb 1, Mar 1, Mar 30): over both
  // shares, and in business up to March. PH2 filled 3 times: not over 3.0.
  const auto s = pharmacyStore({"m1"}, {{"m1", "2016-01-04", "PH1"},
                                        {"m1", "2016-02-01", "PH1"},
                                        {"m1", "2016-03-01", "PH1"},
                                        {"m1", "2016-03-30", "PH1"},
                                        {"m1", "2016-01-04", "PH2"},
                                        {"m1", "2016-02-01", "PH2"},
                                        {"m1", "2016-03-29", "PH2"}});
  score::PharmacyEligibilityRules rules;
  rules.yearVolumeOver = 10;
  rules.halfYearVolumeOver = 6;
  const auto rows = score::pharmacyEligibility(s, {}, day("2016-01-01"), day("2016-12-31"), rules,
                                               day("2016-03-31"));
  REQUIRE(rows.size() == 3);  // PH3 is listed, with no fills
  CHECK(rows[0].fillsOver == Approx(10.0 * 91 / 366));
  CHECK(rows[0].firstHalfOver == Approx(3.0));
  CHECK(rows[0].secondHalfOver == 0);
  CHECK(rows[0].volume);
  CHECK(rows[0].inBusiness);  // its last fill is in the as-of date's month
  CHECK_FALSE(rows[1].volume);
  CHECK(score::eligibilityWhy(rows[1], rules)
            .find("Rx volume 3 not over 2.5 due so far (3 and 0 by half; over 3.0 and 0.0 due)") !=
        std::string::npos);
  // The same data judged over the whole year: neither pharmacy is in
  // business through December, nor over 10 fills.
  const auto year = score::pharmacyEligibility(s, {}, day("2016-01-01"), day("2016-12-31"), rules);
  CHECK_FALSE(year[0].volume);
  CHECK_FALSE(year[0].inBusiness);
}
