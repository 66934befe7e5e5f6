// The SVG histogram of provider rates with the program's figures as lines.
#include "output/RateChart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "output/HtmlText.h"

namespace mc::output {
namespace {

constexpr int kBins = 20;
constexpr double kWidth = 640;
constexpr double kLeft = 40, kRight = 620;
constexpr double kPlotHeight = 130;  // the bars' area
constexpr double kLabelRow = 14;     // one row of line labels
constexpr double kCharWidth = 6.2;   // of an 11px label, to keep labels apart

struct Axis {
  double min, max;
  double x(double value) const {
    const double clamped = std::clamp(value, min, max);
    return kLeft + (kRight - kLeft) * (clamped - min) / (max - min);
  }
};

const char* classOf(ChartMark::Kind kind) {
  switch (kind) {
    case ChartMark::Kind::Tier: return "mark-tier";
    case ChartMark::Kind::Star: return "mark-star";
    case ChartMark::Kind::Payment: return "mark-payment";
    case ChartMark::Kind::Plan: return "mark-plan";
  }
  return "mark-tier";
}

std::string axisFigure(double value, const std::string& unit) {
  return fmt::format("{:g}{}", value, unit);
}

// UTF-8 characters, for the width of a label.
size_t characters(const std::string& text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// A label's place: its line's x, its text anchor and its row above the plot.
struct Placed {
  const ChartMark* mark;
  double x;
  const char* anchor;
  int row;
};

// Labels of close lines would overlap: each takes the first row, from the
// plot upwards, where it clears the labels already there.
std::vector<Placed> placeLabels(const std::vector<ChartMark>& marks, const Axis& axis) {
  std::vector<const ChartMark*> sorted;
  for (const ChartMark& m : marks) sorted.push_back(&m);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const ChartMark* a, const ChartMark* b) { return a->at < b->at; });
  std::vector<Placed> placed;
  std::vector<double> rowEnd;  // right end of the last label in each row
  for (const ChartMark* m : sorted) {
    const double x = axis.x(m->at);
    const double w = kCharWidth * static_cast<double>(characters(m->label));
    // Keep labels inside the picture at both ends.
    const char* anchor = x - w / 2 < 0 ? "start" : x + w / 2 > kWidth ? "end" : "middle";
    const double start = anchor[0] == 's' ? x : anchor[0] == 'e' ? x - w : x - w / 2;
    size_t row = 0;
    while (row < rowEnd.size() && rowEnd[row] + 6 > start) ++row;
    if (row == rowEnd.size()) rowEnd.push_back(0);
    rowEnd[row] = start + w;
    placed.push_back({m, x, anchor, static_cast<int>(row)});
  }
  return placed;
}

}  // namespace

double rateAxisMax(const std::vector<double>& values, const std::vector<ChartMark>& marks) {
  double top = 0;
  for (double v : values) top = std::max(top, v);
  for (const ChartMark& m : marks) top = std::max(top, m.at);
  if (!(top > 0) || !std::isfinite(top)) return 1;
  // 1, 2 or 5 times a power of ten, above the largest figure.
  const double power = std::pow(10.0, std::floor(std::log10(top)));
  for (double step : {1.0, 2.0, 5.0, 10.0})
    if (step * power > top) return step * power;
  return 10 * power;
}

double percentAxisMin(const std::vector<double>& values, const std::vector<ChartMark>& marks) {
  if (values.empty() && marks.empty()) return 0;  // an empty chart: the whole scale
  double low = 100;
  for (double v : values) low = std::min(low, v);
  for (const ChartMark& m : marks) low = std::min(low, m.at);
  // A multiple of 10 at least 5 points below, so no bar sits on the axis end.
  return std::clamp(std::floor((low - 5) / 10) * 10, 0.0, 90.0);
}

std::string rateChartSvg(const RateChart& chart) {
  const Axis axis{chart.axisMin, chart.axisMax > chart.axisMin ? chart.axisMax : chart.axisMin + 1};
  std::vector<int> bins(kBins, 0);
  for (double v : chart.values) {
    if (!std::isfinite(v)) continue;  // no bar to put it in
    const int b = static_cast<int>(
        std::floor((std::max(v, axis.min) - axis.min) / (axis.max - axis.min) * kBins));
    ++bins[static_cast<size_t>(std::clamp(b, 0, kBins - 1))];
  }
  const int tallest = std::max(1, *std::max_element(bins.begin(), bins.end()));
  const std::vector<Placed> labels = placeLabels(chart.marks, axis);
  int rows = 0;
  for (const Placed& p : labels) rows = std::max(rows, p.row + 1);
  const double top = 8 + kLabelRow * rows;
  const double bottom = top + kPlotHeight;
  const double height = bottom + 22;

  std::string svg = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">"
      "<title>{}</title>",
      kWidth, height, escapeHtml(chart.caption), escapeHtml(chart.caption));
  const double binWidth = (kRight - kLeft) / kBins;
  const double binSpan = (axis.max - axis.min) / kBins;
  for (int b = 0; b < kBins; ++b) {
    if (bins[static_cast<size_t>(b)] == 0) continue;
    const double h = kPlotHeight * bins[static_cast<size_t>(b)] / tallest;
    svg += fmt::format(
        "<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\">"
        "<title>{} provider(s) from {} to {}</title></rect>",
        kLeft + b * binWidth + 1, bottom - h, binWidth - 2, h, bins[static_cast<size_t>(b)],
        axisFigure(axis.min + binSpan * b, chart.unit),
        axisFigure(axis.min + binSpan * (b + 1), chart.unit));
  }
  // Axes: the rate below, the provider count on the left.
  svg += fmt::format("<line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>", kLeft,
                     bottom, kRight, bottom);
  for (int t = 0; t <= 4; ++t) {
    const double value = axis.min + (axis.max - axis.min) * t / 4;
    svg +=
        fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                    axis.x(value), bottom + 16, escapeHtml(axisFigure(value, chart.unit)));
  }
  svg += fmt::format(
      "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
      "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>",
      kLeft - 4, top + 4, tallest, kLeft - 4, bottom);
  // Every line first, then every label, so that no line crosses a label.
  for (const Placed& p : labels) {
    const double labelY = top - 4 - kLabelRow * p.row;  // row 0 is just above the plot
    svg += fmt::format(
        "<g class=\"{}\"><line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{}\"/></g>",
        classOf(p.mark->kind), p.x, labelY + 3, p.x, bottom);
  }
  for (const Placed& p : labels) {
    const double labelY = top - 4 - kLabelRow * p.row;
    svg += fmt::format(
        "<g class=\"{}\"><text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\">{}</text></g>",
        classOf(p.mark->kind), p.x, labelY, p.anchor, escapeHtml(p.mark->label));
  }
  svg += "</svg>";
  return svg;
}

}  // namespace mc::output
