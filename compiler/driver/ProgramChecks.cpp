// The checks of a program file: what it includes (one measure a file, each
// once), its star, payment and tier figures, its domains' points, gates and
// parameters (docs/language.md, programs). Improvement, payment and
// pharmacy-payout checks have files of their own beside this one.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "driver/Compilation.h"
#include "driver/ImprovementChecks.h"
#include "driver/LoadedFile.h"
#include "support/EventVocabulary.h"

namespace fs = std::filesystem;

namespace mc {

const ast::Measure* Compilation::includedMeasure(const ast::Program& p,
                                                 const ast::ProgramInclude& inc) const {
  const LoadedFile* owner = programOwner_.at(&p);
  std::error_code ec;
  const fs::path path = fs::weakly_canonical(fs::path(owner->dir) / inc.path, ec);
  auto it = byPath_.find(path.string());
  if (it == byPath_.end() || !it->second->syntaxOk) return nullptr;
  for (const ast::Measure& m : it->second->ast.measures)
    if (!m.isModule) return &m;
  return nullptr;
}

void Compilation::checkProgram(const LoadedFile& f, const ast::Program& p) {
  std::map<const ast::Measure*, SourceRange> ids;
  for (const ast::ProgramInclude& inc : p.includes) {
    std::error_code ec;
    const fs::path path = fs::weakly_canonical(fs::path(f.dir) / inc.path, ec);
    auto it = byPath_.find(path.string());
    if (it == byPath_.end()) continue;  // already reported as unreadable
    if (!it->second->syntaxOk) continue;
    const auto& ms = it->second->ast.measures;
    const long count =
        std::count_if(ms.begin(), ms.end(), [](const ast::Measure& m) { return !m.isModule; });
    if (count != 1) {
      diags_.error("E0501", inc.range,
                   fmt::format("'{}' holds {} measures; a program includes files of exactly one",
                               inc.path, count),
                   "split the file, one measure per file");
      continue;
    }
    const ast::Measure* m = includedMeasure(p, inc);
    // Two files with one ID are E0503 (checkMeasureIds); here: one file twice.
    auto [prev, fresh] = ids.emplace(m, inc.range);
    if (!fresh) {
      diags_.error("E0502", inc.range, fmt::format("measure {} is included twice", m->id),
                   fmt::format("it is already included at line {}", prev->second.line));
    }
    if (m != nullptr) checkStars(*m, inc);
    if (m != nullptr) checkRewardInclude(*m, inc);
    if (inc.hasMinimum && inc.minimum < 1) {
      diags_.error("E0504", inc.minimumRange,
                   fmt::format("a minimum denominator of {} lets a provider with no eligible "
                               "member qualify",
                               inc.minimum),
                   "the minimum is at least 1; leave it out for 1");
    }
  }
  checkProgramScoring(p);
  checkFeeForService(p);
  checkReplaces(p);
  checkImprovement(
      p, [&](const ast::ProgramInclude& inc) { return includedMeasure(p, inc); }, diags_);
  checkPharmacyPayout(p);
  if (p.period != 0 && (p.period < 1900 || p.period > 2200)) {
    diags_.error("E0304", p.idRange, fmt::format("{} is not a measurement year", p.period),
                 "write e.g. 'period 2022'");
  }
}

// A point figure as the seeds print it: 18, 10.5.
static std::string points(double v) { return fmt::format("{:g}", v); }

void Compilation::checkStars(const ast::Measure& m, const ast::ProgramInclude& inc) {
  // Lower-is-better measures print decreasing bounds (ASM_ACT: 54.3 for two
  // stars down to 32 for five); the others increasing lower bounds.
  const bool inverse = m.kind.rfind("inverse", 0) == 0;
  // Stars and payment levels are percents; a rate per N member years has none.
  if ((!inc.stars.empty() || inc.payment) && ast::isRateKind(m.kind)) {
    diags_.error("E0507", inc.stars.empty() ? inc.paymentRange : inc.starsRange,
                 fmt::format("{} is a rate per {} member years, not a percent: it has no stars or "
                             "payment threshold",
                             m.id, m.ratePer),
                 "score a rate measure with 'tiers RATE -> SHARE%'");
    return;
  }
  if (!inc.stars.empty() && inc.stars.size() != 4) {
    diags_.error(
        "E0507", inc.starsRange,
        fmt::format("{} has {} star thresholds; stars 2 to 5 need 4", m.id, inc.stars.size()),
        "write the threshold of each of stars 2, 3, 4 and 5, as printed");
    return;
  }
  for (size_t i = 0; i < inc.stars.size(); ++i) {
    const double v = inc.stars[i];
    if (v < 0 || v > 100) {
      diags_.error("E0507", inc.starsRange,
                   fmt::format("star threshold {} of {} is not a percent", points(v), m.id),
                   "thresholds are rates in percent as printed, 0 to 100");
      return;
    }
    if (i == 0) continue;
    const double prev = inc.stars[i - 1];
    if (inverse ? v >= prev : v <= prev) {
      diags_.error(
          "E0507", inc.starsRange,
          fmt::format("the star thresholds of {} are not {}: {} stars at {}, {} stars at {}", m.id,
                      inverse ? "decreasing" : "increasing", i + 1, points(prev), i + 2, points(v)),
          inverse ? fmt::format("{} is lower-is-better (kind {}): each star level needs a lower "
                                "rate than the one before",
                                m.id, m.kind)
                  : "each star level needs a higher rate than the one before; for a "
                    "lower-is-better measure give it 'kind inverse'");
      return;
    }
  }
  for (size_t i = 0; i < inc.tiers.size(); ++i) {
    const auto [rate, share] = inc.tiers[i];
    if (share <= 0 || share > 100) {
      diags_.error("E0508", inc.tiersRange,
                   fmt::format("tier {} of {} pays {}% of the points", i + 1, m.id, points(share)),
                   "a tier's share is above 0% and at most 100%");
      return;
    }
    if (i == 0) continue;
    const auto [prevRate, prevShare] = inc.tiers[i - 1];
    if ((inverse ? rate >= prevRate : rate <= prevRate) || share <= prevShare) {
      diags_.error(
          "E0508", inc.tiersRange,
          fmt::format("the tiers of {} do not rise: {} -> {}% then {} -> {}%", m.id,
                      points(prevRate), points(prevShare), points(rate), points(share)),
          inverse ? "each tier needs a lower rate (the measure is lower-is-better) and a larger "
                    "share than the one before"
                  : "each tier needs a higher rate and a larger share than the one before");
      return;
    }
  }
  if (inc.payment && (*inc.payment < 0 || *inc.payment > 100)) {
    diags_.error(
        "E0507", inc.paymentRange,
        fmt::format("payment threshold {} of {} is not a percent", points(*inc.payment), m.id),
        "thresholds are rates in percent as printed, 0 to 100");
  }
}

void Compilation::checkRewardInclude(const ast::Measure& m, const ast::ProgramInclude& inc) {
  const bool reward = ast::isRewardKind(m.kind);
  if (reward != inc.reward) {
    diags_.error(
        "E0534", inc.range,
        reward ? fmt::format("{} is a reward: include it in the program's 'rewards {{ }}'", m.id)
               : fmt::format("{} is not a reward ('kind reward'), but is included in "
                             "'rewards {{ }}'",
                             m.id),
        "rewards are paid to members, never to providers: they go in 'rewards { }', "
        "measures scored for providers outside it");
    return;
  }
  if (!reward) return;
  const SourceRange figure = inc.hasMinimum            ? inc.minimumRange
                             : inc.hasPoints           ? inc.pointsRange
                             : !inc.stars.empty()      ? inc.starsRange
                             : inc.payment.has_value() ? inc.paymentRange
                             : !inc.tiers.empty()      ? inc.tiersRange
                                                       : SourceRange{};
  if (inc.hasMinimum || inc.hasPoints || !inc.stars.empty() || inc.payment || !inc.tiers.empty()) {
    diags_.error("E0535", figure,
                 fmt::format("reward {} is not scored for providers: it has no minimum, points, "
                             "stars, payment or tiers",
                             m.id),
                 "write 'include \"" + inc.path + "\"' alone in 'rewards { }'");
  }
}

void Compilation::checkProgramScoring(const ast::Program& p) {
  for (size_t d = 0; d < p.domains.size(); ++d) {
    const ast::ProgramDomain& domain = p.domains[d];
    // An improvement's points go to other domains' measures (ImprovementChecks).
    if (domain.improvement) continue;
    double sum = 0;
    for (const ast::ProgramInclude& inc : p.includes) {
      if (inc.domain != static_cast<int>(d)) continue;
      if (domain.varies && inc.hasPoints) {
        diags_.error("E0505", inc.pointsRange,
                     fmt::format("'{}' has its own points in domain \"{}\", whose points vary",
                                 inc.path, domain.name),
                     "leave 'points' out: the domain's points are shared among the measures "
                     "a provider qualifies for");
      }
      sum += inc.points;
    }
    // The seed is itself inconsistent here (MEASURES.md): report it, never
    // correct it, so that the analyst sees which figure the program pays.
    if (!domain.varies && std::abs(sum - domain.points) > 1e-9) {
      const std::string what =
          fmt::format("domain \"{}\" has {} points possible, but its measures' points sum to {}",
                      domain.name, points(domain.points), points(sum));
      if (domain.asPrinted) {
        diags_.add({"N0502", Severity::Note, domain.pointsRange, what + " (as printed)",
                    "scoring pays each measure's points; the domain total is the document's"});
      } else {
        diags_.warning("W0501", domain.pointsRange, what,
                       "check the figures against the program document; if it prints them so, "
                       "write 'points " +
                           points(domain.points) + " as printed'");
      }
    }
  }
  for (const ast::ProgramInclude& inc : p.includes) {
    if (inc.hasPoints && inc.domain < 0 && !inc.reward) {  // a reward's is E0535
      diags_.error("E0505", inc.pointsRange,
                   fmt::format("'{}' has points outside a domain", inc.path),
                   inc.exploratory ? "an exploratory measure is never paid: leave 'points' out"
                                   : "put the include inside a 'domain \"NAME\" points N { }'");
    }
  }
  // Only immunizations say where their record came from (DATA.md).
  std::map<std::string, SourceRange> gateNames;
  for (const ast::ProgramGate& g : p.gates) {
    // participation.csv names each gate's rows by the gate's name.
    if (auto [prev, fresh] = gateNames.emplace(g.name, g.range); !fresh) {
      diags_.error("E0510", g.range, fmt::format("gate {} is given twice", g.name),
                   fmt::format("it is already given at line {}; give each gate its own name",
                               prev->second.line));
    }
    if (!equalsIgnoreCase(g.kind, "immunization")) {
      diags_.error(
          "E0509", g.kindRange,
          fmt::format("gate {}: only immunizations have a source, not '{}'", g.name, g.kind),
          "write 'provider has immunization from registry on or before DATE'");
    }
    if (!sourceIndex(g.source) || g.source.empty()) {
      diags_.error("E0509", g.sourceRange,
                   fmt::format("gate {}: unknown immunization source '{}'", g.name, g.source),
                   "sources are registry, claim and ehr");
    }
  }
  std::map<std::string, SourceRange> seen;
  for (const ast::ProgramParameter& par : p.parameters) {
    auto [prev, fresh] = seen.emplace(par.name, par.range);
    if (!fresh) {
      diags_.error("E0506", par.range, fmt::format("parameter {} is given twice", par.name),
                   fmt::format("it is already given at line {}", prev->second.line));
      continue;
    }
    // Listed by every check, so that no placeholder figure goes unnoticed.
    if (par.assumption) {
      diags_.add(
          {"N0501", Severity::Note, par.range,
           fmt::format("parameter {} = {}{} is an assumption: {}", par.name, points(par.value),
                       par.unit.empty() ? "" : " " + par.unit, par.provenance),
           "replace it with a printed figure and its source, or override it with "
           "'run --set " +
               par.name + "=VALUE'"});
    }
  }
}

}  // namespace mc
