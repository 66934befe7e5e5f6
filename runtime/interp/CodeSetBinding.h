// Binds a measure's code sets to the codes a data directory actually holds:
// each set becomes a bitset over the store's interned code ids, so testing a
// code is one load and a mask.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
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
  // The words of `set`'s bitset (bit c of word c / 64 is code id c), one
  // bit per code of the store: what compiled code tests (runtime/jit).
  const std::uint64_t* words(std::int32_t set) const { return bits_[set].data(); }
  // Number of the store's codes in `set` (for explain and tests).
  size_t size(std::int32_t set) const;

  // The drug group (a code file's `drug` column, interned across the
  // measure) of `code` in `set`; kNoDrug when the set gives it none. The
  // first term of the set that names a drug for the code decides.
  static constexpr std::uint32_t kNoDrug = 0xFFFFFFFFu;
  std::uint32_t drugOf(std::int32_t set, store::CodeId code) const {
    const auto& drugs = drugs_[static_cast<size_t>(set)];
    const auto it = drugs.find(code);
    return it == drugs.end() ? kNoDrug : it->second;
  }

 private:
  void bindTerms(const ir::Measure& m, const store::CodeDictionary& codes, std::int32_t set);

  std::uint32_t drugId(const std::string& name);

  std::vector<std::vector<std::uint64_t>> bits_;
  // Per set, the codes with a drug group; empty for sets without one.
  std::vector<std::unordered_map<store::CodeId, std::uint32_t>> drugs_;
  std::map<std::string, std::uint32_t> drugIds_;
};

}  // namespace mc::interp
