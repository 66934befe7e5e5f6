// The linked PCP of a member on an attribution date.
#include "score/Attribution.h"

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

std::string_view providerIdText(const store::ProviderTable& providers, store::ProviderId provider) {
  if (provider == store::kNoProvider || provider >= providers.id.size()) return kUnlinked;
  return providers.id[provider];
}

}  // namespace mc::score
