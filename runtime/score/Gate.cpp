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
    const store::ProviderId p = t.provider[i];
    if (p == store::kNoProvider || p >= out.passed.size()) continue;
    if (static_cast<int>(t.source[i]) != gate.source || t.date[i] > gate.onOrBefore) continue;
    if ((kDefaultCountedStatuses & (StatusMask{1} << t.status[i])) == 0) continue;
    out.passed[p] = 1;
  }
  return out;
}

}  // namespace mc::score
