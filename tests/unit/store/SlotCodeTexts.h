// Loader tests of coded fields (support/CodeSlots.h): one enrolled member to
// hang rows on, and the codes an event holds in a slot, as `SYSTEM:code`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "TempDataDir.h"
#include "store/MemberStore.h"

namespace mc::store::test {

// members.csv and enrollment.csv with member M1 (PCP P1) enrolled from 2024.
inline void writeOneMember(const TempDataDir& dir, const std::string& birthDate) {
  dir.write("members.csv", "member_id,birth_date,sex\nM1," + birthDate + ",F\n");
  dir.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2024-01-01,,P1\n");
}

inline std::vector<std::string> slotCodes(const MemberStore& s, const EventTable& t, CodeSlot slot,
                                          std::uint32_t e) {
  std::vector<std::string> out;
  const SlotCodes& codes = t.slots[static_cast<size_t>(slot)];
  for (std::uint32_t c = codes.begin(e); c < codes.end(e); ++c)
    out.push_back(s.codes.qualified(codes.codes[c]));
  return out;
}

}  // namespace mc::store::test
