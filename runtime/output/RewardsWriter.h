// rewards/<REWARD>.csv (DATA.md, Outputs): per member reward, the members
// who earned it in the period, with the date and their linked PCP.
#pragma once

#include <optional>
#include <ostream>
#include <vector>

#include "output/ResultsDirectory.h"
#include "output/RunReport.h"
#include "score/Outcome.h"
#include "store/MemberStore.h"

namespace mc::output {

// The rows of one reward (`rewards` holds a reward measure's outcomes),
// sorted by member_id, under the header; a member in the numerator whose
// `earned on` date is missing is left out (and counted).
RewardCount writeReward(std::ostream& out, const store::MemberStore& store,
                        const score::MeasureOutcomes& reward);

// rewards/<ID>.csv for each reward (a header even when nobody earned it),
// in the results directory's staging area; the counts in `counts`.
std::optional<OutputError> writeRewardFiles(const ResultsDirectory& dir,
                                            const store::MemberStore& store,
                                            const std::vector<score::MeasureOutcomes>& rewards,
                                            std::vector<RewardCount>& counts);

}  // namespace mc::output
