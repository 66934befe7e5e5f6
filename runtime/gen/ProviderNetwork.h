// The provider network of a generated population: PCP offices, OB/GYN and
// other specialists, hospitals, labs, pharmacies and a few other sites. Its
// size grows with the number of members (about one PCP office per 900
// members, one pharmacy per 1,250) so that per-provider denominators look
// alike at any scale; it depends on the member count only.
#pragma once

#include <cstdint>
#include <string>

#include "support/Date.h"

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

  // One PCP office in eleven is new to the network this year and has only a
  // handful of linked members: below every minimum denominator, it is scored
  // and earns no points (what a program's scorecard must show as well).
  static bool newPcpOffice(std::uint32_t pcp) { return pcp % 11 == 10; }

  // One store in eight (an in-county one) has no pharmacist outreach: no
  // refill reminders, so its members refill late more often (lower PDC), and
  // no calls to prescribers about diabetics without a statin (lower SUPD) or
  // about reliever overuse (higher ASM_SOC): the gaps pharmacies are paid to
  // close.
  static bool noPharmacistOutreach(std::uint32_t pharmacy) { return pharmacy % 8 == 2; }

  // Pharmacies come in eights (pharmacy P4P eligibility, seed 004, varies):
  // most are in San Bernardino or Riverside county and open all year; one in
  // eight opens on April 1 of the measurement year, one closes on September
  // 30, two are small stores few members use, two are outside the counties.
  static bool smallPharmacy(std::uint32_t pharmacy) {
    return pharmacy % 8 == 4 || pharmacy % 8 == 7;
  }
  static bool pharmacyOpen(std::uint32_t pharmacy, int year, Days d) {
    if (pharmacy % 8 == 5) return d >= daysFromCivil(year, 4, 1);
    if (pharmacy % 8 == 6) return d <= daysFromCivil(year, 9, 30);
    return true;
  }
  static const char* pharmacyCounty(std::uint32_t pharmacy);
  // One PCP office in seven joins the state immunization registry (CAIR2)
  // only on July 15 of the measurement year: its earlier shots reach the
  // plan by claim, so it fails the GQ P4P participation gate (seed 000: a
  // registry submission by July 1).
  static bool registryFromJuly(std::uint32_t pcp) { return pcp % 7 == 5; }

  static void appendId(std::string& out, ProviderRef p);
  // providers.csv, header included; attribute dates fall in `period`.
  std::string providersFile(int period) const;

 private:
  std::uint32_t counts_[kProviderRoleCount];
};

}  // namespace mc::gen
