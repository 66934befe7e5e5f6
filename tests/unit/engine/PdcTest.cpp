// The PQA proportion of days covered (interp/Pdc.h), on its own and through
// the interpreter and explain: index date, treatment period end, covered
// days, each fill's (shifted) span.
#include <catch2/catch.hpp>
#include <cmath>

#include "../compiler/CompilerTestUtil.h"
#include "EngineFixtures.h"
#include "driver/Compilation.h"
#include "interp/Explanation.h"
#include "interp/Interpreter.h"
#include "interp/Pdc.h"
#include "store/StoreBuilder.h"

using namespace mc;
using namespace mc::testing;
using interp::PdcFill;

namespace {

PdcFill fill(const char* date, std::int32_t days, std::uint32_t drug, std::uint32_t event) {
  return {day(date), days, drug, event};
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

bool has(const std::vector<std::string>& lines, const std::string& text) {
  for (const std::string& l : lines)
    if (l.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("pdc: early refills of one drug shift, other drugs overlap", "[pdc]") {
  // 2022: Jan 1 + 146 days ends May 26; an Apr 1 refill of the same drug
  // starts May 27 and ends Oct 19: 292 of 365 days, 0.8.
  const std::vector<PdcFill> same{fill("2022-01-01", 146, 1, 0), fill("2022-04-01", 146, 1, 1)};
  const Days start = day("2022-01-01"), end = day("2022-12-31");
  REQUIRE(interp::pdcIndexDate(same, start, end) == start);
  interp::PdcResult r = interp::proportionOfDaysCovered(same, start, end);
  CHECK(r.treatmentDays == 365);
  CHECK(r.coveredDays == 292);
  CHECK(r.proportion() == 0.8);
  CHECK(r.spans[1].shifted);
  CHECK(r.spans[1].from == day("2022-05-27"));
  CHECK(r.spans[1].to == day("2022-10-19"));

  // The same fills of two drugs: Jan 1..Aug 24, 236 days.
  const std::vector<PdcFill> two{fill("2022-01-01", 146, 1, 0), fill("2022-04-01", 146, 2, 1)};
  r = interp::proportionOfDaysCovered(two, start, end);
  CHECK(r.coveredDays == 236);
  CHECK_FALSE(r.spans[1].shifted);
}

TEST_CASE("pdc: one fill per drug and date, the largest supply", "[pdc]") {
  const Days start = day("2022-01-01"), end = day("2022-12-31");
  const std::vector<PdcFill> fills{fill("2022-01-01", 30, 1, 0), fill("2022-01-01", 146, 1, 1),
                                   fill("2022-01-01", 146, 1, 2), fill("2022-01-01", 10, 2, 3)};
  const interp::PdcResult r = interp::proportionOfDaysCovered(fills, start, end);
  CHECK(r.spans[0].duplicate);
  CHECK_FALSE(r.spans[1].duplicate);
  CHECK(r.spans[2].duplicate);        // the same supply: the first listed counts
  CHECK_FALSE(r.spans[3].duplicate);  // another drug
  CHECK(r.coveredDays == 146);
}

TEST_CASE("pdc: only the treatment period counts", "[pdc]") {
  // A fill before the period carries in (Dec 1 + 90 days ends Feb 28) and
  // shifts the Jan 15 refill to Mar 1; the index date is Jan 15.
  const std::vector<PdcFill> fills{fill("2021-12-01", 90, 1, 0), fill("2022-01-15", 146, 1, 1),
                                   fill("2022-09-01", 90, 1, 2)};
  const Days index = interp::pdcIndexDate(fills, day("2022-01-01"), day("2022-12-31"));
  REQUIRE(index == day("2022-01-15"));
  interp::PdcResult r = interp::proportionOfDaysCovered(fills, index, day("2022-12-31"));
  CHECK(r.treatmentDays == 351);
  CHECK(r.coveredDays == 45 + 146 + 90);
  CHECK(r.spans[1].from == day("2022-03-01"));

  // Ending the treatment period at Apr 10 (death or disenrollment): Jan 15..
  // Apr 10 = 86 days, of which Jan 15..Feb 28 and Mar 1..Apr 10 are covered.
  r = interp::proportionOfDaysCovered(fills, index, day("2022-04-10"));
  CHECK(r.treatmentDays == 86);
  CHECK(r.coveredDays == 86);
  CHECK(r.proportion() == 1.0);

  // No fill in the period, or a period that ends before the index date.
  CHECK(interp::pdcIndexDate(fills, day("2023-01-01"), day("2023-12-31")) == kNoDate);
  r = interp::proportionOfDaysCovered(fills, index, day("2022-01-14"));
  CHECK(r.treatmentDays == 0);
  CHECK(std::isnan(r.proportion()));
  // A fill of no days covers none.
  r = interp::proportionOfDaysCovered({fill("2022-01-01", 0, 1, 0)}, day("2022-01-01"),
                                      day("2022-01-10"));
  CHECK(r.coveredDays == 0);
  CHECK(r.proportion() == 0.0);
}

TEST_CASE("pdc: many overlapping refills take one sweep", "[pdc]") {
  // 20,000 daily 30-day refills of one drug from 1990: each shifts past the
  // last, so the spans run 600,000 days; the period 1990..2099 is covered.
  std::vector<PdcFill> fills;
  const Days first = day("1990-01-01");
  for (std::uint32_t i = 0; i < 20000; ++i)
    fills.push_back({first + static_cast<Days>(i), 30, 1, i});
  const interp::PdcResult r = interp::proportionOfDaysCovered(fills, first, day("2099-12-31"));
  CHECK(r.coveredDays == r.treatmentDays);
  CHECK(r.spans.back().from == first + 30 * 19999);
}

namespace {

// A measure (period 2022, everyone in the population) with `numerator`.
ir::Measure lowered(const std::string& numerator) {
  return lowerOne(measure("  population true\n  numerator " + numerator + "\n"));
}

// A member enrolled from 2021 until Jun 30, 2022, with a fill before the
// period and an early refill.
store::MemberStore member(Days death) {
  store::StoreBuilder b;
  const store::MemberIndex m = b.addMember("M1", day("1980-01-01"), store::Sex::F, death);
  b.addEnrollment(m, day("2021-01-01"), day("2022-06-30"), "");
  for (const auto& [date, days] : std::vector<std::pair<const char*, std::int32_t>>{
           {"2021-12-01", 90}, {"2022-01-15", 146}, {"2022-09-01", 90}}) {
    store::EventRow r;
    r.kind = store::EventKind::Pharmacy;
    r.member = m;
    r.date = day(date);
    r.codes = {{CodeSystem::RXNORM, "617310"}};
    r.daysSupply = days;
    b.addEvent(r);
  }
  return b.finish();
}

std::vector<std::string> coverage(const store::MemberStore& s, std::string& result,
                                  Days asOf = kNoDate) {
  const ir::Measure m = lowered("pdc of pharmacy with RXNORM{617310} during MP >= 0.8");
  const interp::CodeSetBinding codes(m, s.codes);
  interp::Interpreter in(m, s, codes, {day("2022-01-01"), day("2022-12-31"), asOf});
  in.evaluate(0);
  for (const interp::RuleExplanation& r : interp::explainRules(m, s, in)) {
    if (r.rule->kind != ir::RuleKind::Numerator) continue;
    result = r.terms.at(0).queries.at(0).result;
    return r.terms.at(0).queries.at(0).coverage;
  }
  return {};
}

}  // namespace

TEST_CASE("the interpreter ends the treatment period at disenrollment; explain shows it",
          "[pdc][explain]") {
  // Jan 15..Jun 30 = 167 days: Jan 15..Feb 28 from the December fill, then
  // Mar 1..Jun 30 of the shifted refill: all covered.
  std::string result;
  const auto lines = coverage(member(kNoDate), result);
  INFO(joined(lines));
  CHECK(result == "1");
  CHECK(has(lines, "index date 2022-01-15, treatment period ends 2022-06-30: 167 of 167 day(s)"));
  CHECK(has(lines, "2021-12-01"));
  CHECK(has(lines, "covers 2021-12-01..2022-02-28"));
  CHECK(has(lines, "covers 2022-03-01..2022-07-24 (shifted: the same drug was still on hand)"));
  CHECK(has(lines, "2022-09-01  RXNORM:617310 days_supply 90 — after the treatment period"));
}

TEST_CASE("an --as-of run ends the treatment period on the as-of date", "[pdc][explain]") {
  // The year-to-date PDC of an interim report: Jan 15..Mar 31 = 76 days,
  // all covered (the December fill to Feb 28, the refill from Mar 1); the
  // days after Mar 31 are not yet days without drug.
  std::string result;
  const auto lines = coverage(member(kNoDate), result, day("2022-03-31"));
  INFO(joined(lines));
  CHECK(result == "1");
  CHECK(has(lines, "index date 2022-01-15, treatment period ends 2022-03-31: 76 of 76 day(s)"));
}

TEST_CASE("the interpreter ends the treatment period at death", "[pdc][explain]") {
  // Jan 15..Mar 10 = 55 days, all covered.
  std::string result;
  const auto lines = coverage(member(day("2022-03-10")), result);
  INFO(joined(lines));
  CHECK(result == "1");
  CHECK(has(lines, "treatment period ends 2022-03-10: 55 of 55 day(s)"));
}
