// What the runtime helpers of the parts not compiled in line (the PQA day
// arithmetic of `pdc of`, the per-provider unit counts of `unit each`) need
// beyond the store: the measure, its code sets, the period's as-of day, the
// outcomes of the block being scored, and a fill list reused member after
// member. One per call of a compiled function (CompiledMeasure::score), on
// the caller's stack, so that threads never share one; compiled code passes
// its address to the helpers as an int64 and never reads it.
#pragma once

#include <vector>

#include "interp/CodeSetBinding.h"
#include "interp/Pdc.h"
#include "ir/Ir.h"
#include "score/Outcome.h"
#include "store/MemberStore.h"

namespace mc::jit {

struct JitScratch {
  const ir::Measure* measure = nullptr;
  const store::MemberStore* store = nullptr;
  const interp::CodeSetBinding* codes = nullptr;
  Days asOf = kNoDate;
  // The outcome of the block's first member (compiled code passes a
  // member's offset in the block).
  score::MemberOutcome* outs = nullptr;
  // The member's fills of the `pdc of` being computed.
  std::vector<interp::PdcFill> fills;
};

}  // namespace mc::jit
