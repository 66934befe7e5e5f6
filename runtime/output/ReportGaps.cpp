// report.html, care gaps: the providers with the most gaps (the rule of
// gaps.csv, CareGaps.h), with their gap members per measure.
#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "output/CareGaps.h"
#include "output/HtmlText.h"
#include "output/ReportSections.h"
#include "score/Attribution.h"
#include "score/ParallelWork.h"

namespace mc::output::report {

void careGapLists(const HtmlReportInput& in, const HtmlReportLimits& limits, std::string& out) {
  const std::vector<score::MeasureOutcomes>& outcomes = *in.outcomes;
  const std::vector<bool> withGaps = measuresWithGaps(outcomes);
  const size_t providerCount = in.store->providers.size();
  // [provider][measure]; the slot providerCount is UNLINKED.
  std::vector<std::vector<std::uint64_t>> gaps(providerCount + 1,
                                               std::vector<std::uint64_t>(outcomes.size(), 0));
  std::vector<std::uint64_t> perMeasure(outcomes.size(), 0);
  // Measure by measure on the run's threads, each into a column of its
  // own (not into `gaps`, whose rows the threads would share), then copied.
  std::vector<std::vector<std::uint64_t>> counted(outcomes.size());
  score::forEachInParallel(outcomes.size(), in.threads, [&](size_t i) {
    if (!withGaps[i]) return;
    const score::MeasureOutcomes& mo = outcomes[i];
    std::vector<std::uint64_t>& column = counted[i];
    column.assign(providerCount + 1, 0);
    std::uint64_t total = 0;
    for (size_t member = 0; member < mo.members.size(); ++member) {
      if (!mo.members.population(member) || !isCareGap(mo.members[member])) continue;
      const store::ProviderId p =
          member < mo.provider.size() ? mo.provider[member] : store::kNoProvider;
      ++column[p == store::kNoProvider || p >= providerCount ? providerCount : p];
      ++total;
    }
    perMeasure[i] = total;
  });
  for (size_t i = 0; i < outcomes.size(); ++i)
    for (size_t p = 0; p < counted[i].size(); ++p) gaps[p][i] = counted[i][p];
  std::vector<std::pair<std::uint64_t, size_t>> byCount;  // (gaps, provider slot)
  for (size_t p = 0; p <= providerCount; ++p) {
    const std::uint64_t total = std::accumulate(gaps[p].begin(), gaps[p].end(), std::uint64_t{0});
    if (total > 0) byCount.push_back({total, p});
  }
  auto idOf = [&](size_t slot) {
    return slot == providerCount
               ? score::kUnlinked
               : score::providerIdText(in.store->providers, static_cast<store::ProviderId>(slot));
  };
  // Most gaps first; ties by provider id, so the page is the same every run.
  std::sort(byCount.begin(), byCount.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return idOf(a.second) < idOf(b.second);
  });
  const std::uint64_t all = std::accumulate(perMeasure.begin(), perMeasure.end(), std::uint64_t{0});

  out += "<h2 id=\"gaps\">Care gaps</h2>\n";
  out += fmt::format(
      "<p><span id=\"gaps-total\">{}</span> care gap(s) (eligible members outside the "
      "numerator) at {} provider(s); every gap, with what is missing, is in gaps.csv.</p>\n",
      formatGrouped(static_cast<double>(all), 0), byCount.size());
  if (byCount.empty()) return;
  std::vector<size_t> columns;  // measures with gaps, in run order
  for (size_t i = 0; i < outcomes.size(); ++i)
    if (perMeasure[i] > 0) columns.push_back(i);
  const size_t shown = std::min(byCount.size(), limits.gapProviders);
  out += fmt::format(
      "<h3>The {} provider(s) with the most gaps: gap members per measure</h3>\n<div "
      "class=\"wide\"><table class=\"gaps\">\n<tr><th>provider</th><th class=\"num\">gaps</th>",
      shown);
  for (size_t i : columns)
    out += "<th class=\"num\">" + escapeHtml(outcomes[i].measure->id) + "</th>";
  out += "</tr>\n";
  for (size_t k = 0; k < shown; ++k) {
    const size_t slot = byCount[k].second;
    const store::ProviderId provider =
        slot == providerCount ? store::kNoProvider : static_cast<store::ProviderId>(slot);
    out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td>",
                       providerLabel(*in.store, provider), byCount[k].first);
    for (size_t i : columns) {
      const std::uint64_t n = gaps[slot][i];
      out += n == 0 ? std::string("<td class=\"num muted\">0</td>")
                    : fmt::format("<td class=\"num\">{}</td>", n);
    }
    out += "</tr>\n";
  }
  out += "</table></div>\n";
  if (byCount.size() > shown)
    out += fmt::format(
        "<p class=\"note\" id=\"gaps-left-out\">{} more provider(s) with gaps not shown: see "
        "gaps.csv.</p>\n",
        byCount.size() - shown);
}

}  // namespace mc::output::report
