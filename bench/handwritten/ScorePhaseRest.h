// The part of `measurec run`'s score phase (run.json timings.score) that is
// not the engine: binding the code sets and planning each measure, every
// member's linked PCP, the pharmacy that a PDC_STA member is attributed to
// (asked of the interpreter, as the JIT's runs do), provider rates and
// strata (interp/Scoring.cpp, tools/measurec/RunCommand.cpp). Run here with
// the run's own code over the hand-written outcomes, so that the
// hand-written engine plus this is the same phase as timings.score.
#pragma once

#include <vector>

#include "MemberFlags.h"
#include "ir/Ir.h"
#include "store/MemberStore.h"

namespace mc::bench {

// flags[i] are the outcomes of measures[i]; returns the seconds it took.
// `threads` as for the engine loops.
double scorePhaseRest(const std::vector<const ir::Measure*>& measures,
                      const std::vector<std::vector<MemberFlags>>& flags,
                      const store::MemberStore& store, Year mp, int threads);

}  // namespace mc::bench
