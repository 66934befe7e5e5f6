// Ranks of the provider, measure and member id strings, and the counting
// sort of rows by provider rank.
#include "output/ResultOrder.h"

#include <algorithm>

#include "score/Attribution.h"

namespace mc::output {
namespace {

// Indexes 0..count-1 in the string order of their keys, ties in index order;
// `inIndexOrder` (when given) says whether that is 0, 1, 2, ...
template <class Key>
std::vector<std::uint32_t> inKeyOrder(size_t count, Key key, bool* inIndexOrder = nullptr) {
  std::vector<std::uint32_t> order(count);
  std::iota(order.begin(), order.end(), 0u);
  const auto less = [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); };
  // Data directories usually list members in id order already.
  const bool sorted = std::is_sorted(order.begin(), order.end(), less);
  if (!sorted) std::stable_sort(order.begin(), order.end(), less);
  if (inIndexOrder != nullptr) *inIndexOrder = sorted;
  return order;
}

}  // namespace

ResultOrder resultOrder(const store::MemberStore& store,
                        const std::vector<score::MeasureOutcomes>& outcomes) {
  ResultOrder out;
  const store::ProviderTable& providers = store.providers;
  const auto providerText = [&](size_t slot) {
    return slot == providers.size()
               ? score::kUnlinked
               : score::providerIdText(providers, static_cast<store::ProviderId>(slot));
  };
  out.providerRank.resize(providers.size() + 1);
  for (const std::uint32_t slot : inKeyOrder(providers.size() + 1, providerText)) {
    const std::string_view text = providerText(slot);
    if (out.providerText.empty() || text != out.providerText.back())
      out.providerText.push_back(text);
    out.providerRank[slot] = static_cast<std::uint32_t>(out.providerText.size() - 1);
  }
  out.members = inKeyOrder(
      store.memberCount(), [&](size_t m) { return std::string_view(store.members.id[m]); },
      &out.membersInIndexOrder);
  out.measures = inKeyOrder(outcomes.size(),
                            [&](size_t i) { return std::string_view(outcomes[i].measure->id); });
  return out;
}

}  // namespace mc::output
