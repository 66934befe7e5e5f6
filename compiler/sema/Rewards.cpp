// Member rewards (`kind reward`): a measure whose numerator is written
// `earned when` and which says, with `earned on`, the date of the data on
// which a member earned it (rewards/<REWARD>.csv). A reward is a list of
// members, paid to members: nothing that scores providers belongs in it.
#include <fmt/format.h>

#include <algorithm>

#include "sema/Checker.h"

namespace mc::sema {

void Checker::checkReward(const ast::Measure& m, const ast::Measure* base) {
  const bool reward = ast::isRewardKind(m.kind);
  const char* note =
      "a reward ('kind reward') says who earns it with 'earned when' and the date with "
      "'earned on'; other measures have a 'numerator'";
  if (m.isModule || !reward) {
    const std::string what = m.isModule ? fmt::format("module {}", m.id)
                                        : fmt::format("measure {}, which is not a reward,", m.id);
    if (m.earnedOn)
      diags_.error("E0531", m.earnedOnRange, fmt::format("{} cannot have 'earned on'", what), note);
    for (const ast::RuleDecl& r : m.rules)
      if (r.earnedWhen)
        diags_.error("E0531", r.range, fmt::format("{} cannot have 'earned when'", what),
                     m.isModule ? "rules belong in a measure; modules hold code sets and "
                                  "definitions"
                                : "write 'numerator', or make the measure a reward: 'kind reward'");
    return;
  }
  for (const ast::RuleDecl& r : m.rules) {
    if (r.kind == ast::RuleKind::Numerator && !r.earnedWhen)
      diags_.error(
          "E0531", r.range,
          fmt::format("reward {} says who earns it with 'earned when', not 'numerator'", m.id),
          note);
  }
  // An `earned on` dropped for a syntax error is not also missing.
  const bool dropped =
      std::find(m.droppedNames.begin(), m.droppedNames.end(), "earned on") != m.droppedNames.end();
  if (!m.earnedOn && !dropped) {
    diags_.error("E0530", m.idRange, fmt::format("reward {} has no 'earned on' date", m.id),
                 "add 'earned on DATE', the date of the data on which a member earned it, e.g. "
                 "'earned on first date of supplemental with NurseAdviceCall during MP'");
  }
  auto refuse = [&](SourceRange at, const std::string& what) {
    diags_.error("E0533", at, fmt::format("reward {} cannot have {}", m.id, what),
                 "a reward is a list of members, paid to members: it is never scored for "
                 "providers, stratified or listed in gaps.csv");
  };
  for (const ast::StratifierDecl& s : m.stratifiers) refuse(s.range, "'stratify by'");
  // A derived reward's other items are refused as those of any derived
  // measure (E0705); its base must be a proportion of members.
  if (base != nullptr) {
    const bool proportion = !ast::isRateKind(base->kind) && !ast::isRewardKind(base->kind) &&
                            !base->unit && base->kind != "inverse";
    if (!proportion) {
      diags_.error("E0533", m.basedOn.front().range,
                   fmt::format("reward {} is based on {}, which is not a proportion of members "
                               "(kind {})",
                               m.id, base->id, base->unit ? "event units" : base->kind),
                   "a reward is earned when the base's numerator is met: base it on a "
                   "proportion measure");
    }
    return;
  }
  if (m.unit) refuse(m.unitRange, "'unit each'");
  if (m.attribution) refuse(m.attributeToRange, "'attribute to'");
  if (!m.gap.empty()) refuse(m.gapRange, "a 'gap'");
}

// `earned on EXPR`: a date, checked in the scope of the rules it goes with
// (the base's, for a reward based on another measure).
void Checker::checkEarnedOn(const ast::Measure& m, const UnitScope& scope) {
  if (!m.earnedOn || !ast::isRewardKind(m.kind)) return;
  Env env;
  env.scope = &scope;
  const Type t = check(*m.earnedOn, env);
  if (t != Type::Error && t != Type::Date) {
    diags_.error("E0532", m.earnedOn->range,
                 fmt::format("'earned on' of reward {} must be a date, but this is {} {}", m.id,
                             typeName(t)[0] == 'i' ? "an" : "a", typeName(t)),
                 "write the date of the data on which the member earned it, e.g. '2nd date of "
                 "immunization with Influenza during ...'");
  }
}

}  // namespace mc::sema
