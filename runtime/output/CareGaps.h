// Which (measure, member) outcomes are care gaps: the rule of gaps.csv
// (DATA.md, Outputs), shared by its writer and report.html's gap lists so
// that the two always count the same members.
#pragma once

#include <vector>

#include "score/Outcome.h"

namespace mc::output {

// Per measure of `outcomes` (same order): true when the measure writes care
// gaps. Only member-unit proportion measures do; a measure `based on`
// another scored in the same run leaves them to its base (HPHD beside WCV),
// so a provider is not sent the same gap twice.
std::vector<bool> measuresWithGaps(const std::vector<score::MeasureOutcomes>& outcomes);

// A member in the denominator (neither excluded nor a denominator
// exception) outside the numerator.
inline bool isCareGap(const score::OutcomeView& o) {
  return o.population && score::inDenominator(o) && !o.numerator;
}

}  // namespace mc::output
