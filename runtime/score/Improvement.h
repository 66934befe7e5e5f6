// The rule of performance improvement (CBI 2022, Contract 3.3.3: "Meeting
// the Plan Goal, or Achieving a 5% improvement compared to the prior year"),
// one measure of one provider at a time.
//
// Decided edge cases (docs/language.md, performance improvement):
// - the goal is checked first; a rate at the goal earns (at or below it for
//   a lower-is-better measure);
// - improvement is relative: (rate - prior) / prior, or (prior - rate) /
//   prior when lower is better, at least `byPercent` (5% exactly earns);
// - prior rate 0: a higher-is-better rate above 0 has improved (from
//   nothing, by no finite percent); a lower-is-better measure cannot improve
//   on 0;
// - a prior line that did not meet its minimum denominator is no baseline
//   (too few members for a rate to compare), nor is a line without a rate,
//   nor a measure or provider absent last year: the goal alone decides.
#pragma once

#include <optional>
#include <string>

#include "score/PriorResults.h"

namespace mc::score {

enum class PriorBaseline {
  NotGiven,       // no --prior for this run
  Absent,         // no line for this provider and measure last year
  NoRate,         // a line without a rate
  NotQualifying,  // below the minimum denominator last year
  Rate,           // a rate to compare
};

struct ImprovementInput {
  double rate = 0;             // this year's rate (provider_results.csv)
  std::optional<double> goal;  // the plan goal; absent: none
  PriorBaseline baseline = PriorBaseline::NotGiven;
  double prior = 0;  // the prior rate when baseline is Rate
  double byPercent = 5;
  bool lowerIsBetter = false;
};

struct ImprovementVerdict {
  bool earned = false;
  std::string why;  // e.g. "improved 7.1% over prior 0.5200", "met plan goal 0.6500"
};

ImprovementVerdict judgeImprovement(const ImprovementInput& in);

// How the prior year's lines give a baseline for (provider, measure).
PriorBaseline baselineOf(const std::optional<PriorRates>& prior, store::ProviderId provider,
                         const std::string& measure, double& priorRate);

}  // namespace mc::score
