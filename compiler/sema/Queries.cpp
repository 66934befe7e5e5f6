// Event queries: their filters and aggregates (sum, pdc, n-th date, ...),
// and event pairing (aliases and the fields of a bound event).
#include <fmt/format.h>

#include <algorithm>

#include "ast/Walk.h"
#include "sema/Checker.h"
#include "support/CodeSystem.h"
#include "support/EventFields.h"
#include "support/EventVocabulary.h"

namespace mc::sema {

Type Checker::checkAggregate(const ast::Expr& e, const Env& env) {
  checkQuery(*e.query, env);
  switch (e.aggregate) {
    case ast::AggregateKind::Exists: return Type::Bool;
    case ast::AggregateKind::Count:
    case ast::AggregateKind::CountDistinctDates: return Type::Int;
    case ast::AggregateKind::LatestValue:
    case ast::AggregateKind::FirstValue: return Type::Quantity;
    case ast::AggregateKind::LowestValue:
    case ast::AggregateKind::HighestValue: return checkExtremeQuery(e);
    case ast::AggregateKind::LatestDate:
    case ast::AggregateKind::FirstDate:
    case ast::AggregateKind::NthDate: return Type::Date;  // n >= 1: checked by the parser
    case ast::AggregateKind::Sum: return checkSumField(e);
    case ast::AggregateKind::CountSpacedDates:
      if (e.intValue < 1) {
        diags_.error(
            "E0206", e.nameRange,
            fmt::format("dates at least {} days apart are just distinct dates", e.intValue),
            "write 'count distinct dates of', or a spacing of 1 day or more");
      }
      return Type::Int;
    case ast::AggregateKind::Pdc: return checkPdcQuery(e);
    case ast::AggregateKind::LatestEnd: return checkLatestEndQuery(e);
    case ast::AggregateKind::LatestTime: return Type::Datetime;  // every event has a start
  }
  return Type::Error;
}

// `pdc of q`: days covered by pharmacy fills (E0215) over a treatment period
// that ends with the period of the query's one `during` filter (E0216); a
// second time filter would leave the period ambiguous.
Type Checker::checkPdcQuery(const ast::Expr& e) {
  const ast::Query& q = *e.query;
  const int kind = eventKindIndex(q.kind);
  if (kind >= 0 && kind != eventKindIndex("pharmacy")) {
    diags_.error(
        "E0215", q.kindRange,
        fmt::format("'pdc of' counts days covered by pharmacy fills, not by {} events", q.kind),
        "write 'pdc of pharmacy with CLASS during MP'");
    return Type::Error;
  }
  int during = 0, other = 0;
  const ast::Filter* second = nullptr;
  for (const ast::Filter& f : q.filters) {
    switch (f.kind) {
      case ast::FilterKind::During: ++during; break;
      case ast::FilterKind::OnOrBefore:
      case ast::FilterKind::OnOrAfter:
      case ast::FilterKind::Before:
      case ast::FilterKind::After: ++other; break;
      default: continue;
    }
    if (during + other == 2) second = &f;
  }
  if (during != 1 || other != 0) {
    diags_.error(
        "E0216", second != nullptr ? second->range : q.range,
        second != nullptr
            ? std::string("'pdc of' takes its period from one 'during' filter; this "
                          "query has another time filter")
            : std::string(
                  "'pdc of' needs a 'during' window: the period its treatment period ends with"),
        "write one 'during MP' (or another interval) and no other time filter");
    return Type::Error;
  }
  return Type::Number;
}

// `lowest value of q`, `highest value of q`: the values of events that
// have one (E0233 for a kind without a value).
Type Checker::checkExtremeQuery(const ast::Expr& e) {
  const int kind = eventKindIndex(e.query->kind);
  if (kind >= 0 && !kindHasField(kind, EventField::Value)) {
    diags_.error("E0233", e.query->kindRange,
                 fmt::format("'{}' reads the value of each event, and {} has none",
                             ast::aggregateText(e.aggregate), anEvent(e.query->kind)),
                 "observations and supplemental data have values");
    return Type::Error;
  }
  return Type::Quantity;
}

// `latest end of q`: the events must be of a kind whose rows can end after
// their date (DATA.md: visits.csv and observations.csv `end_date`,
// conditions.csv `abatement_date`); any other kind's end is its date, and
// the query reads as `latest date of` (E0162).
Type Checker::checkLatestEndQuery(const ast::Expr& e) {
  static const char* const kKindsWithEnd[] = {"visit", "observation", "condition"};
  const int kind = eventKindIndex(e.query->kind);
  if (kind < 0) return Type::Date;  // reported by checkQuery
  for (const char* k : kKindsWithEnd)
    if (kind == eventKindIndex(k)) return Type::Date;
  diags_.error("E0162", e.query->kindRange,
               fmt::format("'latest end of' reads when each event ends, and {} events have no end "
                           "of their own (their end is their date)",
                           e.query->kind),
               "write 'latest date of'; visits, observations and conditions have ends");
  return Type::Error;
}

// The fields of events of `kind` (support/EventFields.def), comma-separated;
// only the numeric ones when `numeric`.
std::string Checker::fieldsOf(int kind, bool numeric) {
  std::string list;
  for (int i = 0; i < kEventFieldCount; ++i) {
    const FieldType t = kEventFields[i].type;
    if (!kindHasField(kind, static_cast<EventField>(i))) continue;
    if (numeric && t != FieldType::Int && t != FieldType::Num && t != FieldType::Quantity) continue;
    list += (list.empty() ? "" : ", ") + std::string(kEventFields[i].name);
  }
  return list;
}

// `sum FIELD of q`: a field of the event-field table that the query's kind
// has (E0133, as for `alias.FIELD`) and that is a number (E0207).
Type Checker::checkSumField(const ast::Expr& e) {
  const int kind = eventKindIndex(e.query->kind);
  if (kind < 0) return Type::Number;  // reported as E0107
  const int i = eventFieldIndex(e.name);
  if (i < 0 || !kindHasField(kind, static_cast<EventField>(i))) {
    diags_.error(
        "E0133", e.nameRange, fmt::format("{} has no field '{}'", anEvent(e.query->kind), e.name),
        fmt::format("the fields of {} are {}", anEvent(e.query->kind), fieldsOf(kind, false)));
    return Type::Error;
  }
  const FieldType t = kEventFields[i].type;
  if (t != FieldType::Int && t != FieldType::Num && t != FieldType::Quantity) {
    const std::string numeric = fieldsOf(kind, true);
    diags_.error(
        "E0207", e.nameRange,
        fmt::format("'sum' adds numbers; the {} of {} is not one", e.name, anEvent(e.query->kind)),
        numeric.empty() ? fmt::format("{} events have no number to sum", e.query->kind)
                        : fmt::format("the numbers of {} are {}", anEvent(e.query->kind), numeric));
    return Type::Error;
  }
  model_.sumFields[&e] = static_cast<EventField>(i);
  return Type::Number;
}

void Checker::checkQuery(const ast::Query& q, const Env& env) {
  model_.countedStatuses[&q] = countedStatusesOf(*env.scope->unit);
  // The query's own alias is bound in its `where` filters (and the queries
  // in them): the other filters are read once per query, not per event.
  Env inner = env;
  if (!q.alias.empty()) {
    checkAliasName(q, env);
    inner.aliases.push_back(&q);
  }
  if (const int kind = eventKindIndex(q.kind); kind >= 0) {
    model_.queryKinds[&q] = kind;
  } else {
    const std::vector<std::string> kinds{"visit",        "pharmacy",     "observation", "condition",
                                         "immunization", "supplemental", "referral",    "order"};
    diags_.error("E0107", q.kindRange, fmt::format("unknown event kind '{}'", q.kind),
                 didYouMean(q.kind, kinds,
                            "event kinds are visit, pharmacy, observation, condition, "
                            "immunization, supplemental, referral and order"));
  }
  for (const ast::Filter& f : q.filters) {
    switch (f.kind) {
      case ast::FilterKind::With: checkCodesetTerm(*env.scope, *f.codes); break;
      case ast::FilterKind::Slot:
        if (f.codes) checkCodesetTerm(*env.scope, *f.codes);
        checkSlotFilter(q, f, *env.scope);
        break;
      case ast::FilterKind::During:
        expect(*f.operand, check(*f.operand, env), Type::Interval, "the window of 'during'");
        break;
      case ast::FilterKind::OnOrBefore:
      case ast::FilterKind::OnOrAfter:
      case ast::FilterKind::Before:
      case ast::FilterKind::After:
        expect(*f.operand, check(*f.operand, env), Type::Date, "the bound of a time filter");
        break;
      case ast::FilterKind::Setting:
        model_.settingMasks[&f] = 0;
        for (size_t i = 0; i < f.settings.size(); ++i) {
          const auto index = settingIndex(f.settings[i]);
          if (index && *index != 0) {
            model_.settingMasks[&f] |= 1u << *index;
          } else {
            std::vector<std::string> names(kSettingNames + 1, kSettingNames + kSettingNameCount);
            diags_.error("E0108", f.settingRanges[i],
                         fmt::format("unknown setting '{}'", f.settings[i]),
                         didYouMean(f.settings[i], names, "settings are " + settingNameList()));
          }
        }
        break;
      case ast::FilterKind::ByPcp: break;
      case ast::FilterKind::Value: {
        // A quantity compares with the event's value and unit, a plain
        // number with its number (docs/language.md "Quantities").
        const Type t = check(*f.operand, env);
        if (t != Type::Quantity) expect(*f.operand, t, Type::Number, "the value compared with");
        break;
      }
      case ast::FilterKind::ByProvider:
        expect(*f.operand, check(*f.operand, env), Type::Provider, "the provider of 'by provider'");
        break;
      case ast::FilterKind::Where:
        expect(*f.operand, check(*f.operand, inner), Type::Bool, "the condition of 'where'");
        break;
    }
  }
}

// --- event pairing -------------------------------------------------------------

// Aliases are lexical: every alias of the unit is known before any
// expression is checked, so that a use outside its query can say where it
// is bound.
void Checker::collectAliases(const ast::Measure& m) {
  auto collect = [&](const ast::Expr& root) {
    ast::forEachExpr(root, [&](const ast::Expr& e) {
      if (e.query && !e.query->alias.empty())
        aliasSites_.emplace(e.query->alias, e.query->aliasRange);
    });
  };
  for (const ast::DefineDecl& d : m.defines)
    if (d.body) collect(*d.body);
  for (const ast::RuleDecl& r : m.rules)
    if (r.expr) collect(*r.expr);
  if (m.unit) collect(*m.unit);
  if (m.attribution) collect(*m.attribution);
}

const ast::Query* Checker::aliasInScope(const std::string& name, const Env& env) const {
  for (auto it = env.aliases.rbegin(); it != env.aliases.rend(); ++it)
    if ((*it)->alias == name) return *it;
  return nullptr;
}

// A name that is an alias somewhere, used where no query binds it.
bool Checker::reportAliasOutOfScope(const ast::Expr& e) {
  auto it = aliasSites_.find(e.name);
  if (it == aliasSites_.end()) return false;
  diags_.error(
      "E0131", e.range, fmt::format("'{}' is not bound here", e.name),
      fmt::format("'{}' is bound by the query at line {}, column {}, and can be used only in that "
                  "query's 'where' filters and in the filters of the queries inside them",
                  e.name, it->second.line, it->second.column));
  return true;
}

// `as NAME` may not hide a definition, a parameter, a built-in or an alias
// of an enclosing query: a name means one thing wherever it is read.
void Checker::checkAliasName(const ast::Query& q, const Env& env) {
  std::string hides;
  if (const ast::Query* outer = aliasInScope(q.alias, env)) {
    hides = fmt::format("the event bound at line {}, column {}", outer->aliasRange.line,
                        outer->aliasRange.column);
  } else if (env.define != nullptr &&
             std::any_of(env.define->params.begin(), env.define->params.end(),
                         [&](const ast::Param& p) { return p.name == q.alias; })) {
    hides = fmt::format("the parameter '{}' of '{}'", q.alias, env.define->name);
  } else if (auto d = env.scope->defines.find(q.alias); d != env.scope->defines.end()) {
    hides = fmt::format("the definition at line {}", d->second->nameRange.line);
  } else if (q.alias == "MP" || q.alias == "birth_date" || q.alias == "death_date") {
    hides = "the built-in " + q.alias;
  } else {
    return;
  }
  diags_.error("E0132", q.aliasRange, fmt::format("the alias '{}' hides {}", q.alias, hides),
               "choose another name for the event");
}

Type Checker::checkEventField(const ast::Expr& e, const ast::Query& bound) {
  const int kind = eventKindIndex(bound.kind);
  if (kind < 0) return Type::Error;  // reported as E0107
  const int index = eventFieldIndex(e.name);
  if (index >= 0 && kindHasField(kind, static_cast<EventField>(index))) {
    const auto field = static_cast<EventField>(index);
    model_.eventFields[&e] = field;
    switch (eventFieldInfo(field).type) {
      case FieldType::Date: return Type::Date;
      case FieldType::Int: return Type::Int;
      case FieldType::Num: return Type::Number;
      case FieldType::Provider: return Type::Provider;
      case FieldType::Setting: return Type::Setting;
      case FieldType::Code: return Type::Code;
      case FieldType::Bool: return Type::Bool;
      case FieldType::Quantity: return Type::Quantity;
      case FieldType::Datetime: return Type::Datetime;
    }
  }
  diags_.error("E0133", e.nameRange,
               fmt::format("{} has no field '{}'", anEvent(bound.kind), e.name),
               fmt::format("the fields of {} are {}", anEvent(bound.kind), fieldsOf(kind, false)));
  return Type::Error;
}

}  // namespace mc::sema
