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
// 30 days) value >= 5.0`, and a population rule on it.
ir::Measure validMeasure() {
  ir::Measure m;
  m.id = "T";
  m.codesets.push_back({"Visits", {}});
  const ir::NodeId start = add(m, ir::Op::PeriodStart, ir::Type::Date);  // %0
  const ir::NodeId thirty = add(m, ir::Op::ConstInt, ir::Type::Int, ir::kNoNode, ir::kNoNode, 30);
  const ir::NodeId after = add(m, ir::Op::AddDays, ir::Type::Date, start, thirty);  // %2
  const ir::NodeId five = add(m, ir::Op::ConstNum, ir::Type::Num);                  // %3
  ir::Query q;
  q.codesets = {0};
  q.times = {{ir::Bound::EndsOnOrAfter, after}};
  q.hasValueFilter = true;
  q.valueCmp = ir::CmpOp::Ge;
  q.valueOperand = five;
  m.queries.push_back(q);
  const ir::NodeId query = add(m, ir::Op::Query, ir::Type::Bool, ir::kNoNode, ir::kNoNode, 0);
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
  m.queries[0].times.push_back({ir::Bound::StartsOnOrBefore, late});
  const auto problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "%4: query link %5 does not come before its user"));
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
  CHECK(mentions(problems, "q0: time filter %2 is int, expected date"));

  m = validMeasure();
  m.nodes[4].type = ir::Type::Int;  // an exists query is a bool
  problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "%4: query has type int, expected bool"));
  CHECK(mentions(problems, "rule population term 'visit': %4 is int, expected bool"));

  m = validMeasure();
  m.queries[0].valueOperand = 1;  // an int where the value filter needs a num
  problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "q0: value operand %1 is int, expected num"));
}

TEST_CASE("verify reports indexes out of range and missing operands", "[ir][verify]") {
  ir::Measure m = validMeasure();
  m.nodes[4].imm = 3;
  auto problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "%4: query index q3 is out of range (1 queries)"));

  m = validMeasure();
  m.queries[0].codesets = {1};
  m.codesets[0].terms.push_back({false, 7, CodeSystem::CPT, {}});
  problems = ir::verify(m);
  INFO(joined(problems));
  CHECK(mentions(problems, "q0: code set index c1 is out of range (1 code sets)"));
  CHECK(mentions(problems, "c0: referenced code set c7 is out of range (1 code sets)"));

  m = validMeasure();
  m.queries[0].principalCodesets = {0, 4};
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

TEST_CASE("forEachOperand visits a query's time filters and value operand", "[ir][operands]") {
  const ir::Measure m = validMeasure();
  std::vector<ir::NodeId> seen;
  ir::forEachOperand(m, 4, [&](ir::NodeId id) { seen.push_back(id); });
  CHECK(seen == std::vector<ir::NodeId>{2, 3});
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
