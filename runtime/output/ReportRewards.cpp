// report.html, member rewards: per reward of the run the members who earned
// it (rewards/<REWARD>.csv lists them) and those who met its rule on no date
// the data holds; paid to members, so the scorecard has none of them.
#include <fmt/format.h>

#include "output/HtmlText.h"
#include "output/ReportSections.h"

namespace mc::output::report {

void memberRewards(const HtmlReportInput& in, std::string& out) {
  if (in.run == nullptr || in.run->rewards.empty()) return;
  out +=
      "<h2 id=\"rewards\">Member rewards</h2>\n<table class=\"rewards\">\n"
      "<tr><th>reward</th><th class=\"num\">members</th><th class=\"num\">met the rule, "
      "no date</th><th>list</th></tr>\n";
  for (const RewardCount& r : in.run->rewards)
    out += fmt::format(
        "<tr><td>{0}</td><td class=\"num\" id=\"reward-{0}\">{1}</td><td "
        "class=\"num\">{2}</td><td>rewards/{0}.csv</td></tr>\n",
        escapeHtml(r.reward), formatGrouped(static_cast<double>(r.members), 0),
        formatGrouped(static_cast<double>(r.earnedOnMissing), 0));
  out +=
      "</table>\n<p class=\"note\">Rewards are paid to members, never to providers: they have "
      "no line in the scorecards. A member who met a reward's rule on no date the data holds "
      "is counted here and not listed.</p>\n";
}

}  // namespace mc::output::report
