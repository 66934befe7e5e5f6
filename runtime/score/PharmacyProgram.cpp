// The pharmacy program's additions to scoring; the rules are in PharmacyProgram.h.
#include "score/PharmacyProgram.h"

namespace mc::score {

bool isPharmacyProgram(const ProgramScoring& program) {
  if (program.measures.empty()) return false;
  for (const MeasureScoring& ms : program.measures)
    if (ms.measure == nullptr || !isPharmacyMeasure(*ms.measure)) return false;
  return true;
}

double programPoints(const ProgramScoring& program) {
  double points = 0;
  for (const ir::ProgramDomain& d : program.domains) points += d.points;
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
