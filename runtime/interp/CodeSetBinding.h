// Binds a measure's code sets to the codes a data directory actually holds:
// each set becomes a bitset over the store's interned code ids, so testing a
// code is one load and a mask.
#pragma once

#include <cstdint>
#include <vector>

#include "ir/Ir.h"
#include "store/MemberStore.h"

namespace mc::interp {

class CodeSetBinding {
 public:
  CodeSetBinding(const ir::Measure& measure, const store::CodeDictionary& codes);

  bool contains(std::int32_t set, store::CodeId code) const {
    const std::vector<std::uint64_t>& bits = bits_[set];
    return (bits[code >> 6] >> (code & 63)) & 1u;
  }
  // Number of the store's codes in `set` (for explain and tests).
  size_t size(std::int32_t set) const;

 private:
  void bindTerms(const ir::Measure& m, const store::CodeDictionary& codes, std::int32_t set);

  std::vector<std::vector<std::uint64_t>> bits_;
};

}  // namespace mc::interp
