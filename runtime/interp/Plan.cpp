// Building the per-run plan.
#include "interp/Plan.h"

#include "ir/Invariance.h"

namespace mc::interp {

// Nodes are in dependency order, so when an independent node is computed its
// operands (all independent) already have their values in the plan the
// interpreter reads them from.
Plan makePlan(const ir::Measure& measure, const store::MemberStore& store,
              const CodeSetBinding& codes, Period period) {
  Plan plan;
  plan.period = period;
  plan.independent = ir::memberIndependent(measure);
  plan.values.resize(measure.nodes.size());
  Interpreter in(measure, store, codes, plan);
  for (size_t i = 0; i < measure.nodes.size(); ++i)
    if (plan.independent[i]) plan.values[i] = in.compute(measure.nodes[i]);
  return plan;
}

}  // namespace mc::interp
