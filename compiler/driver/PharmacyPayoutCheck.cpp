// Lints of a pharmacy payout program (a program with a `p4p_pool`
// parameter, seed 004): the pool pays pharmacies by performance %, so every
// measure must be scored per pharmacy (E0520), every measure with points
// needs a target to earn them by (E0521), and the program needs points for
// a percent to exist (E0522). Without these the run would pay nobody, and
// say so only in scorecard.csv.
#include <fmt/format.h>

#include "driver/Compilation.h"
#include "support/EventVocabulary.h"

namespace mc {

namespace {

// As the runtime's score::isPharmacyMeasure, on the AST: attributed to the
// pharmacy of its fills, or one unit per fill.
bool scoredPerPharmacy(const ast::Measure& m) {
  if (m.attribution != nullptr) return true;
  return m.unit != nullptr && m.unit->query != nullptr &&
         equalsIgnoreCase(m.unit->query->kind, "pharmacy");
}

}  // namespace

void Compilation::checkPharmacyPayout(const ast::Program& p) {
  const ast::ProgramParameter* pool = nullptr;
  for (const ast::ProgramParameter& par : p.parameters)
    if (par.name == "p4p_pool" && pool == nullptr) pool = &par;
  if (pool == nullptr) return;
  double points = 0;
  for (const ast::ProgramDomain& d : p.domains) points += d.points;
  if (points <= 0) {
    diags_.error("E0522", pool->range,
                 fmt::format("program {} has a p4p_pool but no points: the payout is a percent of "
                             "the points",
                             p.id),
                 "put the measures in a 'domain \"NAME\" points N { }' with their points");
  }
  for (const ast::ProgramInclude& inc : p.includes) {
    const ast::Measure* m = includedMeasure(p, inc);
    if (m == nullptr) continue;  // reported where it is read
    if (!scoredPerPharmacy(*m)) {
      diags_.error(
          "E0520", inc.range,
          fmt::format("{} is scored per PCP, but the program's p4p_pool pays pharmacies", m->id),
          "a pharmacy program holds measures attributed to pharmacies ('attribute to "
          "pharmacy of ...') or counted per fill ('unit each pharmacy ...')");
      continue;
    }
    if (inc.domain >= 0 && !inc.exploratory && inc.points > 0 && !inc.payment &&
        inc.tiers.empty()) {
      diags_.error("E0521", inc.hasPoints ? inc.pointsRange : inc.range,
                   fmt::format("{} has {:g} point{} but no target to earn {} by", m->id, inc.points,
                               inc.points == 1 ? "" : "s", inc.points == 1 ? "it" : "them"),
                   "give it 'payment at RATE' (its full points at or above the rate, at or "
                   "below for a lower-is-better measure); without it no pharmacy's payout can "
                   "be computed");
    }
  }
}

}  // namespace mc
