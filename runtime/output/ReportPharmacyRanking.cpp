// report.html, a pharmacy program's ranking: the spread of overall stars,
// the Pharmacy Providers of the Year and the Pharmacy Home list (the rows of
// pharmacy_ranking.csv and pharmacy_home.csv, docs/data.md).
#include <fmt/format.h>

#include <array>

#include "output/HtmlText.h"
#include "output/ReportSections.h"

namespace mc::output::report {

namespace {

std::string starsText(const std::optional<int>& stars) {
  if (!stars) return "-";
  std::string s;
  for (int i = 0; i < *stars; ++i) s += "\u2605";
  return s;
}

void rankTable(const HtmlReportInput& in, const std::vector<const score::PharmacyRank*>& rows,
               const char* id, std::string& out) {
  out += fmt::format(
      "<table id=\"{}\">\n<tr><th class=\"num\">rank</th><th>pharmacy</th><th "
      "class=\"num\">composite</th><th>overall stars</th><th>eligible</th></tr>\n",
      id);
  for (const score::PharmacyRank* r : rows)
    out += fmt::format(
        "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}%</td><td>{}</td>"
        "<td>{}</td></tr>\n",
        r->rank, providerLabel(*in.store, r->pharmacy), formatGrouped(r->composite, 1),
        starsText(r->overallStars), r->eligible ? "yes" : "no");
  out += "</table>\n";
}

}  // namespace

void pharmacyRanking(const HtmlReportInput& in, std::string& out) {
  if (in.pharmacyRanking == nullptr) return;
  const std::vector<score::PharmacyRank>& ranking = *in.pharmacyRanking;
  out += fmt::format(
      "<h2 id=\"ranking\">Pharmacy ranking</h2>\n<p>{} pharmacies ranked by composite score "
      "(every row in pharmacy_ranking.csv).</p>\n",
      formatGrouped(static_cast<double>(ranking.size()), 0));
  std::array<size_t, 6> spread{};  // [0]: no overall stars
  for (const score::PharmacyRank& r : ranking)
    ++spread[r.overallStars ? static_cast<size_t>(*r.overallStars) : 0];
  out +=
      "<h3>Overall stars</h3>\n<table id=\"overall-stars\">\n<tr><th>stars</th><th "
      "class=\"num\">pharmacies</th></tr>\n";
  for (size_t s = 5; s >= 1; --s)
    out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td></tr>\n",
                       starsText(static_cast<int>(s)), spread[s]);
  if (spread[0] > 0)
    out += fmt::format("<tr><td>none (no starred measure)</td><td class=\"num\">{}</td></tr>\n",
                       spread[0]);
  out += "</table>\n";
  std::vector<const score::PharmacyRank*> ofTheYear;
  for (const score::PharmacyRank& r : ranking)
    if (r.providerOfTheYear) ofTheYear.push_back(&r);
  const std::vector<score::PharmacyRank> homeRows = score::pharmacyHome(ranking);
  std::vector<const score::PharmacyRank*> home;
  for (const score::PharmacyRank& r : homeRows) home.push_back(&r);
  out += fmt::format("<h3>Pharmacy Provider of the Year ({})</h3>\n", ofTheYear.size());
  if (ofTheYear.empty())
    out += "<p>None: no eligible pharmacy.</p>\n";
  else
    rankTable(in, ofTheYear, "provider-of-the-year", out);
  out += fmt::format("<h3>Pharmacy Home: 4 and 5 stars ({})</h3>\n", home.size());
  if (home.empty())
    out += "<p>None: no pharmacy has 4 or more overall stars.</p>\n";
  else
    rankTable(in, home, "pharmacy-home", out);
}

}  // namespace mc::output::report
