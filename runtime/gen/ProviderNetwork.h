// The provider network of a generated population: PCP offices, OB/GYN and
// other specialists, hospitals, labs, pharmacies and a few other sites. Its
// size grows with the number of members (about one PCP office per 900
// members, one pharmacy per 1,500) so that per-provider denominators look
// alike at any scale; it depends on the member count only.
#pragma once

#include <cstdint>
#include <string>

namespace mc::gen {

enum class ProviderRole {
  Pcp,
  ObGyn,
  Specialist,
  Hospital,
  Lab,
  Pharmacy,
  Imaging,
  Hospice,
  Dental,
};
inline constexpr int kProviderRoleCount = 9;

// What a PCP office mostly sees (pediatric offices take children, internal
// medicine adults, family practices everyone).
enum class PcpPractice { Pediatric, Family, Internal };

// A provider is (role, index); its id is the role's prefix and the index + 1.
struct ProviderRef {
  ProviderRole role = ProviderRole::Pcp;
  std::uint32_t index = 0;
  bool valid = false;
};

class ProviderNetwork {
 public:
  explicit ProviderNetwork(std::uint64_t members);

  std::uint32_t count(ProviderRole role) const { return counts_[static_cast<int>(role)]; }
  static PcpPractice practice(std::uint32_t pcp) {
    return pcp % 6 < 2 ? PcpPractice::Pediatric
                       : (pcp % 6 < 5 ? PcpPractice::Family : PcpPractice::Internal);
  }
  // The specialty of specialist `index` (cardiology, ...), as in referrals.csv.
  static const char* specialty(std::uint32_t specialist);

  static void appendId(std::string& out, ProviderRef p);
  // providers.csv, header included; attribute dates fall in `period`.
  std::string providersFile(int period) const;

 private:
  std::uint32_t counts_[kProviderRoleCount];
};

}  // namespace mc::gen
