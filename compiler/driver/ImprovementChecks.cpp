// Performance improvement checks (ImprovementChecks.h).
#include "driver/ImprovementChecks.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/ClosestName.h"

namespace mc {

namespace {

std::string figure(double v) { return fmt::format("{:g}", v); }

// The domains an improvement may name: those with measures of their own.
std::vector<std::string> measureDomains(const ast::Program& p) {
  std::vector<std::string> out;
  for (const ast::ProgramDomain& d : p.domains)
    if (!d.improvement) out.push_back(d.name);
  return out;
}

void checkDomainNames(const ast::Program& p, std::set<int>& covered, Diagnostics& diags) {
  std::map<int, std::string> coveredBy;  // domain -> the improvement that names it
  const std::vector<std::string> names = measureDomains(p);
  for (const ast::ProgramDomain& imp : p.domains) {
    if (!imp.improvement) continue;
    if (imp.points <= 0) {
      diags.error("E0512", imp.pointsRange,
                  fmt::format("improvement \"{}\" has {} points", imp.name, figure(imp.points)),
                  "write the points possible as the program document prints them, e.g. "
                  "'points 10'");
    }
    if (imp.byPercent <= 0 || imp.byPercent > 100) {
      diags.error("E0512", imp.byRange,
                  fmt::format("improvement \"{}\" by {}%: a relative improvement is above 0% and "
                              "at most 100%",
                              imp.name, figure(imp.byPercent)),
                  "write the improvement over the prior year's rate as printed, e.g. 'by 5%'");
    }
    for (const auto& [name, range] : imp.over) {
      int found = -1;
      for (size_t d = 0; d < p.domains.size(); ++d)
        if (p.domains[d].name == name) found = static_cast<int>(d);
      if (found < 0) {
        const std::string near = closestName(name, names);
        diags.error("E0512", range,
                    fmt::format("improvement \"{}\" names no domain \"{}\"", imp.name, name),
                    !near.empty() ? fmt::format("did you mean \"{}\"?", near)
                    : names.empty()
                        ? std::string("declare the domain first: domain \"NAME\" points N { ... }")
                        : fmt::format("the program's domains: \"{}\"", fmt::join(names, "\", \"")));
        continue;
      }
      if (p.domains[static_cast<size_t>(found)].improvement) {
        diags.error("E0512", range,
                    fmt::format("improvement \"{}\" names improvement \"{}\"; it covers domains "
                                "of measures",
                                imp.name, name),
                    "name the domains whose measures can improve");
        continue;
      }
      auto [prev, fresh] = coveredBy.emplace(found, imp.name);
      if (!fresh) {
        diags.error(
            "E0514", range,
            prev->second == imp.name
                ? fmt::format("improvement \"{}\" names domain \"{}\" twice", imp.name, name)
                : fmt::format("domain \"{}\" is already covered by improvement \"{}\"", name,
                              prev->second),
            "a measure earns improvement points once: name each domain in one improvement, once");
        continue;
      }
      covered.insert(found);
    }
  }
}

void checkGoal(const ast::ProgramInclude& inc, const ast::Measure* m, bool covered,
               Diagnostics& diags) {
  const std::string id = m != nullptr ? m->id : "'" + inc.path + "'";
  if (inc.exploratory) {
    diags.error("E0513", inc.goalRange,
                fmt::format("exploratory measure {} has a plan goal; it is never paid", id),
                "leave 'goal' out, or move the measure into a domain an improvement covers");
    return;
  }
  if (!covered) {
    diags.error("E0513", inc.goalRange,
                fmt::format("{} has a plan goal, but no improvement covers its domain", id),
                "name its domain in 'improvement \"NAME\" points N over \"DOMAIN\" by 5%', or "
                "leave 'goal' out");
    return;
  }
  if (m == nullptr) return;
  const double goal = *inc.goal;
  if (ast::isRateKind(m->kind)) {
    if (goal < 0)
      diags.error("E0513", inc.goalRange,
                  fmt::format("goal {} of {} is below 0", figure(goal), m->id),
                  fmt::format("the goal is a rate per {} member years, as in provider_results.csv",
                              m->ratePer));
  } else if (goal < 0 || goal > 1) {
    diags.error(
        "E0513", inc.goalRange,
        fmt::format("goal {} of {} is not a rate from 0 to 1", figure(goal), m->id),
        fmt::format("write the goal as provider_results.csv writes rates, e.g. 'goal {:g}' for "
                    "{}%",
                    goal > 1 && goal <= 100 ? goal / 100 : 0.65,
                    goal > 1 && goal <= 100 ? figure(goal) : "65"));
  }
}

}  // namespace

void checkImprovement(
    const ast::Program& p,
    const std::function<const ast::Measure*(const ast::ProgramInclude&)>& measureOf,
    Diagnostics& diags) {
  std::set<int> covered;
  checkDomainNames(p, covered, diags);
  for (const ast::ProgramInclude& inc : p.includes) {
    if (!inc.goal) continue;
    checkGoal(inc, measureOf(inc), covered.count(inc.domain) != 0, diags);
  }
}

}  // namespace mc
