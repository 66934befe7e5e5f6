// Attribution: the provider a member's results are reported under, the linked
// PCP of DATA.md and MEASURES.md ("Conventions every measure follows").
#pragma once

#include <string_view>

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

// The provider_id text of results files: the provider's id, or UNLINKED.
std::string_view providerIdText(const store::ProviderTable& providers, store::ProviderId provider);

}  // namespace mc::score
