// The chart of report.html: how the providers' rates of one measure spread
// (a histogram) against the program's figures for it (benchmark tiers, star
// thresholds, payment threshold, the plan-wide rate), drawn as inline SVG on
// the server so the page needs no script or library to show it.
#pragma once

#include <string>
#include <vector>

namespace mc::output {

struct ChartMark {
  enum class Kind { Tier, Star, Payment, Plan };
  Kind kind = Kind::Tier;
  double at = 0;      // in the chart's units
  std::string label;  // plain text, escaped when drawn
};

struct RateChart {
  std::string caption;  // plain text: what the chart shows (the SVG's title)
  std::string unit;     // after each axis figure: "%" or "" for a rate per N
  double axisMin = 0;
  double axisMax = 100;
  std::vector<double> values;  // one per provider, in the chart's units
  std::vector<ChartMark> marks;
};

// A histogram of `values` over [axisMin, axisMax] in 20 bars (values beyond
// are counted in the end bars) with a labelled vertical line per mark; the
// labels of close lines are stacked in rows above the bars.
std::string rateChartSvg(const RateChart& chart);

// An axis end for a rate per N member years: a round number above every
// value and mark (1 when there are none above 0).
double rateAxisMax(const std::vector<double>& values, const std::vector<ChartMark>& marks);

// An axis start for percentages: a multiple of 10 at least 5 points below
// every value and mark (0 at the lowest), so that rates bunched near the
// top (pharmacy adherence, 70-95%) spread over the chart.
double percentAxisMin(const std::vector<double>& values, const std::vector<ChartMark>& marks);

}  // namespace mc::output
