// Program participation gates (`gate NAME: provider has immunization from
// registry on or before DATE`): which providers pass, and the scorecard's
// why for one that does not. A provider failing a gate earns no dollars.
#pragma once

#include <string>
#include <vector>

#include "ir/Ir.h"
#include "store/MemberStore.h"

namespace mc::score {

struct GateResult {
  std::string why;  // "gate: no registry submission by 2022-07-01"
  // Indexed by ProviderId: 1 when the provider passes.
  std::vector<std::uint8_t> passed;
  // Indexed by ProviderId, optional: a why of the provider's own where the
  // reason differs per provider (the pharmacy eligibility names the
  // criteria each pharmacy fails); empty entries fall back to `why`.
  std::vector<std::string> whyByProvider = {};

  bool passes(store::ProviderId p) const { return p < passed.size() && passed[p] != 0; }
  const std::string& whyFor(store::ProviderId p) const {
    return p < whyByProvider.size() && !whyByProvider[p].empty() ? whyByProvider[p] : why;
  }
};

// A provider passes when an immunization of a counted status (an
// entered-in-error record is no submission) from the gate's source was given
// under its own provider_id on or before the gate's date.
GateResult checkGate(const store::MemberStore& store, const ir::ProgramGate& gate);

// Whether immunization `i` is a submission for `gate` (its source, a counted
// status, a provider), whatever its date: the one rule the gate and the
// monthly participation indicator share.
bool gateSubmission(const store::EventTable& immunizations, size_t i, const ir::ProgramGate& gate);

}  // namespace mc::score
