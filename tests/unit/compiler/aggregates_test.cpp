// The aggregates and enrollment terms of issue 11 through every compiler
// phase: parse (AST), check (types, field and kind rules), lowering (IR
// query fields and parameters), the printer and the verifier.
#include <catch2/catch.hpp>

#include "CompilerTestUtil.h"
#include "ir/Ir.h"
#include "ir/Verify.h"

using namespace mc;
using mc::testing::codesOf;
using mc::testing::compile;
using mc::testing::lowerOne;
using mc::testing::measure;
using mc::testing::parseText;

namespace {

const ast::Expr& numeratorOf(const ast::File& f) {
  for (const ast::RuleDecl& r : f.measures.at(0).rules)
    if (r.kind == ast::RuleKind::Numerator) return *r.expr;
  FAIL("no numerator");
  throw 0;
}

const ir::Query& onlyQuery(const ir::Measure& m) {
  REQUIRE(m.queries.size() == 1);
  return m.queries[0];
}

}  // namespace

TEST_CASE("the new aggregates parse into the AST", "[aggregates][parse]") {
  auto p = parseText(measure("  population true\n  numerator sum quantity of pharmacy > 2\n"));
  const ast::Expr& cmp = numeratorOf(p->file);
  const ast::Expr& sum = *cmp.args[0];
  CHECK(sum.kind == ast::ExprKind::Aggregate);
  CHECK(sum.aggregate == ast::AggregateKind::Sum);
  CHECK(sum.name == "quantity");
  CHECK(sum.query->kind == "pharmacy");

  p = parseText(measure("  population true\n  numerator 12th date of visit = MP.end\n"));
  const ast::Expr& nth = *numeratorOf(p->file).args[0];
  CHECK(nth.aggregate == ast::AggregateKind::NthDate);
  CHECK(nth.intValue == 12);

  p = parseText(
      measure("  population true\n"
              "  numerator count distinct dates at least 146 days apart of immunization >= 2\n"));
  const ast::Expr& spaced = *numeratorOf(p->file).args[0];
  CHECK(spaced.aggregate == ast::AggregateKind::CountSpacedDates);
  CHECK(spaced.intValue == 146);
}

TEST_CASE("enrollment terms and rate kinds parse", "[aggregates][parse]") {
  auto p = parseText(
      "measure T \"t\" {\n  kind inverse rate per 1000 member years\n  period 2022\n"
      "  population enrollment start during MP is not missing\n"
      "             and enrolled days during MP > 0 and member months during MP > 0\n"
      "  numerator member years during MP\n  exposure member years during MP\n}\n");
  const ast::Measure& m = p->file.measures.at(0);
  CHECK(m.kind == "inverse rate");
  CHECK(m.hasRatePer);
  CHECK(m.ratePer == 1000);
  REQUIRE(m.exposure);
  CHECK(m.exposure->kind == ast::ExprKind::MemberYears);
  CHECK(numeratorOf(p->file).kind == ast::ExprKind::MemberYears);
}

TEST_CASE("a number followed by a name is not an ordinal", "[aggregates][parse]") {
  // `50` then the next item's first word must not read as `50numerater`.
  auto c = compile(measure("  population age at MP.end >= 50\n  numerator true\n"));
  CHECK(codesOf(c->diagnostics()).empty());
}

TEST_CASE("sums are numbers; a field the kind lacks is E0133, a field not a number E0207",
          "[aggregates][check]") {
  auto c = compile(measure("  population true\n  numerator sum days_supply of visit > 0\n"));
  const auto e = mc::testing::withCode(c->diagnostics(), "E0133");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "a visit event has no field 'days_supply'");
  CHECK(e[0].note ==
        "the fields of a visit event are date, end, provider, setting, principal, "
        "start_time, end_time");

  c = compile(measure("  population true\n  numerator sum quantity of observation > 0\n"));
  const auto o = mc::testing::withCode(c->diagnostics(), "E0133");
  REQUIRE(o.size() == 1);
  CHECK(o[0].note ==
        "the fields of an observation event are date, end, provider, setting, value, start_time, "
        "end_time");

  // The same table as `alias.FIELD`: a date is a field but not a number.
  c = compile(measure("  population true\n  numerator sum end of pharmacy > 0\n"));
  const auto d = mc::testing::withCode(c->diagnostics(), "E0207");
  REQUIRE(d.size() == 1);
  CHECK(d[0].message == "'sum' adds numbers; the end of a pharmacy event is not one");
  CHECK(d[0].note == "the numbers of a pharmacy event are quantity, days_supply");

  // A ratio of sums type-checks (number / number).
  c = compile(measure(
      "  population true\n  numerator sum quantity of pharmacy / sum quantity of pharmacy >= "
      "0.50\n"));
  CHECK(codesOf(c->diagnostics()).empty());
}

TEST_CASE("ordinals: the right suffix and n >= 1 (E0008)", "[aggregates][check]") {
  auto c = compile(measure("  population true\n  numerator 3th date of visit = MP.end\n"));
  const auto e = mc::testing::withCode(c->diagnostics(), "E0008");
  REQUIRE(e.size() == 1);
  CHECK(e[0].note == "write '3rd date of'");
  for (const char* ok :
       {"1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"}) {
    c = compile(
        measure(std::string("  population true\n  numerator ") + ok + " date of visit = MP.end\n"));
    INFO(ok);
    CHECK(codesOf(c->diagnostics()).empty());
  }
  c = compile(measure("  population true\n  numerator 0th date of visit = MP.end\n"));
  CHECK(mc::testing::withCode(c->diagnostics(), "E0008").size() == 1);
}

TEST_CASE("aggregates lower with their field and parameter", "[aggregates][lower]") {
  ir::Measure m = lowerOne(
      measure("  population true\n  numerator sum quantity of pharmacy with RXNORM{997223} > 2\n"));
  CHECK(onlyQuery(m).aggregate == ir::Aggregate::Sum);
  CHECK(onlyQuery(m).aggField == EventField::Quantity);
  CHECK(ir::print(m).find("query q0 sum pharmacy with c0 field=quantity") != std::string::npos);

  m = lowerOne(measure("  population true\n  numerator 2nd date of visit = MP.end\n"));
  CHECK(onlyQuery(m).aggregate == ir::Aggregate::NthDate);
  CHECK(onlyQuery(m).aggParam == 2);
  CHECK(ir::print(m).find("query q0 nth_date visit n=2") != std::string::npos);

  m = lowerOne(
      measure("  population true\n"
              "  numerator count distinct dates at least 146 days apart of immunization >= 2\n"));
  CHECK(onlyQuery(m).aggregate == ir::Aggregate::CountSpacedDates);
  CHECK(onlyQuery(m).aggParam == 146);
  CHECK(ir::print(m).find("count_spaced_dates immunization apart=146") != std::string::npos);

  // Two sums over one query but different fields are different queries.
  m =
      lowerOne(measure("  population true\n"
                       "  numerator sum quantity of pharmacy > sum days_supply of pharmacy\n"));
  REQUIRE(m.queries.size() == 2);
  CHECK(m.queries[0].aggField != m.queries[1].aggField);
  CHECK(ir::verify(m).empty());
}

TEST_CASE("enrollment terms lower to their ops, member dependent", "[aggregates][lower]") {
  const ir::Measure m = lowerOne(
      measure("  population enrollment start during MP is not missing\n"
              "  eligible enrolled days during MP >= 300 and member months during MP >= 10\n"
              "  numerator member years during MP >= 0.5\n"));
  const std::string text = ir::print(m);
  for (const char* op :
       {"date enrollment_start", "int enrolled_days", "int member_months", "num member_years"}) {
    INFO(op);
    CHECK(text.find(op) != std::string::npos);
  }
  // Member dependent: never marked `once per run`.
  CHECK(text.find("enrollment_start %0 %1  // once per run") == std::string::npos);
  CHECK(ir::verify(m).empty());
}

TEST_CASE("the verifier checks aggregate parameters and the cascade", "[aggregates][verify]") {
  ir::Measure m = lowerOne(measure("  population true\n  numerator 2nd date of visit = MP.end\n"));
  m.queries[0].aggParam = 0;
  m.cascade.numeratorValue = ir::kNoNode;
  const std::vector<std::string> problems = ir::verify(m);
  std::string all;
  for (const std::string& p : problems) all += p + "\n";
  CHECK(all.find("q0: nth_date with parameter 0") != std::string::npos);
  CHECK(all.find("cascade: numerator value") != std::string::npos);

  m = lowerOne(measure("  population true\n  numerator sum value of observation > 1\n"));
  m.queries[0].aggField = EventField::Provider;
  m.cascade.exposure = m.cascade.numeratorValue;  // not a rate measure
  all.clear();
  for (const std::string& p : ir::verify(m)) all += p + "\n";
  CHECK(all.find("q0: sum of provider, which is not a number of an observation event") !=
        std::string::npos);
  CHECK(all.find("is set in a measure that is not a rate") != std::string::npos);
}

TEST_CASE("a value is a quantity that serves where a number is wanted", "[aggregates][units]") {
  // A rate's numerator and exposure are numbers: a value gives its number.
  auto c = compile(
      "measure R \"Rate\" {\n  kind rate per 1000 member years\n  period 2022\n"
      "  population true\n"
      "  numerator latest value of observation with LOINC{4548-4} during MP\n"
      "  exposure highest value of observation with LOINC{4548-4} during MP\n}\n");
  CHECK(codesOf(c->diagnostics()).empty());
  // A proportion's numerator must be true or false, a quantity is not.
  c =
      compile(measure("  population true\n"
                      "  numerator lowest value of observation with LOINC{4548-4} during MP\n"));
  CHECK(mc::testing::withCode(c->diagnostics(), "E0310").size() == 1);
}
