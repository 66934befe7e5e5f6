// The pharmacy program's additions to scoring; the rules are in PharmacyProgram.h.
#include "score/PharmacyProgram.h"

#include <algorithm>

namespace mc::score {

bool isPharmacyProgram(const ProgramScoring& program) {
  if (program.measures.empty()) return false;
  for (const MeasureScoring& ms : program.measures)
    if (ms.measure == nullptr || !isPharmacyMeasure(*ms.measure)) return false;
  return true;
}

double programPoints(const ProgramScoring& program) {
  double points = 0;
  for (size_t d = 0; d < program.domains.size(); ++d) {
    double measures = 0;
    for (const MeasureScoring& ms : program.measures)
      if (ms.domain == static_cast<int>(d) && !ms.exploratory) measures += ms.points;
    // Where a `--set` makes the measures' points pass the domain's (check
    // warns, W0501), they make 100%: no pharmacy is paid past its share.
    points += std::max(program.domains[d].points, measures);
  }
  return points;
}

void addPharmacyProgram(ProgramScoring& program, const std::vector<PharmacyEligibility>& rows,
                        const PharmacyEligibilityRules& rules, size_t providerCount) {
  program.gates.push_back(eligibilityGate(rows, rules, providerCount));
  if (program.p4pPool)
    program.pharmacyPayout =
        pharmacyPayout(*program.p4pPool, programPoints(program), rows, providerCount);
}

}  // namespace mc::score
