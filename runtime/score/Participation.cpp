// The monthly participation indicator; the rule is in Participation.h.
#include "score/Participation.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "score/Attribution.h"
#include "score/Gate.h"
#include "support/EventVocabulary.h"

namespace mc::score {

namespace {

int monthIndex(Days d) {
  const CivilDate c = civilFromDays(d);
  return c.year * 12 + (c.month - 1);
}

}  // namespace

std::vector<ParticipationRow> monthlyParticipation(const store::MemberStore& store,
                                                   const ir::ProgramGate& gate, Days start,
                                                   Days end) {
  std::vector<ParticipationRow> out;
  if (start > end) return out;
  const int first = monthIndex(start);
  const int months = monthIndex(end) - first + 1;
  // Per provider: submissions per month, and the first qualifying date.
  std::map<store::ProviderId, std::vector<std::uint32_t>> counts;
  std::map<store::ProviderId, Days> earliest;
  const store::EventTable& t = store.table(store::EventKind::Immunization);
  for (size_t i = 0; i < t.size(); ++i) {
    if (!gateSubmission(t, i, gate)) continue;
    const store::ProviderId p = t.provider[i];
    auto [e, fresh] = earliest.emplace(p, t.date[i]);
    if (!fresh) e->second = std::min(e->second, t.date[i]);
    const int m = monthIndex(t.date[i]) - first;
    if (m < 0 || m >= months) continue;
    auto& c = counts[p];
    c.resize(static_cast<size_t>(months), 0);
    ++c[static_cast<size_t>(m)];
  }
  std::vector<store::ProviderId> pcps;
  for (store::ProviderId p = 0; p < store.providers.size(); ++p)
    if (store.providers.kind[p] == store::ProviderKind::Pcp) pcps.push_back(p);
  std::sort(pcps.begin(), pcps.end(), [&](store::ProviderId a, store::ProviderId b) {
    return store.providers.id[a] < store.providers.id[b];
  });
  for (store::ProviderId p : pcps) {
    const auto c = counts.find(p);
    const auto e = earliest.find(p);
    for (int m = 0; m < months; ++m) {
      const int year = (first + m) / 12;
      const int month = (first + m) % 12 + 1;
      const Days monthEnd = addMonths(daysFromCivil(year, month, 1), 1) - 1;
      ParticipationRow row;
      row.provider = p;
      row.gate = gate.name;
      row.month = fmt::format("{:04d}-{:02d}", year, month);
      if (c != counts.end()) row.submissions = c->second[static_cast<size_t>(m)];
      row.met = e != earliest.end() && e->second <= std::min(monthEnd, gate.onOrBefore);
      out.push_back(std::move(row));
    }
  }
  return out;
}

}  // namespace mc::score
