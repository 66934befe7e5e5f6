// The interim report's next level per provider and measure: the next
// benchmark tier, else the next star threshold, else the payment threshold;
// the members it takes, or why none is given. Figures worked out by hand.
#include <catch2/catch.hpp>
#include <sstream>

#include "ScoringFixtures.h"
#include "output/InterimWriter.h"
#include "score/Interim.h"

using namespace mc;
using mc::test::measureOf;

namespace {

score::ProviderRate rateOf(const ir::Measure& m, double numerator, double denominator,
                           bool qualifies = true, store::ProviderId p = 0) {
  score::ProviderRate r;
  r.provider = p;
  r.measure = &m;
  r.numerator = numerator;
  r.denominator = denominator;
  r.members = static_cast<std::uint64_t>(denominator);
  if (denominator > 0) r.rate = numerator / denominator;
  r.qualifies = qualifies;
  return r;
}

score::MeasureScoring tiersOf(const ir::Measure& m, std::vector<std::pair<double, double>> tiers,
                              std::optional<double> payment = std::nullopt) {
  score::MeasureScoring ms;
  ms.measure = &m;
  ms.domain = 0;
  ms.points = 6;
  ms.tiers = std::move(tiers);
  ms.payment = payment;
  return ms;
}

}  // namespace

TEST_CASE("the next benchmark tier and the members it takes", "[interim]") {
  const ir::Measure bcs = measureOf("BCS");
  const auto ms = tiersOf(bcs, {{0.30, 50}, {0.60, 100}});
  // 1 of 3 = 0.3333 reaches 0.30; 0.60 takes 2 of 3: one more; 2 open gaps.
  const auto r1 = rateOf(bcs, 1, 3);
  const score::InterimRow a = score::interimRow(ms, r1);
  CHECK(a.nextLevel == "tier 0.6000 (100%)");
  CHECK(a.membersNeeded == 1);
  CHECK(a.openGaps == 2);
  CHECK(a.why.empty());
  // 3 of 5 = 0.60 exactly: the top tier is reached.
  const auto r2 = rateOf(bcs, 3, 5);
  const score::InterimRow b = score::interimRow(ms, r2);
  CHECK(b.nextLevel.empty());
  CHECK_FALSE(b.membersNeeded);
  CHECK(b.why == "top benchmark tier reached");
  // 0 of 4: the first tier, 1.2 -> 2 members.
  const auto r3 = rateOf(bcs, 0, 4, false);
  const score::InterimRow c = score::interimRow(ms, r3);
  CHECK(c.nextLevel == "tier 0.3000 (50%)");
  CHECK(c.membersNeeded == 2);
  CHECK(c.why == "below minimum denominator: the level does not pay yet");
}

TEST_CASE("below the payment threshold the next level includes it", "[interim]") {
  const ir::Measure m = measureOf("M");
  // Tiers 0.30 / 0.60 and payment at 50%: 1 of 10 needs 2 more for the
  // tier, 4 more for the payment: 4.
  const auto ms = tiersOf(m, {{0.30, 50}, {0.60, 100}}, 50.0);
  const auto r = rateOf(m, 1, 10);
  const score::InterimRow a = score::interimRow(ms, r);
  CHECK(a.nextLevel == "tier 0.3000 (50%) and payment at 50%");
  CHECK(a.membersNeeded == 4);
}

TEST_CASE("without tiers the next star threshold, then the payment threshold", "[interim]") {
  const ir::Measure pdc = measureOf("PDC_DR");
  score::MeasureScoring ms;
  ms.measure = &pdc;
  ms.stars = {80.4, 85.4, 90.3, 94.3};  // PDC_DR as printed
  ms.payment = 90.3;
  // 85 of 100: 2 stars; 3 stars at 85.4% takes 86, the payment at 90.3%
  // takes 91: 6 more for both.
  const auto r1 = rateOf(pdc, 85, 100);
  const score::InterimRow a = score::interimRow(ms, r1);
  CHECK(a.nextLevel == "3 stars at 85.4% and payment at 90.3%");
  CHECK(a.membersNeeded == 6);
  const auto r2 = rateOf(pdc, 92, 100);
  const score::InterimRow b = score::interimRow(ms, r2);
  CHECK(b.nextLevel == "5 stars at 94.3%");
  CHECK(b.membersNeeded == 3);  // 94.3 -> 95
  const auto r3 = rateOf(pdc, 95, 100);
  CHECK(score::interimRow(ms, r3).why == "top star level reached");
  // Payment only.
  score::MeasureScoring pay;
  pay.measure = &pdc;
  pay.payment = 90.2;
  const auto r4 = rateOf(pdc, 90, 100);
  const score::InterimRow d = score::interimRow(pay, r4);
  CHECK(d.nextLevel == "payment at 90.2%");
  CHECK(d.membersNeeded == 1);
  const auto r5 = rateOf(pdc, 91, 100);
  CHECK(score::interimRow(pay, r5).why == "payment threshold met");
}

TEST_CASE("an inverse measure counts members out of the numerator", "[interim]") {
  const ir::Measure act = measureOf("ASM_ACT", ir::MeasureKind::Inverse);
  score::MeasureScoring ms;
  ms.measure = &act;
  ms.stars = {54.3, 45.3, 38.1, 31.9};  // ASM_ACT as printed, lower is better
  // 5 of 10 = 50%: 2 stars; 3 stars at 45.3% takes 4 of 10: one fewer, of
  // the 5 in the numerator.
  const auto r = rateOf(act, 5, 10);
  const score::InterimRow a = score::interimRow(ms, r);
  CHECK(a.nextLevel == "3 stars at 45.3%");
  CHECK(a.membersNeeded == 1);
  CHECK(a.openGaps == 5);
}

TEST_CASE("no levels, no reach, a rate per member years: empty with a why", "[interim]") {
  const ir::Measure m = measureOf("M");
  score::MeasureScoring none;
  none.measure = &m;
  const auto r = rateOf(m, 1, 3);
  CHECK(score::interimRow(none, r).why ==
        "no benchmark tiers, star thresholds or payment threshold");
  // 0 of 10 to 0.95 takes 9.5 -> 10 of 10: all 10 open gaps.
  const auto far = tiersOf(m, {{0.95, 100}});
  const auto r0 = rateOf(m, 0, 10);
  CHECK(score::interimRow(far, r0).membersNeeded == 10);
  // 0 of 10 to payment at 100.5% is out of reach.
  score::MeasureScoring over;
  over.measure = &m;
  over.payment = 100.5;
  const score::InterimRow o = score::interimRow(over, r0);
  CHECK_FALSE(o.membersNeeded);
  CHECK(o.why == "out of reach: the 10 open gap(s) would not reach it");

  const ir::Measure ed = measureOf("PEV", ir::MeasureKind::InverseRate);
  const auto rate = tiersOf(ed, {{60, 50}, {45, 100}});
  score::ProviderRate pr = rateOf(ed, 5, 0.1);
  pr.rate = 50.0;  // per 1,000 member years
  const score::InterimRow e = score::interimRow(rate, pr);
  CHECK(e.nextLevel == "tier 45.0000 (100%)");
  CHECK_FALSE(e.membersNeeded);
  CHECK_FALSE(e.openGaps);
  CHECK(e.why == "a rate per member years: no member count reaches a level");

  const auto empty = rateOf(m, 0, 0);
  CHECK(score::interimRow(far, empty).why == "no rate: no eligible members yet");
}

TEST_CASE("interim.csv: a line per provider and program measure", "[interim]") {
  const ir::Measure bcs = measureOf("BCS"), other = measureOf("OTHER");
  store::MemberStore store;
  store.providers.id = {"P1"};
  score::ProgramScoring program;
  program.measures = {tiersOf(bcs, {{0.30, 50}, {0.60, 100}})};
  const std::vector<score::ProviderRate> rates = {rateOf(bcs, 1, 3), rateOf(other, 1, 3),
                                                  rateOf(bcs, 1, 1, true, store::kNoProvider)};
  const auto rows = score::interimReport(program, rates);
  std::ostringstream out;
  output::writeInterim(out, store, rows);
  CHECK(out.str() ==
        "provider_id,measure,denominator,numerator,rate,next_level,members_needed,open_gaps,why\n"
        "P1,BCS,3,1,0.3333,tier 0.6000 (100%),1,2,\n"
        "UNLINKED,BCS,1,1,1.0000,,,0,unlinked: no provider to reach a level\n");
}
