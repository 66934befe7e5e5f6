// The interim report's next level per provider and measure; the rule is in
// Interim.h, the arithmetic in MembersNeeded.h.
#include "score/Interim.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "score/MembersNeeded.h"

namespace mc::score {

namespace {

std::string percentText(double percent) { return fmt::format("{:g}%", percent); }

// Whether the row reaches a level: exactly in member counts, or for a rate
// per member years on the rate itself (no member count to be exact about).
struct Reach {
  bool counted = false;  // members_needed applies
  std::int64_t numerator = 0, denominator = 0;
  double rate = 0;
  bool lower = false;

  bool tier(double tierRate) const {
    if (counted) return reachesLevel(numerator, denominator, levelFromRate(tierRate), lower);
    return lower ? rate <= tierRate : rate >= tierRate;
  }
  bool percent(double p) const {
    return counted && reachesLevel(numerator, denominator, levelFromPercent(p), lower);
  }
};

}  // namespace

InterimRow interimRow(const MeasureScoring& ms, const ProviderRate& r) {
  InterimRow row;
  row.rate = &r;
  const ir::Measure& m = *r.measure;
  Reach reach;
  reach.counted = !ir::isRate(m.kind);
  reach.lower = ir::lowerIsBetter(m.kind);
  reach.numerator = std::llround(r.numerator);
  reach.denominator = std::llround(r.denominator);
  reach.rate = r.rate.value_or(0);
  if (reach.counted)
    row.openGaps = reach.lower ? reach.numerator : reach.denominator - reach.numerator;
  if (r.provider == store::kNoProvider) {
    row.why = "unlinked: no provider to reach a level";
    return row;
  }
  if (ms.exploratory) {
    row.why = "exploratory: not paid";
    return row;
  }
  if (!r.rate) {
    row.why = "no rate: no eligible members yet";
    return row;
  }
  const bool paymentMet = !ms.payment || reach.percent(*ms.payment);
  std::vector<std::int64_t> levels;  // every level to reach at once (a tier and the payment)
  if (!ms.tiers.empty()) {
    size_t next = 0;
    while (next < ms.tiers.size() && reach.tier(ms.tiers[next].first)) ++next;
    if (next < ms.tiers.size()) {
      row.nextLevel =
          fmt::format("tier {:.4f} ({})", ms.tiers[next].first, percentText(ms.tiers[next].second));
      levels.push_back(levelFromRate(ms.tiers[next].first));
    } else if (paymentMet) {
      row.why = "top benchmark tier reached";
    }
  } else if (!ms.stars.empty() && reach.counted) {
    // Stars are of a rate in percent: a rate per member years has none.
    size_t next = 0;
    while (next < ms.stars.size() && reach.percent(ms.stars[next])) ++next;
    if (next < ms.stars.size()) {
      row.nextLevel = fmt::format("{} stars at {}", next + 2, percentText(ms.stars[next]));
      levels.push_back(levelFromPercent(ms.stars[next]));
    } else if (paymentMet) {
      row.why = "top star level reached";
    }
  } else if (!ms.payment) {
    row.why = "no benchmark tiers, star thresholds or payment threshold";
  } else if (paymentMet) {
    row.why = "payment threshold met";
  }
  // Below the payment threshold no tier or star pays: the threshold is part
  // of the next level.
  if (ms.payment && !paymentMet) {
    const std::string payment = "payment at " + percentText(*ms.payment);
    row.nextLevel += (row.nextLevel.empty() ? "" : " and ") + payment;
    levels.push_back(levelFromPercent(*ms.payment));
  }
  if (row.nextLevel.empty()) return row;
  if (!reach.counted) {
    row.why = "a rate per member years: no member count reaches a level";
    return row;
  }
  std::int64_t needed = 0;
  for (const std::int64_t level : levels) {
    const auto k =
        membersNeeded(reach.numerator, reach.denominator, level, reach.lower, *row.openGaps);
    if (!k) {
      row.why = fmt::format("out of reach: the {} open gap(s) would not reach it", *row.openGaps);
      return row;
    }
    needed = std::max(needed, *k);
  }
  row.membersNeeded = needed;
  if (!r.qualifies) row.why = "below minimum denominator: the level does not pay yet";
  return row;
}

std::vector<InterimRow> interimReport(const ProgramScoring& program,
                                      const std::vector<ProviderRate>& rates) {
  std::map<const ir::Measure*, const MeasureScoring*> byMeasure;
  for (const MeasureScoring& ms : program.measures) byMeasure[ms.measure] = &ms;
  std::vector<InterimRow> out;
  for (const ProviderRate& r : rates) {
    const auto ms = byMeasure.find(r.measure);
    if (ms != byMeasure.end()) out.push_back(interimRow(*ms->second, r));
  }
  return out;
}

}  // namespace mc::score
