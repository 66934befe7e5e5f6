// rewards/<REWARD>.csv: member_id, reward, earned_on, provider_id.
#include "output/RewardsWriter.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <system_error>

#include "score/Attribution.h"
#include "support/CsvWriter.h"
#include "support/Date.h"

namespace mc::output {

RewardCount writeReward(std::ostream& out, const store::MemberStore& store,
                        const score::MeasureOutcomes& reward) {
  RewardCount count;
  count.reward = reward.measure->id;
  std::vector<std::uint32_t> earned;
  const size_t n = std::min(reward.members.size(), store.memberCount());
  for (size_t m = 0; m < n; ++m) {
    // In the numerator implies in the population.
    if (!reward.members.population(m)) continue;
    const score::OutcomeView o = reward.members[m];
    if (!o.numerator) continue;
    // A rule met on no date of the data: no date to pay it on.
    if (o.earnedOn == kNoDate) {
      ++count.earnedOnMissing;
      continue;
    }
    earned.push_back(static_cast<std::uint32_t>(m));
  }
  const auto byId = [&](std::uint32_t a, std::uint32_t b) {
    return store.members.id[a] < store.members.id[b];
  };
  // Members are usually listed in id order already: then a check suffices.
  if (!std::is_sorted(earned.begin(), earned.end(), byId))
    std::sort(earned.begin(), earned.end(), byId);
  count.members = earned.size();
  csv::CsvWriter w(out);
  w.row({"member_id", "reward", "earned_on", "provider_id"});
  for (const std::uint32_t m : earned) {
    const store::ProviderId provider =
        m < reward.provider.size() ? reward.provider[m] : store::kNoProvider;
    w.field(std::string(store.members.id[m]));
    w.field(reward.measure->id);
    w.field(formatIsoDate(reward.members[m].earnedOn));
    w.field(std::string(score::providerIdText(store.providers, provider)));
    w.endRow();
  }
  return count;
}

std::optional<OutputError> writeRewardFiles(const ResultsDirectory& dir,
                                            const store::MemberStore& store,
                                            const std::vector<score::MeasureOutcomes>& rewards,
                                            std::vector<RewardCount>& counts) {
  if (rewards.empty()) return std::nullopt;
  std::error_code ec;
  std::filesystem::create_directories(dir.file("rewards"), ec);
  if (ec) {
    return OutputError{dir.file("rewards").string(), "cannot create directory: " + ec.message(),
                       "check that the results directory is writable"};
  }
  for (const score::MeasureOutcomes& r : rewards) {
    RewardCount count;
    auto error = dir.writeFile("rewards/" + r.measure->id + ".csv",
                               [&](std::ostream& out) { count = writeReward(out, store, r); });
    if (error) return error;
    counts.push_back(std::move(count));
  }
  return std::nullopt;
}

}  // namespace mc::output
