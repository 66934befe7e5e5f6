// Program parameters in program figures: `--set` overrides and the figures
// written as a parameter's name (`payment at pdc_sta_target`). Both are
// settled before the figures are checked, so that a figure an override makes
// wrong (a star threshold of 150) is reported like one written so.
#include <fmt/format.h>

#include <map>
#include <set>

#include "driver/Compilation.h"
#include "support/ClosestName.h"

namespace mc {

void Compilation::setParameterOverrides(std::map<std::string, double> overrides) {
  overrides_ = std::move(overrides);
}

std::vector<std::string> Compilation::unknownOverrides() const {
  std::vector<std::string> out;
  for (const auto& [name, value] : overrides_)
    if (declaredParameters_.count(name) == 0) out.push_back(name);
  return out;
}

static const char* slotName(ast::ParameterUse::Slot slot) {
  switch (slot) {
    case ast::ParameterUse::Slot::Points: return "points";
    case ast::ParameterUse::Slot::Star: return "a star threshold";
    case ast::ParameterUse::Slot::Payment: return "a payment threshold";
    case ast::ParameterUse::Slot::TierRate: return "a tier's rate";
    case ast::ParameterUse::Slot::TierShare: return "a tier's share";
  }
  return "a figure";
}

void Compilation::resolveParameters(ast::Program& p) {
  std::map<std::string, const ast::ProgramParameter*> byName;
  for (ast::ProgramParameter& par : p.parameters) {
    if (auto o = overrides_.find(par.name); o != overrides_.end()) {
      par.value = o->second;
      // The analyst's figure for this run: no longer the file's placeholder.
      par.assumption = false;
      par.provenance = "--set on the command line";
    }
    byName.emplace(par.name, &par);  // the first of a name; a second is E0506
    declaredParameters_.insert(par.name);
  }
  for (ast::ProgramInclude& inc : p.includes) {
    for (const ast::ParameterUse& use : inc.parameterUses) {
      auto it = byName.find(use.name);
      if (it == byName.end()) {
        std::vector<std::string> names;
        for (const auto& [name, par] : byName) names.push_back(name);
        const std::string near = closestName(use.name, names);
        diags_.error("E0511", use.range,
                     fmt::format("'{}' in {} of '{}' is not a parameter of program {}", use.name,
                                 slotName(use.slot), inc.path, p.id),
                     near.empty() ? fmt::format("declare it: 'parameter {} = VALUE source "
                                                "\"where it is printed\"' (or assumption \"why\")",
                                                use.name)
                                  : fmt::format("did you mean '{}'?", near));
        continue;
      }
      const ast::ProgramParameter& par = *it->second;
      if (par.unit == "dollars") {
        diags_.error("E0511", use.range,
                     fmt::format("parameter {} is in dollars; {} of '{}' is not", use.name,
                                 slotName(use.slot), inc.path),
                     "name a parameter that holds points, a percent or a rate");
        continue;
      }
      switch (use.slot) {
        case ast::ParameterUse::Slot::Points: inc.points = par.value; break;
        case ast::ParameterUse::Slot::Star: inc.stars.at(use.index) = par.value; break;
        case ast::ParameterUse::Slot::Payment: inc.payment = par.value; break;
        case ast::ParameterUse::Slot::TierRate: inc.tiers.at(use.index).first = par.value; break;
        case ast::ParameterUse::Slot::TierShare: inc.tiers.at(use.index).second = par.value; break;
      }
    }
  }
}

}  // namespace mc
