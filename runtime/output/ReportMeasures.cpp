// report.html, per measure: the plan-wide rate, the providers' rates against
// the program's figures for the measure (RateChart.h), and how many
// providers reached each star level.
#include <fmt/format.h>

#include <array>
#include <cmath>

#include "output/HtmlText.h"
#include "output/RateChart.h"
#include "output/ReportSections.h"

namespace mc::output::report {
namespace {

// Counts are whole for member measures; member years are not.
std::string countText(double value) {
  return formatGrouped(value, std::floor(value) == value ? 0 : 2);
}

const score::MeasureScoring* scoringOf(const HtmlReportInput& in, const ir::Measure* m) {
  if (in.scoring == nullptr) return nullptr;
  for (const score::MeasureScoring& ms : in.scoring->measures)
    if (ms.measure == m) return &ms;
  return nullptr;
}

// The program's figures in the chart's units (percent, or the rate per N).
std::vector<ChartMark> marksOf(const ir::Measure& m, const score::MeasureScoring* ms,
                               const std::optional<double>& planRate) {
  const bool percent = !ir::isRate(m.kind);
  const double scale = percent ? 100 : 1;
  const std::string unit = percent ? "%" : "";
  const char* reach = ir::lowerIsBetter(m.kind) ? "\u2264" : "\u2265";
  std::vector<ChartMark> marks;
  if (planRate)
    marks.push_back({ChartMark::Kind::Plan, *planRate * scale,
                     fmt::format("plan {:.1f}{}", *planRate * scale, unit)});
  if (ms == nullptr) return marks;
  for (size_t i = 0; i < ms->tiers.size(); ++i)
    marks.push_back({ChartMark::Kind::Tier, ms->tiers[i].first * scale,
                     fmt::format("tier {} ({:g}% of points) {} {:g}{}", i + 1, ms->tiers[i].second,
                                 reach, ms->tiers[i].first * scale, unit)});
  // Stars and payment are printed in percent: proportion measures only.
  if (percent) {
    for (size_t i = 0; i < ms->stars.size(); ++i)
      marks.push_back({ChartMark::Kind::Star, ms->stars[i],
                       fmt::format("{}\u2605 {} {:g}%", i + 2, reach, ms->stars[i])});
    if (ms->payment)
      marks.push_back({ChartMark::Kind::Payment, *ms->payment,
                       fmt::format("payment {} {:g}%", reach, *ms->payment)});
  }
  return marks;
}

void starSpread(const HtmlReportInput& in, const ir::Measure& m, std::string& out) {
  std::array<size_t, 6> count{};  // by star level 1..5
  size_t total = 0;
  for (const score::ScorecardRow& r : *in.scorecard) {
    if (r.measure != m.id || !r.stars || r.provider == store::kNoProvider) continue;
    if (*r.stars < 1 || *r.stars > 5) continue;
    ++count[static_cast<size_t>(*r.stars)];
    ++total;
  }
  out += fmt::format(
      "<table class=\"stars\" id=\"stars-{}\"><tr><th>stars</th><th "
      "class=\"num\">providers</th><th></th></tr>\n",
      escapeHtml(m.id));
  for (int level = 5; level >= 1; --level) {
    const size_t n = count[static_cast<size_t>(level)];
    const double width =
        total == 0 ? 0 : 200.0 * static_cast<double>(n) / static_cast<double>(total);
    std::string stars;
    for (int i = 0; i < level; ++i) stars += "\u2605";
    out += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"bar\"><span "
        "style=\"width:{:.0f}px\"></span></td></tr>\n",
        stars, n, width);
  }
  out += "</table>\n";
}

}  // namespace

void measureCharts(const HtmlReportInput& in, std::string& out) {
  out += "<h2 id=\"measures\">Measures</h2>\n";
  out +=
      "<p class=\"note\">Each chart counts the providers that meet the measure's minimum "
      "denominator by their rate; the lines are the program's figures for the measure "
      "(benchmark tiers in green, star thresholds in amber, the payment threshold in red) and "
      "the plan-wide rate (black).</p>\n";
  for (const score::MeasureOutcomes& mo : *in.outcomes) {
    const ir::Measure& m = *mo.measure;
    double num = 0, den = 0;
    size_t providers = 0;
    std::vector<double> qualifying, all;
    const double scale = ir::isRate(m.kind) ? 1 : 100;
    for (const score::ProviderRate& r : *in.rates) {
      if (r.measure != &m) continue;
      num += r.numerator;
      den += r.denominator;
      if (r.provider == store::kNoProvider) continue;
      ++providers;
      if (!r.rate) continue;
      all.push_back(*r.rate * scale);
      if (r.qualifies) qualifying.push_back(*r.rate * scale);
    }
    const std::optional<double> planRate = score::measureRate(m, num, den);
    const score::MeasureScoring* ms = scoringOf(in, &m);
    out += fmt::format("<h3 id=\"measure-{}\">{}: {}</h3>\n", escapeHtml(m.id), escapeHtml(m.id),
                       escapeHtml(m.title));
    out += fmt::format(
        "<p>plan-wide {} ({} of {}); {} provider(s) with members, {} meeting the minimum "
        "denominator{}{}</p>\n",
        rateText(m, planRate), countText(num), countText(den), providers, qualifying.size(),
        mo.minimum > 0 ? fmt::format(" of {}", mo.minimum) : std::string(),
        ms != nullptr && ms->exploratory ? "; exploratory: scored, not paid" : "");
    const bool fallback = qualifying.empty() && !all.empty();
    RateChart chart;
    chart.values = fallback ? all : qualifying;
    chart.marks = marksOf(m, ms, planRate);
    chart.unit = ir::isRate(m.kind) ? "" : "%";
    chart.axisMax = ir::isRate(m.kind) ? rateAxisMax(chart.values, chart.marks) : 100;
    if (!ir::isRate(m.kind)) chart.axisMin = percentAxisMin(chart.values, chart.marks);
    chart.caption = fmt::format("{}: {} provider(s) by rate", m.id, chart.values.size());
    if (fallback)
      out +=
          "<p class=\"note\">No provider meets the minimum denominator: the chart shows every "
          "provider with a rate.</p>\n";
    out += rateChartSvg(chart);
    out += "\n";
    if (ms != nullptr && !ms->stars.empty() && in.scorecard != nullptr) starSpread(in, m, out);
  }
}

}  // namespace mc::output::report
