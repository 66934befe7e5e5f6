// The evidence behind a member's outcome, in words an analyst reads.
#include "interp/Explanation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "interp/QuantityUnits.h"
#include "ir/EventDependence.h"
#include "ir/Operands.h"
#include "support/Date.h"
#include "support/DateTime.h"

namespace mc::interp {

const char* truthText(std::int64_t truth) {
  return truth == ir::kTrue ? "true" : truth == ir::kFalse ? "false" : "unknown";
}

std::vector<std::int32_t> queriesUnder(const ir::Measure& m, ir::NodeId node) {
  std::vector<std::int32_t> out;
  std::set<ir::NodeId> seen;
  std::set<std::int64_t> seenQueries;
  std::vector<ir::NodeId> todo{node};
  // Depth-first, left to right, with an explicit stack: chains can be long.
  while (!todo.empty()) {
    const ir::NodeId id = todo.back();
    todo.pop_back();
    if (id == ir::kNoNode || !seen.insert(id).second) continue;
    const ir::Node& n = m.nodes[id];
    if (n.op == ir::Op::Query && seenQueries.insert(n.imm).second)
      out.push_back(static_cast<std::int32_t>(n.imm));
    // Pushed in reverse so that the first operand is visited first.
    const size_t mark = todo.size();
    ir::forEachOperand(m, id, [&](ir::NodeId operand) { todo.push_back(operand); });
    std::reverse(todo.begin() + static_cast<std::ptrdiff_t>(mark), todo.end());
  }
  return out;
}

// `2025-03-10`, `2025-03-10T09:30:00..2025-03-10T10:15:00`, `2025-01-05..`
// (open), `2025-03-10..unknown` (an order without a period): an event's
// day, or its span, with the times of day it has.
static std::string eventWhen(const store::EventTable& t, std::uint32_t e) {
  std::string when = formatIsoDayTime(t.date[e], t.startTimeOf(e));
  if (t.endDate[e] == kOpenEnd) return when + "..";
  if (t.endDate[e] == store::kUnknownPeriodEnd)
    return when + "..unknown";  // an order without a period
  if (t.endDate[e] != t.date[e] || t.endTimeOf(e) != t.startTimeOf(e))
    when += ".." + formatIsoDayTime(t.endDate[e], t.endTimeOf(e));
  return when;
}

std::string eventText(const store::MemberStore& s, store::EventKind kind, std::uint32_t e) {
  const store::EventTable& t = s.table(kind);
  std::string codes;
  for (std::uint32_t c = t.codeStart[e]; c < t.codeStart[e + 1]; ++c)
    codes += (codes.empty() ? "" : " ") + s.codes.qualified(t.codes[c]);
  const std::string when = eventWhen(t, e);
  std::string extra;
  if (t.provider[e] != store::kNoProvider) extra += " provider " + s.providers.id[t.provider[e]];
  if (t.setting[e] != store::Setting::None)
    extra += std::string(" setting ") + store::settingName(t.setting[e]);
  // A fill's quantity is kept in `value` (store::EventTable).
  const bool fill = kind == store::EventKind::Pharmacy;
  if (!std::isnan(t.value[e]))
    extra += fmt::format(fill ? " quantity {}" : " value {}", t.value[e]);
  // A value's unit, unless it has none ('1').
  if (!std::isnan(t.value[e]) && !fill && t.unit[e] != store::UnitDictionary::kUnitless)
    extra += fmt::format(" '{}'", s.units.text(t.unit[e]));
  if (fill) extra += fmt::format(" days_supply {}", t.daysSupply[e]);
  // Coded fields other than the principal (the first ICD-10-CM code above).
  // An order's intent shows when it is not `order` (every order row has
  // one; most state none and are orders: docs/data.md).
  for (int slot = 0; slot < kCodeSlotCount; ++slot) {
    const store::SlotCodes& codesOf = t.slots[static_cast<size_t>(slot)];
    for (std::uint32_t c = codesOf.begin(e); c < codesOf.end(e); ++c) {
      const std::string code = s.codes.qualified(codesOf.codes[c]);
      if (slot == static_cast<int>(CodeSlot::Intent) && code == "REQINTENT:order") continue;
      extra += fmt::format(" {} {}", kCodeSlots[slot].name, code);
    }
  }
  if (std::isnan(t.value[e]) && t.hasResult[e] != 0 &&
      t.slots[static_cast<size_t>(CodeSlot::Value)].begin(e) ==
          t.slots[static_cast<size_t>(CodeSlot::Value)].end(e))
    extra += " value (text)";
  if (t.status[e] != 0) extra += std::string(" status ") + kStatusNames[t.status[e]];
  const std::string where = t.line[e] != 0
                                ? fmt::format("{}:{}", store::eventFileName(kind), t.line[e])
                                : std::string(store::eventKindName(kind));
  return fmt::format("{}  {}  {}{}", where, when, codes, extra);
}

std::string pairedEventText(const store::MemberStore& s, store::EventKind kind, std::uint32_t e) {
  const store::EventTable& t = s.table(kind);
  const std::string when = eventWhen(t, e);
  std::string out = fmt::format("{} {}", store::eventKindName(kind), when);
  if (t.line[e] != 0) out += fmt::format(" (line {})", t.line[e]);
  return out;
}

namespace {

// A query's text (one line since lowering) cut to fit a pairing line.
std::string shortQueryText(const std::string& text) {
  if (text.size() <= kPairedQueryTextShown) return text;
  size_t cut = text.rfind(' ', kPairedQueryTextShown);
  if (cut == std::string::npos || cut == 0) cut = kPairedQueryTextShown;
  return text.substr(0, cut) + " ...";
}

// The pairing lines of explain: which events of the queries nested in a
// binding query matched for each of its events.
class Pairing {
 public:
  Pairing(const ir::Measure& m, const store::MemberStore& s, Interpreter& interp)
      : m_(m), s_(s), interp_(interp), reads_(m.queries.size()) {
    const auto reads = ir::boundEventsRead(m);
    for (size_t i = 0; i < m.nodes.size(); ++i)
      if (m.nodes[i].op == ir::Op::Query && m.nodes[i].imm >= 0 &&
          static_cast<size_t>(m.nodes[i].imm) < m.queries.size())
        reads_[static_cast<size_t>(m.nodes[i].imm)] = reads[i];
  }

  // Whether the query reads an enclosing query's event (so it has no
  // events of its own outside a pairing).
  bool correlated(std::int32_t q) const { return !reads_[static_cast<size_t>(q)].empty(); }

  void lines(std::int32_t q, std::vector<std::string>& out) {
    std::vector<std::int32_t> bound;
    walk(q, interp_.candidates(q), bound, "", out);
  }

 private:
  // The queries that read `q`'s event and nothing not bound yet.
  std::vector<std::int32_t> children(std::int32_t q, const std::vector<std::int32_t>& bound) const {
    std::vector<std::int32_t> out;
    for (size_t c = 0; c < reads_.size(); ++c) {
      const auto& r = reads_[c];
      if (std::find(r.begin(), r.end(), q) == r.end()) continue;
      const bool ready = std::all_of(r.begin(), r.end(), [&](std::int32_t x) {
        return std::find(bound.begin(), bound.end(), x) != bound.end();
      });
      if (ready) out.push_back(static_cast<std::int32_t>(c));
    }
    return out;
  }

  // Lines for `events` of query q (its matches, or one paired event).
  void walk(std::int32_t q, const std::vector<std::uint32_t>& events,
            std::vector<std::int32_t>& bound, const std::string& indent,
            std::vector<std::string>& out) {
    const ir::Query& query = m_.queries[static_cast<size_t>(q)];
    if (query.alias.empty() || bound.size() > 4) return;
    bound.push_back(q);
    const std::vector<std::int32_t> kids = children(q, bound);
    if (kids.empty()) {
      bound.pop_back();
      return;
    }
    const auto kind = static_cast<store::EventKind>(query.kind);
    for (size_t i = 0; i < events.size() && i < kPairedOuterShown; ++i) {
      interp_.bindEvent(q, events[i]);
      const std::string head =
          fmt::format("{}{} [{}]", indent, pairedEventText(s_, kind, events[i]), query.alias);
      for (const std::int32_t c : kids) {
        const ir::Query& child = m_.queries[static_cast<size_t>(c)];
        const auto childKind = static_cast<store::EventKind>(child.kind);
        const std::vector<std::uint32_t> paired = interp_.matches(c);
        std::string line = head + " -> ";
        // Both forms name the inner query: a binding query may pair from several.
        if (paired.empty()) line += "nothing paired";
        for (size_t k = 0; k < paired.size() && k < kPairedInnerShown; ++k)
          line += (k ? ", " : "paired with ") + pairedEventText(s_, childKind, paired[k]);
        if (paired.size() > kPairedInnerShown)
          line += fmt::format(" and {} more", paired.size() - kPairedInnerShown);
        line += " from " + shortQueryText(child.text);
        out.push_back(line);
        // Deeper pairings under each paired event that binds in turn.
        if (!child.alias.empty()) {
          for (size_t k = 0; k < paired.size() && k < kPairedInnerShown; ++k)
            walk(c, {paired[k]}, bound, indent + "    ", out);
        }
      }
    }
    if (events.size() > kPairedOuterShown)
      out.push_back(fmt::format("{}... and {} more {} event(s) [{}]", indent,
                                events.size() - kPairedOuterShown, store::eventKindName(kind),
                                query.alias));
    interp_.bindEvent(q, Interpreter::kNoEvent);
    bound.pop_back();
  }

  const ir::Measure& m_;
  const store::MemberStore& s_;
  Interpreter& interp_;
  std::vector<std::vector<std::int32_t>> reads_;  // per query: the events its node reads
};

}  // namespace

std::string ageText(const store::MemberStore& s, store::MemberIndex member, Period period) {
  const Days born = s.members.birthDate[member];
  return fmt::format("age {} at {}, {} at {} (born {})", ageInYears(born, period.start),
                     formatIsoDate(period.start), ageInYears(born, period.end),
                     formatIsoDate(period.end), formatIsoDate(born));
}

std::string valueText(const store::MemberStore& s, ir::Type type, const Value& v,
                      const ir::Measure* m) {
  if (type == ir::Type::Bool) return truthText(v.i);  // true, false or unknown
  if (isMissing(type, v)) return "missing";
  switch (type) {
    case ir::Type::Bool: break;
    case ir::Type::Int: return fmt::format("{}", v.i);
    case ir::Type::Num: return fmt::format("{}", v.n);
    case ir::Type::Date: return formatIsoDate(static_cast<Days>(v.i));
    case ir::Type::Sex: return v.i == 0 ? "F" : v.i == 1 ? "M" : "U";
    case ir::Type::Provider: return s.providers.id.at(static_cast<size_t>(v.i));
    case ir::Type::Setting: return v.i >= 0 && v.i < kSettingNameCount ? kSettingNames[v.i] : "?";
    case ir::Type::Code: return s.codes.qualified(static_cast<store::CodeId>(v.i));
    case ir::Type::Quantity: return fmt::format("{} '{}'", v.n, unitText(s, m, v.i));
    case ir::Type::Datetime: return formatIsoDayTime(packedDay(v.i), packedTime(v.i));
  }
  return "?";
}

// Whether explain shows an aggregate's result beside its matches.
static bool showsResult(ir::Aggregate a) {
  return a == ir::Aggregate::Sum || a == ir::Aggregate::NthDate ||
         a == ir::Aggregate::CountSpacedDates || a == ir::Aggregate::Pdc ||
         a == ir::Aggregate::LowestValue || a == ir::Aggregate::HighestValue ||
         a == ir::Aggregate::LatestEnd || a == ir::Aggregate::LatestTime;
}

std::vector<std::string> coverageLines(const store::MemberStore& s, store::EventKind kind,
                                       const PdcResult& pdc) {
  std::vector<std::string> out;
  if (pdc.indexDate == kNoDate) {
    out.push_back("no fill dated in the period: no index date, PDC missing");
    return out;
  }
  out.push_back(fmt::format("index date {}, treatment period ends {}: {} of {} day(s) covered",
                            formatIsoDate(pdc.indexDate), formatIsoDate(pdc.treatmentEnd),
                            pdc.coveredDays, pdc.treatmentDays));
  static const Days kLastDay = daysFromCivil(9999, 12, 31);
  auto day = [](std::int64_t d) {
    return d <= kLastDay ? formatIsoDate(static_cast<Days>(d)) : std::string("after 9999");
  };
  for (const PdcSpan& span : pdc.spans) {
    const std::string fill = eventText(s, kind, span.event);
    if (span.late)
      out.push_back(fill + " — after the treatment period");
    else if (span.duplicate)
      out.push_back(fill + " — counted once: a fill of the same drug that day supplies more");
    else if (span.to < span.from)
      out.push_back(fill + " — covers no day");
    else
      out.push_back(fmt::format("{} — covers {}..{}{}", fill, day(span.from), day(span.to),
                                span.shifted ? " (shifted: the same drug was still on hand)" : ""));
  }
  return out;
}

std::vector<RuleExplanation> explainRules(const ir::Measure& m, const store::MemberStore& s,
                                          Interpreter& interp) {
  std::vector<RuleExplanation> out;
  std::vector<ir::NodeId> queryNode(m.queries.size(), ir::kNoNode);
  for (size_t i = 0; i < m.nodes.size(); ++i)
    if (m.nodes[i].op == ir::Op::Query) queryNode[m.nodes[i].imm] = static_cast<ir::NodeId>(i);
  Pairing pairing(m, s, interp);
  for (const ir::Rule& rule : m.rules) {
    if (rule.terms.empty()) continue;
    RuleExplanation r{&rule, {}};
    for (const ir::Term& term : rule.terms) {
      TermExplanation te{&term, interp.value(term.node).i, {}};
      for (const std::int32_t q : queriesUnder(m, term.node)) {
        // A query that reads an enclosing event is shown in its pairings.
        if (pairing.correlated(q)) continue;
        const ir::Query& query = m.queries[q];
        const auto kind = static_cast<store::EventKind>(query.kind);
        QueryEvidence ev{q, query.text, {}, {}, {}, {}, {}};
        if (showsResult(query.aggregate) && queryNode[q] != ir::kNoNode)
          ev.result = valueText(s, m.nodes[queryNode[q]].type, interp.value(queryNode[q]), &m);
        for (const std::uint32_t e : interp.matches(q)) ev.matches.push_back(eventText(s, kind, e));
        for (const NearMiss& miss : interp.nearMisses(q)) {
          // A pdc reads fills dated before its window too: coverage shows them.
          if (query.aggregate == ir::Aggregate::Pdc && miss.why == Mismatch::Window) continue;
          ev.nearMiss.push_back(eventText(s, kind, miss.event) + " — " + mismatchText(miss.why));
        }
        pairing.lines(q, ev.pairs);
        if (query.aggregate == ir::Aggregate::Pdc)
          ev.coverage = coverageLines(s, kind, interp.pdc(q));
        te.queries.push_back(std::move(ev));
      }
      r.terms.push_back(std::move(te));
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace mc::interp
