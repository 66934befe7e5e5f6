// What explains one member's outcome for one measure: the member's age at
// the period's ends, each rule term's value, the events each query under a
// term matched, and the events with the query's codes that another filter
// turned away. Shared by `measurec explain` and the failures of
// `measurec test`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "interp/Interpreter.h"
#include "ir/Ir.h"
#include "ir/Missing.h"
#include "store/MemberStore.h"

namespace mc::interp {

struct QueryEvidence {
  std::int32_t query = 0;
  std::string text;                   // the query as written
  std::vector<std::string> matches;   // eventText of each matching event
  std::vector<std::string> nearMiss;  // eventText + " — " + why, for each near miss
  // The aggregate's result for the member ("3", "2022-03-01", "missing"),
  // for the aggregates whose value the matches do not show at a glance
  // (sum, n-th date, spaced dates); empty for the others.
  std::string result;
  // For a query that binds its events (`as stay`) with queries in its
  // `where` that read them: per event its other filters keep, the events
  // paired with it,
  // `visit 2022-03-04..2022-03-06 [stay] -> paired with visit 2022-03-10
  // (line 12)`, nested pairings indented below; capped, with how many more.
  std::vector<std::string> pairs;
  // For `pdc of`: the index date, the end of the treatment period, covered
  // / treatment days, then each fill's covered span (shifted by an early
  // refill, or a same-date duplicate that counts once); empty for the others.
  std::vector<std::string> coverage;
};

struct TermExplanation {
  const ir::Term* term = nullptr;
  std::int64_t truth = ir::kFalse;  // kTrue, kFalse or kUnknown (ir/Missing.h)
  std::vector<QueryEvidence> queries;
};

struct RuleExplanation {
  const ir::Rule* rule = nullptr;
  std::vector<TermExplanation> terms;
};

// "true", "false" or "unknown".
const char* truthText(std::int64_t truth);

// A node value as text: a truth, a number, a date, a sex, a provider id, a
// setting, a code, or "missing".
// `m`: the measure whose quantity literals' units are printed (a unit no
// event has); may be null.
std::string valueText(const store::MemberStore& s, ir::Type type, const Value& v,
                      const ir::Measure* m = nullptr);

// The lines of QueryEvidence::coverage for one member's PDC.
std::vector<std::string> coverageLines(const store::MemberStore& s, store::EventKind kind,
                                       const PdcResult& pdc);

// The queries a node depends on, through operands and query bounds, in
// first-use order, each once.
std::vector<std::int32_t> queriesUnder(const ir::Measure& m, ir::NodeId node);

// "visits.csv:12  2022-03-01  CPT:77067 provider P1 setting outpatient"
std::string eventText(const store::MemberStore& s, store::EventKind kind, std::uint32_t e);

// "visit 2022-03-04..2022-03-06 (line 12)": an event in a pairing line.
std::string pairedEventText(const store::MemberStore& s, store::EventKind kind, std::uint32_t e);

// How many bound events, and paired events per bound event, a pairing
// listing shows before "... and N more".
inline constexpr size_t kPairedOuterShown = 10;
inline constexpr size_t kPairedInnerShown = 5;
// The longest inner-query text a pairing line shows before " ...".
inline constexpr size_t kPairedQueryTextShown = 160;

// "age 60 at 2022-01-01, 61 at 2022-12-31 (born 1961-03-02)"
std::string ageText(const store::MemberStore& s, store::MemberIndex member, Period period);

// Every non-empty rule of the measure, after interp.evaluate(member).
std::vector<RuleExplanation> explainRules(const ir::Measure& m, const store::MemberStore& s,
                                          Interpreter& interp);

}  // namespace mc::interp
