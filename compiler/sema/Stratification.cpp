// `stratify by ...` and `based on "file"`: the items that let a measure be
// another measure counted per member attribute (HPHD is WCV by ethnicity).
#include <fmt/format.h>

#include <algorithm>

#include "sema/Checker.h"
#include "support/Stratifiers.h"

namespace mc::sema {

void Checker::checkStratifiers(const ast::Measure& m) {
  // strata.csv counts members in and out of a numerator; a rate measure's
  // weighted counts per member-year would need other columns.
  if (!m.stratifiers.empty() && ast::isRateKind(m.kind)) {
    diags_.error("E0707", m.stratifiers.front().range,
                 fmt::format("measure {} is a rate measure and cannot be stratified", m.id),
                 "strata.csv counts members; stratify a proportion or inverse measure");
  }
  std::vector<std::string> known(kStratifierNames, kStratifierNames + kStratifierCount);
  std::unordered_map<int, const ast::StratifierDecl*> seen;
  for (const ast::StratifierDecl& s : m.stratifiers) {
    const std::optional<StratifierKind> kind = stratifierFromName(s.name);
    if (!kind) {
      diags_.error("E0701", s.range, fmt::format("unknown stratifier '{}'", s.name),
                   didYouMean(s.name, known, "stratifiers are " + stratifierNameList()));
      continue;
    }
    auto [first, fresh] = seen.emplace(static_cast<int>(*kind), &s);
    if (!fresh) {
      diags_.error("E0702", s.range,
                   fmt::format("measure {} is stratified by {} twice", m.id, s.name),
                   fmt::format("remove one; the first is at line {}", first->second->range.line));
      continue;
    }
    model_.stratifierKinds[&s] = *kind;
    checkAgeBands(s);
  }
}

// Age bands: at least one, each lo..hi with lo <= hi, none overlapping, so
// that every member has exactly one stratum.
void Checker::checkAgeBands(const ast::StratifierDecl& s) {
  if (model_.stratifierKinds.at(&s) != StratifierKind::AgeBand) {
    if (!s.bands.empty()) {
      diags_.error("E0703", s.bands.front().range,
                   fmt::format("only 'age band' takes ranges; {} has a stratum per value", s.name),
                   "remove the ranges");
    }
    return;
  }
  if (s.bands.empty()) {
    diags_.error("E0703", s.range, "'age band' needs the bands",
                 "list them in years: 'stratify by age band 3..11, 12..17, 18..21'");
    return;
  }
  for (size_t i = 0; i < s.bands.size(); ++i) {
    const ast::StratifierDecl::Band& b = s.bands[i];
    if (b.lo > b.hi) {
      diags_.error("E0703", b.range, fmt::format("the age band {}..{} is empty", b.lo, b.hi),
                   "write the younger age first");
      continue;
    }
    for (size_t k = 0; k < i; ++k) {
      const ast::StratifierDecl::Band& o = s.bands[k];
      if (o.lo <= o.hi && b.lo <= o.hi && o.lo <= b.hi) {
        diags_.error("E0703", b.range,
                     fmt::format("the age band {}..{} overlaps {}..{}", b.lo, b.hi, o.lo, o.hi),
                     "a member belongs to one band; make them disjoint");
        break;
      }
    }
  }
}

// A measure `based on` another holds its title, source, stratifiers and
// tests; everything that decides an outcome comes from the base, so the two
// cannot drift apart.
void Checker::checkDerivedMeasure(const ast::Measure& m) {
  const std::string note =
      "a measure based on another takes its rules, code sets, definitions, "
      "kind, exposure, period and gap from it; change them there";
  auto refuse = [&](SourceRange at, const std::string& what) {
    diags_.error("E0705", at,
                 fmt::format("measure {} is based on another and cannot have {}", m.id, what),
                 note);
  };
  for (size_t i = 1; i < m.basedOn.size(); ++i) refuse(m.basedOn[i].range, "a second 'based on'");
  // `kind reward`: a reward earned when the base's numerator is met.
  if (!m.kind.empty() && !ast::isRewardKind(m.kind)) refuse(m.kindRange, "its own 'kind'");
  if (m.period != 0) refuse(m.periodRange, "its own 'period'");
  for (const ast::ImportDecl& i : m.imports) refuse(i.range, "imports");
  for (const ast::CodesetDecl& c : m.codesets) refuse(c.nameRange, "code sets");
  for (const ast::DefineDecl& d : m.defines) refuse(d.nameRange, "definitions");
  for (const ast::RuleDecl& r : m.rules)
    refuse(r.range, fmt::format("a '{}' rule", ast::ruleKindName(r.kind)));
  if (!m.gap.empty()) refuse(m.gapRange, "its own 'gap'");
  if (m.exposure) refuse(m.exposureRange, "its own 'exposure'");
  for (const ast::StatusSetDecl& s : m.countedStatuses) refuse(s.range, "'count status'");
}

void Checker::refuseInModule(const ast::Measure& m) {
  for (const ast::StratifierDecl& s : m.stratifiers) {
    diags_.error("E0706", s.range, fmt::format("module {} cannot be stratified", m.id),
                 "'stratify by' belongs in a measure; modules hold code sets and definitions");
  }
  for (const ast::BasedOnDecl& b : m.basedOn) {
    diags_.error("E0706", b.range, fmt::format("module {} cannot be based on a measure", m.id),
                 "'based on' belongs in a measure; a module imports modules");
  }
}

}  // namespace mc::sema
