// Names, types and rules of measures and modules.
#include "sema/Checker.h"

#include <fmt/format.h>

#include <algorithm>

#include "ast/Walk.h"
#include "ir/Missing.h"
#include "support/CodeSystem.h"
#include "support/DependencyOrder.h"
#include "support/EventVocabulary.h"
#include "support/Ucum.h"

namespace mc::sema {

const char* typeName(Type t) {
  switch (t) {
    case Type::Error: return "<error>";
    case Type::Bool: return "bool";
    case Type::Int: return "int";
    case Type::Number: return "number";
    case Type::Date: return "date";
    case Type::Duration: return "duration";
    case Type::Interval: return "interval";
    case Type::Sex: return "sex";
    case Type::Provider: return "provider";
    case Type::Setting: return "setting";
    case Type::Code: return "code";
    case Type::Quantity: return "quantity";
    case Type::Datetime: return "datetime";
  }
  return "?";
}

bool typeFromName(const std::string& name, Type& out) {
  static const std::pair<const char*, Type> kNames[] = {
      {"bool", Type::Bool}, {"int", Type::Int},           {"number", Type::Number},
      {"date", Type::Date}, {"datetime", Type::Datetime}, {"interval", Type::Interval}};
  for (const auto& [n, t] : kNames) {
    if (name == n) {
      out = t;
      return true;
    }
  }
  return false;
}

int eventKindIndex(const std::string& name) {
  // Order of ir::EventKind / store::EventKind.
  static const char* kKinds[][2] = {{"visit", "visits"},
                                    {"pharmacy", "fills"},
                                    {"observation", "observations"},
                                    {"condition", "conditions"},
                                    {"immunization", "immunizations"},
                                    {"supplemental", "supplementals"},
                                    {"referral", "referrals"},
                                    {"order", "orders"}};
  for (int i = 0; i < 8; ++i) {
    if (name == kKinds[i][0] || name == kKinds[i][1]) return i;
  }
  if (name == "fill") return 1;
  return -1;
}

// A quantity is numeric too: arithmetic and a comparison with a plain
// number use its number (docs/language.md "Quantities").
static bool isNumeric(Type t) { return t == Type::Int || t == Type::Number || t == Type::Quantity; }

// A date or a datetime: they compare with each other (a date is a datetime
// without a time of day).
static bool isDayOrTime(Type t) { return t == Type::Date || t == Type::Datetime; }

// "a date", "an int": for messages.
static std::string article(Type t) {
  const std::string name = typeName(t);
  return (name[0] == 'i' ? "an " : "a ") + name;
}

std::string didYouMean(const std::string& name, const std::vector<std::string>& candidates,
                       const std::string& otherwise) {
  const std::string close = closestName(name, candidates);
  return close.empty() ? otherwise : "did you mean '" + close + "'?";
}

Checker::Checker(Model& model, Diagnostics& diags,
                 const std::unordered_map<const ast::Measure*, UnitScope>& scopes)
    : model_(model), diags_(diags), scopes_(scopes) {
  for (const auto& [unit, scope] : scopes_) {
    for (const ast::DefineDecl& d : unit->defines) defineOwner_[&d] = &scope;
    for (const ast::CodesetDecl& c : unit->codesets) codesetOwner_[&c] = &scope;
  }
}

void Checker::checkUnit(const UnitScope& scope) {
  const ast::Measure& m = *scope.unit;
  checkDuplicates(scope);
  checkCountedStatuses(m);
  for (const ast::CodesetDecl& c : m.codesets) checkCodeset(scope, c);
  for (const ast::CodesetDecl& c : m.codesets) checkCodesetCycles(c);
  collectAliases(m);
  for (const ast::DefineDecl& d : m.defines) checkDefine(d);
  if (m.isModule) {
    for (const ast::RuleDecl& r : m.rules) {
      diags_.error("E0306", r.range,
                   fmt::format("a module cannot have a '{}' rule", ast::ruleKindName(r.kind)),
                   "rules belong in a measure; modules hold code sets and definitions");
    }
    refuseInModule(m);
    checkReward(m, nullptr);
    if (m.attribution || m.unit) {
      diags_.error("E0306", m.attribution ? m.attributeToRange : m.unitRange,
                   fmt::format("a module cannot have '{}'", m.attribution ? "attribute" : "unit"),
                   "whom results go to and what a unit is belong in a measure");
    }
    return;
  }
  checkStratifiers(m);
  if (!m.basedOn.empty()) {
    // Rules, kind and period are the base's (Stratification.cpp); the tests
    // run against them.
    checkDerivedMeasure(m);
    const bool reward = ast::isRewardKind(m.kind);
    if (auto base = model_.bases.find(&m); base != model_.bases.end()) {
      checkReward(m, base->second);
      if (auto bs = scopes_.find(base->second); bs != scopes_.end()) checkEarnedOn(m, bs->second);
      for (const ast::TestDecl& t : m.tests) checkTest(*base->second, t, reward);
    }
    return;
  }
  checkKind(m);
  if (m.period != 0 && (m.period < 1900 || m.period > 2200)) {
    diags_.error("E0304", m.periodRange, fmt::format("{} is not a measurement year", m.period),
                 "write the year of the measurement period, e.g. 'period 2022'");
  }
  checkAttributionAndUnit(scope);
  checkRules(scope);
  checkExposure(scope);
  checkReward(m, nullptr);
  checkEarnedOn(m, scope);
  for (const ast::TestDecl& t : m.tests) checkTest(m, t, ast::isRewardKind(m.kind));
  warnUnused(scope);
}

// `attribute to pharmacy of QUERY` and `unit each QUERY`: both name fills
// (pharmacy queries), whose dispensing pharmacy the results go to.
void Checker::checkAttributionAndUnit(const UnitScope& scope) {
  const ast::Measure& m = *scope.unit;
  Env env;
  env.scope = &scope;
  const auto pharmacyQuery = [&](const ast::Expr& e, const char* what) {
    if (check(e, env) == Type::Error || !e.query) return;
    auto kind = model_.queryKinds.find(e.query.get());
    if (kind != model_.queryKinds.end() && kind->second != eventKindIndex("pharmacy")) {
      diags_.error(
          "E0312", e.query->range,
          fmt::format("{} of {} counts fills, but this query is not about fills", what, m.id),
          "write a pharmacy query, e.g. 'pharmacy with Statins during MP'");
    }
  };
  if (m.attribution) {
    if (m.attributeTo != "pharmacy") {
      diags_.error("E0311", m.attributeToRange,
                   fmt::format("measure {} cannot be attributed to '{}'", m.id, m.attributeTo),
                   "write 'attribute to pharmacy of pharmacy ...'; without 'attribute' "
                   "results go to the linked PCP");
    }
    pharmacyQuery(*m.attribution, "the pharmacy attribution");
  }
  if (m.unit) {
    pharmacyQuery(*m.unit, "the unit");
    auto kind = model_.measureKinds.find(&m);
    if (kind != model_.measureKinds.end() && kind->second != MeasureKind::Proportion) {
      diags_.error("E0313", m.unitRange,
                   fmt::format("measure {} counts events ('unit each'), so it is a proportion of "
                               "them, not kind {}",
                               m.id, m.kind),
                   "remove 'kind', or write 'kind proportion'");
    }
    // strata.csv counts members under their linked PCP: not events yet.
    for (const ast::StratifierDecl& s : m.stratifiers) {
      diags_.error(
          "E0313", s.range,
          fmt::format("measure {} counts events ('unit each'): it cannot be stratified", m.id),
          "remove 'stratify by'; strata count members");
    }
  }
}

// `kind proportion | inverse | rate per N member years | inverse rate per N
// member years`.
void Checker::checkKind(const ast::Measure& m) {
  const bool rate = ast::isRateKind(m.kind);
  // A reward counts the members who earn it, as a proportion's numerator.
  if (m.kind.empty() || m.kind == "proportion" || ast::isRewardKind(m.kind)) {
    model_.measureKinds[&m] = MeasureKind::Proportion;
  } else if (m.kind == "inverse") {
    model_.measureKinds[&m] = MeasureKind::Inverse;
  } else if (rate && m.hasRatePer) {
    model_.measureKinds[&m] = m.kind == "rate" ? MeasureKind::Rate : MeasureKind::InverseRate;
  } else if (rate) {
    diags_.error("E0303", m.kindRange, fmt::format("a {} of what? the rate has no base", m.kind),
                 fmt::format("write 'kind {} per 100 member years' (or per 1000)", m.kind));
    return;
  } else {
    diags_.error("E0303", m.kindRange, fmt::format("unknown measure kind '{}'", m.kind),
                 "write 'kind proportion', 'kind inverse', 'kind rate per N member years', "
                 "'kind inverse rate per N member years' or 'kind reward'");
    return;
  }
  if (m.hasRatePer && !rate) {
    diags_.error("E0303", m.ratePerRange,
                 fmt::format("a '{}' measure has no 'per N member years'", m.kind),
                 "write 'kind rate per N member years' for a rate, or remove 'per ...'");
  } else if (m.hasRatePer && m.ratePer <= 0) {
    diags_.error("E0308", m.ratePerRange,
                 fmt::format("a rate per {} member years has no meaning", m.ratePer),
                 "the base is a positive number of member years: 'per 100', 'per 1000'");
  } else if (m.hasRatePer) {
    model_.ratePer[&m] = m.ratePer;
  }
}

bool Checker::isRateMeasure(const ast::Measure& m) const {
  auto it = model_.measureKinds.find(&m);
  return it != model_.measureKinds.end() &&
         (it->second == MeasureKind::Rate || it->second == MeasureKind::InverseRate);
}

// `exposure EXPR`: a rate measure's member-years, when not `member years
// during MP`.
void Checker::checkExposure(const UnitScope& scope) {
  const ast::Measure& m = *scope.unit;
  if (!m.exposure) return;
  Env env;
  env.scope = &scope;
  const Type t = check(*m.exposure, env);
  if (!isRateMeasure(m)) {
    diags_.error("E0309", m.exposureRange,
                 fmt::format("measure {} is not a rate measure: it has no exposure", m.id),
                 "remove 'exposure', or write 'kind rate per N member years'");
  } else if (t != Type::Error && !isNumeric(t)) {
    diags_.error(
        "E0309", m.exposure->range,
        fmt::format("the exposure must be a number of member years, but this is {}", article(t)),
        "e.g. 'exposure member years during MP'");
  }
}

void Checker::checkDuplicates(const UnitScope& scope) {
  const ast::Measure& m = *scope.unit;
  std::unordered_map<std::string, SourceRange> seen;
  auto declare = [&](const std::string& name, SourceRange range) {
    auto [it, fresh] = seen.emplace(name, range);
    if (!fresh) {
      diags_.error(
          "E0103", range, fmt::format("'{}' is defined twice", name),
          fmt::format("the first definition is at line {}; rename or remove one", it->second.line));
      return;
    }
    for (const ast::Measure* imported : scope.imports) {
      const bool clash = std::any_of(imported->codesets.begin(), imported->codesets.end(),
                                     [&](const ast::CodesetDecl& c) { return c.name == name; }) ||
                         std::any_of(imported->defines.begin(), imported->defines.end(),
                                     [&](const ast::DefineDecl& d) { return d.name == name; });
      if (clash) {
        diags_.error(
            "E0103", range,
            fmt::format("'{}' is also defined by the imported module {}", name, imported->id),
            "rename this definition");
      }
    }
  };
  for (const ast::CodesetDecl& c : m.codesets) declare(c.name, c.nameRange);
  for (const ast::DefineDecl& d : m.defines) declare(d.name, d.nameRange);
}

// --- definitions and rules --------------------------------------------------

using DefineUse = Dependency<ast::DefineDecl, const ast::Expr*>;

// The definitions the body of `decl` uses, resolved as checkName and
// checkCall resolve them (parameters shadow definitions).
static std::vector<DefineUse> defineUses(const ast::DefineDecl& decl, const UnitScope* scope) {
  std::vector<DefineUse> out;
  if (scope == nullptr || !decl.body) return out;
  ast::forEachExpr(*decl.body, [&](const ast::Expr& e) {
    if (e.kind == ast::ExprKind::Name) {
      for (const ast::Param& p : decl.params)
        if (p.name == e.name) return;
      auto it = scope->defines.find(e.name);
      if (it != scope->defines.end() && !it->second->hasParams) out.push_back({&e, it->second});
    } else if (e.kind == ast::ExprKind::Call && e.name != "date" && e.name != "birthday") {
      auto it = scope->defines.find(e.name);
      if (it != scope->defines.end()) out.push_back({&e, it->second});
    }
  });
  return out;
}

// Checks `decl` and, first, every definition it depends on, in dependency
// order: a body is checked only when what it names is already checked, so
// a long chain of definitions nests no calls.
Type Checker::checkDefine(const ast::DefineDecl& decl) {
  auto usesOf = [&](const ast::DefineDecl& d) {
    auto it = defineOwner_.find(&d);
    return defineUses(d, it == defineOwner_.end() ? nullptr : it->second);
  };
  auto done = [&](const ast::DefineDecl* d) {
    auto it = defineState_.find(d);
    return it != defineState_.end() && it->second != State::Unvisited;
  };
  const auto found = dependencyOrder<ast::DefineDecl, const ast::Expr*>(&decl, usesOf, done);
  for (const DefineUse& use : found.cycleUses) {
    const ast::Expr& e = *use.at;
    cycleRefs_.insert(&e);
    if (e.kind == ast::ExprKind::Call) {
      diags_.error("E0110", e.nameRange, fmt::format("'{}' calls itself", e.name),
                   "definitions cannot be recursive");
    } else {
      diags_.error("E0110", e.range, fmt::format("'{}' is defined in terms of itself", e.name),
                   "remove the circular reference");
    }
  }
  for (const ast::DefineDecl* d : found.order) {
    checkDefineBody(*d);
    checkCallNesting(*d);
  }
  auto it = model_.defineTypes.find(&decl);
  return it == model_.defineTypes.end() ? Type::Error : it->second;
}

// Lowering inlines a call of a parameterised definition inside the call
// that uses it, so a chain of such calls nests as deep as it is long; past
// this depth it would exhaust the native stack. No measure comes near it.
constexpr int kMaxCallNesting = 100;

// Called in dependency order: what `decl` calls has its nesting already.
void Checker::checkCallNesting(const ast::DefineDecl& decl) {
  auto owner = defineOwner_.find(&decl);
  int deepest = 0;
  for (const DefineUse& use :
       defineUses(decl, owner == defineOwner_.end() ? nullptr : owner->second)) {
    if (!use.target->hasParams) continue;  // lowered on its own, not inside `decl`
    auto it = callNesting_.find(use.target);
    if (it != callNesting_.end()) deepest = std::max(deepest, it->second);
  }
  const int nesting = (decl.hasParams ? 1 : 0) + deepest;
  callNesting_[&decl] = nesting;
  if (decl.hasParams && nesting == kMaxCallNesting + 1) {
    diags_.error("E0115", decl.nameRange,
                 fmt::format("calls of parameterised definitions nest more than {} deep in '{}'",
                             kMaxCallNesting, decl.name),
                 "each call is inlined into its caller; shorten the chain of calls, e.g. with "
                 "definitions without parameters, which are computed once");
  }
}

void Checker::checkDefineBody(const ast::DefineDecl& decl) {
  State& state = defineState_[&decl];
  if (state != State::Unvisited) return;
  state = State::InProgress;
  auto owner = defineOwner_.find(&decl);
  if (owner == defineOwner_.end()) {  // a module that did not parse
    defineState_[&decl] = State::Done;
    model_.defineTypes[&decl] = Type::Error;
    return;
  }
  Env env;
  env.scope = owner->second;
  env.define = &decl;
  for (const ast::Param& p : decl.params) {
    Type t = Type::Error;
    if (!typeFromName(p.type, t)) {
      diags_.error("E0203", p.typeRange, fmt::format("unknown parameter type '{}'", p.type),
                   "parameter types are bool, int, number, date and interval");
    }
    env.paramTypes.push_back(t);
  }
  model_.paramTypes[&decl] = env.paramTypes;
  const Type t = decl.body ? check(*decl.body, env) : Type::Error;
  defineState_[&decl] = State::Done;
  model_.defineTypes[&decl] = t;
}

void Checker::checkRules(const UnitScope& scope) {
  const ast::Measure& m = *scope.unit;
  const ast::RuleDecl* seen[5] = {nullptr, nullptr, nullptr, nullptr, nullptr};
  Env env;
  env.scope = &scope;
  // An event-unit measure's numerator is asked of each unit event: the
  // unit's alias is bound there (and only there).
  Env numeratorEnv = env;
  if (m.unit && m.unit->query && !m.unit->query->alias.empty())
    numeratorEnv.aliases.push_back(m.unit->query.get());
  for (const ast::RuleDecl& r : m.rules) {
    const int k = static_cast<int>(r.kind);
    if (seen[k] != nullptr) {
      diags_.error(
          "E0302", r.range,
          fmt::format("measure {} has two '{}' rules", m.id, ast::ruleKindName(r.kind)),
          fmt::format("join them with 'and' / 'or' into the rule at line {}", seen[k]->range.line));
      continue;
    }
    seen[k] = &r;
    if (r.kind == ast::RuleKind::Exception) checkExceptionKind(m, r);
    const Type t = check(*r.expr, r.kind == ast::RuleKind::Numerator ? numeratorEnv : env);
    if (r.kind == ast::RuleKind::Numerator && isRateMeasure(m)) {
      // A rate measure's numerator is the member's weighted event count.
      if (t != Type::Error && !isNumeric(t)) {
        diags_.error("E0310", r.expr->range,
                     fmt::format("the numerator of rate measure {} must be a number (a weighted "
                                 "count of events), but this is {}",
                                 m.id, article(t)),
                     "e.g. 'count visit with X in setting ed during MP + 0.5 * count visit with X "
                     "in setting urgent during MP'");
      }
      continue;
    }
    // (With an unknown kind, E0303 says what is wrong; no guess here.)
    const bool kindKnown = model_.measureKinds.count(&m) != 0;
    if (r.kind == ast::RuleKind::Numerator && kindKnown && isNumeric(t)) {
      diags_.error("E0310", r.expr->range,
                   fmt::format("the numerator of {} is {}, but with kind {} it must be true or "
                               "false (the members who meet it are counted)",
                               m.id, article(t), m.kind.empty() ? "proportion" : m.kind),
                   "compare it ('... >= 1'), or make the measure a rate: 'kind rate per 1000 "
                   "member years'");
      continue;
    }
    if (t != Type::Error && t != Type::Bool) {
      diags_.error("E0202", r.expr->range,
                   fmt::format("the '{}' rule must be true or false, but this is {}",
                               ast::ruleKindName(r.kind), article(t)),
                   "compare it, e.g. 'count ... >= 1'");
    }
  }
  for (ast::RuleKind k : {ast::RuleKind::Population, ast::RuleKind::Numerator}) {
    if (seen[static_cast<int>(k)] == nullptr) {
      // A reward's numerator is written `earned when`.
      const std::string rule = ast::isRewardKind(m.kind) && k == ast::RuleKind::Numerator
                                   ? "earned when"
                                   : ast::ruleKindName(k);
      diags_.error("E0301", m.idRange, fmt::format("measure {} has no '{}' rule", m.id, rule),
                   fmt::format("add '{} <condition>'", rule));
    }
  }
}

// eCQM "Denominator Exceptions" exist only where there is a member-level
// numerator to miss: a proportion (or inverse) measure that counts members.
void Checker::checkExceptionKind(const ast::Measure& m, const ast::RuleDecl& r) {
  const char* why = isRateMeasure(m)            ? "a rate measure counts events, not members"
                    : ast::isRewardKind(m.kind) ? "a reward has no denominator"
                    : m.unit != nullptr         ? "an event-unit measure counts events, not members"
                                                : nullptr;
  if (why == nullptr) return;
  diags_.error("E0160", r.range,
               fmt::format("measure {} cannot have an 'exception' rule: {}", m.id, why),
               "a denominator exception belongs to a proportion measure ('kind proportion' or "
               "'kind inverse'); exclude these members with 'exclude' instead");
}

void Checker::warnUnused(const UnitScope& scope) {
  for (const ast::CodesetDecl& c : scope.unit->codesets) {
    if (!codesetUsed_[&c]) {
      diags_.warning("W0001", c.nameRange, fmt::format("code set '{}' is never used", c.name),
                     "use it in a rule or remove it");
    }
  }
}

// --- expressions -----------------------------------------------------------

bool Checker::expect(const ast::Expr& e, Type actual, Type wanted, const char* what) {
  if (actual == Type::Error || actual == wanted) return actual == wanted;
  if (wanted == Type::Number && actual == Type::Int) return true;
  // Where a plain number is wanted, a quantity gives its number.
  if (wanted == Type::Number && actual == Type::Quantity) return true;
  // A date is a datetime without a time of day.
  if (wanted == Type::Datetime && actual == Type::Date) return true;
  if (wanted == Type::Date && actual == Type::Datetime) {
    diags_.error("E0241", e.range,
                 fmt::format("{} must be a date, but '{}' is a datetime (a day with a time of day)",
                             what, e.text),
                 "read the event's day with '.date' or '.end' where a date is wanted");
    return false;
  }
  diags_.error(
      "E0201", e.range,
      fmt::format("{} must be {}, but '{}' is {}", what, article(wanted), e.text, article(actual)));
  return false;
}

Type Checker::check(const ast::Expr& e, const Env& env) {
  const Type t = checkInner(e, env);
  model_.types[&e] = t;
  return t;
}

Type Checker::checkInner(const ast::Expr& e, const Env& env) {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::Int: constInts_[&e] = e.intValue; return Type::Int;
    case K::Number: return Type::Number;
    case K::Quantity: checkUnitLiteral(e); return Type::Quantity;
    case K::Date: return Type::Date;
    case K::Bool: return Type::Bool;
    case K::Duration: checkDurationRange(e); return Type::Duration;
    case K::Sex: return Type::Sex;
    case K::Name: return checkName(e, env);
    case K::Call: return checkCall(e, env);
    case K::Member: return checkMember(e, env);
    case K::Not: {
      const Type t = check(*e.args[0], env);
      expect(*e.args[0], t, Type::Bool, "the operand of 'not'");
      return Type::Bool;
    }
    case K::Neg: {
      const Type t = check(*e.args[0], env);
      if (t == Type::Int) foldInt(e, [](std::int64_t a, std::int64_t) { return ir::intNeg(a); });
      if (t == Type::Int || t == Type::Number || t == Type::Error) return t;
      // `-5 'Cel'` stays a quantity; minus anything else that has a unit
      // gives its number.
      if (t == Type::Quantity)
        return e.args[0]->kind == K::Quantity ? Type::Quantity : Type::Number;
      expect(*e.args[0], t, Type::Number, "the operand of '-'");
      return Type::Error;
    }
    case K::Binary: return checkBinary(e, env);
    case K::InRange: return checkInRange(e, env);
    case K::IsMissing: {
      const Type t = check(*e.args[0], env);
      // Every value type but sex can be missing (a bool is unknown);
      // docs/language.md "Missing values".
      const bool canBeMissing = t == Type::Bool || t == Type::Int || t == Type::Number ||
                                t == Type::Date || t == Type::Provider || t == Type::Setting ||
                                t == Type::Code || t == Type::Quantity || t == Type::Datetime;
      if (t != Type::Error && !canBeMissing) {
        diags_.error(
            "E0201", e.args[0]->range,
            fmt::format(
                "only true/false values, numbers, dates and event fields can be missing, but "
                "'{}' is {}",
                e.args[0]->text, article(t)),
            t == Type::Interval ? "ask about an end: 'I.start is missing'"
            : t == Type::Sex    ? "sex is never missing (U is a value)"
                                : "a duration is a constant and never missing");
      }
      return Type::Bool;
    }
    case K::Interval: {
      const Type a = check(*e.args[0], env);
      const Type b = check(*e.args[1], env);
      expect(*e.args[0], a, Type::Date, "the start of an interval");
      expect(*e.args[1], b, Type::Date, "the end of an interval");
      if (e.args[0]->kind == K::Date && e.args[1]->kind == K::Date &&
          e.args[0]->dateValue > e.args[1]->dateValue) {
        diags_.error("E0106", e.range,
                     fmt::format("the interval {} is empty: its start is after its end", e.text),
                     "swap its ends");
      }
      return Type::Interval;
    }
    case K::Age: {
      expect(*e.args[0], check(*e.args[0], env), Type::Date, "the date of 'age at'");
      return Type::Int;
    }
    case K::EnrolledOver: {
      expect(*e.args[0], check(*e.args[0], env), Type::Interval, "the window of 'enrolled over'");
      if (e.gapPeriodMonths != 0 && e.gapPeriodMonths != 12) {
        diags_.error("E0205", e.range,
                     fmt::format("gaps can be allowed in each 12 months, not in each {} months",
                                 e.gapPeriodMonths),
                     "write 'in each 12 months' (the HEDIS allowance per year of enrollment)");
      }
      return Type::Bool;
    }
    case K::EnrolledOn: {
      expect(*e.args[0], check(*e.args[0], env), Type::Date, "the date of 'enrolled on'");
      return Type::Bool;
    }
    case K::Aggregate: return checkAggregate(e, env);
    case K::EnrollmentStart:
    case K::EnrolledDays:
    case K::MemberYears:
    case K::MemberMonths: {
      expect(*e.args[0], check(*e.args[0], env), Type::Interval, "the window of 'during'");
      return e.kind == K::EnrollmentStart ? Type::Date
             : e.kind == K::MemberYears   ? Type::Number
                                          : Type::Int;
    }
  }
  return Type::Error;
}

Type Checker::checkName(const ast::Expr& e, const Env& env) {
  Resolution r;
  if (const ast::Query* bound = aliasInScope(e.name, env)) {
    r.kind = Resolution::Kind::Alias;
    r.query = bound;
    model_.names[&e] = r;
    const int kind = eventKindIndex(bound->kind);
    std::string fields;
    for (int i = 0; i < kEventFieldCount; ++i)
      if (kind >= 0 && kindHasField(kind, static_cast<EventField>(i)))
        fields += (fields.empty() ? "" : ", ") + std::string(kEventFields[i].name);
    diags_.error("E0130", e.range, fmt::format("'{}' is an event: use one of its fields", e.name),
                 fmt::format("{} has {}", anEvent(bound->kind), fields));
    return Type::Error;
  }
  if (env.define != nullptr) {
    for (size_t i = 0; i < env.define->params.size(); ++i) {
      if (env.define->params[i].name == e.name) {
        r.kind = Resolution::Kind::Param;
        r.param = static_cast<int>(i);
        model_.names[&e] = r;
        return env.paramTypes[i];
      }
    }
  }
  if (auto it = env.scope->defines.find(e.name); it != env.scope->defines.end()) {
    const ast::DefineDecl* d = it->second;
    if (d->hasParams) {
      diags_.error("E0111", e.range,
                   fmt::format("'{}' takes {} argument(s)", e.name, d->params.size()),
                   fmt::format("call it as {}(...)", e.name));
      return Type::Error;
    }
    if (cycleRefs_.count(&e) != 0) return Type::Error;  // reported by checkDefine
    r.kind = Resolution::Kind::Define;
    r.define = d;
    model_.names[&e] = r;
    return checkDefine(*d);
  }
  static const std::pair<const char*, Builtin> kBuiltins[] = {{"MP", Builtin::MeasurementPeriod},
                                                              {"birth_date", Builtin::BirthDate},
                                                              {"death_date", Builtin::DeathDate}};
  for (const auto& [name, b] : kBuiltins) {
    if (e.name == name) {
      r.kind = Resolution::Kind::Builtin;
      r.builtin = b;
      model_.names[&e] = r;
      return b == Builtin::MeasurementPeriod ? Type::Interval : Type::Date;
    }
  }
  // In any case, like sex in members.csv and every other enumerated value.
  static const char* kSexes[] = {"F", "M", "U"};
  for (int i = 0; i < 3; ++i) {
    if (equalsIgnoreCase(e.name, kSexes[i])) {
      r.kind = Resolution::Kind::SexConst;
      r.sex = i;
      model_.names[&e] = r;
      return Type::Sex;
    }
  }
  if (reportAliasOutOfScope(e)) return Type::Error;
  std::vector<std::string> names{"MP", "birth_date", "death_date"};
  for (const auto& [n, _] : env.scope->defines) names.push_back(n);
  if (env.define != nullptr)
    for (const ast::Param& p : env.define->params) names.push_back(p.name);
  std::string note = didYouMean(e.name, names, "define it with 'define " + e.name + " = ...'");
  if (env.scope->codesets.count(e.name) != 0) {
    note = fmt::format("'{}' is a code set: use it in a query, e.g. 'exists visit with {}'", e.name,
                       e.name);
  }
  diags_.error("E0101", e.range, fmt::format("unknown name '{}'", e.name), note);
  return Type::Error;
}

Type Checker::checkCall(const ast::Expr& e, const Env& env) {
  std::vector<Type> args;
  for (const ast::ExprPtr& a : e.args) args.push_back(check(*a, env));
  auto arity = [&](size_t n, const char* usage) {
    if (e.args.size() == n) return true;
    diags_.error("E0111", e.nameRange,
                 fmt::format("'{}' takes {} argument(s), not {}", e.name, n, e.args.size()),
                 fmt::format("write {}", usage));
    return false;
  };
  Resolution r;
  if (e.name == "date") {
    r.kind = Resolution::Kind::DateFn;
    model_.names[&e] = r;
    if (arity(3, "date(year, month, day)")) {
      const char* what[] = {"the year", "the month", "the day"};
      for (size_t i = 0; i < 3; ++i) expect(*e.args[i], args[i], Type::Int, what[i]);
    }
    return Type::Date;
  }
  if (e.name == "birthday") {
    r.kind = Resolution::Kind::BirthdayFn;
    model_.names[&e] = r;
    if (arity(1, "birthday(N) for the N-th birthday") &&
        expect(*e.args[0], args[0], Type::Int, "the birthday number"))
      checkBirthdayRange(*e.args[0]);
    return Type::Date;
  }
  if (e.name == "linked_pcp") {
    r.kind = Resolution::Kind::LinkedPcpFn;
    model_.names[&e] = r;
    if (arity(1, "linked_pcp(DATE) for the member's linked PCP on that date"))
      expect(*e.args[0], args[0], Type::Date, "the date of 'linked_pcp'");
    return Type::Provider;
  }
  auto it = env.scope->defines.find(e.name);
  if (it == env.scope->defines.end()) {
    std::vector<std::string> names{"date", "birthday", "linked_pcp"};
    for (const auto& [n, d] : env.scope->defines)
      if (d->hasParams) names.push_back(n);
    diags_.error("E0112", e.nameRange, fmt::format("unknown function '{}'", e.name),
                 didYouMean(e.name, names,
                            "built-in functions are date(y, m, d), birthday(n) and linked_pcp(d)"));
    return Type::Error;
  }
  const ast::DefineDecl* d = it->second;
  r.kind = Resolution::Kind::Define;
  r.define = d;
  model_.names[&e] = r;
  if (!d->hasParams) {
    diags_.error("E0111", e.nameRange, fmt::format("'{}' takes no arguments", e.name),
                 fmt::format("write {} without parentheses", e.name));
    return checkDefine(*d);
  }
  if (cycleRefs_.count(&e) != 0) return Type::Error;  // reported by checkDefine
  const Type result = checkDefine(*d);
  if (e.args.size() != d->params.size()) {
    diags_.error(
        "E0111", e.nameRange,
        fmt::format("'{}' takes {} argument(s), not {}", e.name, d->params.size(), e.args.size()));
    return result;
  }
  for (size_t i = 0; i < d->params.size(); ++i) {
    Type want = Type::Error;
    if (typeFromName(d->params[i].type, want)) {
      expect(*e.args[i], args[i], want,
             fmt::format("argument '{}' of {}", d->params[i].name, e.name).c_str());
    }
  }
  return result;
}

Type Checker::checkMember(const ast::Expr& e, const Env& env) {
  const ast::Expr& baseExpr = *e.args[0];
  if (baseExpr.kind == ast::ExprKind::Name) {
    if (const ast::Query* bound = aliasInScope(baseExpr.name, env)) {
      Resolution r;
      r.kind = Resolution::Kind::Alias;
      r.query = bound;
      model_.names[&baseExpr] = r;
      model_.types[&baseExpr] = Type::Error;
      return checkEventField(e, *bound);
    }
  }
  const Type base = check(baseExpr, env);
  if (base == Type::Error) return Type::Error;
  if (base == Type::Interval && (e.name == "start" || e.name == "end")) {
    model_.memberFields[&e] = e.name == "start" ? MemberField::Start : MemberField::End;
    return Type::Date;
  }
  if (base == Type::Date && (e.name == "year" || e.name == "month" || e.name == "day")) {
    model_.memberFields[&e] = e.name == "year"    ? MemberField::Year
                              : e.name == "month" ? MemberField::Month
                                                  : MemberField::Day;
    return Type::Int;
  }
  const char* fields = base == Type::Interval ? "start and end"
                       : base == Type::Date   ? "year, month and day"
                                              : nullptr;
  diags_.error("E0204", e.nameRange, fmt::format("{} has no '{}'", article(base), e.name),
               fields ? fmt::format("{} has {}", article(base), fields)
               : base == Type::Datetime
                   ? std::string("a datetime has no parts: read the event's day with '.date' or "
                                 "'.end' and take its parts")
                   : std::string("only intervals and dates have parts"));
  return Type::Error;
}

// `9 '%'`: the unit is UCUM text (E0230).
void Checker::checkUnitLiteral(const ast::Expr& e) {
  std::string why;
  if (wellFormedUnit(e.name, why)) return;
  diags_.error("E0230", e.nameRange, fmt::format("'{}' is not a unit: {}", e.name, why), kUnitHint);
}

// A left-deep chain of binary operators (`a and b and c ...`, `1 + 2 + 3`)
// is checked along its left spine with a loop, not a call per term.
// Whether `e` compares (where a setting name can stand for a setting; an
// order is then E0208, as between two settings).
static bool isComparison(const ast::Expr& e) {
  return e.op >= ast::BinaryOp::Eq && e.op <= ast::BinaryOp::Ge;
}

static bool isBareName(const ast::Expr& e) { return e.kind == ast::ExprKind::Name; }

Type Checker::checkBinary(const ast::Expr& e, const Env& env) {
  std::vector<const ast::Expr*> spine;
  const ast::Expr* leftmost = &e;
  while (leftmost->kind == ast::ExprKind::Binary) {
    spine.push_back(leftmost);
    leftmost = leftmost->args[0].get();
  }
  // A bare name compared with a setting is a setting name, on either side
  // (`v.setting = ed`, `ed = v.setting`), read like `in setting ed`: no
  // definition can hold a setting, so nothing else could be meant.
  const ast::Expr& innermost = *spine.back();
  Type innerRight = Type::Error;
  bool innerRightChecked = false;
  Type left;
  if (isComparison(innermost) && isBareName(*leftmost) && !isBareName(*innermost.args[1])) {
    innerRight = check(*innermost.args[1], env);
    innerRightChecked = true;
    left = innerRight == Type::Setting ? checkSettingName(*leftmost) : check(*leftmost, env);
  } else {
    left = check(*leftmost, env);
  }
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
    const ast::Expr& node = **it;
    Type right;
    if (&node == &innermost && innerRightChecked)
      right = innerRight;
    else if (left == Type::Setting && isComparison(node) && isBareName(*node.args[1]))
      right = checkSettingName(*node.args[1]);
    else
      right = check(*node.args[1], env);
    left = binaryType(node, left, right);
    if (&node != &e) model_.types[&node] = left;
  }
  return left;
}

// `ed` where a setting is expected: the settings of visits.csv, in any case.
Type Checker::checkSettingName(const ast::Expr& e) {
  const auto index = settingIndex(e.name);
  if (!index || *index == 0) {
    std::vector<std::string> names(kSettingNames + 1, kSettingNames + kSettingNameCount);
    const std::string close = closestName(e.name, names);
    diags_.error("E0108", e.range,
                 fmt::format("unknown setting '{}' (compared with a setting)", e.name),
                 (close.empty() ? std::string() : "did you mean '" + close + "'? ") +
                     "settings are " + settingNameList());
    model_.types[&e] = Type::Error;
    return Type::Error;
  }
  Resolution r;
  r.kind = Resolution::Kind::SettingConst;
  r.setting = *index;
  model_.names[&e] = r;
  model_.types[&e] = Type::Setting;
  return Type::Setting;
}

Type Checker::binaryType(const ast::Expr& e, Type a, Type b) {
  using Op = ast::BinaryOp;
  if (a == Type::Error || b == Type::Error) {
    return (e.op == Op::And || e.op == Op::Or || e.op >= Op::Eq) ? Type::Bool : Type::Error;
  }
  auto mismatch = [&](const char* note) {
    diags_.error("E0201", e.range,
                 fmt::format("'{}' cannot be applied to {} and {}", ast::binaryOpText(e.op),
                             article(a), article(b)),
                 note);
  };
  // Arithmetic on a quantity literal would drop its unit: refused (E0232).
  // An event's value in arithmetic gives its number.
  const bool arithmetic = e.op == Op::Add || e.op == Op::Sub || e.op == Op::Mul || e.op == Op::Div;
  for (const auto& side : e.args) {
    if (!arithmetic || side->kind != ast::ExprKind::Quantity) continue;
    diags_.error("E0232", e.range,
                 fmt::format("'{}' does arithmetic on the quantity {}, which would lose its unit",
                             ast::binaryOpText(e.op), side->text),
                 "compare quantities ('value > 9 '%''), or write a plain number");
    return Type::Error;
  }
  // A datetime is compared, never moved or subtracted (E0240).
  if (arithmetic && (a == Type::Datetime || b == Type::Datetime)) {
    diags_.error("E0240", e.range,
                 fmt::format("'{}' does arithmetic on a datetime (a day with a time of day)",
                             ast::binaryOpText(e.op)),
                 "do day arithmetic on the event's day: '.date' or '.end' (e.g. 'e.date + 2 "
                 "days'); datetimes only compare");
    return Type::Error;
  }
  switch (e.op) {
    case Op::And:
    case Op::Or:
      expect(*e.args[0], a, Type::Bool, "each side of 'and'/'or'");
      expect(*e.args[1], b, Type::Bool, "each side of 'and'/'or'");
      return Type::Bool;
    case Op::Add:
    case Op::Sub:
      if (a == Type::Int && b == Type::Int) {
        foldInt(e, e.op == Op::Add ? ir::intAdd : ir::intSub);
        return Type::Int;
      }
      if (isNumeric(a) && isNumeric(b)) return Type::Number;
      if (a == Type::Date && b == Type::Duration) return Type::Date;
      if (e.op == Op::Sub && a == Type::Date && b == Type::Date) return Type::Int;
      // `exists visit on or before MP.end - 30 days` moves the whole query:
      // a filter's bound ends where the query does.
      if (b == Type::Duration && e.args[0]->kind == ast::ExprKind::Aggregate) {
        mismatch(
            "the duration applies to the whole query, not to its last filter's date: "
            "put the date in parentheses, e.g. 'on or before (MP.end - 30 days)'");
        return Type::Error;
      }
      mismatch("dates move by durations ('MP.end - 2 years'); numbers add to numbers");
      return Type::Error;
    case Op::Mul:
    case Op::Div:
      if (e.op == Op::Mul && a == Type::Int && b == Type::Int) {
        foldInt(e, ir::intMul);
        return Type::Int;
      }
      if (isNumeric(a) && isNumeric(b))
        return e.op == Op::Div || a == Type::Number || b == Type::Number ? Type::Number : Type::Int;
      mismatch("only numbers multiply and divide");
      return Type::Error;
    default: break;
  }
  // Comparisons.
  const bool ordered = e.op != Op::Eq && e.op != Op::Ne;
  const bool fieldType = a == Type::Provider || a == Type::Setting || a == Type::Code;
  if (fieldType && a == b) {
    if (ordered) {
      diags_.error("E0208", e.range,
                   fmt::format("{}s have no order: '{}' cannot compare them", typeName(a),
                               ast::binaryOpText(e.op)),
                   fmt::format("compare {}s with '=' or '!='", typeName(a)));
    }
    return Type::Bool;
  }
  if ((isNumeric(a) && isNumeric(b)) || (a == Type::Date && b == Type::Date)) return Type::Bool;
  if (isDayOrTime(a) && isDayOrTime(b)) return Type::Bool;  // mixed precision
  if (!ordered && a == b && (a == Type::Sex || a == Type::Bool)) return Type::Bool;
  if (a == Type::Quantity || b == Type::Quantity) {
    const Type other = a == Type::Quantity ? b : a;
    diags_.error("E0231", e.range,
                 fmt::format("'{}' compares a quantity with {}: it can never hold",
                             ast::binaryOpText(e.op), article(other)),
                 "a quantity compares with a quantity ('value < 140 'mm[Hg]'') or a number");
    return Type::Bool;
  }
  mismatch(a == Type::Sex || b == Type::Sex ? "compare sex with F, M or U: 'sex = F'"
           : a == Type::Datetime || b == Type::Datetime
               ? "a datetime compares with a datetime or a date (docs/language.md \"Times of day\")"
               : "compare numbers with numbers and dates with dates");
  return Type::Bool;
}

// --- constant ranges -------------------------------------------------------------

// A duration longer than 200 years leaves any sensible window (and, past a
// few thousand years, the calendar): durations are for measure windows.
void Checker::checkDurationRange(const ast::Expr& e) {
  static constexpr std::int64_t kLimit[] = {73050, 2400, 200};  // days, months, years
  static const char* const kUnit[] = {"days", "months", "years"};
  const int unit = static_cast<int>(e.unit);
  if (e.intValue <= kLimit[unit]) return;
  diags_.error("E0601", e.range, fmt::format("the duration '{}' is longer than 200 years", e.text),
               fmt::format("durations are at most 73050 days, 2400 months or 200 years; write at "
                           "most {} {}",
                           kLimit[unit], kUnit[unit]));
}

void Checker::checkBirthdayRange(const ast::Expr& n) {
  auto it = constInts_.find(&n);
  if (it == constInts_.end() || (it->second >= 0 && it->second <= 150)) return;
  diags_.error("E0602", n.range, fmt::format("birthday({}) is outside 0..150", n.text),
               "the birthday number is an age in years");
}

// Int arithmetic on constants (literals and arithmetic on them, not names)
// is folded so that an overflow is an error here rather than a missing
// value at run time.
void Checker::foldInt(const ast::Expr& e, std::int64_t (*op)(std::int64_t, std::int64_t)) {
  auto a = constInts_.find(e.args[0].get());
  if (a == constInts_.end()) return;
  std::int64_t b = 0;
  if (e.args.size() > 1) {
    auto it = constInts_.find(e.args[1].get());
    if (it == constInts_.end()) return;
    b = it->second;
  }
  const std::int64_t v = op(a->second, b);
  if (v == ir::kMissingInt) {
    diags_.error("E0603", e.range, fmt::format("the constant '{}' overflows a 64-bit int", e.text),
                 "ints are 64-bit, at most 9223372036854775807 in magnitude; at run time this "
                 "would be missing");
    return;
  }
  constInts_[&e] = v;
}

Type Checker::checkInRange(const ast::Expr& e, const Env& env) {
  const Type x = check(*e.args[0], env);
  const Type lo = check(*e.args[1], env);
  const Type hi = check(*e.args[2], env);
  if (x == Type::Error || lo == Type::Error || hi == Type::Error) return Type::Bool;
  const bool numeric = isNumeric(x) && isNumeric(lo) && isNumeric(hi);
  const bool dates = isDayOrTime(x) && isDayOrTime(lo) && isDayOrTime(hi);
  if (!numeric && !dates) {
    const bool quantity = x == Type::Quantity || lo == Type::Quantity || hi == Type::Quantity;
    diags_.error(quantity ? "E0231" : "E0201", e.range,
                 fmt::format("'in lo..hi' needs numbers or dates throughout, not a {} in {}..{}",
                             typeName(x), typeName(lo), typeName(hi)));
    return Type::Bool;
  }
  const ast::Expr& l = *e.args[1];
  const ast::Expr& h = *e.args[2];
  const bool empty =
      (l.kind == ast::ExprKind::Int && h.kind == ast::ExprKind::Int && l.intValue > h.intValue) ||
      (l.kind == ast::ExprKind::Date && h.kind == ast::ExprKind::Date && l.dateValue > h.dateValue);
  if (empty) {
    SourceRange r = l.range;
    if (h.range.line == r.line) r.length = h.range.column + h.range.length - r.column;
    diags_.error(
        "E0106", r,
        fmt::format("the range {}..{} is empty: its start is after its end", l.text, h.text),
        fmt::format("write {}..{}", h.text, l.text));
  }
  return Type::Bool;
}

}  // namespace mc::sema
