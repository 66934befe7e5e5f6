// Semantic analysis of one measure or module: names, types, code sets,
// windows, rules and test blocks. Every problem becomes a diagnostic; the
// checker never stops at the first one. One class, its members in files by
// concern: Checker.cpp (units, definitions, rules, expressions), Queries.cpp
// (event queries, aggregates, pairing), TestBlocks.cpp, CodesetChecks.cpp,
// CodeFileChecks.cpp, CountedStatuses.cpp, Stratification.cpp.
#pragma once

#include <functional>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ast/Ast.h"
#include "sema/Model.h"
#include "support/ClosestName.h"
#include "support/CodeSystem.h"
#include "support/Diagnostic.h"

namespace mc::sema {

class Checker {
 public:
  Checker(Model& model, Diagnostics& diags,
          const std::unordered_map<const ast::Measure*, UnitScope>& scopes);

  // Checks a unit whose scope (own and imported names) has been built.
  void checkUnit(const UnitScope& scope);

 private:
  enum class State { Unvisited, InProgress, Done };
  struct Env {
    const UnitScope* scope = nullptr;
    const ast::DefineDecl* define = nullptr;  // for parameters
    std::vector<Type> paramTypes;
    // The queries whose events are bound here (`as NAME`), outermost first.
    std::vector<const ast::Query*> aliases;
  };

  void checkDuplicates(const UnitScope& scope);
  void checkAttributionAndUnit(const UnitScope& scope);
  void checkCountedStatuses(const ast::Measure& m);
  StatusMask countedStatusesOf(const ast::Measure& unit);
  void checkCodeset(const UnitScope& scope, const ast::CodesetDecl& decl);
  void checkCodesetExpr(const UnitScope& scope, const ast::CodesetExpr& expr);
  void checkCodesetTerm(const UnitScope& scope, const ast::CodesetTerm& term);
  void checkCodeList(const ast::CodesetTerm& term);
  void checkCodeFile(const ast::CodesetTerm& term);
  std::optional<std::pair<CodeSystem, std::string>> resolveTestCode(const ast::TestEvent::Code& c);
  void checkSlotFilter(const ast::Query& q, const ast::Filter& f, const UnitScope& scope);
  void checkPrincipalFilter(const ast::Query& q, const ast::Filter& f, const UnitScope& scope);
  std::optional<CodeSystem> nonIcdSystem(const ast::CodesetTerm& term, const UnitScope& scope,
                                         std::unordered_set<const ast::CodesetDecl*>& seen);
  std::optional<CodeSystem> firstSystem(const ast::CodesetTerm& term, const UnitScope& scope,
                                        std::unordered_set<const ast::CodesetDecl*>& seen,
                                        const std::function<bool(CodeSystem)>& wanted);
  void checkCategorySystems(const ast::Query& q, const ast::Filter& f, const UnitScope& scope);
  void checkIntentSystems(const ast::Filter& f, const UnitScope& scope);
  bool checkCodeFamily(CodeSystem system, const ast::CodeItem& item);
  void warnCategoryAlone(CodeSystem system, const ast::CodeItem& item);
  void checkCodesetCycles(const ast::CodesetDecl& decl);
  Type checkDefine(const ast::DefineDecl& decl);
  void checkDefineBody(const ast::DefineDecl& decl);
  void checkCallNesting(const ast::DefineDecl& decl);
  void checkRules(const UnitScope& scope);
  void checkExceptionKind(const ast::Measure& m, const ast::RuleDecl& r);
  void checkStratifiers(const ast::Measure& m);
  void checkAgeBands(const ast::StratifierDecl& s);
  void checkDerivedMeasure(const ast::Measure& m);
  // Rewards (`kind reward`, sema/Rewards.cpp): `earned when`, `earned on`
  // and what a reward cannot have; `base` is the measure whose rules a
  // derived reward takes (null for a reward with its own).
  void checkReward(const ast::Measure& m, const ast::Measure* base);
  void checkEarnedOn(const ast::Measure& m, const UnitScope& scope);
  void refuseInModule(const ast::Measure& m);
  // `reward`: the test's measure is a reward (its tests expect `earned`);
  // `m` holds the rules the test runs against (the base of a derived one).
  void checkTest(const ast::Measure& m, const ast::TestDecl& test, bool reward = false);
  void checkTestEventAttributes(const ast::TestEvent& ev);
  void warnUnused(const UnitScope& scope);

  Type check(const ast::Expr& e, const Env& env);
  Type checkInner(const ast::Expr& e, const Env& env);
  Type checkName(const ast::Expr& e, const Env& env);
  Type checkCall(const ast::Expr& e, const Env& env);
  Type checkMember(const ast::Expr& e, const Env& env);
  Type checkBinary(const ast::Expr& e, const Env& env);
  Type checkSettingName(const ast::Expr& e);
  Type binaryType(const ast::Expr& e, Type a, Type b);
  Type checkInRange(const ast::Expr& e, const Env& env);
  Type checkAggregate(const ast::Expr& e, const Env& env);
  Type checkSumField(const ast::Expr& e);
  Type checkPdcQuery(const ast::Expr& e);
  Type checkExtremeQuery(const ast::Expr& e);
  Type checkLatestEndQuery(const ast::Expr& e);
  void checkUnitLiteral(const ast::Expr& e);
  static std::string fieldsOf(int kind, bool numeric);
  void checkKind(const ast::Measure& m);
  bool isRateMeasure(const ast::Measure& m) const;
  void checkExposure(const UnitScope& scope);
  void checkQuery(const ast::Query& q, const Env& env);
  void checkAliasName(const ast::Query& q, const Env& env);
  const ast::Query* aliasInScope(const std::string& name, const Env& env) const;
  Type checkEventField(const ast::Expr& e, const ast::Query& bound);
  bool reportAliasOutOfScope(const ast::Expr& e);
  void collectAliases(const ast::Measure& m);
  bool expect(const ast::Expr& e, Type actual, Type wanted, const char* what);
  void markUsed(const ast::CodesetTerm& term, const UnitScope& scope);
  void checkDurationRange(const ast::Expr& e);
  void checkBirthdayRange(const ast::Expr& n);
  void foldInt(const ast::Expr& e, std::int64_t (*op)(std::int64_t, std::int64_t));

  Model& model_;
  Diagnostics& diags_;
  const std::unordered_map<const ast::Measure*, UnitScope>& scopes_;
  std::unordered_map<const ast::DefineDecl*, State> defineState_;
  std::unordered_map<const ast::DefineDecl*, const UnitScope*> defineOwner_;
  std::unordered_map<const ast::CodesetDecl*, bool> codesetUsed_;
  // Values of constant Int expressions (literals and arithmetic on them).
  std::unordered_map<const ast::Expr*, std::int64_t> constInts_;
  std::unordered_map<const ast::CodesetDecl*, const UnitScope*> codesetOwner_;
  std::unordered_set<const ast::CodesetDecl*> codesetCyclesDone_;
  // References that close a cycle of definitions (already reported).
  std::unordered_set<const ast::Expr*> cycleRefs_;
  std::unordered_map<const ast::Measure*, StatusMask> unitStatuses_;
  // How deeply inlining `d` nests calls of parameterised definitions.
  std::unordered_map<const ast::DefineDecl*, int> callNesting_;
  // Every alias written in the units checked so far, by name: where the first
  // one is bound, for the message about a use outside its query.
  std::unordered_map<std::string, SourceRange> aliasSites_;
  // True while checking the codes of a FHIR ValueSet file: its expansion
  // lists exactly the codes of the set, so a three-character ICD-10-CM code
  // there is the billable code itself (W0002 does not apply).
  bool inValueSetFile_ = false;
};

// "Did you mean" lookups moved to support/ClosestName.h; kept visible here
// for sema's callers.
using mc::closestName;

// "did you mean 'x'?" for the closest candidate, or `otherwise`.
std::string didYouMean(const std::string& name, const std::vector<std::string>& candidates,
                       const std::string& otherwise);

// Event kind of the language from its name (singular or plural); -1 if unknown.
int eventKindIndex(const std::string& name);

}  // namespace mc::sema
