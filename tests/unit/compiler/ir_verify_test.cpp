// The shape of the IR: one op list (ir/Ops.def), one operand walk
// (ir::forEachOperand) and ir::verify, on shipped measures and on IR broken
// by hand.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "CompilerTestUtil.h"
#include "ir/Ir.h"
#include "ir/Operands.h"
#include "ir/Verify.h"

using namespace mc;
using mc::testing::codesOf;

namespace {

std::string joined(const std::vector<std::string>& problems) {
  std::string out;
  for (const std::string& p : problems) out += p + "\n";
  return out;
}

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
  for (const std::string& p : problems)
    if (p.find(text) != std::string::npos) return true;
  return false;
}

// Lowers every measure under `path` and verifies it; returns how many.
size_t verifyAll(const std::string& path) {
  Compilation c(mc::testing::stdlibDir());
  c.addPath(path);
  c.check();
  INFO(codesOf(c.diagnostics()));
  REQUIRE_FALSE(c.hasErrors());
  size_t count = 0;
  for (const ast::Measure* m : c.measures()) {
    const ir::Measure lowered = c.lower(*m);
    INFO(lowered.id << "\n" << ir::print(lowered));
    CHECK(joined(ir::verify(lowered)).empty());
    ++count;
  }
  return count;
}

ir::NodeId add(ir::Measure& m, ir::Op op, ir::Type type, ir::NodeId a = ir::kNoNode,
               ir::NodeId b = ir::kNoNode, std::int64_t imm = 0) {
  ir::Node n;
  n.op = op;
  n.type = type;
  n.a = a;
  n.b = b;
  n.imm = imm;
  m.nodes.push_back(n);
  return static_cast<ir::NodeId>(m.nodes.size() - 1);
}

// A small valid measure: `exists visit with c0 on or after (period.start +
// 30 days) where value >= 5.0`, and a population rule on it.
ir::Filter codesFilter(std::int32_t set, ir::FilterKind kind = ir::FilterKind::Codes) {
  ir::Filter f;
  f.kind = kind;
  f.codeset = set;
  return f;
}

ir::Filter nodeFilter(ir::FilterKind kind, ir::NodeId node,
                      ir::Bound bound = ir::Bound::EndsOnOrAfter) {
  ir::Filter f;
  f.kind = kind;
  f.node = node;
  f.bound = bound;
  return f;
}

ir::Measure validMeasure() {
  ir::Measure m;
  m.id = "T";
  m.codesets.push_back({"Visits", {}});
  const ir::NodeId start = add(m, ir::Op::PeriodStart, ir::Type::Date);  // %0
  const ir::NodeId thirty = add(m, ir::Op::ConstInt, ir::Type::Int, ir::kNoNode, ir::kNoNode, 30);
  const ir::NodeId after = add(m, ir::Op::AddDays, ir::Type::Date, start, thirty);  // %2
  const ir::NodeId five = add(m, ir::Op::ConstNum, ir::Type::Num);                  // %3
  const ir::NodeId value = add(m, ir::Op::EventField, ir::Type::Num, ir::kNoNode, ir::kNoNode, 0);
  m.nodes[static_cast<size_t>(value)].imm2 = static_cast<std::int64_t>(EventField::Value);  // %4
  const ir::NodeId atLeast = add(m, ir::Op::Cmp, ir::Type::Bool, value, five);              // %5
  m.nodes[static_cast<size_t>(atLeast)].cmp = ir::CmpOp::Ge;
  ir::Query q;
  q.kind = ir::EventKind::Observation;
  q.filters.push_back(codesFilter(0));
  q.filters.push_back(nodeFilter(ir::FilterKind::Window, after, ir::Bound::EndsOnOrAfter));
  q.filters.push_back(nodeFilter(ir::FilterKind::Predicate, atLeast));
  m.queries.push_back(q);
  const ir::NodeId query =
      add(m, ir::Op::Query, ir::Type::Bool, ir::kNoNode, ir::kNoNode, 0);  // %6
  for (int k = 0; k < 4; ++k) m.rules[k].kind = static_cast<ir::RuleKind>(k);
  m.rules[0].terms.push_back({"visit", query});
  m.definitions.push_back({"late", after, ir::kNoNode});
  m.cascade.numeratorValue = five;
  return m;
}

}  // namespace

TEST_CASE("every shipped measure lowers to IR that verifies clean", "[ir][verify]") {
  const std::string root = MEASUREC_SOURCE_DIR;
  CHECK(verifyAll(root + "/measures/2022/cbi") >= 7);
  CHECK(verifyAll(root + "/measures/2016/pharmacy-p4p") >= 2);
  CHECK(verifyAll(root + "/tests/semantics") >= 12);
  // The stdlib holds modules only; the CBI measures above import it.
  CHECK(verifyAll(root + "/stdlib") == 0);
}

TEST_CASE("a hand-built valid measure verifies clean", "[ir][verify]") {
  CHECK(joined(ir::verify(validMeasure())).empty());
}

TEST_CASE("verify reports an operand that comes after its user", "[ir][verify]") {
  ir::Measure m = validMeasure();
  m.nodes[2].b = 3;  // add_days %0 %3: %3 comes later (and is num)
  const auto problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "%2: operand b %3 does not come before its user"));
}

TEST_CASE("verify reports a query link that comes after the query", "[ir][verify]") {
  ir::Measure m = validMeasure();
  const ir::NodeId late = add(m, ir::Op::PeriodEnd, ir::Type::Date);
  m.queries[0].filters.push_back(
      nodeFilter(ir::FilterKind::Window, late, ir::Bound::StartsOnOrBefore));
  const auto problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "%6: query link %7 does not come before its user"));
}

TEST_CASE("verify reports operands and results of the wrong type", "[ir][verify]") {
  ir::Measure m = validMeasure();
  m.nodes[2].b = 0;  // add_days of two dates
  auto problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "%2: add_days operand b is date (%0), expected int"));

  m = validMeasure();
  m.nodes[2].type = ir::Type::Int;  // add_days gives a date
  problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "%2: add_days has type int, expected date"));
  // ... and the time filter that reads it is no longer a date.
  CHECK(mentions(problems, "q0: window filter %2 is int, expected date"));

  m = validMeasure();
  m.nodes[6].type = ir::Type::Int;  // an exists query is a bool
  problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "%6: query has type int, expected bool"));
  CHECK(mentions(problems, "rule population term 'visit': %6 is int, expected bool"));

  m = validMeasure();
  m.queries[0].filters[2].node = 1;  // an int where the `where` filter needs a bool
  problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "q0: where filter %1 is int, expected bool"));
}

TEST_CASE("verify reports indexes out of range and missing operands", "[ir][verify]") {
  ir::Measure m = validMeasure();
  m.nodes[6].imm = 3;
  auto problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "%6: query index q3 is out of range (1 queries)"));

  m = validMeasure();
  m.queries[0].filters[0].codeset = 1;
  m.codesets[0].terms.push_back({false, 7, CodeSystem::CPT, {}});
  problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "q0: with code set index c1 is out of range (1 code sets)"));
  CHECK(mentions(problems, "c0: referenced code set c7 is out of range (1 code sets)"));

  m = validMeasure();
  m.queries[0].filters.push_back(codesFilter(0, ir::FilterKind::Slot));
  m.queries[0].filters.push_back(codesFilter(4, ir::FilterKind::Slot));
  problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "q0: principal code set index c4 is out of range (1 code sets)"));
  CHECK_FALSE(mentions(problems, "c0 is out of range"));

  m = validMeasure();
  m.nodes[2].a = ir::kNoNode;
  m.nodes[0].a = 1;  // period.start takes no operand
  m.definitions.push_back({"gone", 99, ir::kNoNode});
  m.rules[3].terms.push_back({"nothing", ir::kNoNode});
  problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "%2: add_days needs operand a, which is not set"));
  CHECK(mentions(problems, "%0: period.start takes no operand a, but it is %1"));
  CHECK(mentions(problems, "define gone: %99 is not a node"));
  CHECK(mentions(problems, "rule numerator term 'nothing': %-1 is not a node"));
}

TEST_CASE("forEachOperand visits the nodes of a query's filters", "[ir][operands]") {
  const ir::Measure m = validMeasure();
  std::vector<ir::NodeId> seen;
  ir::forEachOperand(m, 6, [&](ir::NodeId id) { seen.push_back(id); });
  CHECK(seen == std::vector<ir::NodeId>{2, 5});
  seen.clear();
  ir::forEachOperand(m, 2, [&](ir::NodeId id) { seen.push_back(id); });
  CHECK(seen == std::vector<ir::NodeId>{0, 1});
  seen.clear();
  ir::forEachOperand(m, 0, [&](ir::NodeId id) { seen.push_back(id); });
  CHECK(seen.empty());
}

TEST_CASE("the op list gives every op a distinct name and its operand slots", "[ir][ops]") {
  std::set<std::string> names;
  for (int i = 0; i < ir::kOpCount; ++i) names.insert(ir::opName(static_cast<ir::Op>(i)));
  CHECK(names.size() == static_cast<size_t>(ir::kOpCount));
  CHECK(std::string(ir::opName(ir::Op::Query)) == "query");
  CHECK(std::string(ir::opName(ir::Op::MakeDate)) == "make_date");
  CHECK(ir::opInfo(ir::Op::MakeDate).operandCount() == 3);
  CHECK(ir::opInfo(ir::Op::Query).operandCount() == 0);
  CHECK(ir::aggregateType(ir::Aggregate::LatestDate) == ir::Type::Date);
  CHECK(std::string(ir::boundText(ir::Bound::StartsAfter)) == "start >");
  CHECK(std::string(ir::cmpOpText(ir::CmpOp::Ge)) == ">=");
}

TEST_CASE("the printer shows an op's unset operand slot instead of dropping it", "[ir][print]") {
  ir::Measure m = validMeasure();
  m.nodes[2].b = ir::kNoNode;
  CHECK(ir::print(m).find("%2 = date add_days %0 %?") != std::string::npos);
}

TEST_CASE("verify keeps a bound event inside the query that binds it", "[ir][verify][pairing]") {
  // The event field %4 read by a rule term, outside query q0.
  ir::Measure m = validMeasure();
  m.rules[1].terms.push_back({"leak", 5});
  auto problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(
      mentions(problems, "rule eligible term 'leak': %5 reads the event of q0 outside that query"));

  // ... or by a definition.
  m = validMeasure();
  m.definitions.push_back({"leak", 4, ir::kNoNode});
  problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "define leak: %4 reads the event of q0 outside that query"));

  // A window of q0 that reads q0's own event.
  m = validMeasure();
  const ir::NodeId own = add(m, ir::Op::EventField, ir::Type::Date, ir::kNoNode, ir::kNoNode, 0);
  m.nodes[static_cast<size_t>(own)].imm2 = static_cast<std::int64_t>(EventField::End);
  m.nodes[6].op = ir::Op::ConstBool;  // the old query node becomes a constant
  m.nodes[6].imm = 0;
  const ir::NodeId query = add(m, ir::Op::Query, ir::Type::Bool, ir::kNoNode, ir::kNoNode, 0);
  m.queries[0].filters.push_back(
      nodeFilter(ir::FilterKind::Window, own, ir::Bound::StartsOnOrBefore));
  m.rules[0].terms[0].node = query;
  problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "q0: its window filter %7 reads the query's own event"));
}

TEST_CASE("verify checks event fields and unordered types", "[ir][verify][pairing]") {
  ir::Measure m = validMeasure();
  m.queries[0].kind = ir::EventKind::Visit;  // a visit has no value field
  auto problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "%4: a visit event has no field value"));

  m = validMeasure();
  m.nodes[4].imm = 9;
  problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "%4: event_field of q9, which is out of range (1 queries)"));

  m = validMeasure();
  m.nodes[4].imm2 = static_cast<std::int64_t>(EventField::Provider);
  m.nodes[4].type = ir::Type::Provider;
  m.nodes[3].op = ir::Op::EventField;  // provider >= provider
  m.nodes[3].type = ir::Type::Provider;
  m.nodes[3].imm2 = static_cast<std::int64_t>(EventField::Provider);
  problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "%5: cmp >= on provider values, which have no order"));
}
