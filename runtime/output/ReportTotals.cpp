// report.html, program totals: summed over the linked providers' lines of
// scorecard.csv (UNLINKED members earn nothing, and are said apart).
#include <fmt/format.h>

#include <map>

#include "output/HtmlText.h"
#include "output/ReportSections.h"

namespace mc::output::report {
namespace {

struct Sum {
  size_t lines = 0;
  double earned = 0;
  size_t earnedUnknown = 0;  // lines whose points are not scored
  double possible = 0;
  double payment = 0;
  size_t paid = 0;  // lines with a payment figure
};

void add(Sum& s, const score::ScorecardRow& r) {
  ++s.lines;
  if (r.pointsEarned)
    s.earned += *r.pointsEarned;
  else
    ++s.earnedUnknown;
  s.possible += r.pointsPossible;
  if (r.payment) {
    s.payment += *r.payment;
    ++s.paid;
  }
}

std::string figure(const char* id, const std::string& value, const std::string& label) {
  return fmt::format(
      "<div class=\"figure\"><div class=\"value\" id=\"{}\">{}</div>"
      "<div class=\"label\">{}</div></div>\n",
      id, value, label);
}

}  // namespace

void programTotals(const HtmlReportInput& in, std::string& out) {
  Sum total;
  size_t earning = 0, notEarning = 0, unscored = 0;
  std::map<std::string, size_t> whys;  // program total lines by why
  // Domains in the order first met (program order within a provider).
  std::vector<std::string> domainOrder;
  std::map<std::string, Sum> domains;
  size_t unlinkedLines = 0;
  for (const score::ScorecardRow& r : *in.scorecard) {
    if (r.provider == store::kNoProvider) {
      ++unlinkedLines;
      continue;
    }
    if (!r.measure.empty()) {
      if (domains.count(r.domain) == 0) domainOrder.push_back(r.domain);
      add(domains[r.domain], r);
      continue;
    }
    if (!r.domain.empty()) continue;  // a domain total: the measure lines say it
    add(total, r);
    // A pharmacy's payout why carries its own figures (points, claims): one
    // row for them all, each pharmacy's figures are on its scorecard.
    ++whys[r.why.rfind("payout: ", 0) == 0
               ? std::string("payout: performance % x value per claim x claims (each "
                             "pharmacy's figures on its scorecard below)")
               : r.why];
    if (!r.pointsEarned)
      ++unscored;
    else if (*r.pointsEarned > 0)
      ++earning;
    else
      ++notEarning;
  }

  out += "<h2 id=\"totals\">Program totals</h2>\n<div class=\"figures\">\n";
  out += figure("total-providers", formatGrouped(static_cast<double>(total.lines), 0),
                "providers scored");
  out += figure("total-earning", formatGrouped(static_cast<double>(earning), 0), "earning points");
  out += figure("total-not-earning", formatGrouped(static_cast<double>(notEarning), 0),
                "earning no points");
  if (unscored > 0)
    out += figure("total-unscored", formatGrouped(static_cast<double>(unscored), 0),
                  "points not scored (no tiers or payment threshold)");
  out += figure("total-points-earned", formatGrouped(total.earned, 2), "points earned");
  out += figure("total-points-possible", formatGrouped(total.possible, 2), "points possible");
  out += figure("total-payment", formatDollars(total.payment),
                total.paid == total.lines ? std::string("paid")
                                          : fmt::format("paid ({} of {} providers have a payment "
                                                        "figure)",
                                                        total.paid, total.lines));
  out += "</div>\n";
  if (unlinkedLines > 0)
    out +=
        "<p class=\"note\">The lines of members with no linked PCP (UNLINKED) pay no one: "
        "they are in the UNLINKED scorecard below, not in these totals.</p>\n";

  out += "<h3>Why, per provider (the program total line)</h3>\n<table>\n";
  for (const auto& [why, count] : whys)
    out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td></tr>\n", escapeHtml(why), count);
  out += "</table>\n";

  out += "<h3>Per domain (the measure lines of linked providers)</h3>\n";
  out +=
      "<table class=\"domains\">\n<tr><th>domain</th><th class=\"num\">lines</th>"
      "<th class=\"num\">points earned</th><th class=\"num\">points possible</th>"
      "<th class=\"num\">payment</th></tr>\n";
  for (const std::string& d : domainOrder) {
    const Sum& s = domains[d];
    out += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}{}</td><td "
        "class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        escapeHtml(d.empty() ? std::string("(no domain)") : d), s.lines, formatGrouped(s.earned, 2),
        s.earnedUnknown > 0 ? fmt::format(" ({} not scored)", s.earnedUnknown) : std::string(),
        formatGrouped(s.possible, 2), s.paid > 0 ? formatDollars(s.payment) : std::string("-"));
  }
  out += "</table>\n";
}

}  // namespace mc::output::report
