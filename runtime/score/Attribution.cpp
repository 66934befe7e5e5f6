// The linked PCP of a member on an attribution date.
#include "score/Attribution.h"

#include <fmt/format.h>

#include <algorithm>

namespace mc::score {

store::ProviderId linkedPcp(const store::MemberStore& store, store::MemberIndex member,
                            Days attributionDate) {
  const store::EnrollmentTable& spans = store.enrollment;
  if (member + 1 >= spans.memberStart.size()) return store::kNoProvider;
  store::ProviderId pcp = store::kNoProvider;
  bool found = false;
  Days latestStart = kNoDate;
  // Spans are sorted by (start, end, line): among covering spans with the
  // same start, the last one listed wins, so the choice is deterministic.
  for (std::uint32_t i = spans.memberStart[member]; i < spans.memberStart[member + 1]; ++i) {
    if (spans.start[i] > attributionDate || spans.end[i] < attributionDate) continue;
    if (!found || spans.start[i] >= latestStart) {
      found = true;
      latestStart = spans.start[i];
      pcp = spans.pcp[i];
    }
  }
  return pcp;
}

PharmacyChoice attributedPharmacy(const store::MemberStore& store,
                                  const std::vector<std::uint32_t>& fills) {
  const store::EventTable& t = store.table(store::EventKind::Pharmacy);
  const store::ProviderTable& providers = store.providers;
  PharmacyChoice out;
  for (const std::uint32_t e : fills) {
    const store::ProviderId p = t.provider[e];
    if (p == store::kNoProvider) continue;
    // A fill "dispensed" by a listed PCP or hospital is not a pharmacy's.
    if (p < providers.size() && providers.listed[p] &&
        providers.kind[p] != store::ProviderKind::Pharmacy)
      continue;
    auto it = std::find_if(out.tallies.begin(), out.tallies.end(),
                           [&](const PharmacyTally& x) { return x.pharmacy == p; });
    if (it == out.tallies.end()) it = out.tallies.insert(out.tallies.end(), PharmacyTally{p});
    ++it->fills;
    if (it->latestFill == kNoDate || t.date[e] > it->latestFill) it->latestFill = t.date[e];
  }
  // Most fills, then the latest fill, then the smaller id.
  std::sort(out.tallies.begin(), out.tallies.end(),
            [&](const PharmacyTally& a, const PharmacyTally& b) {
              if (a.fills != b.fills) return a.fills > b.fills;
              if (a.latestFill != b.latestFill) return a.latestFill > b.latestFill;
              return providerIdText(providers, a.pharmacy) < providerIdText(providers, b.pharmacy);
            });
  if (!out.tallies.empty()) out.pharmacy = out.tallies.front().pharmacy;
  return out;
}

std::string pharmacyChoiceText(const store::ProviderTable& providers, const PharmacyChoice& c) {
  if (c.tallies.empty()) return std::string(kUnlinked) + ": no fill of the query has a pharmacy";
  const PharmacyTally& first = c.tallies.front();
  const bool tied = c.tallies.size() > 1 && c.tallies[1].fills == first.fills;
  const bool sameLatest = tied && c.tallies[1].latestFill == first.latestFill;
  std::string out =
      fmt::format("{}: {} fill(s), {}", providerIdText(providers, first.pharmacy), first.fills,
                  !tied        ? "the most"
                  : sameLatest ? "tied, latest fill on the same day: the smaller id"
                               : "tied, the latest fill " + formatIsoDate(first.latestFill));
  std::string others;
  for (size_t i = 1; i < c.tallies.size(); ++i)
    others += fmt::format("{}{}: {}, latest {}", others.empty() ? "" : "; ",
                          providerIdText(providers, c.tallies[i].pharmacy), c.tallies[i].fills,
                          formatIsoDate(c.tallies[i].latestFill));
  if (!others.empty()) out += " (" + others + ")";
  return out;
}

std::string_view providerIdText(const store::ProviderTable& providers, store::ProviderId provider) {
  if (provider == store::kNoProvider || provider >= providers.id.size()) return kUnlinked;
  return providers.id[provider];
}

}  // namespace mc::score
