// The per-run plan (interp/Plan.h): member-independent nodes are computed
// once, before any member, and never again per member.
#include <catch2/catch.hpp>

#include "../compiler/CompilerTestUtil.h"
#include "EngineFixtures.h"
#include "driver/Compilation.h"
#include "interp/Interpreter.h"
#include "interp/Plan.h"
#include "interp/Scoring.h"

using namespace mc;
using namespace mc::testing;

namespace {

// A measure (period 2022) around `rules`, checked and lowered.
ir::Measure lowered(const std::string& rules) { return lowerOne(measure(rules)); }

ir::NodeId definitionNode(const ir::Measure& m, const std::string& name) {
  for (const ir::Definition& d : m.definitions)
    if (d.name == name) return d.node;
  FAIL("no definition " << name);
  return ir::kNoNode;
}

const char* const kRules =
    "  define cutoff = date(MP.start.year - 2, 10, 1)\n"
    "  population birth_date < cutoff\n"
    "  numerator true\n";

}  // namespace

TEST_CASE("the plan holds the value of a period date expression", "[plan]") {
  const ir::Measure m = lowered(kRules);
  const store::MemberStore s = storeOf({{"M1", ""}});
  const interp::CodeSetBinding codes(m, s.codes);
  const interp::Plan plan = interp::makePlan(m, s, codes, interp::calendarYear(2022));
  const ir::NodeId cutoff = definitionNode(m, "cutoff");
  REQUIRE(plan.independent.at(static_cast<size_t>(cutoff)) == 1);
  CHECK(plan.values.at(static_cast<size_t>(cutoff)).i == day("2020-10-01"));
  // Another period, another value.
  const interp::Plan later = interp::makePlan(m, s, codes, interp::calendarYear(2024));
  CHECK(later.values.at(static_cast<size_t>(cutoff)).i == day("2022-10-01"));
}

TEST_CASE("an independent node is computed once for many members, not per member", "[plan]") {
  const ir::Measure m = lowered(kRules);
  const store::MemberStore s = storeOf({{"M1", ""}, {"M2", ""}, {"M3", ""}, {"M4", ""}});
  const interp::CodeSetBinding codes(m, s.codes);
  const interp::Plan plan = interp::makePlan(m, s, codes, interp::calendarYear(2022));
  // Member-dependent nodes: birth_date and the comparison; everything else
  // (the period, constants, year_of, sub, make_date, `true`) is in the plan.
  size_t dependent = 0;
  for (const std::uint8_t x : plan.independent) dependent += x ? 0 : 1;
  REQUIRE(dependent == 2);
  REQUIRE(m.nodes.size() > 2 * dependent);

  interp::Interpreter in(m, s, codes, plan);
  for (store::MemberIndex member = 0; member < s.memberCount(); ++member) {
    const score::MemberOutcome o = in.evaluate(member);
    CHECK(o.population);  // born 1960, before 2020-10-01
    CHECK(o.numerator);
  }
  CHECK(in.nodesComputed() == dependent * s.memberCount());
  CHECK(in.value(definitionNode(m, "cutoff")).i == day("2020-10-01"));
  CHECK(in.nodesComputed() == dependent * s.memberCount());
}

TEST_CASE("an interpreter given only a period plans for itself", "[plan]") {
  const ir::Measure m = lowered(kRules);
  const store::MemberStore s = storeOf({{"M1", ""}, {"M2", ""}});
  const interp::CodeSetBinding codes(m, s.codes);
  interp::Interpreter in(m, s, codes, interp::calendarYear(2022));
  CHECK(in.evaluate(0).population);
  CHECK(in.evaluate(1).population);
  CHECK(in.nodesComputed() == 4);
  CHECK(in.value(definitionNode(m, "cutoff")).i == day("2020-10-01"));
}

TEST_CASE("a run's plans share the store's longest event spans, read once", "[plan]") {
  const ir::Measure m = lowered(kRules);
  const store::MemberStore s = storeOf({{"M1", ""}, {"M2", ""}});
  const interp::CodeSetBinding codes(m, s.codes);
  const interp::LongestSpans spans = interp::longestSpans(s);
  const interp::Plan own = interp::makePlan(m, s, codes, interp::calendarYear(2022));
  for (int k = 0; k < store::kEventKindCount; ++k) CHECK(own.longestSpan[k] == spans[k]);
  // Given spans are taken as they are (scoring computes them once per run),
  // not read again from the store.
  interp::LongestSpans given{};
  for (int k = 0; k < store::kEventKindCount; ++k) given[k] = 1000 + k;
  const interp::Plan shared = interp::makePlan(m, s, codes, interp::calendarYear(2022), given);
  for (int k = 0; k < store::kEventKindCount; ++k) CHECK(shared.longestSpan[k] == 1000 + k);
  CHECK(shared.values.size() == own.values.size());
}

TEST_CASE("the longest event spans are the same read on one thread or several", "[plan]") {
  // 600,000 visits (more than two of longestSpans' pieces of events), the
  // longest of them in the last piece; a condition with an open end after
  // 300,000 closed ones.
  store::StoreBuilder b;
  const store::MemberIndex m = b.addMember("M1", daysFromCivil(1970, 1, 1), store::Sex::F);
  const Days day = daysFromCivil(2022, 1, 1);
  store::EventRow row;
  row.member = m;
  row.date = day;
  for (int e = 0; e < 600000; ++e) {
    row.endDate = e == 599990 ? day + 400 : day + e % 30;
    b.addEvent(row);
  }
  row.kind = store::EventKind::Condition;
  for (int e = 0; e < 300001; ++e) {
    row.endDate = e == 300000 ? kOpenEnd : day + 5;
    b.addEvent(row);
  }
  const store::MemberStore s = b.finish();
  const auto visit = static_cast<size_t>(store::EventKind::Visit);
  const auto condition = static_cast<size_t>(store::EventKind::Condition);
  for (const int threads : {1, 2, 3}) {
    INFO(threads << " threads");
    const interp::LongestSpans spans = interp::longestSpans(s, threads);
    CHECK(spans[visit] == 400);
    CHECK(spans[condition] == -1);
    CHECK(spans[static_cast<size_t>(store::EventKind::Pharmacy)] == 0);  // no fill at all
  }
}
