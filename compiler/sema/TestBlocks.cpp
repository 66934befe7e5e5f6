// Test blocks: members, events and expectations, checked like the rules so
// that `measurec test` never ignores what a block says.
#include <fmt/format.h>

#include <algorithm>

#include "ast/Walk.h"
#include "sema/Checker.h"
#include "support/CodeSlots.h"
#include "support/CodeSystem.h"
#include "support/EventFields.h"
#include "support/EventVocabulary.h"

namespace mc::sema {

// An attribute that the event's kind does not have would be ignored by
// `measurec test`: report it instead.
void Checker::checkTestEventAttributes(const ast::TestEvent& ev) {
  const int kind = eventKindIndex(ev.kind);
  if (kind < 0) return;  // reported as E0107
  const bool pharmacy = kind == eventKindIndex("pharmacy");
  auto only = [&](bool given, bool allowed, const char* name, const char* owner) {
    if (given && !allowed) {
      diags_.error("E0404", ev.range,
                   fmt::format("{} has no {}; only {} events do", anEvent(ev.kind), name, owner),
                   fmt::format("remove '{}' or make this {}", name, anEvent(owner)));
    }
  };
  only(ev.daysSupply.has_value(), pharmacy, "days_supply", "pharmacy");
  only(ev.quantity.has_value(), pharmacy, "quantity", "pharmacy");
  only(!ev.source.empty(), kind == eventKindIndex("immunization"), "source", "immunization");
  only(!ev.toProvider.empty(), kind == eventKindIndex("referral"), "to_provider", "referral");
  // Coded fields (support/CodeSlots.h) and a text value: kinds in a list.
  auto onlyKinds = [&](bool given, bool allowed, const char* name, const char* holders) {
    if (given && !allowed) {
      diags_.error("E0404", ev.range,
                   fmt::format("{} has no {}; only {} events do", anEvent(ev.kind), name, holders),
                   fmt::format("remove '{}' from this event", name));
    }
  };
  onlyKinds(ev.valueText, kindHasField(kind, EventField::Value), "value",
            codeSlotInfo(CodeSlot::Value).holders);
  for (const ast::TestEvent::SlotCode& sc : ev.slotCodes) {
    const CodeSlotInfo& info = codeSlotInfo(sc.slot);
    onlyKinds(true, kindHasSlot(kind, sc.slot), info.name, info.holders);
  }
}

// A test event's `SYSTEM:CODE`, normalised; nullopt (reported) when its
// system is unknown. A code of the wrong shape is reported and kept.
std::optional<std::pair<CodeSystem, std::string>> Checker::resolveTestCode(
    const ast::TestEvent::Code& c) {
  const auto q = splitQualifiedCode(c.text);
  if (!q || !q->system) {
    diags_.error("E0104", c.range, fmt::format("unknown code system in '{}'", c.text),
                 "code systems are " + codeSystemNames());
    return std::nullopt;
  }
  const std::string problem = checkCodeShape(*q->system, q->code);
  if (!problem.empty() && isAmbiguousNdc(*q->system, q->code)) {
    diags_.error("E0123", c.range, ambiguousNdcMessage(q->code), problem);
  } else if (!problem.empty()) {
    diags_.error("E0105", c.range, fmt::format("'{}' is not a valid code", c.text), problem);
  }
  return std::make_pair(*q->system, q->code);
}

// `m`: the measure whose period a test without its own uses (for a measure
// `based on` another, the base).
void Checker::checkTest(const ast::Measure& m, const ast::TestDecl& test, bool reward) {
  if (!test.member) {
    diags_.error("E0401", test.range, fmt::format("test \"{}\" has no member line", test.name),
                 "add 'member sex F born 1961-03-02 enrolled 2020-01-01..'");
  } else {
    const ast::TestMember& mem = *test.member;
    if (mem.sex.empty() || mem.born == kNoDate) {
      diags_.error("E0401", mem.range, "a test member needs 'sex' and 'born'",
                   "write e.g. 'member sex F born 1961-03-02'");
    } else if (mem.sex != "F" && mem.sex != "M" && mem.sex != "U") {
      diags_.error("E0401", mem.sexRange, fmt::format("unknown sex '{}'", mem.sex),
                   "sex is F, M or U");
    }
    for (const ast::TestSpan& s : mem.enrolled) {
      if (s.end != kOpenEnd && s.end < s.start) {
        diags_.error("E0106", mem.range, "an enrollment span ends before it starts",
                     "write start..end with start <= end");
      }
    }
  }
  if (test.period != 0 && (test.period < 1900 || test.period > 2200)) {
    diags_.error("E0304", test.periodRange,
                 fmt::format("{} is not a measurement year", test.period),
                 "write the year of the measurement period, e.g. 'period 2022'");
  }
  if (m.period == 0 && test.period == 0) {
    diags_.error("E0402", test.range,
                 fmt::format("test \"{}\" has no measurement period", test.name),
                 "add 'period YYYY' to the measure or the test");
  }
  for (const ast::TestEvent& ev : test.events) {
    ResolvedTestEvent& resolved = model_.testEvents[&ev];
    resolved = ResolvedTestEvent{};
    if (const int kind = eventKindIndex(ev.kind); kind >= 0) {
      resolved.kind = kind;
    } else {
      diags_.error("E0107", ev.range, fmt::format("unknown event kind '{}'", ev.kind),
                   "event kinds are visit, pharmacy, observation, condition, immunization, "
                   "supplemental, referral and order");
    }
    const bool sameDayEarlier = ev.endDate == ev.date && ev.startTime != kNoTime &&
                                ev.endTime != kNoTime && ev.endTime < ev.startTime;
    if (ev.endDate != kNoDate && ev.endDate != kOpenEnd &&
        (ev.endDate < ev.date || sameDayEarlier)) {
      diags_.error("E0106", ev.range, "the event ends before it starts",
                   "write date..end_date with date <= end_date");
    }
    for (const ast::TestEvent::Code& c : ev.codes) {
      if (auto code = resolveTestCode(c)) resolved.codes.push_back(std::move(*code));
    }
    for (const ast::TestEvent::SlotCode& sc : ev.slotCodes) {
      if (auto code = resolveTestCode(sc.code)) resolved.slotCodes.emplace_back(sc.slot, *code);
    }
    checkTestEventAttributes(ev);
    if (!ev.setting.empty()) {
      const auto index = settingIndex(ev.setting);
      if (index && *index != 0) {
        resolved.setting = *index;
      } else {
        diags_.error("E0108", ev.settingRange, fmt::format("unknown setting '{}'", ev.setting),
                     "settings are " + settingNameList());
      }
    }
  }
  if (test.expects.empty()) {
    diags_.error("E0403", test.range, fmt::format("test \"{}\" expects nothing", test.name),
                 "add 'expect eligible, numerator' (or population, excluded, with 'not')");
  }
  static const std::pair<const char*, Outcome> kOutcomes[] = {
      {"population", Outcome::Population}, {"eligible", Outcome::Eligible},
      {"excluded", Outcome::Excluded},     {"numerator", Outcome::Numerator},
      {"exposure", Outcome::Exposure},     {"units", Outcome::Units},
      {"exception", Outcome::Exception}};
  const bool rate = isRateMeasure(m);
  // An event-unit measure's test counts its member's events: `expect
  // units 3, numerator 2` (3 fills, 2 of them in the numerator).
  const bool eventUnit = m.unit != nullptr;
  for (const ast::Outcome& o : test.expects) {
    // A reward's tests expect `earned` (its numerator), on a date or not.
    if (reward != (o.name == "earned") && (o.name == "earned" || o.name == "numerator")) {
      diags_.error(
          "E0531", o.range,
          reward ? "a reward's test expects 'earned', not 'numerator'"
                 : "only a reward ('kind reward') is earned",
          reward ? "write 'expect earned' or 'expect earned on DATE'" : "expect numerator");
      continue;
    }
    if (o.name == "earned") {
      if (o.negated && o.earnedOn != kNoDate) {
        diags_.error("E0536", o.range, "a member who does not earn a reward has no date",
                     "write 'expect not earned', or 'expect earned on DATE'");
        continue;
      }
      model_.outcomes[&o] = Outcome::Numerator;
      continue;
    }
    Outcome found = Outcome::Population;
    bool known = false;
    for (const auto& [name, outcome] : kOutcomes) {
      if (o.name == name) {
        found = outcome;
        known = true;
      }
    }
    if (known && found == Outcome::Exception &&
        std::none_of(m.rules.begin(), m.rules.end(),
                     [](const ast::RuleDecl& r) { return r.kind == ast::RuleKind::Exception; })) {
      // Without the rule nobody is an exception: the expectation could
      // never fail (`not exception`) or never pass.
      diags_.error(
          "E0161", o.range,
          fmt::format("measure {} has no 'exception' rule, so '{}exception' {}", m.id,
                      o.negated ? "not " : "", o.negated ? "can never fail" : "can never hold"),
          "add 'exception <condition>' to the measure, or leave it out of 'expect'");
      continue;
    }
    if (!known) {
      diags_.error("E0403", o.range, fmt::format("unknown outcome '{}'", o.name),
                   "outcomes are population, eligible, excluded, exception and numerator (and "
                   "units for an event-unit measure)");
      continue;
    }
    // A number belongs to a rate measure's numerator (its weighted count)
    // and exposure (member years), which have nothing else to expect.
    if (found == Outcome::Units || (eventUnit && found == Outcome::Numerator)) {
      if (!eventUnit || !o.hasNumber || o.negated) {
        diags_.error("E0403", o.range,
                     eventUnit ? fmt::format("'{}' is expected as a number of events", o.name)
                               : "only an event-unit measure ('unit each') counts units",
                     eventUnit ? "write e.g. 'expect units 3, numerator 2'"
                               : "expect population, eligible, excluded or numerator");
        continue;
      }
      model_.outcomes[&o] = found;
      continue;
    }
    const bool valued = found == Outcome::Numerator || found == Outcome::Exposure;
    if (o.hasNumber && (!valued || !rate || o.negated)) {
      diags_.error("E0403", o.range, fmt::format("'{}' cannot be expected with a number", o.name),
                   rate ? "numbers go with 'numerator' and 'exposure', without 'not'"
                        : "only a rate measure's numerator and exposure are numbers");
      continue;
    }
    if (found == Outcome::Exposure && !o.hasNumber) {
      diags_.error("E0403", o.range, "an exposure is expected as a number of member years",
                   rate ? "write 'exposure 1' (a whole year enrolled)"
                        : "only a rate measure has an exposure");
      continue;
    }
    model_.outcomes[&o] = found;
  }
}

}  // namespace mc::sema
