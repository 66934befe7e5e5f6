// Member independence (ir/Invariance.h): which nodes have one value per run.
#include "ir/Invariance.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "CompilerTestUtil.h"
#include "ir/EventDependence.h"
#include "ir/Ir.h"

using namespace mc;
using mc::testing::codesOf;
using mc::testing::compile;
using mc::testing::lowerOne;
using mc::testing::measure;

namespace {

const ir::Definition& definition(const ir::Measure& m, const std::string& name) {
  const auto d = std::find_if(m.definitions.begin(), m.definitions.end(),
                              [&](const ir::Definition& x) { return x.name == name; });
  REQUIRE(d != m.definitions.end());
  return *d;
}

bool independent(const ir::Measure& m, const std::vector<std::uint8_t>& marks,
                 const std::string& name) {
  const ir::Definition& d = definition(m, name);
  INFO(name << "\n" << ir::print(m));
  REQUIRE(d.node != ir::kNoNode);
  return marks.at(static_cast<size_t>(d.node)) != 0;
}

const char* const kBody =
    "  define lookback_start = date(MP.start.year - 2, 10, 1)\n"
    "  define two_back = MP.end - 2 years\n"
    "  define lookback = [date(MP.start.year - 2, 10, 1), MP.end]\n"
    "  define born = birth_date\n"
    "  define third_birthday = birthday(3)\n"
    "  define old = age at MP.end > 60\n"
    "  define female = sex = F\n"
    "  define visited = exists visit with CPT{99381} during lookback\n"
    "  define both = birth_date < date(MP.start.year - 2, 10, 1)\n"
    "  define covered = enrolled on MP.end\n"
    "  population female and old and covered\n"
    "  numerator visited or both or born < third_birthday or born < two_back\n"
    "            or lookback_start < MP.end\n";

}  // namespace

TEST_CASE("dates computed only from the measurement period are member-independent",
          "[invariance]") {
  const ir::Measure m = lowerOne(measure(kBody));
  const std::vector<std::uint8_t> marks = ir::memberIndependent(m);
  REQUIRE(marks.size() == m.nodes.size());
  CHECK(independent(m, marks, "lookback_start"));
  CHECK(independent(m, marks, "two_back"));
  const ir::Definition& lookback = definition(m, "lookback");
  CHECK(marks.at(static_cast<size_t>(lookback.node)) != 0);
  CHECK(marks.at(static_cast<size_t>(lookback.end)) != 0);
  // Leaves: constants and the period are independent, member fields are not.
  for (size_t i = 0; i < m.nodes.size(); ++i) {
    const ir::Op op = m.nodes[i].op;
    INFO("node " << i << " " << ir::opName(op));
    if (op == ir::Op::PeriodStart || op == ir::Op::PeriodEnd || op == ir::Op::ConstInt ||
        op == ir::Op::ConstDate || op == ir::Op::ConstSex)
      CHECK(marks[i] != 0);
    if (op == ir::Op::BirthDate || op == ir::Op::MemberSex || op == ir::Op::Query ||
        op == ir::Op::EnrolledOn || op == ir::Op::AgeYears)
      CHECK(marks[i] == 0);
  }
}

TEST_CASE("the member's birth, age, sex, enrollment and events are member-dependent",
          "[invariance]") {
  const ir::Measure m = lowerOne(measure(kBody));
  const std::vector<std::uint8_t> marks = ir::memberIndependent(m);
  CHECK_FALSE(independent(m, marks, "born"));
  CHECK_FALSE(independent(m, marks, "third_birthday"));
  CHECK_FALSE(independent(m, marks, "old"));
  CHECK_FALSE(independent(m, marks, "female"));
  CHECK_FALSE(independent(m, marks, "visited"));
  CHECK_FALSE(independent(m, marks, "covered"));
}

TEST_CASE("a node using both a period date and the member is member-dependent", "[invariance]") {
  const ir::Measure m = lowerOne(measure(kBody));
  const std::vector<std::uint8_t> marks = ir::memberIndependent(m);
  const ir::Node& both = m.nodes.at(static_cast<size_t>(definition(m, "both").node));
  REQUIRE(both.op == ir::Op::Cmp);
  CHECK(marks.at(static_cast<size_t>(both.b)) != 0);  // date(MP.start.year - 2, 10, 1)
  CHECK(marks.at(static_cast<size_t>(both.a)) == 0);  // birth_date
  CHECK_FALSE(independent(m, marks, "both"));
}

TEST_CASE("age reads the birth date even when its operand is a period date", "[invariance]") {
  // Hand-built: age_years(period.end) has only an independent operand.
  ir::Measure m;
  ir::Node end;
  end.op = ir::Op::PeriodEnd;
  end.type = ir::Type::Date;
  ir::Node age;
  age.op = ir::Op::AgeYears;
  age.type = ir::Type::Int;
  age.a = 0;
  ir::Node year;
  year.op = ir::Op::YearOf;
  year.type = ir::Type::Int;
  year.a = 0;
  m.nodes = {end, age, year};
  const std::vector<std::uint8_t> marks = ir::memberIndependent(m);
  CHECK(marks == std::vector<std::uint8_t>{1, 0, 1});
}

TEST_CASE("a query whose window is independent is still member-dependent", "[invariance]") {
  ir::Measure m;
  ir::Node end;
  end.op = ir::Op::PeriodEnd;
  end.type = ir::Type::Date;
  ir::Node q;
  q.op = ir::Op::Query;
  q.type = ir::Type::Bool;
  q.imm = 0;
  ir::Node notQ;
  notQ.op = ir::Op::Not;
  notQ.a = 1;
  m.nodes = {end, q, notQ};
  ir::Query query;
  ir::Filter window;
  window.kind = ir::FilterKind::Window;
  window.bound = ir::Bound::StartsOnOrBefore;
  window.node = 0;
  query.filters.push_back(window);
  m.queries.push_back(query);
  CHECK(ir::memberIndependent(m) == std::vector<std::uint8_t>{1, 0, 0});
}

TEST_CASE("measurec ir marks the nodes computed once per run", "[invariance][print]") {
  const ir::Measure m = lowerOne(measure(kBody));
  const std::string text = ir::print(m);
  INFO(text);
  const auto line = [&](ir::NodeId id) {
    const std::string head = "%" + std::to_string(id) + " = ";
    const size_t at = text.find("\n" + head);
    REQUIRE(at != std::string::npos);
    return text.substr(at + 1, text.find('\n', at + 1) - at - 1);
  };
  CHECK(line(definition(m, "lookback_start").node).find("// once per run") != std::string::npos);
  CHECK(line(definition(m, "born").node).find("once per run") == std::string::npos);
  CHECK(line(definition(m, "both").node).find("once per run") == std::string::npos);
}

TEST_CASE("nodes that read a bound event are found once per measure", "[invariance][pairing]") {
  const ir::Measure m = lowerOne(
      measure("  define soon = MP.start + 14 days\n"
              "  population true\n"
              "  numerator exists visit as stay where stay.end <= soon\n"
              "              and exists visit as fu during [stay.end, stay.end + 14 days]\n"
              "                where fu.date = stay.date\n"));
  const auto reads = ir::boundEventsRead(m);
  const auto perEvent = ir::eventDependent(m);
  REQUIRE(m.queries.size() == 2);
  for (size_t i = 0; i < m.nodes.size(); ++i) {
    const ir::Node& n = m.nodes[i];
    INFO("%" << i << " " << ir::opName(n.op));
    if (n.op == ir::Op::EventField)
      CHECK(reads[i] == std::vector<std::int32_t>{static_cast<std::int32_t>(n.imm)});
    // The inner query reads stay (its window, and its where) but not itself.
    if (n.op == ir::Op::Query && n.imm == 1) CHECK(reads[i] == std::vector<std::int32_t>{0});
    // The outer query binds its own event: it is member-level.
    if (n.op == ir::Op::Query && n.imm == 0) CHECK(perEvent[i] == 0);
    // `fu.date = stay.date` reads both.
    if (n.op == ir::Op::Cmp && n.cmp == ir::CmpOp::Eq)
      CHECK(reads[i] == std::vector<std::int32_t>{0, 1});
  }
  CHECK(perEvent[static_cast<size_t>(definition(m, "soon").node)] == 0);
}
