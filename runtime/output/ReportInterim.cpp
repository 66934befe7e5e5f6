// report.html, an interim run (`run --as-of`): the provider measure lines
// within reach of their next level, fewest members needed first (every line
// is in interim.csv).
#include <fmt/format.h>

#include <algorithm>

#include "output/HtmlText.h"
#include "output/ReportSections.h"

namespace mc::output::report {

void interimReach(const HtmlReportInput& in, const HtmlReportLimits& limits, std::string& out) {
  if (in.interim == nullptr) return;
  std::vector<const score::InterimRow*> reach;
  size_t withLevel = 0;
  for (const score::InterimRow& r : *in.interim) {
    if (r.nextLevel.empty()) continue;
    ++withLevel;
    if (r.membersNeeded && *r.membersNeeded <= score::kWithinReach) reach.push_back(&r);
  }
  // Fewest members first; then as interim.csv orders them.
  std::stable_sort(reach.begin(), reach.end(),
                   [](const score::InterimRow* a, const score::InterimRow* b) {
                     return *a->membersNeeded < *b->membersNeeded;
                   });
  out += fmt::format(
      "<h2 id=\"interim\">Interim: within reach of the next level</h2>\n<p><span "
      "id=\"interim-reach\">{}</span> of {} provider measure line(s) with a next level are "
      "within {} member(s) of it (as of {}).</p>\n",
      formatGrouped(static_cast<double>(reach.size()), 0),
      formatGrouped(static_cast<double>(withLevel), 0), score::kWithinReach,
      escapeHtml(in.run->asOf));
  if (!reach.empty()) {
    out +=
        "<div class=\"wide\"><table id=\"interim-lines\">\n<tr><th>provider</th><th>measure</th>"
        "<th class=\"num\">rate</th><th>next level</th><th class=\"num\">members needed</th>"
        "<th class=\"num\">open gaps</th></tr>\n";
    const size_t shown = std::min(reach.size(), limits.interimLines);
    for (size_t i = 0; i < shown; ++i) {
      const score::InterimRow& r = *reach[i];
      out += fmt::format(
          "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td "
          "class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
          providerLabel(*in.store, r.rate->provider), escapeHtml(r.rate->measure->id),
          rateText(*r.rate->measure, r.rate->rate), escapeHtml(r.nextLevel), *r.membersNeeded,
          r.openGaps ? formatGrouped(static_cast<double>(*r.openGaps), 0) : std::string("-"));
    }
    out += "</table></div>\n";
    if (shown < reach.size())
      out += fmt::format("<p class=\"note\">{} more line(s) within reach not shown here.</p>\n",
                         reach.size() - shown);
  }
  out +=
      "<p class=\"note\">Every provider and measure, with its next level, the members needed "
      "and why when none is given, is in interim.csv.</p>\n";
}

}  // namespace mc::output::report
