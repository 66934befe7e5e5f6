// Event pairing in the interpreter: a query's `where` reads its own event,
// nested queries read the enclosing ones, each scan is cut to a date slice,
// and nodes that read a bound event are never memoised or planned.
#include <catch2/catch.hpp>

#include "../compiler/CompilerTestUtil.h"
#include "EngineFixtures.h"
#include "driver/Compilation.h"
#include "interp/Explanation.h"
#include "interp/Interpreter.h"
#include "interp/Plan.h"
#include "interp/Scoring.h"
#include "ir/EventDependence.h"

using namespace mc;
using namespace mc::testing;

namespace {

// A measure (period 2022) around `rules`, checked and lowered.
ir::Measure lowered(const std::string& rules) { return lowerOne(measure(rules)); }

store::EventRow visit(Days date, Days end, store::Setting setting) {
  store::EventRow row;
  row.date = date;
  row.endDate = end;
  row.setting = setting;
  row.codes = {{CodeSystem::CPT, "99213"}};
  return row;
}

// `stays` two-day inpatient stays 20 days apart from 2000-01-01, each with
// an outpatient visit `gap` days after its discharge.
store::MemberStore pairedStore(int stays, int gap) {
  store::StoreBuilder b;
  const store::MemberIndex m = b.addMember("M1", day("1960-05-01"), store::Sex::F);
  b.addEnrollment(m, day("2000-01-01"), kOpenEnd, "");
  const Days first = day("2000-01-01");
  for (int i = 0; i < stays; ++i) {
    const Days start = first + 20 * i;
    b.addEvent(visit(start, start + 2, store::Setting::Inpatient));
    b.addEvent(visit(start + 2 + gap, kNoDate, store::Setting::Outpatient));
  }
  return b.finish();
}

const char* const kFollowUps =
    "  population true\n"
    "  numerator (count visit as stay in setting inpatient\n"
    "              where exists visit in setting outpatient\n"
    "                during [stay.end + 1 day, stay.end + 14 days]) = 400\n";

}  // namespace

TEST_CASE("pairing 400 stays with 400 visits visits far fewer than 400 x 400 events",
          "[pairing][interp]") {
  const ir::Measure m = lowered(kFollowUps);
  const store::MemberStore s = pairedStore(400, 3);
  const interp::CodeSetBinding codes(m, s.codes);
  interp::Interpreter in(m, s, codes, interp::calendarYear(2022));
  const score::MemberOutcome o = in.evaluate(0);
  CHECK(o.numerator);  // every stay found its follow-up
  // The outer scan looks at the 800 visits once; each inner scan only at
  // the visits of its 14-day slice (and the longest stay, 2 days, before).
  INFO("events visited: " << in.eventsVisited());
  CHECK(in.eventsVisited() < 4000);
  CHECK(in.eventsVisited() >= 800);
}

TEST_CASE("the count of paired events is per bound event, not memoised", "[pairing][interp]") {
  const ir::Measure m = lowered(kFollowUps);
  // Follow-ups 15 days after discharge: none pairs, and the answer must not
  // come from the first stay's memo either.
  const store::MemberStore late = pairedStore(400, 15);
  const interp::CodeSetBinding codes(m, late.codes);
  interp::Interpreter in(m, late, codes, interp::calendarYear(2022));
  CHECK_FALSE(in.evaluate(0).numerator);

  // Only the last stay lacks its follow-up: 399, not 400.
  store::StoreBuilder b;
  const store::MemberIndex mem = b.addMember("M1", day("1960-05-01"), store::Sex::F);
  b.addEnrollment(mem, day("2000-01-01"), kOpenEnd, "");
  for (int i = 0; i < 400; ++i) {
    const Days start = day("2000-01-01") + 20 * i;
    b.addEvent(visit(start, start + 2, store::Setting::Inpatient));
    if (i != 399) b.addEvent(visit(start + 5, kNoDate, store::Setting::Outpatient));
  }
  const store::MemberStore most = b.finish();
  const interp::CodeSetBinding codes2(m, most.codes);
  interp::Interpreter in2(m, most, codes2, interp::calendarYear(2022));
  CHECK_FALSE(in2.evaluate(0).numerator);
}

TEST_CASE("an open-ended event disables the lower cut but not the answer", "[pairing][plan]") {
  const ir::Measure m = lowered(
      "  population true\n"
      "  numerator exists visit as v where exists visit in setting inpatient\n"
      "              during [v.date, v.date]\n");
  store::StoreBuilder b;
  const store::MemberIndex mem = b.addMember("M1", day("1960-05-01"), store::Sex::F);
  b.addEnrollment(mem, day("2000-01-01"), kOpenEnd, "");
  b.addEvent(visit(day("2001-01-01"), kOpenEnd, store::Setting::Inpatient));  // still in
  b.addEvent(visit(day("2022-06-01"), kNoDate, store::Setting::Outpatient));
  const store::MemberStore s = b.finish();
  const interp::CodeSetBinding codes(m, s.codes);
  const interp::Plan plan = interp::makePlan(m, s, codes, interp::calendarYear(2022));
  CHECK(plan.longestSpan[static_cast<int>(store::EventKind::Visit)] == -1);
  interp::Interpreter in(m, s, codes, plan);
  CHECK(in.evaluate(0).numerator);  // the open stay overlaps 2022-06-01
}

TEST_CASE("the plan records spans and which nodes read a bound event", "[pairing][plan]") {
  const ir::Measure m = lowered(kFollowUps);
  const store::MemberStore s = pairedStore(3, 3);
  const interp::CodeSetBinding codes(m, s.codes);
  const interp::Plan plan = interp::makePlan(m, s, codes, interp::calendarYear(2022));
  CHECK(plan.longestSpan[static_cast<int>(store::EventKind::Visit)] == 2);
  CHECK(plan.longestSpan[static_cast<int>(store::EventKind::Observation)] == 0);
  size_t perEvent = 0;
  for (size_t i = 0; i < m.nodes.size(); ++i) {
    if (!plan.eventDependent[i]) continue;
    ++perEvent;
    CHECK(plan.independent[i] == 0);  // never computed once per run
  }
  // stay.end, the two window ends and the inner query.
  CHECK(perEvent == 4);
}

TEST_CASE("explain lists the events paired with each bound event", "[pairing][explain]") {
  const ir::Measure m = lowered(
      "  population true\n"
      "  numerator exists visit as stay in setting inpatient\n"
      "              where exists visit in setting outpatient\n"
      "                during [stay.end + 1 day, stay.end + 14 days]\n");
  store::StoreBuilder b;
  const store::MemberIndex mem = b.addMember("M1", day("1960-05-01"), store::Sex::F);
  b.addEnrollment(mem, day("2022-01-01"), kOpenEnd, "");
  store::EventRow stay = visit(day("2022-03-04"), day("2022-03-06"), store::Setting::Inpatient);
  stay.line = 11;
  b.addEvent(stay);
  store::EventRow fu = visit(day("2022-03-10"), kNoDate, store::Setting::Outpatient);
  fu.line = 12;
  b.addEvent(fu);
  const store::MemberStore s = b.finish();
  const interp::CodeSetBinding codes(m, s.codes);
  interp::Interpreter in(m, s, codes, interp::calendarYear(2022));
  REQUIRE(in.evaluate(0).numerator);
  const auto rules = interp::explainRules(m, s, in);
  std::vector<std::string> pairs;
  std::vector<std::string> texts;
  for (const auto& r : rules)
    for (const auto& t : r.terms)
      for (const auto& q : t.queries) {
        texts.push_back(q.text);
        pairs.insert(pairs.end(), q.pairs.begin(), q.pairs.end());
      }
  // The inner query is shown in the pairing, not on its own; the query's
  // text, written over three lines, is one line.
  REQUIRE(texts.size() == 1);
  CHECK(texts[0] ==
        "exists visit as stay in setting inpatient where exists visit in setting outpatient "
        "during [stay.end + 1 day, stay.end + 14 days]");
  REQUIRE(pairs.size() == 1);
  // The line names the inner query that paired the event, as "nothing
  // paired from ..." does.
  CHECK(pairs[0] ==
        "visit 2022-03-04..2022-03-06 (line 11) [stay] -> paired with visit 2022-03-10 (line 12) "
        "from exists visit in setting outpatient during [stay.end + 1 day, stay.end + 14 days]");
}

TEST_CASE("explain names the inner query when nothing paired, on one line, cut when long",
          "[pairing][explain]") {
  const ir::Measure m = lowered(
      "  population true\n"
      "  numerator exists visit as stay in setting inpatient\n"
      "              where exists visit\n"
      "                with CPT{99202, 99203, 99204, 99205, 99211, 99212, 99213, 99214, 99215}\n"
      "                in setting outpatient during [stay.end + 1 day, stay.end + 14 days]\n"
      "                by pcp on or after MP.start\n");
  store::StoreBuilder b;
  const store::MemberIndex mem = b.addMember("M1", day("1960-05-01"), store::Sex::F);
  b.addEnrollment(mem, day("2022-01-01"), kOpenEnd, "");
  store::EventRow stay = visit(day("2022-03-04"), day("2022-03-06"), store::Setting::Inpatient);
  stay.line = 11;
  b.addEvent(stay);
  const store::MemberStore s = b.finish();
  const interp::CodeSetBinding codes(m, s.codes);
  interp::Interpreter in(m, s, codes, interp::calendarYear(2022));
  REQUIRE_FALSE(in.evaluate(0).numerator);
  std::vector<std::string> pairs;
  for (const auto& r : interp::explainRules(m, s, in))
    for (const auto& t : r.terms)
      for (const auto& q : t.queries) pairs.insert(pairs.end(), q.pairs.begin(), q.pairs.end());
  REQUIRE(pairs.size() == 1);
  CHECK(pairs[0] ==
        "visit 2022-03-04..2022-03-06 (line 11) [stay] -> nothing paired from exists visit with "
        "CPT{99202, 99203, 99204, 99205, 99211, 99212, 99213, 99214, 99215} in setting outpatient "
        "during [stay.end + 1 day, stay.end + 14 days] by pcp ...");
}

TEST_CASE("explain caps the pairing of a big member", "[pairing][explain]") {
  const ir::Measure m = lowered(kFollowUps);
  const store::MemberStore s = pairedStore(400, 3);
  const interp::CodeSetBinding codes(m, s.codes);
  interp::Interpreter in(m, s, codes, interp::calendarYear(2022));
  in.evaluate(0);
  std::vector<std::string> pairs;
  for (const auto& r : interp::explainRules(m, s, in))
    for (const auto& t : r.terms)
      for (const auto& q : t.queries) pairs.insert(pairs.end(), q.pairs.begin(), q.pairs.end());
  REQUIRE(pairs.size() == interp::kPairedOuterShown + 1);
  CHECK(pairs.back() == "... and 390 more visit event(s) [stay]");
}

TEST_CASE("member-level nodes inside a where are memoised, event nodes are not",
          "[pairing][interp]") {
  // Two measures that differ by a member-level term inside the `where`.
  const ir::Measure plain = lowered(
      "  population true\n"
      "  numerator (count visit as v where v.date >= date(2000, 1, 1)) = 800\n");
  const ir::Measure more = lowered(
      "  population true\n"
      "  numerator (count visit as v where v.date >= date(2000, 1, 1)\n"
      "              and (age at MP.end) * 2 + 1 > 5) = 800\n");
  const store::MemberStore s = pairedStore(400, 3);
  auto computed = [&](const ir::Measure& m) {
    const interp::CodeSetBinding codes(m, s.codes);
    interp::Interpreter in(m, s, codes, interp::calendarYear(2022));
    CHECK(in.evaluate(0).numerator);
    return in.nodesComputed();
  };
  const std::uint64_t a = computed(plain), b = computed(more);
  // One more `and` per event (800), and the age term (age, mul, add, cmp)
  // once for the member, not once per event.
  INFO("plain " << a << ", more " << b);
  CHECK(b - a >= 800);
  CHECK(b - a < 800 + 10);
}
