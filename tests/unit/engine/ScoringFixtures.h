// The measures and provider rates the scoring tests build by hand: a
// measure is an id and a kind, a rate what providerRates would give.
#pragma once

#include <string>

#include "ir/Ir.h"
#include "score/ProviderRates.h"

namespace mc::test {

inline ir::Measure measureOf(const std::string& id,
                             ir::MeasureKind kind = ir::MeasureKind::Proportion) {
  ir::Measure m;
  m.id = id;
  m.kind = kind;
  return m;
}

inline score::ProviderRate rateOf(store::ProviderId p, const ir::Measure& m, double rate,
                                  bool qualifies = true) {
  score::ProviderRate r;
  r.provider = p;
  r.measure = &m;
  r.rate = rate;
  r.qualifies = qualifies;
  return r;
}

}  // namespace mc::test
