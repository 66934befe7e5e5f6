// `attribute to pharmacy of QUERY` and `unit each QUERY` through parse,
// sema, lowering and ir::verify; the `generic` event field.
#include <catch2/catch.hpp>
#include <string>

#include "CompilerTestUtil.h"
#include "ir/Verify.h"

using namespace mc;
using mc::testing::codesOf;
using mc::testing::compile;
using mc::testing::parseText;
using mc::testing::withCode;

namespace {

std::string measureText(const std::string& body) {
  return "measure T \"t\" {\n  period 2016\n" + body + "}\n";
}

}  // namespace

TEST_CASE("attribute and unit items parse into the measure", "[pharmacy]") {
  auto p =
      parseText(measureText("  attribute to pharmacy of pharmacy with RXNORM{617312} during MP\n"
                            "  unit each pharmacy as fill during MP\n"
                            "  population true\n  numerator fill.generic\n"));
  INFO(codesOf(p->diags));
  REQUIRE_FALSE(p->diags.hasErrors());
  const ast::Measure& m = p->file.measures.at(0);
  CHECK(m.attributeTo == "pharmacy");
  REQUIRE(m.attribution);
  REQUIRE(m.attribution->query);
  CHECK(m.attribution->query->kind == "pharmacy");
  REQUIRE(m.unit);
  CHECK(m.unit->query->alias == "fill");
}

TEST_CASE("the new keywords stay usable as names", "[pharmacy]") {
  auto c =
      compile(measureText("  define unit = 1\n  define to = 2\n  define attribute = unit + to\n"
                          "  population attribute = 3\n  numerator true\n"));
  INFO(codesOf(c->diagnostics()));
  CHECK_FALSE(c->hasErrors());
}

TEST_CASE("attribution and units must be pharmacy queries", "[pharmacy]") {
  auto c =
      compile(measureText("  attribute to pharmacy of visit during MP\n"
                          "  unit each observation during MP\n"
                          "  population true\n  numerator true\n"));
  CHECK(withCode(c->diagnostics(), "E0312").size() == 2);
  auto other = compile(measureText(
      "  attribute to prescriber of pharmacy during MP\n  population true\n  numerator true\n"));
  REQUIRE(withCode(other->diagnostics(), "E0311").size() == 1);
  CHECK(withCode(other->diagnostics(), "E0311")[0].range.line == 3);
  auto rate = compile(
      "measure R \"r\" {\n  kind rate per 100 member years\n  period 2016\n"
      "  unit each pharmacy during MP\n  population true\n  numerator 1\n}\n");
  CHECK(withCode(rate->diagnostics(), "E0313").size() == 1);
}

TEST_CASE("the unit's alias is bound in the numerator only", "[pharmacy]") {
  auto ok =
      compile(measureText("  population true\n  unit each pharmacy as fill during MP\n"
                          "  numerator fill.generic and fill.days_supply >= 30\n"));
  INFO(codesOf(ok->diagnostics()));
  CHECK_FALSE(ok->hasErrors());
  auto bad =
      compile(measureText("  population fill.generic\n  unit each pharmacy as fill during MP\n"
                          "  numerator fill.generic\n"));
  CHECK(codesOf(bad->diagnostics()).find("E0131@3:") == 0);
}

TEST_CASE("generic is a Bool field of fills only", "[pharmacy]") {
  auto ok = compile(measureText(
      "  population exists pharmacy as f where f.generic during MP\n  numerator true\n"));
  INFO(codesOf(ok->diagnostics()));
  CHECK_FALSE(ok->hasErrors());
  auto visit = compile(
      measureText("  population exists visit as v where v.generic during MP\n  numerator true\n"));
  CHECK(withCode(visit->diagnostics(), "E0133").size() == 1);
}

TEST_CASE("lowering records the attribution and unit queries; the numerator reads the unit",
          "[pharmacy]") {
  auto c = compile(measureText(
      "  attribute to pharmacy of pharmacy with RXNORM{617312} during MP\n"
      "  population true\n  unit each pharmacy as fill during MP\n  numerator fill.generic\n"));
  INFO(codesOf(c->diagnostics()));
  REQUIRE_FALSE(c->hasErrors());
  const ir::Measure m = c->lower(*c->measures().at(0));
  REQUIRE(m.attributionQuery >= 0);
  REQUIRE(m.unitQuery >= 0);
  CHECK(m.queries[static_cast<size_t>(m.attributionQuery)].kind == ir::EventKind::Pharmacy);
  CHECK(m.queries[static_cast<size_t>(m.unitQuery)].alias == "fill");
  // No numerator stage: the back end asks the numerator of each unit event.
  for (const ir::Stage& s : m.cascade.stages) CHECK(s.rule != ir::RuleKind::Numerator);
  CHECK(ir::verify(m).empty());
  const std::string printed = ir::print(m);
  CHECK(printed.find("event_field q" + std::to_string(m.unitQuery) +
                     "(fill).generic  // per event") != std::string::npos);

  // A unit that is not a pharmacy query, or out of range, is a lowering bug.
  ir::Measure broken = m;
  broken.unitQuery = 99;
  CHECK_FALSE(ir::verify(broken).empty());
  broken = m;
  broken.queries[static_cast<size_t>(broken.attributionQuery)].kind = ir::EventKind::Visit;
  CHECK_FALSE(ir::verify(broken).empty());
  // Without the unit, the numerator reads an unbound event.
  broken = m;
  broken.unitQuery = -1;
  CHECK_FALSE(ir::verify(broken).empty());
}
