// The order of providers' provider_id texts (UNLINKED among them, where its
// text falls), as one number per provider: result files sorted by provider
// text compare two numbers per pair of rows instead of two texts.
#pragma once

#include <cstdint>
#include <vector>

#include "store/MemberStore.h"

namespace mc::score {

class ProviderTextRanks {
 public:
  explicit ProviderTextRanks(const store::ProviderTable& providers);
  // Equal texts, equal ranks; a smaller text, a smaller rank. kNoProvider
  // (and any id past the table, which reads as UNLINKED too) has the rank
  // of the text UNLINKED.
  std::uint32_t of(store::ProviderId p) const {
    return p < ranks_.size() - 1 ? ranks_[p] : ranks_.back();
  }

 private:
  std::vector<std::uint32_t> ranks_;  // per ProviderId, then UNLINKED's
};

}  // namespace mc::score
