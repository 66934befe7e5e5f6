// Ranks of the provider, measure and member id strings, and the counting
// sort of rows by provider rank.
#include "output/ResultOrder.h"

#include <algorithm>
#include <numeric>

#include "score/Attribution.h"

namespace mc::output {
namespace {

// Indexes 0..count-1 in the string order of their keys, ties in index order.
template <class Key>
std::vector<std::uint32_t> inKeyOrder(size_t count, Key key) {
  std::vector<std::uint32_t> order(count);
  std::iota(order.begin(), order.end(), 0u);
  const auto less = [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); };
  // Data directories usually list members in id order already.
  if (!std::is_sorted(order.begin(), order.end(), less))
    std::stable_sort(order.begin(), order.end(), less);
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
  out.members = inKeyOrder(store.memberCount(),
                           [&](size_t m) { return std::string_view(store.members.id[m]); });
  out.measures = inKeyOrder(outcomes.size(),
                            [&](size_t i) { return std::string_view(outcomes[i].measure->id); });
  return out;
}

void RowSorter::add(store::ProviderId slot, ResultRow row) {
  const size_t unlinked = order_.providerRank.size() - 1;
  rows_.push_back(row);
  rank_.push_back(order_.providerRank[slot < unlinked ? slot : unlinked]);
}

SortedRows RowSorter::sorted() const {
  SortedRows out;
  out.start.assign(order_.providerText.size() + 1, 0);
  for (const std::uint32_t r : rank_) ++out.start[r + 1];
  std::partial_sum(out.start.begin(), out.start.end(), out.start.begin());
  std::vector<std::size_t> next(out.start.begin(), out.start.end() - 1);
  out.rows.resize(rows_.size());
  for (size_t i = 0; i < rows_.size(); ++i) out.rows[next[rank_[i]]++] = rows_[i];
  return out;
}

}  // namespace mc::output
