// The participation line of `run` (ParticipationSummary.h).
#include "ParticipationSummary.h"

#include <fmt/format.h>

#include <map>

#include "score/Attribution.h"

namespace mc::cli {

std::string participationSummary(const store::MemberStore& store,
                                 const std::vector<score::ParticipationRow>& rows) {
  // The last month's row of each provider per gate: rows come in month
  // order per provider, so the last one seen wins.
  struct Gate {
    std::string month;
    std::map<store::ProviderId, bool> met;
  };
  std::vector<std::string> order;  // gates as the rows first name them
  std::map<std::string, Gate> gates;
  for (const score::ParticipationRow& r : rows) {
    auto [it, added] = gates.try_emplace(r.gate);
    if (added) order.push_back(r.gate);
    Gate& g = it->second;
    if (r.month > g.month) g.month = r.month;
    g.met[r.provider] = r.met;
  }
  std::string out;
  constexpr size_t kNamed = 10;
  for (const std::string& name : order) {
    const Gate& g = gates.at(name);
    std::vector<std::string> missing;
    for (const auto& [provider, met] : g.met)
      if (!met) missing.emplace_back(score::providerIdText(store.providers, provider));
    std::string named;
    for (size_t i = 0; i < missing.size() && i < kNamed; ++i)
      named += (i == 0 ? "" : ", ") + missing[i];
    if (missing.size() > kNamed) named += fmt::format(" and {} more", missing.size() - kNamed);
    out += fmt::format(
        "participation ({}): {} of {} PCP(s) have met the gate by the end of {}{} "
        "(participation.csv, a "
        "line per PCP and month)\n",
        name, g.met.size() - missing.size(), g.met.size(), g.month,
        missing.empty() ? std::string() : "; not: " + named);
  }
  return out;
}

}  // namespace mc::cli
