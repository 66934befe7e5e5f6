// report.html, a scorecard per provider: its lines as score::scorecard made
// them (any rule's lines: the columns are those of scorecard.csv), in a
// <details> whose summary is the program total line.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "output/HtmlText.h"
#include "output/ReportSections.h"
#include "score/Attribution.h"

namespace mc::output::report {
namespace {

std::string pointsText(const std::optional<double>& points) {
  return points ? formatGrouped(*points, 2) : std::string("not scored");
}

// What the filter matches: id and name, lower case, escaped for the attribute.
std::string filterKey(const store::MemberStore& store, store::ProviderId provider) {
  std::string key(score::providerIdText(store.providers, provider));
  if (provider != store::kNoProvider && provider < store.providers.name.size())
    key += " " + store.providers.name[provider];
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return escapeHtml(key);
}

std::string starsText(int stars) {
  std::string text;
  for (int i = 0; i < stars; ++i) text += "\u2605";  // a black star
  return text;
}

void lineRow(const score::ScorecardRow& r, const std::vector<score::MeasureOutcomes>& outcomes,
             std::string& out) {
  const ir::Measure* measure = nullptr;
  for (const score::MeasureOutcomes& mo : outcomes)
    if (mo.measure->id == r.measure) measure = mo.measure;
  std::string rate = "-";
  if (r.rate) rate = measure != nullptr ? rateText(*measure, r.rate) : formatGrouped(*r.rate, 4);
  const bool total = r.measure.empty();
  out += fmt::format(
      "<tr{}><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
      "<td class=\"num\">{}</td><td class=\"num\">{}</td><td "
      "class=\"num\">{}</td><td>{}</td></tr>\n",
      total ? " class=\"total\"" : "",
      escapeHtml(r.domain.empty() && total ? std::string("program") : r.domain),
      total ? std::string("<b>total</b>") : escapeHtml(r.measure), rate, pointsText(r.pointsEarned),
      formatGrouped(r.pointsPossible, 2), r.stars ? starsText(*r.stars) : std::string(),
      r.payment ? formatDollars(*r.payment) : std::string(), escapeHtml(r.why));
}

}  // namespace

void providerScorecards(const HtmlReportInput& in, const HtmlReportLimits& limits,
                        std::string& out) {
  const std::vector<score::ScorecardRow>& rows = *in.scorecard;
  // score::scorecard writes a provider's lines together.
  std::vector<std::pair<size_t, size_t>> groups;  // [first, last] row of each provider
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i == 0 || rows[i].provider != rows[i - 1].provider) groups.push_back({i, i});
    groups.back().second = i;
  }
  out += "<h2 id=\"scorecards\">Scorecard per provider</h2>\n";
  out +=
      "<p><label>Find a provider: <input id=\"provider-filter\" type=\"search\" "
      "placeholder=\"id or name\"></label> <button id=\"expand-all\" type=\"button\">open "
      "all</button> <button id=\"collapse-all\" type=\"button\">close all</button> <span "
      "id=\"provider-shown\" class=\"muted\"></span></p>\n";
  const size_t shown = std::min(groups.size(), limits.providerScorecards);
  for (size_t g = 0; g < shown; ++g) {
    const auto [first, last] = groups[g];
    // The program total line (no domain, no measure) sums up the provider;
    // lines that other rules add after it do not take its place.
    size_t totalRow = last;
    for (size_t i = first; i <= last; ++i)
      if (rows[i].measure.empty() && rows[i].domain.empty()) totalRow = i;
    const score::ScorecardRow& total = rows[totalRow];
    const store::ProviderId provider = total.provider;
    out += fmt::format("<details class=\"provider\" data-key=\"{}\"><summary>{}: {} of {} points",
                       filterKey(*in.store, provider), providerLabel(*in.store, provider),
                       pointsText(total.pointsEarned), formatGrouped(total.pointsPossible, 2));
    if (total.payment) out += ", " + formatDollars(*total.payment);
    if (!total.why.empty() && total.why != "program total")
      out += " <span class=\"muted\">(" + escapeHtml(total.why) + ")</span>";
    out +=
        "</summary>\n<div class=\"wide\"><table>\n<tr><th>domain</th><th>measure</th>"
        "<th class=\"num\">rate</th><th class=\"num\">points</th><th "
        "class=\"num\">possible</th><th class=\"num\">stars</th><th "
        "class=\"num\">payment</th><th>why</th></tr>\n";
    for (size_t i = first; i <= last; ++i) lineRow(rows[i], *in.outcomes, out);
    out += "</table></div></details>\n";
  }
  if (groups.size() > shown)
    out += fmt::format(
        "<p class=\"note\" id=\"scorecards-left-out\">{} more provider(s) not shown here (the "
        "first {} by provider id are): every line is in scorecard.csv.</p>\n",
        groups.size() - shown, shown);
}

}  // namespace mc::output::report
