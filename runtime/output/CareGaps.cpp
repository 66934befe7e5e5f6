// The care-gap rule of gaps.csv.
#include "output/CareGaps.h"

#include <set>
#include <string>

namespace mc::output {

std::vector<bool> measuresWithGaps(const std::vector<score::MeasureOutcomes>& outcomes) {
  std::set<std::string> ids;
  for (const score::MeasureOutcomes& mo : outcomes) ids.insert(mo.measure->id);
  std::vector<bool> out;
  out.reserve(outcomes.size());
  for (const score::MeasureOutcomes& mo : outcomes) {
    const ir::Measure& m = *mo.measure;
    // An event-unit measure's gaps would be events, not members: none.
    const bool baseInRun = !m.basedOn.empty() && ids.count(m.basedOn) != 0;
    out.push_back(m.kind == ir::MeasureKind::Proportion && m.unitQuery < 0 && !baseInRun);
  }
  return out;
}

}  // namespace mc::output
