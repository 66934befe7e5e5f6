// The `reason` text of member_results.csv: which rule (and which of its
// terms) decided a member's outcome, on one line.
#include "score/Outcome.h"
#include "support/OneLine.h"

namespace mc::score {

std::uint32_t unitTotal(const OutcomeView& o) {
  std::uint32_t n = 0;
  for (const UnitCount& u : o.units) n += u.units;
  return n;
}
namespace {

std::string decidingLabel(const ir::Measure& m, const OutcomeView& o) {
  const ir::Rule& rule = m.rule(o.decidingRule);
  if (o.decidingTerm >= 0 && static_cast<size_t>(o.decidingTerm) < rule.terms.size()) {
    std::string label = oneLine(rule.terms[static_cast<size_t>(o.decidingTerm)].label);
    if (!label.empty()) return label;
  }
  return ir::ruleName(o.decidingRule);
}

const char* verdict(const ir::Measure& m, const OutcomeView& o) {
  const bool inverse = m.kind == ir::MeasureKind::Inverse;
  if (!o.population) return "not in population";
  if (!o.eligible) return "not eligible";
  if (o.excluded) return "excluded";
  if (o.exception) return "exception";
  // A rate measure counts events: the numerator is the member's weighted count.
  if (ir::isRate(m.kind)) return o.numerator ? "counted" : "none counted";
  if (o.numerator) return inverse ? "numerator" : "met";
  return inverse ? "not in numerator" : "not met";
}

}  // namespace

std::string reasonText(const ir::Measure& m, const OutcomeView& o) {
  return std::string(verdict(m, o)) + ": " + decidingLabel(m, o) +
         (o.decidingUnknown ? " (unknown)" : "");
}

}  // namespace mc::score
