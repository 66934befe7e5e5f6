// Code sets: names, code lists (shapes, ranges, families) and cycles.
#include <fmt/format.h>

#include <unordered_set>

#include "sema/Checker.h"
#include "support/CodeSlots.h"
#include "support/CodeSystem.h"
#include "support/DependencyOrder.h"
#include "support/EventVocabulary.h"

namespace mc::sema {

void Checker::checkCodeset(const UnitScope& scope, const ast::CodesetDecl& decl) {
  codesetUsed_.emplace(&decl, false);
  checkCodesetExpr(scope, decl.expr);
}

using CodesetUse = Dependency<ast::CodesetDecl, const ast::CodesetTerm*>;

// The code sets `decl` names, resolved in the scope of its unit.
static std::vector<CodesetUse> codesetUses(const ast::CodesetDecl& decl, const UnitScope* scope) {
  std::vector<CodesetUse> out;
  if (scope == nullptr) return out;
  std::vector<const ast::CodesetExpr*> todo{&decl.expr};
  while (!todo.empty()) {
    const ast::CodesetExpr* e = todo.back();
    todo.pop_back();
    for (const ast::CodesetTerm& t : e->terms) {
      if (t.kind == ast::CodesetTerm::Kind::Paren && t.inner) todo.push_back(t.inner.get());
      if (t.kind != ast::CodesetTerm::Kind::Ref) continue;
      if (auto it = scope->codesets.find(t.name); it != scope->codesets.end())
        out.push_back({&t, it->second});
    }
  }
  return out;
}

// Each code set is visited once over the whole compilation; a cycle is
// reported once, on the set it returns to.
void Checker::checkCodesetCycles(const ast::CodesetDecl& decl) {
  auto usesOf = [&](const ast::CodesetDecl& d) {
    auto it = codesetOwner_.find(&d);
    return codesetUses(d, it == codesetOwner_.end() ? nullptr : it->second);
  };
  auto done = [&](const ast::CodesetDecl* d) { return codesetCyclesDone_.count(d) != 0; };
  const auto found =
      dependencyOrder<ast::CodesetDecl, const ast::CodesetTerm*>(&decl, usesOf, done);
  for (const ast::CodesetDecl* d : found.order) codesetCyclesDone_.insert(d);
  std::unordered_set<const ast::CodesetDecl*> reported;
  for (const CodesetUse& use : found.cycleUses) {
    if (!reported.insert(use.target).second) continue;
    diags_.error("E0110", use.target->nameRange,
                 fmt::format("code set '{}' is defined in terms of itself", use.target->name),
                 "remove the circular reference");
  }
}

void Checker::checkCodesetExpr(const UnitScope& scope, const ast::CodesetExpr& expr) {
  for (const ast::CodesetTerm& t : expr.terms) checkCodesetTerm(scope, t);
}

void Checker::checkCodesetTerm(const UnitScope& scope, const ast::CodesetTerm& term) {
  switch (term.kind) {
    case ast::CodesetTerm::Kind::List:
      // Recorded here, not in checkCodeList, which also checks code files'
      // lists through temporary terms.
      if (const auto system = codeSystemFromName(term.system)) model_.codeSystems[&term] = *system;
      checkCodeList(term);
      break;
    case ast::CodesetTerm::Kind::File: checkCodeFile(term); break;
    case ast::CodesetTerm::Kind::Paren: checkCodesetExpr(scope, *term.inner); break;
    case ast::CodesetTerm::Kind::Ref: {
      auto it = scope.codesets.find(term.name);
      if (it == scope.codesets.end()) {
        std::vector<std::string> names;
        for (const auto& [n, _] : scope.codesets) names.push_back(n);
        std::string note = didYouMean(
            term.name, names,
            "declare it with 'codeset " + term.name + " = SYSTEM{...}' or import a module");
        // The near miss was meant to use that set: do not also call it unused.
        if (auto near = scope.codesets.find(closestName(term.name, names));
            near != scope.codesets.end())
          codesetUsed_[near->second] = true;
        if (scope.defines.count(term.name) != 0) {
          note = fmt::format("'{}' is a definition, not a code set", term.name);
        }
        diags_.error("E0102", term.range, fmt::format("unknown code set '{}'", term.name), note);
        return;
      }
      model_.codesetRefs[&term] = it->second;
      markUsed(term, scope);
      break;
    }
  }
}

void Checker::markUsed(const ast::CodesetTerm& term, const UnitScope& scope) {
  auto it = scope.codesets.find(term.name);
  if (it != scope.codesets.end()) codesetUsed_[it->second] = true;
}

void Checker::checkCodeList(const ast::CodesetTerm& term) {
  const auto system = codeSystemFromName(term.system);
  if (!system) {
    std::vector<std::string> names;
    for (int i = 0; i < kCodeSystemCount; ++i)
      names.push_back(codeSystemName(static_cast<CodeSystem>(i)));
    diags_.error("E0104", term.range, fmt::format("unknown code system '{}'", term.system),
                 didYouMean(term.system, names, "code systems are " + codeSystemNames()));
    return;
  }
  if (term.items.empty()) {
    diags_.error("E0106", term.range, fmt::format("the {} code list is empty", term.system),
                 "list at least one code");
  }
  for (const ast::CodeItem& item : term.items) {
    if (!checkCodeFamily(*system, item)) continue;
    bool shapesOk = true;
    const std::pair<const std::string*, SourceRange> ends[] = {{&item.lo, item.range},
                                                               {&item.hi, item.hiRange}};
    for (const auto& [codePtr, range] : ends) {
      const std::string& code = *codePtr;
      if (code.empty()) continue;
      SourceRange r = range;
      // The low end of a range is reported on its own, not with the `..hi`.
      if (codePtr == &item.lo && item.isRange()) r.length = static_cast<int>(item.lo.size());
      const std::string problem = checkCodeShape(*system, code);
      if (!problem.empty() && isAmbiguousNdc(*system, code)) {
        shapesOk = false;
        diags_.error("E0123", r, ambiguousNdcMessage(code), problem);
      } else if (!problem.empty()) {
        shapesOk = false;
        std::string note = problem;
        if (code.find('-') != std::string::npos && *system != CodeSystem::LOINC &&
            *system != CodeSystem::NDC) {
          note += "; a range is written lo..hi";
        }
        diags_.error("E0105", r,
                     fmt::format("'{}' is not a valid {} code", code, codeSystemName(*system)),
                     note);
      }
    }
    if (item.isRange() && shapesOk) {
      const std::string lo = normalizeCode(*system, item.lo);
      const std::string hi = normalizeCode(*system, item.hi);
      if (lo > hi) {
        diags_.error("E0106", item.range,
                     fmt::format("the code range {}..{} is empty: its start is after its end",
                                 item.lo, item.hi),
                     fmt::format("write {}..{}", item.hi, item.lo));
      }
    }
    if (!item.isRange() && shapesOk) warnCategoryAlone(*system, item);
  }
}

// Families (`Z30.*`): refused in systems without them and as range ends,
// shape-checked otherwise. False when the item is a family or a range with a
// family end (fully handled here), true for a code or a plain range.
bool Checker::checkCodeFamily(CodeSystem system, const ast::CodeItem& item) {
  auto isFamily = [](const std::string& code) { return !code.empty() && code.back() == '*'; };
  if (item.isRange()) {
    if (!isFamily(item.lo) && !isFamily(item.hi)) return true;
    const std::string lo(familyPrefix(item.lo)), hi(familyPrefix(item.hi));
    diags_.error("E0114", item.range, "a code family cannot be a range end",
                 fmt::format("a range end shorter than the codes already covers its children: "
                             "write {}..{}",
                             lo, hi));
    return false;
  }
  if (!item.isFamily()) return true;
  const std::string problem = checkFamilyShape(system, familyPrefix(item.lo));
  if (!hasCodeFamilies(system)) {
    diags_.error("E0114", item.range,
                 fmt::format("'{}': {} has no code families", item.lo, codeSystemName(system)),
                 problem);
  } else if (!problem.empty()) {
    diags_.error("E0105", item.range,
                 fmt::format("'{}' is not a valid {} code family", item.lo, codeSystemName(system)),
                 problem);
  }
  return false;
}

// An ICD-10-CM category written alone matches only the bare category code,
// which claims rarely carry: the analyst almost always means its family. Not
// in a FHIR ValueSet's codes: VSAC lists a three-character code there because
// it is itself a billable code (F04, R54) and lists the children it means,
// and the analyst does not edit the published file.
void Checker::warnCategoryAlone(CodeSystem system, const ast::CodeItem& item) {
  if (inValueSetFile_ || !isCategoryWithChildren(system, normalizeCode(system, item.lo))) return;
  diags_.warning(
      "W0002", item.range,
      fmt::format("'{}' is an {} category: alone it matches only the code '{}' itself, none of "
                  "the codes under it",
                  item.lo, codeSystemName(system), item.lo),
      fmt::format("write {}.* for the category and all its codes (for a category without codes "
                  "under it, such as I10, that is the same code), or {} alone only if the data "
                  "holds the bare category code",
                  item.lo, item.lo));
}

// The first system other than ICD-10-CM among the codes `term` adds.
std::optional<CodeSystem> Checker::nonIcdSystem(const ast::CodesetTerm& term,
                                                const UnitScope& scope,
                                                std::unordered_set<const ast::CodesetDecl*>& seen) {
  return firstSystem(term, scope, seen,
                     [](CodeSystem system) { return system != CodeSystem::ICD10CM; });
}

// The first system `wanted` holds among the codes `term` adds (codes it
// subtracts cannot widen the set). Unknown names and unreadable files were
// reported already and count as nothing here.
std::optional<CodeSystem> Checker::firstSystem(const ast::CodesetTerm& term, const UnitScope& scope,
                                               std::unordered_set<const ast::CodesetDecl*>& seen,
                                               const std::function<bool(CodeSystem)>& wanted) {
  switch (term.kind) {
    case ast::CodesetTerm::Kind::List: {
      const auto system = codeSystemFromName(term.system);
      if (system && wanted(*system)) return system;
      return std::nullopt;
    }
    case ast::CodesetTerm::Kind::File: {
      auto it = model_.codeFileOf.find(&term);
      if (it == model_.codeFileOf.end() || it->second == nullptr) return std::nullopt;
      for (const codes::SystemCodes& sc : it->second->systems)
        if (wanted(sc.system)) return sc.system;
      return std::nullopt;
    }
    case ast::CodesetTerm::Kind::Paren:
      for (const ast::CodesetTerm& t : term.inner->terms)
        if (!t.subtract)
          if (auto found = firstSystem(t, scope, seen, wanted)) return found;
      return std::nullopt;
    case ast::CodesetTerm::Kind::Ref: {
      auto it = scope.codesets.find(term.name);
      if (it == scope.codesets.end() || !seen.insert(it->second).second) return std::nullopt;
      auto owner = codesetOwner_.find(it->second);
      const UnitScope& declScope = owner == codesetOwner_.end() ? scope : *owner->second;
      for (const ast::CodesetTerm& t : it->second->expr.terms)
        if (!t.subtract)
          if (auto found = firstSystem(t, declScope, seen, wanted)) return found;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

namespace {

bool isObservationCategory(CodeSystem s) { return s == CodeSystem::OBSCAT; }
bool isConditionCategory(CodeSystem s) {
  return s == CodeSystem::CONDCAT || s == CodeSystem::USCORECAT;
}

}  // namespace

// `with category S` on an observation whose S holds only condition
// categories, or on a condition whose S holds only observation categories:
// FHIR binds Observation.category to observation-category and
// Condition.category to condition-category (HL7's, and US Core's), so S
// could never match a category `import fhir` writes.
void Checker::checkCategorySystems(const ast::Query& q, const ast::Filter& f,
                                   const UnitScope& scope) {
  if (!f.codes) return;  // `with any category`
  const bool observation = q.kind == "observation";
  if (!observation && q.kind != "condition") return;
  auto other = [observation](CodeSystem s) {
    return observation ? isConditionCategory(s) : isObservationCategory(s);
  };
  std::unordered_set<const ast::CodesetDecl*> seen;
  const auto wrong = firstSystem(*f.codes, scope, seen, other);
  if (!wrong) return;
  seen.clear();
  if (firstSystem(*f.codes, scope, seen, [&](CodeSystem s) { return !other(s); })) return;
  diags_.error("E0156", f.codes->range,
               fmt::format("{} category is never in {}, and this set holds only {} categories",
                           observation ? "an observation's" : "a condition's",
                           codeSystemName(*wrong), observation ? "condition" : "observation"),
               observation
                   ? "observation categories are OBSCAT codes (OBSCAT{laboratory}); CONDCAT and "
                     "USCORECAT are for condition queries"
                   : "condition categories are CONDCAT or USCORECAT codes "
                     "(CONDCAT{problem-list-item}, USCORECAT{health-concern}); OBSCAT is for "
                     "observation queries");
}

// `with intent S` whose S holds no request-intent code could never match:
// every order's intent is one (StoreBuilder gives `order` to a row without).
void Checker::checkIntentSystems(const ast::Filter& f, const UnitScope& scope) {
  if (!f.codes) return;  // `with any intent`
  std::unordered_set<const ast::CodesetDecl*> seen;
  const auto other =
      firstSystem(*f.codes, scope, seen, [](CodeSystem s) { return s != CodeSystem::REQINTENT; });
  if (!other) return;  // intents only, or a name reported already
  seen.clear();
  if (firstSystem(*f.codes, scope, seen, [](CodeSystem s) { return s == CodeSystem::REQINTENT; }))
    return;
  diags_.error("E0163", f.codes->range,
               fmt::format("an order's intent is a REQINTENT code, and this set holds {} codes "
                           "and no intent",
                           codeSystemName(*other)),
               "write the intents as REQINTENT codes, e.g. codeset Order = REQINTENT{order}");
}

// `with SLOT SET`, `with any SLOT`: a coded field the event's kind has
// (support/CodeSlots.h); the principal diagnosis has checks of its own.
void Checker::checkSlotFilter(const ast::Query& q, const ast::Filter& f, const UnitScope& scope) {
  const CodeSlot slot = f.slot;
  if (slot == CodeSlot::Principal) {
    checkPrincipalFilter(q, f, scope);
    return;
  }
  const int kind = eventKindIndex(q.kind);
  if (slot == CodeSlot::Category) checkCategorySystems(q, f, scope);
  if (slot == CodeSlot::Intent && (kind < 0 || kindHasSlot(kind, slot)))
    checkIntentSystems(f, scope);
  if (kind >= 0 && !kindHasSlot(kind, slot) && slot == CodeSlot::Category) {
    // QI-Core's Observation.category and Condition.category; a visit's kind
    // of encounter is one of its codes, a procedure's too.
    diags_.error("E0155", f.slotRange,
                 fmt::format("{} has no category; only observations and conditions "
                             "carry a FHIR category (observations.csv and conditions.csv "
                             "`category`)",
                             anEvent(q.kind)),
                 fmt::format("drop 'with category' here, or query an observation or a "
                             "condition; {}'s kind is in its codes ('with SET')",
                             anEvent(q.kind)));
    return;
  }
  if (kind >= 0 && !kindHasSlot(kind, slot)) {
    const CodeSlotInfo& info = codeSlotInfo(slot);
    diags_.error(
        "E0140", f.slotRange,
        fmt::format("{} has no {}; only {} events do", anEvent(q.kind), info.what, info.holders),
        fmt::format("the events with a {} are {}; query one of them, or write 'with' "
                    "alone to match the {} event's codes",
                    info.what, info.holders, q.kind));
  }
}

// `with principal SET`: only visits carry a principal diagnosis, and it is
// always an ICD-10-CM code, so other codes in SET could never match.
void Checker::checkPrincipalFilter(const ast::Query& q, const ast::Filter& f,
                                   const UnitScope& scope) {
  const int kind = eventKindIndex(q.kind);
  if (kind >= 0 && kind != eventKindIndex("visit")) {
    diags_.error("E0121", f.range,
                 fmt::format("{} has no principal diagnosis; only visits do", anEvent(q.kind)),
                 fmt::format("write 'with' instead of 'with principal' to match any code of the "
                             "{} event",
                             q.kind));
  }
  std::unordered_set<const ast::CodesetDecl*> seen;
  if (!f.codes) return;  // `with any principal`
  if (auto other = nonIcdSystem(*f.codes, scope, seen)) {
    diags_.error("E0122", f.codes->range,
                 fmt::format("the principal diagnosis is an ICD-10-CM code, but this set also "
                             "holds {} codes",
                             codeSystemName(*other)),
                 "use a set of ICD-10-CM codes only after 'with principal', or match the other "
                 "codes with a separate 'with' filter");
  }
}

}  // namespace mc::sema
