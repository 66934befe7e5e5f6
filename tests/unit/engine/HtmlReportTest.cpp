// report.html: escaping, the program totals, the star spread, the chart's
// labelled lines, the gap lists and the caps, on a hand-built run of two
// providers. Every expected figure is worked out in the comments.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>

#include "EngineFixtures.h"
#include "output/HtmlReport.h"
#include "output/HtmlText.h"
#include "output/RateChart.h"
#include "score/ProviderRates.h"
#include "score/Scorecard.h"

using namespace mc;
using mc::testing::day;

namespace {

size_t occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// P1 (a hostile name) has M1 in the numerator and M2 as a gap: 1 of 2,
// 50%. P2 has M3 and M4, both gaps: 0%.
struct TwoProviderRun {
  store::MemberStore store;
  ir::Measure measure;
  std::vector<score::MeasureOutcomes> outcomes;
  std::vector<score::ProviderRate> rates;
  score::ProgramScoring scoring;
  std::vector<score::ScorecardRow> card;
  output::RunReport run;

  TwoProviderRun() {
    store::StoreBuilder b;
    b.addProvider("P1", store::ProviderKind::Pcp, "<script>alert(1)</script> & Sons");
    b.addProvider("P2", store::ProviderKind::Pcp, "Plain Clinic");
    const char* const members[][2] = {{"M1", "P1"}, {"M2", "P1"}, {"M3", "P2"}, {"M4", "P2"}};
    for (const auto& [id, pcp] : members) {
      const store::MemberIndex m = b.addMember(id, day("1960-05-01"), store::Sex::F);
      b.addEnrollment(m, day("2022-01-01"), day("2022-12-31"), pcp);
    }
    store = b.finish();
    measure = testing::labelledMeasure("A");
    measure.title = "Screening <i>A</i> & more";
    outcomes.push_back(testing::outcomesOf(measure, store,
                                           {testing::inNumerator(), testing::notInNumerator(),
                                            testing::notInNumerator(), testing::notInNumerator()}));
    rates = score::providerRates(store, outcomes);
    scoring.program = "P";
    scoring.domains = {{"Access", 18, false}};
    // 2 points; stars from 40/50/60/70%; paid at 50% or more; $100 a point.
    scoring.measures = {{&measure, 0, 2, false, {40, 50, 60, 70}, 50.0, {}}};
    scoring.pointValue = 100;
    card = score::scorecard(scoring, rates);
    run.engine = "interp";
    run.program = "P";
    run.periodStart = "2022-01-01";
    run.periodEnd = "2022-12-31";
    run.members = 4;
    run.measures = {"A"};
  }

  output::HtmlReportInput input(bool program) const {
    output::HtmlReportInput in;
    in.run = &run;
    in.programTitle = program ? "Program <P> & Co" : "";
    in.store = &store;
    in.outcomes = &outcomes;
    in.rates = &rates;
    if (program) {
      in.scoring = &scoring;
      in.scorecard = &card;
    }
    return in;
  }
};

}  // namespace

TEST_CASE("html text: escaping and grouped figures", "[report]") {
  CHECK(output::escapeHtml("<a href='x'>\"Tom\" & Jerry</a>") ==
        "&lt;a href=&#39;x&#39;&gt;&quot;Tom&quot; &amp; Jerry&lt;/a&gt;");
  CHECK(output::formatGrouped(1234567.891, 2) == "1,234,567.89");
  CHECK(output::formatGrouped(999, 0) == "999");
  CHECK(output::formatGrouped(-1000, 0) == "-1,000");
  CHECK(output::formatGrouped(-0.001, 2) == "0.00");
  CHECK(output::formatDollars(12345.5) == "$12,345.50");
  CHECK(output::formatDollars(-5) == "-$5.00");
}

TEST_CASE("report.html escapes every name and title and has no URL", "[report]") {
  const TwoProviderRun r;
  const std::string page = output::htmlReport(r.input(true));
  // Only the page's own two scripts (the error hook and the filter).
  CHECK(occurrences(page, "<script") == 2);
  CHECK(page.find("<script>alert(1)") == std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons") != std::string::npos);
  CHECK(page.find("Screening &lt;i&gt;A&lt;/i&gt; &amp; more") != std::string::npos);
  CHECK(page.find("<h1>Program &lt;P&gt; &amp; Co</h1>") != std::string::npos);
  CHECK(page.find("http") == std::string::npos);
  CHECK(page.find("://") == std::string::npos);
}

TEST_CASE("report.html program totals, stars and gaps", "[report]") {
  const TwoProviderRun r;
  const std::string page = output::htmlReport(r.input(true));
  // P1: 50% meets the 50% payment threshold: 2 of 2 points, $200, 3 stars
  // (40 and 50 reached). P2: 0%: 0 of 2 points, 1 star.
  CHECK(page.find("id=\"total-providers\">2<") != std::string::npos);
  CHECK(page.find("id=\"total-earning\">1<") != std::string::npos);
  CHECK(page.find("id=\"total-not-earning\">1<") != std::string::npos);
  CHECK(page.find("id=\"total-points-earned\">2.00<") != std::string::npos);
  CHECK(page.find("id=\"total-points-possible\">4.00<") != std::string::npos);
  CHECK(page.find("id=\"total-payment\">$200.00<") != std::string::npos);
  // Star spread of A: one provider at 3 stars, one at 1.
  const size_t stars = page.find("id=\"stars-A\"");
  REQUIRE(stars != std::string::npos);
  const std::string spread = page.substr(stars, page.find("</table>", stars) - stars);
  CHECK(spread.find("\u2605\u2605\u2605</td><td class=\"num\">1<") != std::string::npos);
  CHECK(spread.find("<tr><td>\u2605</td><td class=\"num\">1<") != std::string::npos);
  CHECK(spread.find("\u2605\u2605\u2605\u2605</td><td class=\"num\">0<") != std::string::npos);
  // The chart's lines: stars 2..5, the payment threshold, the plan-wide rate
  // (1 of 4 = 25%).
  CHECK(page.find(">2\u2605 \u2265 40%</text>") != std::string::npos);
  CHECK(page.find(">5\u2605 \u2265 70%</text>") != std::string::npos);
  CHECK(page.find(">payment \u2265 50%</text>") != std::string::npos);
  CHECK(page.find(">plan 25.0%</text>") != std::string::npos);
  // Gaps: M2 at P1, M3 and M4 at P2: 3 in all, P2 listed first.
  CHECK(page.find("id=\"gaps-total\">3<") != std::string::npos);
  const size_t gaps = page.find("class=\"gaps\"");
  REQUIRE(gaps != std::string::npos);
  CHECK(page.find("Plain Clinic", gaps) < page.find("&amp; Sons", gaps));
  // A scorecard per provider with the why of each line.
  CHECK(occurrences(page, "<details class=\"provider\"") == 2);
  CHECK(page.find("below payment threshold") != std::string::npos);
}

TEST_CASE("report.html of a measure run has no scorecard section", "[report]") {
  const TwoProviderRun r;
  const std::string page = output::htmlReport(r.input(false));
  CHECK(page.find("id=\"totals\"") == std::string::npos);
  CHECK(page.find("id=\"scorecards\"") == std::string::npos);
  CHECK(page.find("id=\"measure-A\"") != std::string::npos);
  CHECK(page.find("id=\"gaps-total\">3<") != std::string::npos);
  CHECK(page.find("data-ready") != std::string::npos);
}

TEST_CASE("report.html caps long lists and says how many it left out", "[report]") {
  const TwoProviderRun r;
  output::HtmlReportLimits limits;
  limits.providerScorecards = 1;
  limits.gapProviders = 1;
  const std::string page = output::htmlReport(r.input(true), limits);
  CHECK(occurrences(page, "<details class=\"provider\"") == 1);
  CHECK(page.find("1 more provider(s) not shown here") != std::string::npos);
  CHECK(page.find("1 more provider(s) with gaps not shown") != std::string::npos);
}

TEST_CASE("rate chart: a bar per filled bin, a labelled line per figure", "[report]") {
  output::RateChart chart;
  chart.caption = "X & Y";
  chart.unit = "%";
  chart.axisMax = 100;
  // 20 bins of 5%: 12 and 14 share [10, 15); 100 falls in the last bin.
  chart.values = {12, 14, 100};
  chart.marks = {{output::ChartMark::Kind::Payment, 75, "payment <= 75%"}};
  const std::string svg = output::rateChartSvg(chart);
  CHECK(occurrences(svg, "<rect") == 2);
  CHECK(svg.find("<title>2 provider(s) from 10% to 15%</title>") != std::string::npos);
  CHECK(svg.find("<title>1 provider(s) from 95% to 100%</title>") != std::string::npos);
  CHECK(svg.find("class=\"mark-payment\"") != std::string::npos);
  CHECK(svg.find(">payment &lt;= 75%</text>") != std::string::npos);
  CHECK(svg.find("aria-label=\"X &amp; Y\"") != std::string::npos);
  // Two close lines: the second label goes a row higher (rows of 14 above
  // a plot starting at 8 + 2 x 14 = 36: text at 32, then 18).
  chart.marks = {{output::ChartMark::Kind::Star, 50, "first line"},
                 {output::ChartMark::Kind::Star, 51, "second line"}};
  const std::string stacked = output::rateChartSvg(chart);
  CHECK(stacked.find("y=\"32.0\" text-anchor=\"middle\">first line</text>") != std::string::npos);
  CHECK(stacked.find("y=\"18.0\" text-anchor=\"middle\">second line</text>") != std::string::npos);
  // Percentages bunched near the top: the axis starts at a multiple of 10
  // at least 5 below the lowest figure (72 - 5 = 67: 60); never below 0.
  CHECK(output::percentAxisMin({72, 95}, {{output::ChartMark::Kind::Star, 78.3, "s"}}) == 60);
  CHECK(output::percentAxisMin({3, 50}, {}) == 0);
  CHECK(output::percentAxisMin({}, {}) == 0);
  chart.axisMin = 60;
  chart.values = {73, 95};
  chart.marks.clear();
  const std::string zoomed = output::rateChartSvg(chart);
  // 20 bars of 2 points from 60%: 73 in [72, 74), 95 in [94, 96).
  CHECK(zoomed.find("<title>1 provider(s) from 72% to 74%</title>") != std::string::npos);
  CHECK(zoomed.find("<title>1 provider(s) from 94% to 96%</title>") != std::string::npos);
  // A rate per N: a round axis end above every figure.
  CHECK(output::rateAxisMax({310, 120}, {}) == 500);
  CHECK(output::rateAxisMax({}, {{output::ChartMark::Kind::Tier, 0.8, "t"}}) == 1);
  CHECK(output::rateAxisMax({}, {}) == 1);
  // A figure that is not a number draws no bar and leaves the axis alone.
  output::RateChart odd;
  odd.values = {std::numeric_limits<double>::infinity(), std::nan(""), 50};
  CHECK(occurrences(output::rateChartSvg(odd), "<rect") == 1);
  CHECK(output::rateAxisMax({std::numeric_limits<double>::infinity()}, {}) == 1);
}

TEST_CASE("a provider's summary is its program total line, whatever lines follow it", "[report]") {
  TwoProviderRun r;
  // A fee-for-service line that another rule writes after P1's program
  // total (rows: A, Access total, program total, then P2's).
  REQUIRE(r.card[2].measure.empty());
  REQUIRE(r.card[2].domain.empty());
  score::ScorecardRow ffs;
  ffs.provider = r.card[2].provider;
  ffs.domain = "fee-for-service";
  ffs.measure = "PCMH";
  ffs.payment = 2500;
  ffs.why = "PCMH recognition";
  r.card.insert(r.card.begin() + 3, ffs);
  const std::string page = output::htmlReport(r.input(true));
  // P1: 2 of 2 points, $200 (the FFS line is in its table, not its summary).
  CHECK(page.find("Sons</span>: 2.00 of 2.00 points, $200.00</summary>") != std::string::npos);
  CHECK(page.find("<td>fee-for-service</td><td>PCMH</td>") != std::string::npos);
  CHECK(page.find("$2,500.00") != std::string::npos);
}

TEST_CASE("report.html shows the member rewards of the run, and none without", "[report]") {
  TwoProviderRun r;
  CHECK(output::htmlReport(r.input(true)).find("id=\"rewards\"") == std::string::npos);
  // NAL: 1,234 members written, 2 who called on no date the data holds.
  r.run.rewards = {{"NAL", 1234, 2}, {"FLU_CHILD", 0, 0}};
  const std::string page = output::htmlReport(r.input(true));
  REQUIRE(page.find("id=\"rewards\"") != std::string::npos);
  CHECK(page.find("id=\"reward-NAL\">1,234<") != std::string::npos);
  CHECK(page.find("id=\"reward-FLU_CHILD\">0<") != std::string::npos);
  CHECK(page.find("rewards/NAL.csv") != std::string::npos);
  CHECK(page.find("<td class=\"num\">2</td><td>rewards/NAL.csv") != std::string::npos);
}

TEST_CASE("report.html of a pharmacy program: overall stars, Provider of the Year, Pharmacy Home",
          "[report]") {
  const TwoProviderRun r;
  // P2 first: composite 80%, 4 overall stars, eligible: Provider of the
  // Year and Pharmacy Home. P1: 50%, 3 stars, not eligible: neither.
  std::vector<score::PharmacyRank> ranking(2);
  ranking[0].rank = 1;
  ranking[0].pharmacy = 1;
  ranking[0].composite = 80;
  ranking[0].meanStars = 4.2;
  ranking[0].overallStars = 4;
  ranking[0].eligible = true;
  ranking[0].providerOfTheYear = true;
  ranking[1].rank = 2;
  ranking[1].pharmacy = 0;
  ranking[1].composite = 50;
  ranking[1].meanStars = 3;
  ranking[1].overallStars = 3;
  output::HtmlReportInput in = r.input(true);
  CHECK(output::htmlReport(in).find("id=\"ranking\"") == std::string::npos);
  in.pharmacyRanking = &ranking;
  const std::string page = output::htmlReport(in);
  REQUIRE(page.find("id=\"ranking\"") != std::string::npos);
  const size_t spread = page.find("id=\"overall-stars\"");
  REQUIRE(spread != std::string::npos);
  const std::string stars = page.substr(spread, page.find("</table>", spread) - spread);
  CHECK(stars.find("<td>\u2605\u2605\u2605\u2605</td><td class=\"num\">1<") != std::string::npos);
  CHECK(stars.find("<td>\u2605\u2605\u2605</td><td class=\"num\">1<") != std::string::npos);
  CHECK(stars.find("<td>\u2605\u2605\u2605\u2605\u2605</td><td class=\"num\">0<") !=
        std::string::npos);
  CHECK(page.find("Pharmacy Provider of the Year (1)") != std::string::npos);
  CHECK(page.find("Pharmacy Home: 4 and 5 stars (1)") != std::string::npos);
  const size_t year = page.find("id=\"provider-of-the-year\"");
  REQUIRE(year != std::string::npos);
  const std::string named = page.substr(year, page.find("</table>", year) - year);
  CHECK(named.find("Plain Clinic") != std::string::npos);
  CHECK(named.find("80.0%") != std::string::npos);
  CHECK(named.find("&amp; Sons") == std::string::npos);
}

TEST_CASE("report.html says how many parameters are assumptions and which --set changed",
          "[report]") {
  TwoProviderRun r;
  CHECK(output::htmlReport(r.input(true)).find("id=\"run-parameters\"") == std::string::npos);
  r.run.parameters = {{"bcs_goal", 0.6, "", true, true},
                      {"pcmh_fee", 2500, "dollars", false, false},
                      {"point_value", 100, "dollars", true, false}};
  const std::string page = output::htmlReport(r.input(true));
  CHECK(
      page.find("id=\"run-parameters\">3, 2 of them assumptions (not printed in the program&#39;s "
                "sources; measurec check lists them); set on the command line: bcs_goal = "
                "0.6</span>") != std::string::npos);
}

TEST_CASE("report.html of an interim run lists the lines within reach, fewest members first",
          "[report][interim]") {
  TwoProviderRun r;
  r.run.asOf = "2022-06-30";
  REQUIRE(r.rates.size() == 2);
  const score::ProviderRate& p1 = r.rates[0].provider == 0 ? r.rates[0] : r.rates[1];
  const score::ProviderRate& p2 = r.rates[0].provider == 0 ? r.rates[1] : r.rates[0];
  // P1 needs 2 more for 4 stars, P2 1 more for the payment; a third line
  // needs 5: a next level, not within reach (3 at most).
  std::vector<score::InterimRow> interim(3);
  interim[0] = {&p1, "4 stars at 60%", 2, 1, ""};
  interim[1] = {&p2, "payment at 50%", 1, 2, ""};
  interim[2] = {&p2, "tier 0.9000 (100%)", 5, 2, ""};
  output::HtmlReportInput in = r.input(true);
  CHECK(output::htmlReport(in).find("id=\"interim\"") == std::string::npos);
  in.interim = &interim;
  const std::string page = output::htmlReport(in);
  CHECK(page.find("<span id=\"interim-reach\">2</span> of 3 provider measure line(s) with a next "
                  "level are within 3 member(s) of it (as of 2022-06-30)") != std::string::npos);
  const size_t table = page.find("id=\"interim-lines\"");
  REQUIRE(table != std::string::npos);
  const std::string lines = page.substr(table, page.find("</table>", table) - table);
  CHECK(lines.find("payment at 50%") < lines.find("4 stars at 60%"));
  CHECK(lines.find("tier 0.9000") == std::string::npos);
  CHECK(lines.find("<td>payment at 50%</td><td class=\"num\">1</td><td class=\"num\">2</td>") !=
        std::string::npos);
}

TEST_CASE("report.html counts the pharmacies paid a payout under one why", "[report]") {
  TwoProviderRun r;
  // Both program total lines carry a payout why with their own figures.
  for (score::ScorecardRow& row : r.card)
    if (row.domain.empty() && row.measure.empty())
      row.why = row.provider == 0 ? "payout: 20% (2 of 10 points) x $3.8062 a claim x 4300 claims"
                                  : "payout: 0% (0 of 10 points) x $3.8062 a claim x 3332 claims";
  const std::string page = output::htmlReport(r.input(true));
  CHECK(page.find("<tr><td>payout: performance % x value per claim x claims (each pharmacy&#39;s "
                  "figures on its scorecard below)</td><td class=\"num\">2</td></tr>") !=
        std::string::npos);
  // Not in the why table (the provider's own scorecard below still has it).
  const size_t whys = page.find("<h3>Why, per provider");
  REQUIRE(whys != std::string::npos);
  const std::string table = page.substr(whys, page.find("</table>", whys) - whys);
  CHECK(table.find("payout: 20% (2 of 10 points)") == std::string::npos);
}

TEST_CASE("report.html is the same page on any thread count", "[report]") {
  TwoProviderRun r;
  // A second measure with gaps of its own: the gap counts are made measure
  // by measure on the threads.
  const ir::Measure b = testing::labelledMeasure("B");
  r.outcomes.push_back(testing::outcomesOf(b, r.store,
                                           {testing::notInNumerator(), testing::notInNumerator(),
                                            testing::inNumerator(), testing::notInNumerator()}));
  r.rates = score::providerRates(r.store, r.outcomes);
  output::HtmlReportInput in = r.input(false);
  const std::string one = output::htmlReport(in);
  CHECK(one.find("id=\"gaps-total\">6<") != std::string::npos);
  for (int threads : {2, 3, 8}) {
    in.threads = threads;
    CHECK(output::htmlReport(in) == one);
  }
}

TEST_CASE("report.html sections made before the write ends show the write time of the page",
          "[report]") {
  // A run makes the sections while its large files are written and the page
  // around them after: the header's timings are those when the page is made.
  TwoProviderRun r;
  r.run.write = 1.0;
  const std::string sections = output::htmlReportSections(r.input(true));
  CHECK(sections.find("timings") == std::string::npos);
  CHECK(sections.find("id=\"total-providers\">2<") != std::string::npos);
  r.run.write = 12.345;
  const std::string page = output::htmlReportPage(r.input(true), sections);
  CHECK(page.find("write 12.345 s") != std::string::npos);
  CHECK(page.find("write 1.000 s") == std::string::npos);
  CHECK(page == output::htmlReport(r.input(true)));
}
