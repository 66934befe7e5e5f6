// Ranking providers by their provider_id text, once per run.
#include "score/ProviderTextRanks.h"

#include <algorithm>
#include <string_view>

#include "score/Attribution.h"

namespace mc::score {

ProviderTextRanks::ProviderTextRanks(const store::ProviderTable& providers) {
  const size_t n = providers.id.size();
  // Slot n stands for UNLINKED.
  const auto textOf = [&](size_t slot) {
    return providerIdText(providers,
                          slot < n ? static_cast<store::ProviderId>(slot) : store::kNoProvider);
  };
  std::vector<std::uint32_t> order(n + 1);
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return textOf(a) < textOf(b); });
  ranks_.assign(n + 1, 0);
  std::uint32_t rank = 0;
  for (size_t k = 0; k < order.size(); ++k) {
    if (k > 0 && textOf(order[k]) != textOf(order[k - 1])) ++rank;
    ranks_[order[k]] = rank;
  }
}

}  // namespace mc::score
