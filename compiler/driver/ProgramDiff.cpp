// The comparison is by name, not by meaning: a code set is the set of its
// written entries (a range or family counts as one), a rule the list of its
// term labels, a window the text of the query that carries it or of the
// `define` that names it, a reward's date its `earned on` text. Cheap, and
// it names what an analyst would look up in the two files.
#include "driver/ProgramDiff.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "support/Date.h"
#include "support/EventVocabulary.h"

namespace mc {
namespace {

using Lines = std::vector<std::string>;

std::string num(double v) { return fmt::format("{:g}", v); }

std::string plural(size_t n, const char* one) {
  return fmt::format("{} {}{}", n, one, n == 1 ? "" : "s");
}

const ir::ProgramMeasure* findMeasure(const ir::Program& p, const std::string& id) {
  for (const ir::ProgramMeasure& pm : p.measures)
    if (pm.measure.id == id) return &pm;
  return nullptr;
}

std::string domainName(const ir::Program& p, const ir::ProgramMeasure& pm) {
  if (pm.domain < 0 || pm.domain >= static_cast<int>(p.domains.size())) return "(none)";
  return "\"" + p.domains[pm.domain].name + "\"";
}

std::string placement(const ir::Program& p, const ir::ProgramMeasure& pm) {
  if (pm.measure.isReward()) return "member reward";
  if (pm.exploratory) return "exploratory";
  if (pm.domain < 0) return "programmatic";
  return "programmatic, domain " + domainName(p, pm);
}

std::string thresholds(const std::vector<double>& values) {
  if (values.empty()) return "none";
  std::string out;
  for (double v : values) out += (out.empty() ? "" : "/") + num(v);
  return out;
}

// As written: the rate as in provider_results.csv, then the share of points.
std::string tiersText(const std::vector<std::pair<double, double>>& tiers) {
  if (tiers.empty()) return "none";
  std::string out;
  for (const auto& [rate, share] : tiers)
    out += (out.empty() ? "" : ", ") + num(rate) + " -> " + num(share) + "%";
  return out;
}

// A code set's entries as text ("+ICD10CM Z12.31", "-CPT 77061-77063",
// "+set Mammography"), so that two versions compare as sets.
std::set<std::string> entries(const ir::Measure& m, const ir::CodeSet& cs) {
  std::set<std::string> out;
  for (const ir::CodeSetTerm& t : cs.terms) {
    const std::string sign = t.subtract ? "-" : "+";
    if (t.ref >= 0 && t.ref < static_cast<int>(m.codesets.size())) {
      out.insert(sign + "set " + m.codesets[t.ref].name);
      continue;
    }
    for (const ir::CodeRange& r : t.codes) {
      std::string code = r.lo + (r.family ? ".*" : "") + (r.hi != r.lo ? "-" + r.hi : "");
      if (!r.drug.empty()) code += " [" + r.drug + "]";
      out.insert(sign + codeSystemName(t.system) + " " + code);
    }
  }
  return out;
}

// Inline code sets are named by their text; only named ones are compared
// one to one, the inline ones show up as query changes.
// Inline sets (`CPT{...}`, `(A + B)`) have no name to match two versions by;
// a change to one shows in the text of its query.
bool isNamed(const ir::CodeSet& cs) {
  return cs.name.find('{') == std::string::npos && cs.name != "(...)";
}

std::string setSize(const ir::Measure& m, const ir::CodeSet& cs) {
  if (cs.fileCodeCount >= 0) return plural(static_cast<size_t>(cs.fileCodeCount), "code");
  return plural(entries(m, cs).size(), "entry");
}

void diffCodeSets(const ir::Measure& a, const ir::Measure& b, Lines& out) {
  const std::string& id = b.id;
  std::map<std::string, const ir::CodeSet*> before;
  for (const ir::CodeSet& cs : a.codesets)
    if (isNamed(cs)) before[cs.name] = &cs;
  std::set<std::string> seen;
  for (const ir::CodeSet& cs : b.codesets) {
    if (!isNamed(cs)) continue;
    seen.insert(cs.name);
    const auto it = before.find(cs.name);
    if (it == before.end()) {
      out.push_back(fmt::format("changed: {} code set {} added ({})", id, cs.name, setSize(b, cs)));
      continue;
    }
    const ir::CodeSet& old = *it->second;
    if (old.fileCodeCount >= 0 || cs.fileCodeCount >= 0) {
      if (old.fileCodeCount != cs.fileCodeCount)
        out.push_back(fmt::format("changed: {} code set {}: {} -> {}", id, cs.name, setSize(a, old),
                                  setSize(b, cs)));
      continue;
    }
    const std::set<std::string> x = entries(a, old), y = entries(b, cs);
    std::vector<std::string> added, removed;
    std::set_difference(y.begin(), y.end(), x.begin(), x.end(), std::back_inserter(added));
    std::set_difference(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(removed));
    if (added.empty() && removed.empty()) continue;
    std::string what = fmt::format("changed: {} code set {}: {} added, {} removed", id, cs.name,
                                   plural(added.size(), "entry"), plural(removed.size(), "entry"));
    // A few entries are worth naming; a whole value-set refresh is not.
    if (added.size() + removed.size() <= 6) {
      std::string detail;
      for (const std::string& e : added) detail += (detail.empty() ? "" : ", ") + e;
      for (const std::string& e : removed)
        detail += (detail.empty() ? "" : ", ") + ("removed " + e.substr(1));
      what += " (" + detail + ")";
    }
    out.push_back(what);
  }
  for (const ir::CodeSet& cs : a.codesets)
    if (isNamed(cs) && seen.count(cs.name) == 0)
      out.push_back(fmt::format("changed: {} code set {} removed", id, cs.name));
}

// Terms compare by label; a label kept with a changed meaning is caught by
// the queries (windows, codes) it reads.
void diffRules(const ir::Measure& a, const ir::Measure& b, Lines& out) {
  for (int k = 0; k < ir::kRuleKinds; ++k) {
    const ir::Rule& x = a.rules[k];
    const ir::Rule& y = b.rules[k];
    const char* rule = ir::ruleName(static_cast<ir::RuleKind>(k));
    std::multiset<std::string> before, after;
    for (const ir::Term& t : x.terms) before.insert(t.label);
    for (const ir::Term& t : y.terms) after.insert(t.label);
    for (const ir::Term& t : y.terms)
      if (before.count(t.label) == 0)
        out.push_back(fmt::format("changed: {} {} rule: term added: {}", b.id, rule, t.label));
    for (const ir::Term& t : x.terms)
      if (after.count(t.label) == 0)
        out.push_back(fmt::format("changed: {} {} rule: term removed: {}", b.id, rule, t.label));
  }
}

// A query's text holds its codes, window and filters: a changed window is a
// query removed and one added.
void diffQueries(const ir::Measure& a, const ir::Measure& b, Lines& out) {
  std::multiset<std::string> before, after;
  for (const ir::Query& q : a.queries) before.insert(q.text);
  for (const ir::Query& q : b.queries) after.insert(q.text);
  std::set<std::string> reported;
  for (const ir::Query& q : b.queries)
    if (before.count(q.text) == 0 && reported.insert("+" + q.text).second)
      out.push_back(fmt::format("changed: {} query added: {}", b.id, q.text));
  for (const ir::Query& q : a.queries)
    if (after.count(q.text) == 0 && reported.insert("-" + q.text).second)
      out.push_back(fmt::format("changed: {} query removed: {}", b.id, q.text));
}

// A `define` read by the rules, by name: a window written once and named by
// its queries (`during dose_window`) changes no query text, so its own text
// is compared.
void diffDefines(const ir::Measure& a, const ir::Measure& b, Lines& out) {
  std::map<std::string, const std::string*> before;
  for (const ir::Definition& d : a.definitions) before.emplace(d.name, &d.text);
  std::set<std::string> seen;
  for (const ir::Definition& d : b.definitions) {
    if (!seen.insert(d.name).second) continue;
    auto it = before.find(d.name);
    if (it == before.end())
      out.push_back(fmt::format("changed: {} define added: {} = {}", b.id, d.name, d.text));
    else if (*it->second != d.text)
      out.push_back(
          fmt::format("changed: {} define {}: {} -> {}", b.id, d.name, *it->second, d.text));
  }
  for (const ir::Definition& d : a.definitions)
    if (seen.insert(d.name).second)
      out.push_back(fmt::format("changed: {} define removed: {} = {}", b.id, d.name, d.text));
}

void diffDefinition(const ir::Measure& a, const ir::Measure& b, Lines& out) {
  if (a.title != b.title)
    out.push_back(fmt::format("changed: {} title \"{}\" -> \"{}\"", b.id, a.title, b.title));
  if (a.kind != b.kind || a.ratePer != b.ratePer)
    out.push_back(fmt::format("changed: {} kind {} -> {}", b.id, ir::measureKindName(a.kind),
                              ir::measureKindName(b.kind)));
  diffCodeSets(a, b, out);
  diffDefines(a, b, out);
  diffRules(a, b, out);
  diffQueries(a, b, out);
  if (a.earnedOnText != b.earnedOnText)
    out.push_back(fmt::format("changed: {} earned on: {} -> {}", b.id,
                              a.earnedOnText.empty() ? "none" : a.earnedOnText,
                              b.earnedOnText.empty() ? "none" : b.earnedOnText));
}

// `over "D1", "D2" by 5%`, or "none" for a domain of measures.
std::string improvementText(const ir::Program& p, const ir::ProgramDomain& d) {
  if (!d.improvement) return "none";
  std::vector<std::string> names;
  for (int i : d.over) names.push_back("\"" + p.domains[static_cast<size_t>(i)].name + "\"");
  return fmt::format("over {} by {}%", fmt::join(names, ", "), num(d.byPercent));
}

void diffDomains(const ir::Program& a, const ir::Program& b, Lines& out) {
  for (const ir::ProgramDomain& d : b.domains) {
    const auto it = std::find_if(a.domains.begin(), a.domains.end(),
                                 [&](const ir::ProgramDomain& x) { return x.name == d.name; });
    const std::string pts = num(d.points) + (d.varies ? " varies" : "");
    if (it == a.domains.end()) {
      out.push_back(fmt::format("domain added: \"{}\" ({} points{})", d.name, num(d.points),
                                d.varies        ? ", varies"
                                : d.improvement ? ", improvement " + improvementText(b, d)
                                                : ""));
    } else if (it->points != d.points || it->varies != d.varies) {
      out.push_back(fmt::format("domain changed: \"{}\" points {} -> {}", d.name,
                                num(it->points) + (it->varies ? " varies" : ""), pts));
    }
    if (it != a.domains.end() && (it->improvement || d.improvement)) {
      const std::string was = improvementText(a, *it), now = improvementText(b, d);
      if (was != now)
        out.push_back(fmt::format("domain changed: \"{}\" improvement {} -> {}", d.name, was, now));
    }
  }
  for (const ir::ProgramDomain& d : a.domains)
    if (std::none_of(b.domains.begin(), b.domains.end(),
                     [&](const ir::ProgramDomain& x) { return x.name == d.name; }))
      out.push_back(fmt::format("domain removed: \"{}\"", d.name));
}

// The workbook's "points redistributed to" / "reallocated to": points one
// measure lost that another measure (or a `points varies` domain) gained.
// A loss matched by an equal gain is one move; the losses left over that
// together make up one gain are another, and so are the gains left over
// that together make up one loss. Figures that match nothing stay
// on their own `points:` lines.
void pointMoves(const ir::Program& a, const ir::Program& b, Lines& out) {
  struct Change {
    std::string what;  // "PCR 15 -> 10.5"
    double delta = 0;
    bool used = false;
  };
  std::vector<Change> losses, gains;
  for (const ir::ProgramMeasure& y : b.measures) {
    const ir::ProgramMeasure* x = findMeasure(a, y.measure.id);
    if (x == nullptr || x->points == y.points) continue;
    Change c{y.measure.id + " " + num(x->points) + " -> " + num(y.points), y.points - x->points};
    (c.delta < 0 ? losses : gains).push_back(c);
  }
  for (const ir::ProgramDomain& d : b.domains) {
    const auto it = std::find_if(a.domains.begin(), a.domains.end(),
                                 [&](const ir::ProgramDomain& x) { return x.name == d.name; });
    if (it == a.domains.end() || !it->varies || !d.varies || d.points == it->points) continue;
    // Read backwards (NEW the earlier year), the domain gives the points.
    Change c{"domain \"" + d.name + "\" " + num(it->points) + " -> " + num(d.points),
             d.points - it->points};
    (c.delta < 0 ? losses : gains).push_back(c);
  }
  const auto same = [](double x, double y) { return std::abs(x - y) < 1e-9; };
  for (Change& loss : losses) {
    for (Change& gain : gains) {
      if (gain.used || !same(-loss.delta, gain.delta)) continue;
      loss.used = gain.used = true;
      out.push_back(
          fmt::format("points moved: {} to {} ({} points)", loss.what, gain.what, num(gain.delta)));
      break;
    }
  }
  for (Change& gain : gains) {
    if (gain.used) continue;
    double lost = 0;
    std::string from;
    for (const Change& loss : losses) {
      if (loss.used) continue;
      lost -= loss.delta;
      from += (from.empty() ? "" : ", ") + loss.what;
    }
    if (from.empty() || !same(lost, gain.delta)) continue;
    for (Change& loss : losses) loss.used = true;
    gain.used = true;
    out.push_back(
        fmt::format("points moved: {} to {} ({} points)", from, gain.what, num(gain.delta)));
  }
  // And one loss that the gains left over make up together (a `points
  // varies` domain's points given back to measures).
  for (Change& loss : losses) {
    if (loss.used) continue;
    double gained = 0;
    std::string to;
    for (const Change& gain : gains) {
      if (gain.used) continue;
      gained += gain.delta;
      to += (to.empty() ? "" : ", ") + gain.what;
    }
    if (to.empty() || !same(gained, -loss.delta)) continue;
    for (Change& gain : gains) gain.used = true;
    loss.used = true;
    out.push_back(
        fmt::format("points moved: {} to {} ({} points)", loss.what, to, num(-loss.delta)));
  }
}

// Fee-for-service payments by ID: new, retired, dollars and the attributes
// that qualify (the workbook's "TJC certification has been removed from the
// BHI FFS measure as a standalone qualification").
void diffFeeForService(const ir::Program& a, const ir::Program& b, Lines& out) {
  const auto find = [](const ir::Program& p, const std::string& id) {
    const auto it = std::find_if(p.feeForService.begin(), p.feeForService.end(),
                                 [&](const ir::ProgramFeeForService& f) { return f.id == id; });
    return it == p.feeForService.end() ? nullptr : &*it;
  };
  const auto has = [](const ir::ProgramFeeForService& f, const std::string& attribute) {
    return std::find(f.attributes.begin(), f.attributes.end(), attribute) != f.attributes.end();
  };
  const auto qualifications = [](const ir::ProgramFeeForService& f) {
    std::string out;
    for (const std::string& q : f.attributes) out += (out.empty() ? "" : " or ") + q;
    return out;
  };
  for (const ir::ProgramFeeForService& y : b.feeForService) {
    const ir::ProgramFeeForService* x = find(a, y.id);
    if (x == nullptr) {
      out.push_back(fmt::format("new: fee for service {} \"{}\" ({} dollars when provider has {})",
                                y.id, y.title, num(y.dollars), qualifications(y)));
      continue;
    }
    if (x->dollars != y.dollars)
      out.push_back(fmt::format("fee for service changed: {} pays {} -> {} dollars", y.id,
                                num(x->dollars), num(y.dollars)));
    for (const std::string& q : y.attributes)
      if (!has(*x, q))
        out.push_back(fmt::format("fee for service changed: {} qualification added: {}", y.id, q));
    for (const std::string& q : x->attributes)
      if (!has(y, q))
        out.push_back(fmt::format("fee for service changed: {} qualification removed: {} (now {})",
                                  y.id, q, qualifications(y)));
  }
  for (const ir::ProgramFeeForService& x : a.feeForService)
    if (find(b, x.id) == nullptr)
      out.push_back(fmt::format("retired: fee for service {} \"{}\"", x.id, x.title));
}

// Participation gates by name (seed 000's "entered into CAIR2 by July 1,
// 2022": next year's date is a change an analyst must see).
std::string gateText(const ir::ProgramGate& g) {
  const size_t n = sizeof(kSourceNames) / sizeof(kSourceNames[0]);
  const char* source = g.source >= 0 && static_cast<size_t>(g.source) < n
                           ? kSourceNames[static_cast<size_t>(g.source)]
                           : "";
  return fmt::format("provider has immunization from {} on or before {}", source,
                     formatIsoDate(g.onOrBefore));
}

void diffGates(const ir::Program& a, const ir::Program& b, Lines& out) {
  const auto find = [](const ir::Program& p, const std::string& name) {
    const auto it = std::find_if(p.gates.begin(), p.gates.end(),
                                 [&](const ir::ProgramGate& g) { return g.name == name; });
    return it == p.gates.end() ? nullptr : &*it;
  };
  for (const ir::ProgramGate& y : b.gates) {
    const ir::ProgramGate* x = find(a, y.name);
    if (x == nullptr)
      out.push_back(fmt::format("new: gate {}: {}", y.name, gateText(y)));
    else if (gateText(*x) != gateText(y))
      out.push_back(fmt::format("gate changed: {}: {} -> {}", y.name, gateText(*x), gateText(y)));
  }
  for (const ir::ProgramGate& x : a.gates)
    if (find(b, x.name) == nullptr)
      out.push_back(fmt::format("retired: gate {}: {}", x.name, gateText(x)));
}

// The program figures the scorecard reads by name (`run`'s programScoring:
// `point_value`, the dollars of a point; `p4p_pool`, the pharmacy P4P
// dollars): no measure line shows them, so a change is named here.
void diffProgramFigures(const ir::Program& a, const ir::Program& b, Lines& out) {
  const auto value = [](const ir::Program& p, const char* name) -> std::optional<double> {
    for (const ir::ProgramParameter& par : p.parameters)
      if (par.name == name) return par.value;
    return std::nullopt;
  };
  for (const char* name : {"point_value", "p4p_pool"}) {
    const auto x = value(a, name), y = value(b, name);
    if (x != y)
      out.push_back(
          fmt::format("{}: {} -> {} dollars", name, x ? num(*x) : "none", y ? num(*y) : "none"));
  }
}

}  // namespace

std::vector<std::string> diffPrograms(const ir::Program& a, const ir::Program& b) {
  Lines head, added, retired, moved, scoring, definitions;
  if (a.period != b.period) head.push_back(fmt::format("period: {} -> {}", a.period, b.period));
  diffDomains(a, b, head);
  // Without domains in one of the programs every measure would "move" and
  // change points; one line says so instead.
  const bool compareDomains = !a.domains.empty() && !b.domains.empty();
  if (!compareDomains && a.domains.size() != b.domains.size())
    head.push_back(
        fmt::format("note: {} declares no domains; domains and points of measures are not compared",
                    a.domains.empty() ? a.id : b.id));

  for (const ir::ProgramMeasure& y : b.measures) {
    const ir::ProgramMeasure* x = findMeasure(a, y.measure.id);
    if (x == nullptr) {
      added.push_back(
          fmt::format("new: {} \"{}\" ({})", y.measure.id, y.measure.title, placement(b, y)));
      continue;
    }
    const std::string& id = y.measure.id;
    if (x->exploratory != y.exploratory) {
      moved.push_back(fmt::format("moved: {} {} -> {}", id, placement(a, *x), placement(b, y)));
    } else if (compareDomains && domainName(a, *x) != domainName(b, y)) {
      moved.push_back(
          fmt::format("moved: {} domain {} -> {}", id, domainName(a, *x), domainName(b, y)));
    }
    if (compareDomains && x->points != y.points)
      scoring.push_back(fmt::format("points: {} {} -> {}", id, num(x->points), num(y.points)));
    if (x->minimum != y.minimum)
      scoring.push_back(fmt::format("minimum: {} {} -> {}", id, x->minimum, y.minimum));
    if (x->stars != y.stars)
      scoring.push_back(
          fmt::format("stars: {} {} -> {}", id, thresholds(x->stars), thresholds(y.stars)));
    if (x->payment != y.payment)
      scoring.push_back(fmt::format("payment: {} {} -> {}", id,
                                    x->payment ? num(*x->payment) + "%" : "none",
                                    y.payment ? num(*y.payment) + "%" : "none"));
    if (x->goal != y.goal)
      scoring.push_back(fmt::format("goal: {} {} -> {}", id, x->goal ? num(*x->goal) : "none",
                                    y.goal ? num(*y.goal) : "none"));
    if (x->tiers != y.tiers)
      scoring.push_back(
          fmt::format("tiers: {} {} | now {}", id, tiersText(x->tiers), tiersText(y.tiers)));
    diffDefinition(x->measure, y.measure, definitions);
  }
  for (const ir::ProgramMeasure& x : a.measures)
    if (findMeasure(b, x.measure.id) == nullptr)
      retired.push_back(
          fmt::format("retired: {} \"{}\" ({})", x.measure.id, x.measure.title, placement(a, x)));
  // "Screening for Depression and Follow-Up Plan has replaced the
  // Antidepressant Medication Management measure": both the new and the
  // retired line stand; this one ties them.
  for (const ir::ProgramMeasure& y : b.measures) {
    if (y.replaces.empty()) continue;
    // Already replaced in the old year: nothing new.
    if (const ir::ProgramMeasure* same = findMeasure(a, y.measure.id);
        same != nullptr && same->replaces == y.replaces)
      continue;
    const ir::ProgramMeasure* x = findMeasure(a, y.replaces);
    if (x == nullptr)
      moved.push_back(fmt::format("replaced: {} replaces {}, which {} does not have", y.measure.id,
                                  y.replaces, a.id));
    else if (findMeasure(b, y.replaces) == nullptr)
      moved.push_back(fmt::format("replaced: {} \"{}\" ({}) by {} \"{}\" ({})", x->measure.id,
                                  x->measure.title, placement(a, *x), y.measure.id, y.measure.title,
                                  placement(b, y)));
  }
  Lines moves, fees;
  if (compareDomains) pointMoves(a, b, moves);
  diffFeeForService(a, b, fees);
  diffGates(a, b, fees);
  diffProgramFigures(a, b, fees);

  Lines out;
  for (Lines* group : {&head, &added, &retired, &moved, &moves, &scoring, &fees, &definitions})
    out.insert(out.end(), group->begin(), group->end());
  return out;
}

}  // namespace mc
