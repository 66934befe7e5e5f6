// The code sets a hand-written measure reads, bound the way `measurec run`
// binds them: the shipped .measure file compiled and lowered by the
// compiler, its sets bound to the store's code dictionary by
// interp::CodeSetBinding. So the baseline reads the same code lists as the
// run and cannot drift from the measure. Only the membership test is the
// baseline's own: one mask per code id, bit i for the i-th set asked for, so
// the sets an event is in are the OR of its codes' masks (one load per code,
// whatever the number of sets).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "interp/CodeSetBinding.h"
#include "ir/Ir.h"
#include "store/MemberStore.h"

namespace mc::bench {

// Compiles and lowers the measures of `files` (as `measurec run FILE...`
// does); false with `error` set when they do not compile.
bool lowerMeasures(const std::vector<std::string>& files, std::vector<ir::Measure>& out,
                   std::string& error);

class CodeMasks {
 public:
  // `sets`: code set names of `measure` (at most 32), bit i for sets[i].
  // Aborts the program when a name is not a set of the measure: the
  // baseline no longer matches the measure file.
  CodeMasks(const ir::Measure& measure, const store::MemberStore& store,
            const std::vector<std::string>& sets);

  std::uint32_t of(store::CodeId code) const { return mask_[code]; }
  // The sets one of the event's codes is in.
  std::uint32_t event(const store::EventTable& t, std::uint32_t e) const {
    std::uint32_t m = 0;
    for (std::uint32_t c = t.codeStart[e]; c < t.codeStart[e + 1]; ++c) m |= mask_[t.codes[c]];
    return m;
  }
  const interp::CodeSetBinding& binding() const { return *binding_; }
  std::int32_t setIndex(size_t i) const { return index_[i]; }

 private:
  std::unique_ptr<interp::CodeSetBinding> binding_;
  std::vector<std::uint32_t> mask_;  // per code id
  std::vector<std::int32_t> index_;  // per name: the measure's set index
};

// Every query of `measure` counts the default statuses (kDefaultCountedStatuses),
// as the hand-written code assumes; aborts otherwise.
void requireDefaultStatuses(const ir::Measure& measure);

}  // namespace mc::bench
