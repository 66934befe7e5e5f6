// Code sets -> bitsets over interned code ids.
#include "interp/CodeSetBinding.h"

#include <bit>

#include "support/CodeSystem.h"

namespace mc::interp {

CodeSetBinding::CodeSetBinding(const ir::Measure& measure, const store::CodeDictionary& codes) {
  bits_.resize(measure.codesets.size());
  std::vector<int> state(measure.codesets.size(), 0);  // 0 unbound, 1 binding, 2 bound
  for (size_t i = 0; i < measure.codesets.size(); ++i) {
    bind(measure, codes, static_cast<std::int32_t>(i), state);
  }
}

const std::vector<std::uint64_t>& CodeSetBinding::bind(const ir::Measure& m,
                                                       const store::CodeDictionary& codes,
                                                       std::int32_t set, std::vector<int>& state) {
  std::vector<std::uint64_t>& bits = bits_[set];
  if (state[set] != 0) return bits;  // sema rules out cycles; 1 cannot recur
  state[set] = 1;
  const size_t words = codes.size() / 64 + 1;
  bits.assign(words, 0);
  for (const ir::CodeSetTerm& term : m.codesets[set].terms) {
    std::vector<std::uint64_t> termBits(words, 0);
    if (term.ref >= 0) {
      termBits = bind(m, codes, term.ref, state);
    } else {
      for (store::CodeId id = 0; id < codes.size(); ++id) {
        if (codes.system(id) != term.system) continue;
        const std::string& code = codes.code(id);
        for (const ir::CodeRange& r : term.codes) {
          const bool hit = r.lo == r.hi ? code == r.lo : codeInRange(term.system, code, r.lo, r.hi);
          if (hit) {
            termBits[id >> 6] |= std::uint64_t{1} << (id & 63);
            break;
          }
        }
      }
    }
    for (size_t w = 0; w < words; ++w) {
      bits[w] = term.subtract ? (bits[w] & ~termBits[w]) : (bits[w] | termBits[w]);
    }
  }
  state[set] = 2;
  return bits;
}

size_t CodeSetBinding::size(std::int32_t set) const {
  size_t n = 0;
  for (std::uint64_t w : bits_[set]) n += static_cast<size_t>(__builtin_popcountll(w));
  return n;
}

}  // namespace mc::interp
