// Program participation gates; the rule is in Gate.h.
#include "score/Gate.h"

#include <fmt/format.h>

#include "support/EventVocabulary.h"

namespace mc::score {

GateResult checkGate(const store::MemberStore& store, const ir::ProgramGate& gate) {
  GateResult out;
  out.why = fmt::format("gate: no {} submission by {}", kSourceNames[gate.source],
                        formatIsoDate(gate.onOrBefore));
  out.passed.assign(store.providers.size(), 0);
  const store::EventTable& t = store.table(store::EventKind::Immunization);
  for (size_t i = 0; i < t.size(); ++i) {
    if (!gateSubmission(t, i, gate) || t.date[i] > gate.onOrBefore) continue;
    if (t.provider[i] < out.passed.size()) out.passed[t.provider[i]] = 1;
  }
  return out;
}

bool gateSubmission(const store::EventTable& t, size_t i, const ir::ProgramGate& gate) {
  return t.provider[i] != store::kNoProvider && static_cast<int>(t.source[i]) == gate.source &&
         (kDefaultCountedStatuses & (StatusMask{1} << t.status[i])) != 0;
}

}  // namespace mc::score
