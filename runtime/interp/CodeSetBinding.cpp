// Code sets -> bitsets over interned code ids.
#include "interp/CodeSetBinding.h"

#include <algorithm>

#include "support/CodeSystem.h"
#include "support/DependencyOrder.h"

namespace mc::interp {

// Each set is bound once, after the sets it refers to (found without
// recursion, so chains of thousands of sets are fine); a set referred to
// many times is copied from its bits, never expanded again.
CodeSetBinding::CodeSetBinding(const ir::Measure& measure, const store::CodeDictionary& codes) {
  bits_.resize(measure.codesets.size());
  drugs_.resize(measure.codesets.size());
  std::vector<bool> bound(measure.codesets.size(), false);
  const ir::CodeSet* first = measure.codesets.data();
  auto indexOf = [&](const ir::CodeSet* set) { return static_cast<std::int32_t>(set - first); };
  using Use = Dependency<ir::CodeSet, const ir::CodeSetTerm*>;
  auto usesOf = [&](const ir::CodeSet& set) {
    std::vector<Use> uses;
    for (const ir::CodeSetTerm& t : set.terms) {
      if (t.ref >= 0 && static_cast<size_t>(t.ref) < measure.codesets.size())
        uses.push_back({&t, first + t.ref});
    }
    return uses;
  };
  auto done = [&](const ir::CodeSet* set) { return bound[static_cast<size_t>(indexOf(set))]; };
  for (size_t i = 0; i < measure.codesets.size(); ++i) {
    // Lowering rules out cycles; a use that closes one would find empty bits.
    const auto found =
        dependencyOrder<ir::CodeSet, const ir::CodeSetTerm*>(first + i, usesOf, done);
    for (const ir::CodeSet* set : found.order) {
      bindTerms(measure, codes, indexOf(set));
      bound[static_cast<size_t>(indexOf(set))] = true;
    }
  }
}

void CodeSetBinding::bindTerms(const ir::Measure& m, const store::CodeDictionary& codes,
                               std::int32_t set) {
  const size_t words = codes.size() / 64 + 1;
  std::vector<std::uint64_t>& bits = bits_[set];
  bits.assign(words, 0);
  std::vector<std::uint64_t> termBits(words, 0);
  auto& drugs = drugs_[static_cast<size_t>(set)];
  for (const ir::CodeSetTerm& term : m.codesets[set].terms) {
    if (term.ref >= 0) {
      termBits = bits_[term.ref];
      termBits.resize(words, 0);
      // A referred set's drug groups come along (they stay on subtracted
      // codes, which contains() turns away anyway).
      if (!term.subtract)
        for (const auto& [code, drug] : drugs_[static_cast<size_t>(term.ref)])
          drugs.emplace(code, drug);
    } else {
      std::fill(termBits.begin(), termBits.end(), 0);
      for (store::CodeId id = 0; id < codes.size(); ++id) {
        if (codes.system(id) != term.system) continue;
        const std::string& code = codes.code(id);
        for (const ir::CodeRange& r : term.codes) {
          const bool hit = r.family       ? codeInFamily(code, r.lo)
                           : r.lo == r.hi ? code == r.lo
                                          : codeInRange(term.system, code, r.lo, r.hi);
          if (hit) {
            termBits[id >> 6] |= std::uint64_t{1} << (id & 63);
            if (!r.drug.empty() && !term.subtract) drugs.emplace(id, drugId(r.drug));
            break;
          }
        }
      }
    }
    for (size_t w = 0; w < words; ++w) {
      bits[w] = term.subtract ? (bits[w] & ~termBits[w]) : (bits[w] | termBits[w]);
    }
  }
}

std::uint32_t CodeSetBinding::drugId(const std::string& name) {
  return drugIds_.emplace(name, static_cast<std::uint32_t>(drugIds_.size())).first->second;
}

size_t CodeSetBinding::size(std::int32_t set) const {
  size_t n = 0;
  for (std::uint64_t w : bits_[set]) n += static_cast<size_t>(__builtin_popcountll(w));
  return n;
}

}  // namespace mc::interp
