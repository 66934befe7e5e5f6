// Attribution: the provider a member's results are reported under, the linked
// PCP of DATA.md and MEASURES.md ("Conventions every measure follows").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/MemberStore.h"
#include "support/Date.h"

namespace mc::score {

// The provider id written for members without a linked PCP.
inline constexpr std::string_view kUnlinked = "UNLINKED";

// The pcp_id of the enrollment span covering `attributionDate` (start <= date
// <= end, open ends included). Where covering spans overlap, the latest start
// wins. kNoProvider when no span covers the date or its pcp_id is empty.
store::ProviderId linkedPcp(const store::MemberStore& store, store::MemberIndex member,
                            Days attributionDate);

// A member's pharmacy for a pharmacy-attributed measure (`attribute to
// pharmacy of QUERY`, DATA.md): the pharmacy that dispensed most of the
// query's fills; a tie goes to the pharmacy of the latest fill, then to the
// smaller pharmacy id (text order, as the results files sort). A fill counts
// when it has a pharmacy_id that providers.csv does not list as another
// kind; with no such fill the member is UNLINKED (kNoProvider), as a member
// without a linked PCP is.
struct PharmacyTally {
  store::ProviderId pharmacy = store::kNoProvider;
  std::uint32_t fills = 0;
  Days latestFill = kNoDate;
};
struct PharmacyChoice {
  store::ProviderId pharmacy = store::kNoProvider;
  std::vector<PharmacyTally> tallies;  // per pharmacy with a counted fill, chosen one first
};
// `fills`: indexes into the pharmacy event table (the query's matches).
PharmacyChoice attributedPharmacy(const store::MemberStore& store,
                                  const std::vector<std::uint32_t>& fills);

// For explain: "PH1: 3 fill(s), the most (PH2: 1)", "PH1: 2 fill(s), tied,
// the latest fill 2016-05-01 (PH2: 2, latest 2016-03-01)" or "UNLINKED: no
// fill of the query has a pharmacy".
std::string pharmacyChoiceText(const store::ProviderTable& providers, const PharmacyChoice& c);

// The provider_id text of results files: the provider's id, or UNLINKED.
std::string_view providerIdText(const store::ProviderTable& providers, store::ProviderId provider);

}  // namespace mc::score
