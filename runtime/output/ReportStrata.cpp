// report.html, strata: the plan-wide rows of strata.csv (each provider's
// are in the file).
#include <fmt/format.h>

#include "output/HtmlText.h"
#include "output/ReportSections.h"
#include "output/StrataWriter.h"
#include "support/Stratifiers.h"

namespace mc::output::report {

void strataTable(const HtmlReportInput& in, std::string& out) {
  if (in.strata == nullptr || !anyStratified(*in.outcomes)) return;
  out +=
      "<h2 id=\"strata\">Strata (plan-wide)</h2>\n<div class=\"wide\"><table>\n"
      "<tr><th>measure</th><th>by</th><th>stratum</th><th class=\"num\">denominator</th>"
      "<th class=\"num\">rate</th><th class=\"num\">disparity</th></tr>\n";
  for (const score::StratumRate& r : *in.strata) {
    if (!r.planWide) continue;
    const ir::Measure& m = *r.measure;
    const std::string by =
        r.stratifier >= 0 && static_cast<size_t>(r.stratifier) < m.stratifiers.size()
            ? std::string(stratifierName(m.stratifiers[static_cast<size_t>(r.stratifier)].kind))
            : std::string();
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        escapeHtml(m.id), escapeHtml(by), escapeHtml(r.stratum),
        formatGrouped(static_cast<double>(r.denominator), 0), rateText(m, r.rate),
        r.disparityPercent ? formatPercent(*r.disparityPercent) + "%" : std::string("-"));
  }
  out +=
      "</table></div>\n<p class=\"note\">Every provider's strata are in strata.csv; the "
      "disparity is the percent difference from the best stratum.</p>\n";
}

}  // namespace mc::output::report
