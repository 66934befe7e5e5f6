// The monthly participation indicator of a program gate (the GQ P4P's CAIR2
// "participation status indicator" of the monthly interim reports, seed
// 000): per PCP and month of the measurement period, how many immunizations
// it entered from the gate's source that month, and whether it has met the
// gate by the month's end.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/Ir.h"
#include "store/MemberStore.h"

namespace mc::score {

struct ParticipationRow {
  store::ProviderId provider = store::kNoProvider;
  std::string gate;
  std::string month;  // YYYY-MM
  std::uint32_t submissions = 0;
  // Has a qualifying submission on or before the earlier of the month's end
  // and the gate's date (a late submission never meets the gate).
  bool met = false;
};

// Rows for every PCP (providers.csv kind pcp) in provider_id order, each
// with every month from `start`'s to `end`'s; statuses as for checkGate.
std::vector<ParticipationRow> monthlyParticipation(const store::MemberStore& store,
                                                   const ir::ProgramGate& gate, Days start,
                                                   Days end);

}  // namespace mc::score
