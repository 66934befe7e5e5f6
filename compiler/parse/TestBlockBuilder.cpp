// Parse tree -> AST for test blocks: members, events and expectations (the
// rest of AstBuilder is in AstBuilder.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "parse/AstBuilder.h"
#include "support/ClosestName.h"
#include "support/CodeSlots.h"
#include "support/EventVocabulary.h"
#include "support/Ucum.h"

namespace mc::parse {

using P = MeasureParser;

ast::TestDecl AstBuilder::test(P::TestItem_Context* ctx) {
  ast::TestDecl out;
  out.name = unquote(ctx->STRING()->getText());
  out.range = range(ctx->STRING());
  for (P::TestItemContext* item : ctx->testItem()) {
    if (auto* m = dynamic_cast<P::TestMemberContext*>(item)) {
      testMember(m, out);
    } else if (auto* p = dynamic_cast<P::TestPeriodContext*>(item)) {
      out.period = static_cast<int>(integer(p->INT()));
      out.periodRange = range(p->INT());
    } else if (auto* e = dynamic_cast<P::TestEventContext*>(item)) {
      out.events.push_back(testEvent(e));
    } else if (auto* x = dynamic_cast<P::TestExpectContext*>(item)) {
      for (P::OutcomeContext* o : x->outcome()) {
        ast::Outcome outcome;
        outcome.negated = o->NOT() != nullptr;
        outcome.name = o->children[outcome.negated ? 1 : 0]->getText();
        outcome.range = range(o);
        if (o->INT() != nullptr) {
          outcome.hasNumber = true;
          outcome.number = static_cast<double>(integer(o->INT()));
        } else if (o->NUMBER() != nullptr) {
          outcome.hasNumber = true;
          outcome.number = number(o->NUMBER());
        }
        if (o->DATE() != nullptr) outcome.earnedOn = date(o->DATE());
        out.expects.push_back(std::move(outcome));
      }
    }
  }
  return out;
}

static ast::TestSpan span(P::DateSpanContext* ctx, AstBuilder& builder,
                          Days (AstBuilder::*date)(antlr4::tree::TerminalNode*)) {
  ast::TestSpan s;
  s.start = (builder.*date)(ctx->DATE(0));
  if (ctx->RANGE() == nullptr) {
    s.end = kNoDate;
  } else {
    s.end = ctx->DATE().size() > 1 ? (builder.*date)(ctx->DATE(1)) : kOpenEnd;
  }
  return s;
}

void AstBuilder::testMember(P::TestMemberContext* ctx, ast::TestDecl& out) {
  ast::TestMember m;
  m.range = range(ctx);
  for (P::MemberAttrContext* attr : ctx->memberAttr()) {
    if (auto* s = dynamic_cast<P::MemberSexContext*>(attr)) {
      m.sex = s->ident()->getText();
      m.sexRange = range(s->ident());
      // `sex f` as in members.csv: enumerated values are read in any case.
      for (const char* sex : {"F", "M", "U"})
        if (equalsIgnoreCase(m.sex, sex)) m.sex = sex;
    } else if (auto* b = dynamic_cast<P::MemberBornContext*>(attr)) {
      m.born = date(b->DATE());
    } else if (auto* d = dynamic_cast<P::MemberDiedContext*>(attr)) {
      m.died = date(d->DATE());
    } else if (auto* en = dynamic_cast<P::MemberEnrolledContext*>(attr)) {
      enrolledSpans(en, m);
    } else if (auto* p = dynamic_cast<P::MemberPcpContext*>(attr)) {
      m.pcp = providerName(p->providerRef());
    }
  }
  out.member = std::move(m);
}

std::string AstBuilder::providerName(P::ProviderRefContext* ctx) {
  const std::string text = ctx->getText();
  return ctx->STRING() != nullptr ? unquote(text) : text;
}

// `enrolled A pcp P1, B pcp P2`: each span's own PCP. A `pcp P` after the
// last span only, with no other span naming one, is the member's PCP for
// every span, as it always read (`enrolled A, B pcp P1`).
void AstBuilder::enrolledSpans(P::MemberEnrolledContext* ctx, ast::TestMember& m) {
  const std::vector<P::EnrolledSpanContext*> spans = ctx->enrolledSpan();
  size_t withPcp = 0;
  for (P::EnrolledSpanContext* es : spans) withPcp += es->providerRef() != nullptr ? 1 : 0;
  const bool memberPcp = withPcp == 1 && spans.back()->providerRef() != nullptr;
  for (P::EnrolledSpanContext* es : spans) {
    ast::TestSpan s = span(es->dateSpan(), *this, &AstBuilder::date);
    if (s.end == kNoDate) s.end = s.start;
    m.enrolled.push_back(s);
    const std::string pcp = es->providerRef() != nullptr ? providerName(es->providerRef()) : "";
    if (memberPcp && !pcp.empty()) m.pcp = pcp;
    m.enrolledPcp.push_back(memberPcp ? std::string() : pcp);
  }
}

// `2025-03-10` or `2025-03-10T09:30`: the lexer gives the shape; the day and
// the clock must exist (E0003, E0242).
void AstBuilder::eventTime(P::EventTimeContext* ctx, Days& day, Seconds& time) {
  time = kNoTime;
  // A syntax error (already reported) may leave the day out.
  if (ctx == nullptr || (ctx->DATE() == nullptr && ctx->DATETIME() == nullptr)) {
    day = 0;
    return;
  }
  if (ctx->DATE() != nullptr) {
    day = date(ctx->DATE());
    return;
  }
  const std::string text = ctx->DATETIME()->getText();
  std::string why;
  if (const std::optional<DayTime> dt = parseIsoDayTime(text, &why)) {
    day = dt->day;
    time = dt->time;
    return;
  }
  day = 0;
  if (why.empty()) {
    diags_.error("E0003", range(ctx), "'" + text.substr(0, 10) + "' is not a calendar date",
                 "dates are written YYYY-MM-DD with a real month and day");
    return;
  }
  diags_.error("E0242", range(ctx), fmt::format("'{}' is not a time of day: {}", text, why),
               "write hh:mm or hh:mm:ss after the 'T', hours 00 to 23, minutes and seconds 00 to "
               "59 (e.g. 2025-03-10T09:30)");
}

ast::TestEvent AstBuilder::testEvent(P::TestEventContext* ctx) {
  ast::TestEvent e;
  e.kind = ctx->eventKind()->getText();
  e.range = range(ctx->eventKind());
  P::EventSpanContext* when = ctx->eventSpan();
  eventTime(when != nullptr ? when->eventTime(0) : nullptr, e.date, e.startTime);
  if (when == nullptr || when->RANGE() == nullptr) {
    e.endDate = kNoDate;
  } else if (when->eventTime().size() > 1) {
    eventTime(when->eventTime(1), e.endDate, e.endTime);
  } else {
    e.endDate = kOpenEnd;
  }
  for (antlr4::tree::TerminalNode* code : ctx->QCODE()) {
    e.codes.push_back({code->getText(), range(code)});
  }
  std::vector<std::string> seen;
  for (P::EventAttrContext* attr : ctx->eventAttr()) eventAttr(attr, e, seen);
  return e;
}

// The attributes a test event may carry, for "did you mean".
static const std::vector<std::string> kEventAttributes = {"setting", "provider",    "status",
                                                          "value",   "days_supply", "quantity",
                                                          "source",  "to_provider", "generic"};

// Reports an attribute given twice; true when it is the first.
static bool firstTime(Diagnostics& diags, std::vector<std::string>& seen, const std::string& name,
                      const SourceRange& where) {
  if (std::find(seen.begin(), seen.end(), name) == seen.end()) {
    seen.push_back(name);
    return true;
  }
  diags.error("E0404", where, fmt::format("'{}' is given twice for this event", name),
              "keep one; an event has one " + name);
  return false;
}

void AstBuilder::eventAttr(P::EventAttrContext* attr, ast::TestEvent& e,
                           std::vector<std::string>& seen) {
  const SourceRange where = range(attr);
  if (auto* st = dynamic_cast<P::EventSettingContext*>(attr)) {
    if (!firstTime(diags_, seen, "setting", where)) return;
    e.setting = st->ident()->getText();
    e.settingRange = range(st->ident());
  } else if (auto* pr = dynamic_cast<P::EventProviderContext*>(attr)) {
    if (!firstTime(diags_, seen, "provider", where)) return;
    const std::string text = pr->providerRef()->getText();
    e.provider = pr->providerRef()->STRING() != nullptr ? unquote(text) : text;
  } else if (auto* status = dynamic_cast<P::EventStatusContext*>(attr)) {
    if (!firstTime(diags_, seen, "status", where)) return;
    const std::string name = status->STRING() != nullptr ? unquote(status->STRING()->getText())
                                                         : status->ident()->getText();
    const auto index = statusIndex(name);
    if (index && *index != 0) {
      e.status = *index;
      return;
    }
    std::vector<std::string> names(std::begin(kStatusNames) + 1, std::end(kStatusNames));
    const std::string close = closestName(name, names);
    std::string all;
    for (const std::string& n : names) all += (all.empty() ? "" : ", ") + n;
    diags_.error(
        "E0404", status->STRING() ? range(status->STRING()) : range(status->ident()),
        fmt::format("unknown status '{}'", name),
        close.empty() ? "statuses are FHIR's: " + all : fmt::format("did you mean '{}'?", close));
  } else if (auto* v = dynamic_cast<P::EventValueContext*>(attr)) {
    if (!firstTime(diags_, seen, "value", where)) return;
    const double magnitude = v->INT() != nullptr ? number(v->INT()) : number(v->NUMBER());
    e.value = v->MINUS() != nullptr ? -magnitude : magnitude;
    if (v->UNIT_TEXT() == nullptr) return;
    const std::string quoted = v->UNIT_TEXT()->getText();
    const std::string unit = quoted.substr(1, quoted.size() - 2);
    std::string why;
    if (wellFormedUnit(unit, why)) {
      e.unit = canonicalUnit(unit);
      return;
    }
    diags_.error("E0230", range(v->UNIT_TEXT()), fmt::format("'{}' is not a unit: {}", unit, why),
                 kUnitHint);
  } else if (auto* sc = dynamic_cast<P::EventSlotCodeContext*>(attr)) {
    // `value SNOMEDCT:373066001`: the code of a coded field (support/CodeSlots.h).
    const std::string name = sc->slot->getText();
    const int slot = codeSlotIndex(name);
    if (slot < 0 || static_cast<CodeSlot>(slot) == CodeSlot::Principal) {
      std::string fields;
      for (int i = 1; i < kCodeSlotCount; ++i)
        fields += fmt::format("{}{}", i > 1 ? ", " : "", kCodeSlots[i].name);
      // The principal diagnosis is the first ICD-10-CM code among the event's own.
      diags_.error("E0404", range(sc->slot),
                   slot < 0 ? fmt::format("'{}' does not take a code", name)
                            : std::string("a principal diagnosis is not given apart"),
                   slot < 0 ? fmt::format("the event's codes follow its date; a code after a name "
                                          "is one of its coded fields: {}",
                                          fields)
                            : std::string("the principal diagnosis is the first ICD-10-CM code "
                                          "among the event's codes: write it first"));
      return;
    }
    const CodeSlotInfo& info = codeSlotInfo(static_cast<CodeSlot>(slot));
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      // `category A category B`: the codes belong after one word.
      std::string all;
      for (const ast::TestEvent::SlotCode& given : e.slotCodes)
        if (given.slot == static_cast<CodeSlot>(slot)) all += " " + given.code.text;
      for (antlr4::tree::TerminalNode* code : sc->QCODE()) all += " " + code->getText();
      diags_.error("E0404", where, fmt::format("'{}' is given twice for this event", name),
                   info.several
                       ? fmt::format("write its codes after one '{}': {}{}", name, name, all)
                       : fmt::format("keep one; an event has one {}", name));
      return;
    }
    seen.push_back(name);
    const std::vector<antlr4::tree::TerminalNode*> codes = sc->QCODE();
    // A list in the data (a condition's categories, a procedure's body
    // sites, the reasons): several codes; the others are one code.
    if (!info.several && codes.size() > 1) {
      diags_.error("E0404", range(codes[1]),
                   fmt::format("an event's {} is one code, not {}", info.what, codes.size()),
                   "keep one");
      return;
    }
    for (antlr4::tree::TerminalNode* code : codes)
      e.slotCodes.push_back({static_cast<CodeSlot>(slot), {code->getText(), range(code)}});
  } else if (dynamic_cast<P::EventValueTextContext*>(attr) != nullptr) {
    if (!firstTime(diags_, seen, "value", where)) return;
    e.valueText = true;
  } else if (auto* o = dynamic_cast<P::EventOtherContext*>(attr)) {
    otherEventAttr(o, e, seen);
  }
}

// `days_supply 30`, `quantity 2.5`, `source registry`: a name and a value
// that the grammar leaves open; resolved here so lowering only copies them.
void AstBuilder::otherEventAttr(P::EventOtherContext* o, ast::TestEvent& e,
                                std::vector<std::string>& seen) {
  const std::string name = o->ident(0)->getText();
  const SourceRange nameRange = range(o->ident(0));
  antlr4::tree::ParseTree* valueNode = o->children.back();
  const std::string value = valueNode->getText();
  const SourceRange valueRange = o->INT()      ? range(o->INT())
                                 : o->NUMBER() ? range(o->NUMBER())
                                               : range(o->ident(1));
  const bool negative = o->MINUS() != nullptr;
  const std::string shown = (negative ? "-" : "") + value;
  // `setting 5`, `status 3`, `value abc`, `provider 7`: a known attribute
  // whose value the grammar's own rule for it did not take.
  static const std::pair<const char*, const char*> kWrongValue[] = {
      {"setting", "a setting name, e.g. 'setting outpatient'"},
      {"status", "a status name, e.g. 'status cancelled'"},
      {"value",
       "a number, a code or a text, e.g. 'value 9.5', 'value SNOMEDCT:373066001', "
       "'value \"positive\"'"},
      {"provider", "a provider id; quote one that is not a name, e.g. 'provider \"12345\"'"}};
  for (const auto& [attribute, takes] : kWrongValue) {
    if (name == attribute) {
      diags_.error("E0404", valueRange,
                   fmt::format("'{}' is not a valid {}", abbreviated(shown), attribute),
                   fmt::format("{} takes {}", attribute, takes));
      return;
    }
  }
  if (name != "days_supply" && name != "quantity" && name != "source" && name != "to_provider" &&
      name != "generic") {
    const std::string close = closestName(name, kEventAttributes);
    diags_.error("E0404", nameRange, fmt::format("unknown test event attribute '{}'", name),
                 close.empty() ? "attributes are setting, provider, status, value, "
                                 "days_supply, quantity, source, to_provider and generic"
                               : fmt::format("did you mean '{}'?", close));
    return;
  }
  if (!firstTime(diags_, seen, name, range(o))) return;
  if (name == "generic") {
    // As pharmacy.csv writes it: Y or N.
    if (value != "Y" && value != "N") {
      diags_.error("E0404", valueRange, fmt::format("'{}' is not Y or N", abbreviated(shown)),
                   "write 'generic Y' or 'generic N', as pharmacy.csv does");
      return;
    }
    e.generic = value == "Y";
  } else if (name == "to_provider") {
    if (o->ident(1) == nullptr) {
      diags_.error("E0404", valueRange, fmt::format("'{}' is not a provider id", shown),
                   "write e.g. 'to_provider P2'");
      return;
    }
    e.toProvider = value;
  } else if (name == "days_supply") {
    std::int32_t days = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), days);
    if (negative) {
      diags_.error("E0404", range(o), fmt::format("days_supply {} is negative", shown),
                   "write e.g. 'days_supply 30' (0 to 2147483647)");
      return;
    }
    if (o->INT() == nullptr || ec != std::errc() || end != value.data() + value.size()) {
      const bool tooLarge = o->INT() != nullptr;
      diags_.error("E0404", valueRange,
                   fmt::format(tooLarge ? "days_supply {} is too large"
                                        : "days_supply '{}' is not a whole number of days",
                               abbreviated(value)),
                   "write e.g. 'days_supply 30' (0 to 2147483647)");
      return;
    }
    e.daysSupply = days;
  } else if (name == "quantity") {
    if (o->INT() == nullptr && o->NUMBER() == nullptr) {
      diags_.error("E0404", valueRange, fmt::format("quantity '{}' is not a number", value),
                   "write e.g. 'quantity 30'");
      return;
    }
    const double magnitude = number(o->INT() ? o->INT() : o->NUMBER());
    e.quantity = negative ? -magnitude : magnitude;
  } else {
    static const std::vector<std::string> kSources(kSourceNames + 1,
                                                   kSourceNames + kSourceNameCount);
    // In any case, as immunizations.csv reads it.
    const std::optional<int> known = sourceIndex(value);
    if (o->ident(1) == nullptr || !known || *known == 0) {
      const std::string close = closestName(value, kSources);
      diags_.error("E0404", valueRange, fmt::format("unknown source '{}'", value),
                   close.empty() ? "sources are registry, claim and ehr"
                                 : fmt::format("did you mean '{}'?", close));
      return;
    }
    e.source = kSourceNames[*known];
  }
}

}  // namespace mc::parse
