// Checks of a program's fee-for-service payments (E0515, E0516, E0518, E0519) and of its
// `replaces` clauses (E0517): the parts of a program that name things
// outside its measures (providers.csv attributes, a former year's measure).
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "driver/Compilation.h"
#include "support/ClosestName.h"

namespace mc {

void Compilation::resolveFeeForService(ast::Program& p) {
  for (ast::ProgramFeeForService& f : p.feeForService) {
    if (f.dollarsParameter.empty()) continue;
    const auto it = std::find_if(
        p.parameters.begin(), p.parameters.end(),
        [&](const ast::ProgramParameter& par) { return par.name == f.dollarsParameter; });
    if (it == p.parameters.end()) {
      std::vector<std::string> names;
      for (const ast::ProgramParameter& par : p.parameters) names.push_back(par.name);
      const std::string near = closestName(f.dollarsParameter, names);
      diags_.error("E0519", f.dollarsRange,
                   fmt::format("fee for service {} pays '{}', which is not a parameter of program "
                               "{}",
                               f.id, f.dollarsParameter, p.id),
                   near.empty() ? fmt::format("declare it: 'parameter {} = VALUE dollars source "
                                              "\"where it is printed\"'",
                                              f.dollarsParameter)
                                : fmt::format("did you mean '{}'?", near));
      f.dollars = 1;  // reported: no second error for the figure
      continue;
    }
    if (it->unit != "dollars") {
      diags_.error("E0519", f.dollarsRange,
                   fmt::format("fee for service {} pays parameter {}, which is in {}, not dollars",
                               f.id, it->name, it->unit.empty() ? "no unit" : it->unit),
                   "name a parameter in dollars ('parameter NAME = 2500 dollars source \"...\"')");
      f.dollars = 1;
      continue;
    }
    f.dollars = it->value;  // --set is already applied (resolveParameters)
  }
}

void Compilation::checkFeeForService(const ast::Program& p) {
  // scorecard.csv names a fee-for-service line by its ID in the measure
  // column: one ID is one line.
  std::map<std::string, SourceRange> measureIds;
  for (const ast::ProgramInclude& inc : p.includes)
    if (const ast::Measure* m = includedMeasure(p, inc)) measureIds.emplace(m->id, inc.range);
  std::map<std::string, SourceRange> seen;
  for (const ast::ProgramFeeForService& f : p.feeForService) {
    if (auto it = measureIds.find(f.id); it != measureIds.end()) {
      diags_.error("E0515", f.range,
                   fmt::format("fee for service {} has the ID of a measure of the program", f.id),
                   fmt::format("the measure is included at line {}; scorecard.csv names both by "
                               "ID, so give the payment another",
                               it->second.line));
    } else if (auto [prev, fresh] = seen.emplace(f.id, f.range); !fresh) {
      diags_.error("E0515", f.range, fmt::format("fee for service {} is given twice", f.id),
                   fmt::format("it is already given at line {}; a payment that several "
                               "attributes earn lists them with 'or'",
                               prev->second.line));
    }
    if (!(f.dollars > 0)) {
      diags_.error("E0516", f.dollarsRange,
                   f.dollarsParameter.empty()
                       ? fmt::format("fee for service {} pays {:g} dollars", f.id, f.dollars)
                       : fmt::format("fee for service {} pays {:g} dollars (parameter {})", f.id,
                                     f.dollars, f.dollarsParameter),
                   "a fee-for-service payment is a positive number of dollars, as printed");
    }
    for (size_t i = 0; i < f.attributes.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (f.attributes[j] != f.attributes[i]) continue;
        diags_.error(
            "E0518", f.attributeRanges[i],
            fmt::format("fee for service {} names attribute {} twice", f.id, f.attributes[i]),
            "name each qualifying attribute once; was another one meant?");
        break;
      }
    }
    if (!f.unit.empty() && f.unit != "dollars") {
      diags_.error("E0516", f.unitRange,
                   fmt::format("fee for service {} pays {:g} {}: a fee-for-service payment is "
                               "in dollars",
                               f.id, f.dollars, f.unit),
                   fmt::format("write 'pays {:g} dollars'", f.dollars));
    }
  }
}

void Compilation::checkReplaces(const ast::Program& p) {
  std::map<std::string, const ast::ProgramInclude*> included;
  for (const ast::ProgramInclude& inc : p.includes)
    if (const ast::Measure* m = includedMeasure(p, inc)) included.emplace(m->id, &inc);
  std::map<std::string, SourceRange> replaced;
  for (const ast::ProgramInclude& inc : p.includes) {
    if (inc.replaces.empty()) continue;
    const ast::Measure* m = includedMeasure(p, inc);
    if (m != nullptr && m->id == inc.replaces) {
      diags_.error("E0517", inc.replacesRange, fmt::format("{} replaces itself", m->id),
                   "name the former year's measure it takes the place of");
      continue;
    }
    if (auto it = included.find(inc.replaces); it != included.end()) {
      diags_.error("E0517", inc.replacesRange,
                   fmt::format("{} is replaced but also included (line {})", inc.replaces,
                               it->second->range.line),
                   "a replaced measure leaves the program: remove its include or the 'replaces'");
      continue;
    }
    if (auto [prev, fresh] = replaced.emplace(inc.replaces, inc.replacesRange); !fresh) {
      diags_.error("E0517", inc.replacesRange, fmt::format("{} is replaced twice", inc.replaces),
                   fmt::format("it is already replaced at line {}; one measure takes its place",
                               prev->second.line));
    }
  }
}

}  // namespace mc
