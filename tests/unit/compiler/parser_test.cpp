// Lexer, parser and AST builder: what a measure file turns into, and the
// syntax diagnostics (E0001..E0003) with their locations.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>

#include "CompilerTestUtil.h"
#include "ast/Ast.h"
#include "support/Date.h"
#include "support/EventVocabulary.h"

using namespace mc;
using mc::testing::measure;
using mc::testing::parseText;

namespace {

Days day(const char* iso) { return parseIsoDate(iso).value(); }

const char* const kFullMeasure =
    "measure BCS \"Breast Cancer Screening\" {\n"                                        // 1
    "  source \"CBI 2022\"\n"                                                            // 2
    "  kind proportion\n"                                                                // 3
    "  period 2022\n"                                                                    // 4
    "  codeset Mammography = CPT{77061..77067}\n"                                        // 5
    "  codeset Well = ICD10CM{Z00.00, Z00.121..Z00.129} + LOINC{4548-4} - CDT{D1206}\n"  // 6
    "  define lookback = [date(MP.start.year - 2, 10, 1), MP.end]\n"                     // 7
    "  define seen(p: interval, n: int) = count visit with Mammography during p >= n\n"  // 8
    "  population sex = F and age at MP.end in 50..74\n"                                 // 9
    "  eligible enrolled continuously over MP allowing 1 gap of 45 days and enrolled on MP.end\n"
    "  exclude exists visit with Well on or before MP.end or seen(MP, 2)\n"  // 11
    "  numerator exists visit with Mammography during lookback\n"            // 12
    "  gap \"mammogram\"\n"                                                  // 13
    "  test \"first day counts\" {\n"                                        // 14
    "    member sex F born 1961-03-02 enrolled 2020-01-01..2021-06-30, 2021-08-01.. pcp P1\n"
    "    visit 2020-10-01 CPT:77067 setting outpatient provider P1 status completed\n"  // 16
    "    observation 2022-05-01 LOINC:4548-4 value 9.5\n"                               // 17
    "    visit 2022-03-01..2022-03-04 CPT:99223 setting inpatient\n"                    // 18
    "    expect population, eligible, not excluded, numerator\n"                        // 19
    "  }\n"                                                                             // 20
    "}\n";

// The body of `define x = <expr>` in a throwaway measure.
std::unique_ptr<mc::testing::Parsed> parseDefine(const std::string& expr) {
  return parseText("measure T \"t\" {\n  define x = " + expr + "\n}\n");
}

const ast::Expr& defineBody(const mc::testing::Parsed& p) {
  REQUIRE(p.diags.items().empty());
  REQUIRE(p.file.measures.size() == 1);
  REQUIRE(p.file.measures[0].defines.size() == 1);
  return *p.file.measures[0].defines[0].body;
}

bool isBinary(const ast::Expr& e, ast::BinaryOp op) {
  return e.kind == ast::ExprKind::Binary && e.op == op && e.args.size() == 2;
}

}  // namespace

TEST_CASE("a full measure parses without diagnostics", "[parser]") {
  auto p = parseText(kFullMeasure);
  INFO(mc::testing::codesOf(p->diags));
  REQUIRE(p->diags.items().empty());
  REQUIRE(p->file.measures.size() == 1);
  CHECK(p->file.programs.empty());
  const ast::Measure& m = p->file.measures[0];
  CHECK_FALSE(m.isModule);
  CHECK(m.id == "BCS");
  CHECK(m.idRange.line == 1);
  CHECK(m.idRange.column == 9);
  CHECK(m.idRange.length == 3);
  CHECK(m.title == "Breast Cancer Screening");
  CHECK(m.source == "CBI 2022");
  CHECK(m.kind == "proportion");
  CHECK(m.kindRange.line == 3);
  CHECK(m.kindRange.column == 8);
  CHECK(m.period == 2022);
  CHECK(m.gap == "mammogram");
  CHECK(m.codesets.size() == 2);
  CHECK(m.defines.size() == 2);
  CHECK(m.rules.size() == 4);
  CHECK(m.tests.size() == 1);
}

TEST_CASE("code sets keep their systems, items and ranges", "[parser]") {
  auto p = parseText(kFullMeasure);
  REQUIRE(p->diags.items().empty());
  const ast::Measure& m = p->file.measures[0];

  const ast::CodesetDecl& mammo = m.codesets[0];
  CHECK(mammo.name == "Mammography");
  CHECK(mammo.nameRange.line == 5);
  CHECK(mammo.nameRange.column == 11);
  REQUIRE(mammo.expr.terms.size() == 1);
  const ast::CodesetTerm& cpt = mammo.expr.terms[0];
  CHECK(cpt.kind == ast::CodesetTerm::Kind::List);
  CHECK(cpt.system == "CPT");
  CHECK(cpt.range.column == 25);
  CHECK(cpt.range.length == 3);
  REQUIRE(cpt.items.size() == 1);
  CHECK(cpt.items[0].isRange());
  CHECK(cpt.items[0].lo == "77061");
  CHECK(cpt.items[0].hi == "77067");
  CHECK(cpt.items[0].range.column == 29);
  CHECK(cpt.items[0].hiRange.column == 36);

  const ast::CodesetDecl& well = m.codesets[1];
  REQUIRE(well.expr.terms.size() == 3);
  const ast::CodesetTerm& icd = well.expr.terms[0];
  CHECK(icd.system == "ICD10CM");
  CHECK_FALSE(icd.subtract);
  REQUIRE(icd.items.size() == 2);
  CHECK(icd.items[0].lo == "Z00.00");
  CHECK_FALSE(icd.items[0].isRange());
  CHECK(icd.items[1].lo == "Z00.121");
  CHECK(icd.items[1].hi == "Z00.129");
  const ast::CodesetTerm& loinc = well.expr.terms[1];
  CHECK(loinc.system == "LOINC");
  CHECK_FALSE(loinc.subtract);
  REQUIRE(loinc.items.size() == 1);
  CHECK(loinc.items[0].lo == "4548-4");
  CHECK_FALSE(loinc.items[0].isRange());
  const ast::CodesetTerm& cdt = well.expr.terms[2];
  CHECK(cdt.system == "CDT");
  CHECK(cdt.subtract);
  REQUIRE(cdt.items.size() == 1);
  CHECK(cdt.items[0].lo == "D1206");
}

TEST_CASE("code set references and parentheses", "[parser]") {
  auto p = parseText(
      "module lib.x {\n"
      "  codeset A = CPT{99382..99385, 99392}\n"
      "  codeset B = A - (HCPCS{G0438} + A)\n"
      "}\n");
  REQUIRE(p->diags.items().empty());
  const ast::Measure& m = p->file.measures[0];
  CHECK(m.isModule);
  CHECK(m.id == "lib.x");
  const ast::CodesetExpr& b = m.codesets[1].expr;
  REQUIRE(b.terms.size() == 2);
  CHECK(b.terms[0].kind == ast::CodesetTerm::Kind::Ref);
  CHECK(b.terms[0].name == "A");
  CHECK(b.terms[1].kind == ast::CodesetTerm::Kind::Paren);
  CHECK(b.terms[1].subtract);
  REQUIRE(b.terms[1].inner);
  REQUIRE(b.terms[1].inner->terms.size() == 2);
  CHECK(b.terms[1].inner->terms[0].system == "HCPCS");
  CHECK(b.terms[1].inner->terms[1].name == "A");
}

TEST_CASE("defines keep their parameters", "[parser]") {
  auto p = parseText(kFullMeasure);
  REQUIRE(p->diags.items().empty());
  const ast::Measure& m = p->file.measures[0];
  const ast::DefineDecl& lookback = m.defines[0];
  CHECK(lookback.name == "lookback");
  CHECK_FALSE(lookback.hasParams);
  CHECK(lookback.params.empty());
  REQUIRE(lookback.body);
  CHECK(lookback.body->kind == ast::ExprKind::Interval);
  REQUIRE(lookback.body->args.size() == 2);
  const ast::Expr& start = *lookback.body->args[0];
  CHECK(start.kind == ast::ExprKind::Call);
  CHECK(start.name == "date");
  CHECK(start.args.size() == 3);
  const ast::Expr& end = *lookback.body->args[1];
  CHECK(end.kind == ast::ExprKind::Member);
  CHECK(end.name == "end");
  CHECK(end.text == "MP.end");

  const ast::DefineDecl& seen = m.defines[1];
  CHECK(seen.name == "seen");
  CHECK(seen.hasParams);
  REQUIRE(seen.params.size() == 2);
  CHECK(seen.params[0].name == "p");
  CHECK(seen.params[0].type == "interval");
  CHECK(seen.params[1].name == "n");
  CHECK(seen.params[1].type == "int");
  CHECK(seen.params[1].typeRange.line == 8);
  CHECK(seen.params[1].typeRange.column == 31);
  CHECK(isBinary(*seen.body, ast::BinaryOp::Ge));

  // `date` is a keyword (the date(y, m, d) call) and still a parameter type.
  auto dated = parseText("measure T \"t\" {\n  define f(d: date) = d > MP.start\n}\n");
  REQUIRE(dated->diags.items().empty());
  REQUIRE(dated->file.measures[0].defines[0].params.size() == 1);
  CHECK(dated->file.measures[0].defines[0].params[0].type == "date");

  auto empty = parseText("measure T \"t\" {\n  define f() = true\n}\n");
  REQUIRE(empty->diags.items().empty());
  CHECK(empty->file.measures[0].defines[0].hasParams);
  CHECK(empty->file.measures[0].defines[0].params.empty());
}

TEST_CASE("rules keep their kinds and top-level shapes", "[parser]") {
  auto p = parseText(kFullMeasure);
  REQUIRE(p->diags.items().empty());
  const ast::Measure& m = p->file.measures[0];
  REQUIRE(m.rules.size() == 4);
  CHECK(m.rules[0].kind == ast::RuleKind::Population);
  CHECK(m.rules[0].range.line == 9);
  CHECK(m.rules[0].range.column == 3);
  CHECK(m.rules[1].kind == ast::RuleKind::Eligible);
  CHECK(m.rules[2].kind == ast::RuleKind::Exclude);
  CHECK(m.rules[3].kind == ast::RuleKind::Numerator);

  const ast::Expr& pop = *m.rules[0].expr;
  REQUIRE(isBinary(pop, ast::BinaryOp::And));
  CHECK(isBinary(*pop.args[0], ast::BinaryOp::Eq));
  CHECK(pop.args[0]->args[0]->kind == ast::ExprKind::Sex);
  CHECK(pop.args[0]->args[1]->kind == ast::ExprKind::Name);
  CHECK(pop.args[0]->args[1]->name == "F");
  const ast::Expr& inRange = *pop.args[1];
  REQUIRE(inRange.kind == ast::ExprKind::InRange);
  REQUIRE(inRange.args.size() == 3);
  CHECK(inRange.args[0]->kind == ast::ExprKind::Age);
  CHECK_FALSE(inRange.args[0]->boolValue);
  CHECK(inRange.args[1]->intValue == 50);
  CHECK(inRange.args[2]->intValue == 74);
  CHECK(inRange.text == "age at MP.end in 50..74");

  const ast::Expr& elig = *m.rules[1].expr;
  REQUIRE(isBinary(elig, ast::BinaryOp::And));
  const ast::Expr& over = *elig.args[0];
  CHECK(over.kind == ast::ExprKind::EnrolledOver);
  CHECK(over.gapCount == 1);
  CHECK(over.gapDays == 45);
  CHECK(elig.args[1]->kind == ast::ExprKind::EnrolledOn);

  const ast::Expr& excl = *m.rules[2].expr;
  REQUIRE(isBinary(excl, ast::BinaryOp::Or));
  CHECK(excl.args[0]->kind == ast::ExprKind::Aggregate);
  CHECK(excl.args[1]->kind == ast::ExprKind::Call);
  CHECK(excl.args[1]->name == "seen");
  CHECK(excl.args[1]->args.size() == 2);

  CHECK(m.rules[3].expr->kind == ast::ExprKind::Aggregate);
  CHECK(m.rules[3].expr->aggregate == ast::AggregateKind::Exists);
}

TEST_CASE("enrolled continuously without allowed gaps", "[parser]") {
  auto p = parseDefine("enrolled continuously over MP");
  const ast::Expr& e = defineBody(*p);
  CHECK(e.kind == ast::ExprKind::EnrolledOver);
  CHECK(e.gapCount == -1);
  CHECK(e.gapDays == -1);
}

TEST_CASE("enrolled continuously with gaps allowed in each 12 months", "[parser]") {
  auto p = parseDefine("enrolled continuously over MP allowing 1 gap of 45 days in each 12 months");
  const ast::Expr& e = defineBody(*p);
  CHECK(e.kind == ast::ExprKind::EnrolledOver);
  CHECK(e.gapCount == 1);
  CHECK(e.gapDays == 45);
  CHECK(e.gapPeriodMonths == 12);
}

TEST_CASE("allowed gaps without a period cover the whole window", "[parser]") {
  auto p = parseDefine("enrolled continuously over MP allowing 2 gaps of 30 days");
  const ast::Expr& e = defineBody(*p);
  CHECK(e.gapCount == 2);
  CHECK(e.gapDays == 30);
  CHECK(e.gapPeriodMonths == 0);
}

TEST_CASE("'each' is still usable as a name", "[parser]") {
  auto p = parseDefine("each + 1");
  const ast::Expr& e = defineBody(*p);
  REQUIRE(e.args.size() == 2);
  CHECK(e.args[0]->kind == ast::ExprKind::Name);
  CHECK(e.args[0]->name == "each");
}

TEST_CASE("not binds tighter than and; and binds tighter than or", "[parser]") {
  SECTION("not a and b is (not a) and b") {
    auto p = parseDefine("not a and b");
    const ast::Expr& e = defineBody(*p);
    REQUIRE(isBinary(e, ast::BinaryOp::And));
    REQUIRE(e.args[0]->kind == ast::ExprKind::Not);
    CHECK(e.args[0]->args[0]->name == "a");
    CHECK(e.args[1]->name == "b");
  }
  SECTION("a or b and c is a or (b and c)") {
    auto p = parseDefine("a or b and c");
    const ast::Expr& e = defineBody(*p);
    REQUIRE(isBinary(e, ast::BinaryOp::Or));
    CHECK(e.args[0]->name == "a");
    REQUIRE(isBinary(*e.args[1], ast::BinaryOp::And));
    CHECK(e.args[1]->args[0]->name == "b");
    CHECK(e.args[1]->args[1]->name == "c");
  }
  SECTION("a and b or c is (a and b) or c") {
    auto p = parseDefine("a and b or c");
    const ast::Expr& e = defineBody(*p);
    REQUIRE(isBinary(e, ast::BinaryOp::Or));
    CHECK(isBinary(*e.args[0], ast::BinaryOp::And));
    CHECK(e.args[1]->name == "c");
  }
  SECTION("and and or are left-associative") {
    auto p = parseDefine("a and b and c");
    const ast::Expr& e = defineBody(*p);
    REQUIRE(isBinary(e, ast::BinaryOp::And));
    CHECK(isBinary(*e.args[0], ast::BinaryOp::And));
    CHECK(e.args[1]->name == "c");
    CHECK(e.args[0]->text == "a and b");
  }
  SECTION("parentheses override precedence") {
    auto p = parseDefine("(a or b) and c");
    const ast::Expr& e = defineBody(*p);
    REQUIRE(isBinary(e, ast::BinaryOp::And));
    CHECK(isBinary(*e.args[0], ast::BinaryOp::Or));
  }
  SECTION("not (a or b)") {
    auto p = parseDefine("not (a or b)");
    const ast::Expr& e = defineBody(*p);
    REQUIRE(e.kind == ast::ExprKind::Not);
    CHECK(isBinary(*e.args[0], ast::BinaryOp::Or));
  }
  SECTION("comparisons bind tighter than and") {
    auto p = parseDefine("x >= 1 and y < 2");
    const ast::Expr& e = defineBody(*p);
    REQUIRE(isBinary(e, ast::BinaryOp::And));
    CHECK(isBinary(*e.args[0], ast::BinaryOp::Ge));
    CHECK(isBinary(*e.args[1], ast::BinaryOp::Lt));
  }
  SECTION("multiplication binds tighter than addition") {
    auto p = parseDefine("1 + 2 * 3");
    const ast::Expr& e = defineBody(*p);
    REQUIRE(isBinary(e, ast::BinaryOp::Add));
    CHECK(e.args[0]->intValue == 1);
    CHECK(isBinary(*e.args[1], ast::BinaryOp::Mul));
  }
}

TEST_CASE("literals", "[parser]") {
  SECTION("number") {
    auto p = parseDefine("9.5");
    const ast::Expr& e = defineBody(*p);
    CHECK(e.kind == ast::ExprKind::Number);
    CHECK(e.numberValue == Approx(9.5));
  }
  SECTION("date") {
    auto p = parseDefine("2022-12-31");
    const ast::Expr& e = defineBody(*p);
    CHECK(e.kind == ast::ExprKind::Date);
    CHECK(e.dateValue == day("2022-12-31"));
  }
  SECTION("bool") {
    auto p = parseDefine("false");
    const ast::Expr& e = defineBody(*p);
    CHECK(e.kind == ast::ExprKind::Bool);
    CHECK_FALSE(e.boolValue);
  }
  SECTION("duration") {
    auto p = parseDefine("MP.end - 2 years");
    const ast::Expr& e = defineBody(*p);
    REQUIRE(isBinary(e, ast::BinaryOp::Sub));
    const ast::Expr& d = *e.args[1];
    CHECK(d.kind == ast::ExprKind::Duration);
    CHECK(d.intValue == 2);
    CHECK(d.unit == ast::DurationUnit::Years);
  }
  SECTION("age in months") {
    auto p = parseDefine("age in months at MP.end");
    const ast::Expr& e = defineBody(*p);
    CHECK(e.kind == ast::ExprKind::Age);
    CHECK(e.boolValue);
  }
  SECTION("is not missing") {
    auto p = parseDefine("death_date is not missing");
    const ast::Expr& e = defineBody(*p);
    CHECK(e.kind == ast::ExprKind::IsMissing);
    CHECK(e.boolValue);
    CHECK(e.args[0]->name == "death_date");
  }
}

TEST_CASE("aggregates", "[parser]") {
  SECTION("exists") {
    auto p = parseDefine("exists visit with Mammography during lookback");
    const ast::Expr& e = defineBody(*p);
    REQUIRE(e.kind == ast::ExprKind::Aggregate);
    CHECK(e.aggregate == ast::AggregateKind::Exists);
    REQUIRE(e.query);
    CHECK(e.query->kind == "visit");
    CHECK(e.query->kindRange.line == 2);
    CHECK(e.query->kindRange.column == 21);
    REQUIRE(e.query->filters.size() == 2);
    CHECK(e.query->filters[0].kind == ast::FilterKind::With);
    REQUIRE(e.query->filters[0].codes);
    CHECK(e.query->filters[0].codes->kind == ast::CodesetTerm::Kind::Ref);
    CHECK(e.query->filters[0].codes->name == "Mammography");
    CHECK(e.query->filters[1].kind == ast::FilterKind::During);
    CHECK(e.query->filters[1].operand->name == "lookback");
  }
  SECTION("count") {
    auto p = parseDefine("count immunization with CVX{20, 106..110} on or before birthday(2)");
    const ast::Expr& e = defineBody(*p);
    REQUIRE(e.kind == ast::ExprKind::Aggregate);
    CHECK(e.aggregate == ast::AggregateKind::Count);
    CHECK(e.query->kind == "immunization");
    REQUIRE(e.query->filters.size() == 2);
    CHECK(e.query->filters[0].codes->kind == ast::CodesetTerm::Kind::List);
    CHECK(e.query->filters[0].codes->system == "CVX");
    CHECK(e.query->filters[0].codes->items.size() == 2);
    CHECK(e.query->filters[1].kind == ast::FilterKind::OnOrBefore);
    CHECK(e.query->filters[1].operand->kind == ast::ExprKind::Call);
    CHECK(e.query->filters[1].operand->name == "birthday");
  }
  SECTION("count distinct dates of") {
    auto p = parseDefine(
        "count distinct dates of visit with WellChild during [birth_date, birth_date + 15 "
        "months] >= 6");
    const ast::Expr& e = defineBody(*p);
    REQUIRE(isBinary(e, ast::BinaryOp::Ge));
    const ast::Expr& agg = *e.args[0];
    REQUIRE(agg.kind == ast::ExprKind::Aggregate);
    CHECK(agg.aggregate == ast::AggregateKind::CountDistinctDates);
    REQUIRE(agg.query->filters.size() == 2);
    CHECK(agg.query->filters[1].operand->kind == ast::ExprKind::Interval);
    CHECK(e.args[1]->intValue == 6);
  }
  SECTION("latest value of") {
    auto p = parseDefine("latest value of observation with HbA1c during MP");
    const ast::Expr& e = defineBody(*p);
    REQUIRE(e.kind == ast::ExprKind::Aggregate);
    CHECK(e.aggregate == ast::AggregateKind::LatestValue);
    CHECK(e.query->kind == "observation");
  }
  SECTION("latest date, first value, first date") {
    auto p1 = parseDefine("latest date of visit");
    CHECK(defineBody(*p1).aggregate == ast::AggregateKind::LatestDate);
    auto p2 = parseDefine("first value of observation");
    CHECK(defineBody(*p2).aggregate == ast::AggregateKind::FirstValue);
    auto p3 = parseDefine("first date of visit");
    CHECK(defineBody(*p3).aggregate == ast::AggregateKind::FirstDate);
  }
}

TEST_CASE("with principal: a filter on the principal diagnosis", "[parser]") {
  auto p = parseDefine("exists visit with principal Asthma with Office during MP");
  const ast::Expr& e = defineBody(*p);
  REQUIRE(e.kind == ast::ExprKind::Aggregate);
  const auto& f = e.query->filters;
  REQUIRE(f.size() == 3);
  CHECK(f[0].kind == ast::FilterKind::Slot);
  CHECK(f[0].slot == CodeSlot::Principal);
  REQUIRE(f[0].codes);
  CHECK(f[0].codes->kind == ast::CodesetTerm::Kind::Ref);
  CHECK(f[0].codes->name == "Asthma");
  CHECK(f[1].kind == ast::FilterKind::With);
  CHECK(f[1].codes->name == "Office");
  CHECK(f[2].kind == ast::FilterKind::During);

  auto list = parseDefine("exists visit with principal ICD10CM{J45.40}");
  const auto& lf = defineBody(*list).query->filters;
  REQUIRE(lf.size() == 1);
  CHECK(lf[0].kind == ast::FilterKind::Slot);
  CHECK(lf[0].codes->kind == ast::CodesetTerm::Kind::List);

  // `principal` stays usable as a name: a code set or a definition.
  auto named = parseText(
      "measure T \"t\" {\n  codeset principal = ICD10CM{J45.40}\n"
      "  define principal2 = exists visit with principal during MP\n}\n");
  INFO(named->diags.items().size());
  REQUIRE(named->diags.items().empty());
  REQUIRE(named->file.measures.size() == 1);
  REQUIRE(named->file.measures[0].defines.size() == 1);
  const auto& nf = named->file.measures[0].defines[0].body->query->filters;
  REQUIRE(nf.size() == 2);
  CHECK(nf[0].kind == ast::FilterKind::With);
  CHECK(nf[0].codes->name == "principal");
  CHECK(nf[1].kind == ast::FilterKind::During);
}

TEST_CASE("with value SET, with any value: coded fields of the event", "[parser]") {
  auto p = parseDefine("exists observation with Mds with value Yes with any value during MP");
  const auto& f = defineBody(*p).query->filters;
  REQUIRE(f.size() == 4);
  CHECK(f[0].kind == ast::FilterKind::With);
  CHECK(f[1].kind == ast::FilterKind::Slot);
  CHECK(f[1].slot == CodeSlot::Value);
  REQUIRE(f[1].codes);
  CHECK(f[1].codes->name == "Yes");
  CHECK(f[2].kind == ast::FilterKind::Slot);
  CHECK(f[2].slot == CodeSlot::Value);
  CHECK_FALSE(f[2].codes);
  CHECK(f[3].kind == ast::FilterKind::During);

  // `any` and `value` stay usable as names: `with any` is a code set named any.
  auto named = parseText(
      "measure T \"t\" {\n  codeset any = ICD10CM{J45.40}\n"
      "  define value = exists visit with any during MP\n}\n");
  REQUIRE(named->diags.items().empty());
  const auto& nf = named->file.measures[0].defines[0].body->query->filters;
  REQUIRE(nf.size() == 2);
  CHECK(nf[0].kind == ast::FilterKind::With);
  CHECK(nf[0].codes->name == "any");
}

TEST_CASE("test events: a coded value, a text value", "[parser]") {
  auto p = parseText(
      "measure T \"t\" {\n  test \"x\" {\n"
      "    observation 2025-03-01 LOINC:45755-6 value SNOMEDCT:373066001 status final\n"
      "    observation 2025-03-02 LOINC:71802-3 value \"at home\"\n"
      "    observation 2025-03-03 LOINC:1-8 value SNOMEDCT:1 value 2\n"
      "    expect population\n  }\n}\n");
  REQUIRE(p->file.measures.size() == 1);
  const auto& events = p->file.measures[0].tests.at(0).events;
  REQUIRE(events.size() == 3);
  REQUIRE(events[0].slotCodes.size() == 1);
  CHECK(events[0].slotCodes[0].slot == CodeSlot::Value);
  CHECK(events[0].slotCodes[0].code.text == "SNOMEDCT:373066001");
  CHECK(events[0].codes.size() == 1);
  CHECK(events[0].status.has_value());
  CHECK(events[1].valueText);
  CHECK(events[1].slotCodes.empty());
  // One value per event, whatever its kind.
  REQUIRE(p->diags.items().size() == 1);
  CHECK(p->diags.items()[0].code == "E0404");
  CHECK(p->diags.items()[0].message == "'value' is given twice for this event");
}

TEST_CASE("query filters", "[parser]") {
  auto p = parseDefine(
      "exists visits with WellCare during MP on or after MP.start before 2022-12-01 "
      "after 2022-01-15 in setting outpatient or telehealth by pcp");
  const ast::Expr& e = defineBody(*p);
  REQUIRE(e.kind == ast::ExprKind::Aggregate);
  CHECK(e.query->kind == "visits");
  const auto& f = e.query->filters;
  REQUIRE(f.size() == 7);
  CHECK(f[0].kind == ast::FilterKind::With);
  CHECK(f[1].kind == ast::FilterKind::During);
  CHECK(f[2].kind == ast::FilterKind::OnOrAfter);
  CHECK(f[2].operand->text == "MP.start");
  CHECK(f[3].kind == ast::FilterKind::Before);
  CHECK(f[3].operand->dateValue == day("2022-12-01"));
  CHECK(f[4].kind == ast::FilterKind::After);
  CHECK(f[5].kind == ast::FilterKind::Setting);
  REQUIRE(f[5].settings.size() == 2);
  CHECK(f[5].settings[0] == "outpatient");
  CHECK(f[5].settings[1] == "telehealth");
  REQUIRE(f[5].settingRanges.size() == 2);
  CHECK(f[5].settingRanges[1].column == 133);
  CHECK(f[6].kind == ast::FilterKind::ByPcp);

  auto v = parseDefine("exists observation with HbA1c where value > 9.0");
  const ast::Expr& ve = defineBody(*v);
  REQUIRE(ve.query->filters.size() == 2);
  const ast::Filter& value = ve.query->filters[1];
  CHECK(value.kind == ast::FilterKind::Value);
  CHECK(value.op == ast::BinaryOp::Gt);
  REQUIRE(value.operand);
  CHECK(value.operand->kind == ast::ExprKind::Number);
  CHECK(value.operand->numberValue == Approx(9.0));
}

TEST_CASE("a query filter ends at 'or', which continues the rule", "[parser]") {
  auto p = parseDefine("exists visit with A on or before MP.end or exists condition with A");
  const ast::Expr& e = defineBody(*p);
  REQUIRE(isBinary(e, ast::BinaryOp::Or));
  REQUIRE(e.args[0]->kind == ast::ExprKind::Aggregate);
  REQUIRE(e.args[0]->query->filters.size() == 2);
  CHECK(e.args[0]->query->filters[1].kind == ast::FilterKind::OnOrBefore);
  CHECK(e.args[1]->query->kind == "condition");
}

TEST_CASE("test blocks", "[parser]") {
  auto p = parseText(kFullMeasure);
  REQUIRE(p->diags.items().empty());
  const ast::TestDecl& t = p->file.measures[0].tests[0];
  CHECK(t.name == "first day counts");
  CHECK(t.range.line == 14);
  CHECK(t.period == 0);

  REQUIRE(t.member);
  const ast::TestMember& mem = *t.member;
  CHECK(mem.sex == "F");
  CHECK(mem.born == day("1961-03-02"));
  CHECK(mem.died == kNoDate);
  CHECK(mem.pcp == "P1");
  REQUIRE(mem.enrolled.size() == 2);
  CHECK(mem.enrolled[0].start == day("2020-01-01"));
  CHECK(mem.enrolled[0].end == day("2021-06-30"));
  CHECK(mem.enrolled[1].start == day("2021-08-01"));
  CHECK(mem.enrolled[1].end == kOpenEnd);
  // `pcp P1` after the last span only is the member's PCP for every span.
  CHECK(mem.enrolledPcp == std::vector<std::string>{"", ""});

  REQUIRE(t.events.size() == 3);
  const ast::TestEvent& visit = t.events[0];
  CHECK(visit.kind == "visit");
  CHECK(visit.range.line == 16);
  CHECK(visit.range.column == 5);
  CHECK(visit.date == day("2020-10-01"));
  CHECK(visit.endDate == kNoDate);
  REQUIRE(visit.codes.size() == 1);
  CHECK(visit.codes[0].text == "CPT:77067");
  CHECK(visit.setting == "outpatient");
  CHECK(visit.provider == "P1");
  CHECK(visit.status == statusIndex("completed"));
  CHECK(std::isnan(visit.value));

  const ast::TestEvent& obs = t.events[1];
  CHECK(obs.kind == "observation");
  REQUIRE(obs.codes.size() == 1);
  CHECK(obs.codes[0].text == "LOINC:4548-4");
  CHECK(obs.value == Approx(9.5));

  const ast::TestEvent& stay = t.events[2];
  CHECK(stay.date == day("2022-03-01"));
  CHECK(stay.endDate == day("2022-03-04"));
  CHECK(stay.setting == "inpatient");

  REQUIRE(t.expects.size() == 4);
  CHECK(t.expects[0].name == "population");
  CHECK_FALSE(t.expects[0].negated);
  CHECK(t.expects[1].name == "eligible");
  CHECK(t.expects[2].name == "excluded");
  CHECK(t.expects[2].negated);
  CHECK(t.expects[3].name == "numerator");
  CHECK_FALSE(t.expects[3].negated);
}

TEST_CASE("test events: open spans, other attributes, negative values", "[parser]") {
  auto p = parseText(
      "measure T \"t\" {\n"
      "  test \"x\" {\n"
      "    period 2021\n"
      "    member sex M born 2000-02-29 died 2021-05-01 enrolled 2020-01-01..\n"
      "    condition 2021-01-01.. ICD10CM:F32.9\n"
      "    immunization 2021-02-01 CVX:03 source registry\n"
      "    pharmacy 2021-03-01 NDC:00002-3227-30 days_supply 30\n"
      "    observation 2021-04-01 LOINC:2345-7 value -1\n"
      "    visit 2021-04-02 CPT:77067 status \"cancelled\" provider \"Dr X\"\n"
      "    expect not numerator\n"
      "  }\n"
      "}\n");
  INFO(mc::testing::codesOf(p->diags));
  REQUIRE(p->diags.items().empty());
  const ast::TestDecl& t = p->file.measures[0].tests[0];
  CHECK(t.period == 2021);
  REQUIRE(t.member);
  CHECK(t.member->died == day("2021-05-01"));
  REQUIRE(t.member->enrolled.size() == 1);
  CHECK(t.member->enrolled[0].end == kOpenEnd);
  REQUIRE(t.events.size() == 5);
  CHECK(t.events[0].endDate == kOpenEnd);
  CHECK(t.events[0].codes[0].text == "ICD10CM:F32.9");
  CHECK(t.events[1].source == "registry");
  CHECK(t.events[2].codes[0].text == "NDC:00002-3227-30");
  CHECK(t.events[2].daysSupply == 30);
  CHECK(t.events[3].value == Approx(-1.0));
  CHECK(t.events[4].status == statusIndex("cancelled"));
  CHECK(t.events[4].provider == "Dr X");
  REQUIRE(t.expects.size() == 1);
  CHECK(t.expects[0].negated);
  CHECK(t.expects[0].name == "numerator");
}

TEST_CASE("programs", "[parser]") {
  auto p = parseText(
      "program CBI \"2022 CBI\" {\n"
      "  source \"workbook\"\n"
      "  period 2022\n"
      "  include \"bcs.measure\" minimum 30\n"
      "  include \"ccs.measure\"\n"
      "}\n");
  REQUIRE(p->diags.items().empty());
  REQUIRE(p->file.programs.size() == 1);
  CHECK(p->file.measures.empty());
  const ast::Program& prog = p->file.programs[0];
  CHECK(prog.id == "CBI");
  CHECK(prog.title == "2022 CBI");
  CHECK(prog.source == "workbook");
  CHECK(prog.period == 2022);
  REQUIRE(prog.includes.size() == 2);
  CHECK(prog.includes[0].path == "bcs.measure");
  CHECK(prog.includes[0].minimum == 30);
  CHECK(prog.includes[0].range.line == 4);
  CHECK(prog.includes[1].minimum == 0);
}

TEST_CASE("program domains, points, exploratory blocks and parameters", "[parser]") {
  auto p = parseText(
      "program CBI \"2022 CBI\" {\n"
      "  domain \"Access\" points 18 as printed {\n"
      "    include \"fva.measure\" minimum 5 points 2\n"
      "    include \"pdv.measure\" minimum 5 points 10.5 tiers 0.50 -> 50%, 0.6 -> 100%\n"
      "  }\n"
      "  domain \"Quality of Care\" points 40 varies {\n"
      "    include \"bcs.measure\" minimum 30\n"
      "  }\n"
      "  exploratory { include \"chl.measure\" minimum 30 }\n"
      "  include \"ccs.measure\" points 3\n"
      "  parameter point_value = 100 dollars assumption \"not printed\"\n"
      "  parameter pool = 2.5 source \"letter\"\n"
      "}\n");
  INFO(mc::testing::codesOf(p->diags));
  REQUIRE(p->diags.items().empty());
  const ast::Program& prog = p->file.programs.at(0);
  REQUIRE(prog.domains.size() == 2);
  CHECK(prog.domains[0].name == "Access");
  CHECK(prog.domains[0].points == Approx(18));
  CHECK(prog.domains[0].asPrinted);
  CHECK_FALSE(prog.domains[0].varies);
  CHECK(prog.domains[1].points == Approx(40));
  CHECK(prog.domains[1].varies);
  CHECK_FALSE(prog.domains[1].asPrinted);
  REQUIRE(prog.includes.size() == 5);
  CHECK(prog.includes[0].domain == 0);
  CHECK(prog.includes[0].minimum == 5);
  CHECK(prog.includes[0].points == Approx(2));
  CHECK(prog.includes[1].points == Approx(10.5));
  CHECK(prog.includes[1].pointsRange.line == 4);
  REQUIRE(prog.includes[1].tiers.size() == 2);
  CHECK(prog.includes[1].tiers[0] == std::pair<double, double>{0.5, 50});
  CHECK(prog.includes[1].tiers[1] == std::pair<double, double>{0.6, 100});
  CHECK(prog.includes[0].tiers.empty());
  CHECK(prog.includes[2].domain == 1);
  CHECK_FALSE(prog.includes[2].hasPoints);
  CHECK(prog.includes[3].exploratory);
  CHECK(prog.includes[3].domain == -1);
  CHECK(prog.includes[4].domain == -1);
  CHECK_FALSE(prog.includes[4].exploratory);
  CHECK(prog.includes[4].hasPoints);
  CHECK_FALSE(prog.includes[4].hasMinimum);
  REQUIRE(prog.parameters.size() == 2);
  CHECK(prog.parameters[0].name == "point_value");
  CHECK(prog.parameters[0].value == Approx(100));
  CHECK(prog.parameters[0].unit == "dollars");
  CHECK(prog.parameters[0].assumption);
  CHECK(prog.parameters[0].provenance == "not printed");
  CHECK(prog.parameters[1].value == Approx(2.5));
  CHECK(prog.parameters[1].unit.empty());
  CHECK_FALSE(prog.parameters[1].assumption);
  CHECK(prog.parameters[1].provenance == "letter");
}

TEST_CASE("comments are skipped", "[parser]") {
  auto p = parseText(
      "// a line comment\n"
      "/* a block\n comment */ measure T \"t\" {\n"
      "  codeset A = CPT{77061, // inside a code list\n"
      "                  77062}\n"
      "}\n");
  INFO(mc::testing::codesOf(p->diags));
  REQUIRE(p->diags.items().empty());
  REQUIRE(p->file.measures.size() == 1);
  CHECK(p->file.measures[0].idRange.line == 3);
  CHECK(p->file.measures[0].codesets[0].expr.terms[0].items.size() == 2);
}

TEST_CASE("an empty file parses to nothing", "[parser]") {
  auto p = parseText("");
  CHECK(p->diags.items().empty());
  CHECK(p->file.measures.empty());
  CHECK(p->file.programs.empty());
}

// --- syntax diagnostics ------------------------------------------------------

TEST_CASE("a syntax error is E0001 at the offending token", "[parser][diagnostics]") {
  auto p = parseText(
      "measure T \"t\" {\n"
      "  period 2022\n"
      "  population age at MP.end >=\n"
      "  numerator true\n"
      "}\n");
  INFO(mc::testing::codesOf(p->diags));
  REQUIRE_FALSE(p->diags.items().empty());
  const Diagnostic& d = p->diags.items()[0];
  CHECK(d.code == "E0001");
  CHECK(d.severity == Severity::Error);
  // Something is missing at the end of line 3: the error points there, not
  // at the next line's 'numerator'.
  CHECK(d.range.line == 3);
  CHECK(d.range.column == 30);
  CHECK(d.range.length == 1);
  CHECK(d.message == "expected an expression after '>='");
  // The broken rule is dropped; the rest of the measure is kept for sema.
  REQUIRE(p->file.measures.size() == 1);
  CHECK(p->file.measures[0].rules.size() == 1);
  CHECK(p->file.measures[0].rules[0].kind == ast::RuleKind::Numerator);
}

TEST_CASE("a missing closing brace is E0001 after the last token", "[parser][diagnostics]") {
  auto p = parseText("measure T \"t\" {\n  period 2022\n");
  INFO(mc::testing::codesOf(p->diags));
  REQUIRE(p->diags.items().size() == 1);
  const Diagnostic& d = p->diags.items()[0];
  CHECK(d.code == "E0001");
  CHECK(d.range.line == 2);
  CHECK(d.range.column == 14);
  CHECK(d.message == "the measure opened at line 1 is not closed");
  CHECK(d.note == "add '}' to close it before the end of the file");
}

TEST_CASE("a code list with a space before its brace gets a hint", "[parser][diagnostics]") {
  auto p = parseText(measure("  numerator exists visit with CPT {77067}\n"));
  INFO(mc::testing::codesOf(p->diags));
  REQUIRE_FALSE(p->diags.items().empty());
  const Diagnostic& d = p->diags.items()[0];
  CHECK(d.code == "E0001");
  CHECK(d.range.line == 3);
  CHECK(d.range.column == 35);
  CHECK(d.note.find("CPT{77061..77067}") != std::string::npos);
}

TEST_CASE("an unexpected character is E0002", "[parser][diagnostics]") {
  auto p = parseText(
      "measure T \"t\" {\n"
      "  period 2022\n"
      "  population age at MP.end >= 18 @\n"
      "  numerator true\n"
      "}\n");
  INFO(mc::testing::codesOf(p->diags));
  REQUIRE(p->diags.items().size() == 1);
  const Diagnostic& d = p->diags.items()[0];
  CHECK(d.code == "E0002");
  CHECK(d.range.line == 3);
  CHECK(d.range.column == 34);
  CHECK(d.range.length == 1);
  CHECK(d.message == "unexpected character '@'");
}

TEST_CASE("an unexpected character inside a code list is E0002", "[parser][diagnostics]") {
  auto p = parseText(measure("  codeset A = CPT{77061; 77062}\n"));
  INFO(mc::testing::codesOf(p->diags));
  REQUIRE_FALSE(p->diags.items().empty());
  const Diagnostic& d = p->diags.items()[0];
  CHECK(d.code == "E0002");
  CHECK(d.range.line == 3);
  CHECK(d.range.column == 24);
  CHECK(d.message == "unexpected character ';'");
}

TEST_CASE("an impossible date is E0003", "[parser][diagnostics]") {
  auto p = parseText(measure("  define d = 2022-02-30\n"));
  INFO(mc::testing::codesOf(p->diags));
  REQUIRE(p->diags.items().size() == 1);
  const Diagnostic& d = p->diags.items()[0];
  CHECK(d.code == "E0003");
  CHECK(d.range.line == 3);
  CHECK(d.range.column == 14);
  CHECK(d.range.length == 10);
  CHECK(d.message == "'2022-02-30' is not a calendar date");
}

TEST_CASE("an impossible date in a test block is E0003", "[parser][diagnostics]") {
  auto p =
      parseText(measure("  test \"x\" {\n"
                        "    member sex F born 1961-13-01\n"
                        "    visit 2021-04-31 CPT:77067\n"
                        "    expect population\n"
                        "  }\n"));
  INFO(mc::testing::codesOf(p->diags));
  const auto e3 = mc::testing::withCode(p->diags, "E0003");
  REQUIRE(e3.size() == 2);
  CHECK(e3[0].range.line == 4);
  CHECK(e3[0].range.column == 23);
  CHECK(e3[1].range.line == 5);
  CHECK(e3[1].range.column == 11);
}

TEST_CASE("a too large integer is E0004", "[parser][diagnostics]") {
  auto p = parseText(measure("  define n = 1234567890\n"));
  INFO(mc::testing::codesOf(p->diags));
  REQUIRE(p->diags.items().size() == 1);
  CHECK(p->diags.items()[0].code == "E0004");
  CHECK(p->diags.items()[0].range.line == 3);
  CHECK(p->diags.items()[0].range.column == 14);
}

TEST_CASE("several syntax errors in one file are all reported", "[parser][diagnostics]") {
  auto p = parseText(
      "measure T \"t\" {\n"                          // 1
      "  period 2022\n"                              // 2
      "  population age at MP.end >= 18 @\n"         // 3
      "  numerator exists visit with CPT {77067}\n"  // 4
      "}\n"                                          // 5
      "}\n");                                        // 6
  INFO(mc::testing::codesOf(p->diags));
  const auto& items = p->diags.items();
  REQUIRE(items.size() == 3);
  CHECK(items[0].code == "E0002");
  CHECK(items[0].range.line == 3);
  CHECK(items[0].range.column == 34);
  CHECK(items[1].code == "E0001");
  CHECK(items[1].range.line == 4);
  CHECK(items[1].range.column == 35);
  // Error recovery drops the stray '{', so the '}' of `{77067}` closes the
  // measure and the brace on line 5 is the one reported as unexpected.
  CHECK(items[2].code == "E0001");
  CHECK(items[2].range.line == 5);
  CHECK(items[2].range.column == 1);
  CHECK(items[2].message ==
        "unexpected '}'; expected a declaration (measure, module, program) or the end of the "
        "file");
  CHECK(p->diags.errorCount() == 3);
}

TEST_CASE("independent syntax errors in separate declarations are all reported",
          "[parser][diagnostics]") {
  auto p = parseText(
      "measure A \"a\" {\n"           // 1
      "  period 2022\n"               // 2
      "  population age at >= 18\n"   // 3
      "  numerator true\n"            // 4
      "}\n"                           // 5
      "measure B \"b\" {\n"           // 6
      "  codeset C = CPT{77061,,}\n"  // 7
      "  numerator exists\n"          // 8
      "}\n");                         // 9
  INFO(mc::testing::codesOf(p->diags));
  const auto& items = p->diags.items();
  REQUIRE(items.size() == 3);
  CHECK(items[0].code == "E0001");
  CHECK(items[0].range.line == 3);
  CHECK(items[0].range.column == 21);
  CHECK(items[1].code == "E0001");
  CHECK(items[1].range.line == 7);
  CHECK(items[1].range.column == 25);
  CHECK(items[1].message == "expected a code after ',', found ','");
  CHECK(items[2].code == "E0001");
  CHECK(items[2].range.line == 8);
  CHECK(items[2].range.column == 19);
  CHECK(items[2].message ==
        "expected an event kind (visit, pharmacy, observation, condition, ...) after 'exists'");
}

TEST_CASE("garbage input does not crash the parser", "[parser][diagnostics]") {
  const char* const inputs[] = {
      "measure",
      "measure T",
      "measure T \"t\" { population }",
      "measure T \"t\" { codeset A = CPT{ }",
      "measure T \"t\" { codeset A = CPT{77061..} }",
      "measure T \"t\" { define f(p: ) = 1 }",
      "measure T \"t\" { test \"x\" { member enrolled .. } }",
      "{{{{ ]]]] ))))",
      "\"unterminated",
      "measure T \"t\" { numerator exists visit with during during }",
      "measure T \"t\" { codeset A = CPT{77061..} }",
      "measure T \"t\" { codeset A = CPT{77061,,} }",
      "measure T \"t\" { codeset A = CPT{77061",
      "measure T \"t\" { test \"x\" { visit 2022-01-01 CPT:1 }",
      "measure T \"t\" { population age at MP.end in 18.. }",
      "measure T \"t\" { define = 3 }",
      "module { }",
      "program P { include }",
      "measure T \"t\" { test \"x\" { member sex F born } }",
      "measure T \"t\" { population [1, }",
      "measure T \"t\" { population (((1 }",
      "measure T \"t\" { test \"x\" { visit } }",
      "measure T \"t\" { test \"x\" { visit .. CPT:1 } }",
      "measure T \"t\" { test \"x\" { visit 2022-01-01T09:00.. CPT:1 }",
  };
  for (const char* text : inputs) {
    INFO(text);
    auto p = parseText(text);
    CHECK(p->diags.hasErrors());
    for (const Diagnostic& d : p->diags.items()) {
      CHECK((d.code == "E0001" || d.code == "E0002"));
      CHECK(d.range.line >= 1);
      CHECK(d.range.column >= 1);
      // The language's words only: no grammar token names, no ANTLR jargon.
      INFO(d.message << " [" << d.note << "]");
      for (const char* jargon :
           {"C_CODE", "QCODE", "CODES_OPEN", "C_CLOSE", "C_COMMA", "<EOF>", "ID", "INT", "STRING",
            "extraneous", "mismatched", "viable", "expecting", "RBRACE", "another token"}) {
        CHECK((d.message + d.note).find(jargon) == std::string::npos);
      }
    }
  }
}

TEST_CASE("a syntax error does not hide the semantic errors of the rest of the file",
          "[parser][diagnostics]") {
  // The population is a type error; the numerator a syntax error. Both are
  // reported; the broken numerator is dropped and not also "missing".
  mc::Compilation c(mc::testing::stdlibDir());
  c.addSource("t.measure", measure("  population sex = 50\n  numerator true true\n"));
  c.check();
  INFO(mc::testing::codesOf(c.diagnostics()));
  REQUIRE(c.diagnostics().items().size() == 2);
  CHECK(c.diagnostics().items()[0].code == "E0201");
  CHECK(c.diagnostics().items()[0].range.line == 3);
  CHECK(c.diagnostics().items()[1].code == "E0001");
  CHECK(c.diagnostics().items()[1].range.line == 4);
  CHECK(c.diagnostics().items()[1].range.column == 18);
  CHECK(c.diagnostics().items()[1].message ==
        "unexpected 'true'; expected a measure item (population, numerator, define, codeset, "
        "test, ...) or '}'");
}

TEST_CASE("a code system in lower case is told to be written in capitals",
          "[parser][diagnostics]") {
  // The data read `cpt:77067` in any case; a measure's lexer knows CPT{ only.
  auto p = parseText(measure("  codeset D = cpt{77067}\n  population true\n"));
  INFO(mc::testing::codesOf(p->diags));
  REQUIRE_FALSE(p->diags.items().empty());
  const auto& d = p->diags.items()[0];
  CHECK(d.code == "E0001");
  CHECK(d.range.line == 3);
  CHECK(d.note == "code systems are written in capitals in a measure: CPT{...}");
  auto other = parseText(measure("  codeset D = Foo{77067}\n  population true\n"));
  REQUIRE_FALSE(other->diags.items().empty());
  CHECK(other->diags.items()[0].note ==
        "a code list is written with its system glued to the brace: CPT{77061..77067}");
}

// --- inputs that used to crash or hang -----------------------------------------

namespace {

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// The one diagnostic of `text`, which must be `code` at line:column.
void requireOnly(const std::string& text, const char* code, int line, int column) {
  auto p = parseText(text);
  INFO(mc::testing::codesOf(p->diags).substr(0, 2000));
  REQUIRE(p->diags.items().size() == 1);
  CHECK(p->diags.items()[0].code == code);
  CHECK(p->diags.items()[0].range.line == line);
  CHECK(p->diags.items()[0].range.column == column);
}

}  // namespace

TEST_CASE("invalid UTF-8 is E0006 at the first bad byte", "[parser][diagnostics]") {
  // Above U+10FFFF, a UTF-16 surrogate, an overlong '/', a truncated
  // sequence at the end, a stray continuation byte.
  const char* const bad[] = {"\xF4\x90\x80\x80", "\xED\xA0\x80", "\xE0\x80\xAF",
                             "\xC0\xAF",         "\xE2\x82",     "\x80"};
  for (const char* bytes : bad) {
    INFO("bytes of length " << std::strlen(bytes));
    requireOnly(std::string("measure T \"t\" {\n  gap \"ab") + bytes + "\"\n}\n", "E0006", 2, 10);
    requireOnly(std::string("measure T \"t\" {\n  gap \"ab") + bytes, "E0006", 2, 10);
  }
}

TEST_CASE("valid UTF-8 at the edges of the ranges is accepted", "[parser]") {
  // U+10FFFF, U+D7FF, U+E000, U+0800, U+0080 in a comment and a string.
  const std::string text =
      "// \xF4\x8F\xBF\xBF \xED\x9F\xBF \xEE\x80\x80\n"
      "measure T \"\xE0\xA0\x80\xC2\x80\" {\n  period 2022\n}\n";
  auto p = parseText(text);
  INFO(mc::testing::codesOf(p->diags));
  CHECK(p->diags.items().empty());
  REQUIRE(p->file.measures.size() == 1);
  CHECK(p->file.measures[0].title == "\xE0\xA0\x80\xC2\x80");
}

TEST_CASE("nesting deeper than 200 levels is E0007 before the parser runs",
          "[parser][diagnostics]") {
  const std::string head = "measure T \"t\" {\n  population ";
  // Column of the 201st level: the measure's brace is level 1.
  SECTION("parentheses in an expression") {
    requireOnly(head + repeat("(", 5000) + "true" + repeat(")", 5000) + "\n}\n", "E0007", 2,
                14 + 199);
  }
  SECTION("parentheses in a code set") {
    requireOnly("measure T \"t\" {\n  codeset A = " + repeat("(", 5000) + "CPT{77067}" +
                    repeat(")", 5000) + "\n}\n",
                "E0007", 2, 15 + 199);
  }
  SECTION("not") {
    requireOnly(head + repeat("not ", 3000) + "true\n}\n", "E0007", 2, 14 + 4 * 199);
  }
  SECTION("unary minus") {
    requireOnly(head + repeat("- ", 5000) + "1 > 0\n}\n", "E0007", 2, 14 + 2 * 199);
  }
  SECTION("not and parentheses together") {
    requireOnly(head + repeat("not (", 2000) + "true" + repeat(")", 2000) + "\n}\n", "E0007", 2,
                14 + 5 * 99 + 4);
  }
}

TEST_CASE("queries nested in queries are limited to 16 levels", "[parser][diagnostics]") {
  // The parser's lookahead grows with the cube of this depth: 90 levels took
  // 8 seconds, 5,000 did not finish.
  const std::string head = "measure T \"t\" {\n  numerator exists observation";
  requireOnly(head + repeat(" where value > latest value of observation", 5000) + "\n}\n", "E0007",
              2, 30 + 42 * 15 + 16);
  requireOnly(head + repeat(" where value > exists observation", 5000) + "\n}\n", "E0007", 2,
              30 + 33 * 15 + 16);
}

TEST_CASE("many queries side by side are not nested", "[parser]") {
  std::string rules;
  for (int i = 0; i < 40; ++i) rules += "  define d" + std::to_string(i) + " = exists visit\n";
  const std::string text = measure(rules + "  population" + repeat(" exists visit and", 40) +
                                   " count visit >= 2\n  numerator" +
                                   repeat(" latest value of observation > 1 or", 40) + " true\n");
  auto c = mc::testing::compile(text);
  INFO(mc::testing::codesOf(c->diagnostics()));
  CHECK(c->diagnostics().items().empty());
}

TEST_CASE("nesting up to the limit parses and checks", "[parser]") {
  const std::string text =
      measure("  population " + repeat("(", 198) + "true" + repeat(")", 198) + "\n  numerator " +
              repeat("not ", 198) + "true\n  exclude " + repeat("-", 198) + "1 > 0\n");
  auto c = mc::testing::compile(text);
  INFO(mc::testing::codesOf(c->diagnostics()));
  CHECK(c->diagnostics().items().empty());
}

TEST_CASE("an item nested too deeply is dropped alone and the rest of the measure is parsed",
          "[parser][diagnostics]") {
  const std::string deep = repeat("(", 5000) + "true" + repeat(")", 5000);
  const std::string text =
      "measure T \"t\" {\n"
      "  source \"S\"\n"
      "  period 2022\n"
      "  define deep = " +
      deep +
      "\n"
      "  population deep\n"
      "  numerator exists visit\n"
      "  test \"one\" {\n"
      "    member sex F born 1961-03-02\n"
      "    expect population\n"
      "  }\n"
      "}\n";
  auto p = parseText(text);
  INFO(mc::testing::codesOf(p->diags).substr(0, 2000));
  REQUIRE(p->diags.items().size() == 1);
  CHECK(p->diags.items()[0].code == "E0007");
  CHECK(p->diags.items()[0].range.line == 4);
  CHECK(p->diags.items()[0].range.column == 17 + 199);
  REQUIRE(p->file.measures.size() == 1);
  const ast::Measure& m = p->file.measures[0];
  CHECK(m.source == "S");
  CHECK(m.defines.empty());
  REQUIRE(m.rules.size() == 2);
  CHECK(m.rules[0].kind == ast::RuleKind::Population);
  CHECK(m.rules[0].range.line == 5);
  CHECK(m.rules[1].kind == ast::RuleKind::Numerator);
  CHECK(m.tests.size() == 1);
  CHECK(m.droppedNames == std::vector<std::string>{"deep"});
  // Checked: the use of the dropped definition is not "unknown".
  auto c = mc::testing::compile(text);
  INFO(mc::testing::codesOf(c->diagnostics()).substr(0, 2000));
  REQUIRE(c->diagnostics().items().size() == 1);
  CHECK(c->diagnostics().items()[0].code == "E0007");
}

TEST_CASE("each item nested too deeply gets its own E0007 and only it is dropped",
          "[parser][diagnostics]") {
  SECTION("two rules, one by brackets and one by queries") {
    const std::string text =
        measure("  population " + repeat("(", 300) + "true" + repeat(")", 300) +
                "\n  define ok = true\n  numerator exists observation" +
                repeat(" where value > exists observation", 20) + "\n  exclude nope\n");
    auto c = mc::testing::compile(text);
    const std::string codes = mc::testing::codesOf(c->diagnostics());
    INFO(codes.substr(0, 2000));
    // No E0301 for the dropped rules: their keywords are kept as dropped.
    const auto e0007 = mc::testing::withCode(c->diagnostics(), "E0007");
    REQUIRE(e0007.size() == 2);
    CHECK(e0007[0].range.line == 3);
    CHECK(e0007[1].range.line == 5);
    const auto unknown = mc::testing::withCode(c->diagnostics(), "E0101");
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].range.line == 6);
    CHECK(c->diagnostics().items().size() == 3);
  }
  SECTION("a parenthesis left open ends the item at the measure's closing brace") {
    auto p = parseText("measure T \"t\" {\n  numerator true\n  population " + repeat("(", 300) +
                       "true\n  exclude false\n}\nmeasure U \"u\" {\n  numerator true\n}\n");
    INFO(mc::testing::codesOf(p->diags));
    REQUIRE(p->diags.items().size() == 1);
    CHECK(p->diags.items()[0].code == "E0007");
    REQUIRE(p->file.measures.size() == 2);
    CHECK(p->file.measures[0].rules.size() == 1);
    // `exclude` was swallowed by the open parenthesis: dropped, not missing.
    CHECK(p->file.measures[0].droppedNames == std::vector<std::string>{"population", "exclude"});
    CHECK(p->file.measures[1].rules.size() == 1);
    CHECK(p->file.measures[1].droppedNames.empty());
  }
  SECTION("a test line is dropped from its test block") {
    auto p = parseText(
        "measure T \"t\" {\n  numerator true\n  test \"one\" {\n    member sex F\n"
        "    visit " +
        repeat("[", 300) + repeat("]", 300) + "\n    expect numerator\n  }\n  gap \"g\"\n}\n");
    INFO(mc::testing::codesOf(p->diags));
    REQUIRE(p->diags.items().size() == 1);
    CHECK(p->diags.items()[0].code == "E0007");
    CHECK(p->diags.items()[0].range.line == 5);
    REQUIRE(p->file.measures.size() == 1);
    const ast::Measure& m = p->file.measures[0];
    REQUIRE(m.tests.size() == 1);
    CHECK(m.tests[0].events.empty());
    CHECK(m.tests[0].expects.size() == 1);
    CHECK(m.gap == "g");
  }
  SECTION("a syntax error before a dropped item is reported where it is") {
    auto p = parseText("measure T \"t\" {\n  define a = 1 +\n  define deep = " + repeat("(", 300) +
                       "true" + repeat(")", 300) + "\n  numerator true\n}\n");
    INFO(mc::testing::codesOf(p->diags));
    REQUIRE(p->diags.items().size() == 2);
    // E0007 comes first: nesting is checked before the parser runs.
    CHECK(p->diags.items()[0].code == "E0007");
    CHECK(p->diags.items()[1].code == "E0001");
    CHECK(p->diags.items()[1].message == "expected an expression after '+'");
    CHECK(p->diags.items()[1].range.line == 2);
    REQUIRE(p->file.measures.size() == 1);
    CHECK(p->file.measures[0].rules.size() == 1);
  }
  SECTION("a program item") {
    auto p = parseText("program P \"p\" {\n  period 2022\n  include " + repeat("(", 300) +
                       repeat(")", 300) + "\n  include \"a.measure\"\n}\n");
    INFO(mc::testing::codesOf(p->diags));
    REQUIRE(p->diags.items().size() == 1);
    CHECK(p->diags.items()[0].code == "E0007");
    REQUIRE(p->file.programs.size() == 1);
    CHECK(p->file.programs[0].period == 2022);
    REQUIRE(p->file.programs[0].includes.size() == 1);
    CHECK(p->file.programs[0].includes[0].path == "a.measure");
  }
}

TEST_CASE("nesting too deep outside any item leaves the file unparsed", "[parser][diagnostics]") {
  SECTION("in a measure's header") {
    auto p = parseText("measure T " + repeat("(", 300) + "\n}\nmeasure U \"u\" {\n}\n");
    REQUIRE(p->diags.items().size() == 1);
    CHECK(p->diags.items()[0].code == "E0007");
    CHECK(p->file.measures.empty());
  }
  SECTION("before the first item") {
    auto p = parseText("measure T \"t\" { " + repeat("(", 300) + "\n  numerator true\n}\n");
    REQUIRE(p->diags.items().size() == 1);
    CHECK(p->diags.items()[0].code == "E0007");
    CHECK(p->file.measures.empty());
  }
}

TEST_CASE("a flat chain of 20,000 'and's is not nested and keeps no text copies", "[parser]") {
  // Each node used to copy its subtree's source text: 8.8 GB for this file.
  const std::string text =
      measure("  population true" + repeat(" and true", 20000) + "\n  numerator true\n");
  auto p = parseText(text);
  INFO(mc::testing::codesOf(p->diags));
  REQUIRE(p->diags.items().empty());
  const ast::Expr* e = p->file.measures[0].rules[0].expr.get();
  int depth = 0;
  const char* begin = p->source->text().data();
  const char* end = begin + p->source->text().size();
  for (; e->kind == ast::ExprKind::Binary; e = e->args[0].get(), ++depth) {
    REQUIRE(e->op == ast::BinaryOp::And);
    // The text is a view into the source file.
    REQUIRE(e->text.data() >= begin);
    REQUIRE(e->text.data() + e->text.size() <= end);
  }
  CHECK(depth == 20000);
  CHECK(p->file.measures[0].rules[0].expr->text.size() == 4 + 9 * 20000);
  // Sema and lowering still recurse once per link of a chain (their stack
  // frames overflow at 20,000 under ASan); a shorter chain checks cleanly.
  auto c = mc::testing::compile(
      measure("  population true" + repeat(" and true", 2000) + "\n  numerator true\n"));
  CHECK(c->diagnostics().items().empty());
}

TEST_CASE("expression text is the source text, also after non-ASCII characters", "[parser]") {
  auto p = parseText(
      "// caf\xC3\xA9 \xE2\x82\xAC\nmeasure T \"\xC3\xA9\" {\n  define x = MP.end"
      " - 2 years\n}\n");
  INFO(mc::testing::codesOf(p->diags));
  REQUIRE(p->diags.items().empty());
  const ast::Expr& body = *p->file.measures[0].defines[0].body;
  CHECK(std::string(body.text) == "MP.end - 2 years");
  CHECK(std::string(body.args[0]->text) == "MP.end");
}

TEST_CASE("test event attributes are resolved to typed values", "[parser]") {
  auto c = mc::testing::compile(
      measure("  population true\n  numerator true\n"
              "  test \"t\" {\n"
              "    member sex F born 1960-01-01 enrolled 2020-01-01..\n"
              "    pharmacy 2022-01-01 NDC:00002322702 days_supply 2147483647 quantity 2.5\n"
              "    immunization 2021-02-01 CVX:03 source ehr status Final\n"
              "    expect population\n"
              "  }\n"));
  INFO(mc::testing::codesOf(c->diagnostics()));
  REQUIRE(c->diagnostics().items().empty());
  const ir::Measure m = c->lower(*c->measures()[0]);
  REQUIRE(m.tests.size() == 1);
  REQUIRE(m.tests[0].events.size() == 2);
  CHECK(m.tests[0].events[0].daysSupply == 2147483647);
  CHECK(m.tests[0].events[0].hasValue);
  CHECK(m.tests[0].events[0].value == Approx(2.5));
  CHECK(m.tests[0].events[1].source == "ehr");
  CHECK(m.tests[0].events[1].status == "final");
}

TEST_CASE("bad test event attributes are E0404, never a crash", "[parser][diagnostics]") {
  const std::pair<const char*, const char*> cases[] = {
      {"pharmacy 2022-01-01 NDC:00002322702 days_supply x", "not a whole number"},
      {"pharmacy 2022-01-01 NDC:00002322702 days_supply 4294967296", "too large"},
      {"pharmacy 2022-01-01 NDC:00002322702 days_supply 2.5", "not a whole number"},
      {"visit 2022-01-01 CPT:77067 frobnicate 7", "unknown test event attribute"},
      {"visit 2022-01-01 CPT:77067 status compelted", "unknown status 'compelted'"},
      {"immunization 2022-01-01 CVX:03 source regsitry", "unknown source 'regsitry'"},
      {"visit 2022-01-01 CPT:77067 source claim", "only immunization events"},
      {"visit 2022-01-01 CPT:77067 quantity 3", "only pharmacy events"},
      {"visit 2022-01-01 CPT:77067 setting ed setting inpatient", "given twice"},
  };
  for (const auto& [event, message] : cases) {
    INFO(event);
    auto c =
        mc::testing::compile(measure("  population true\n  numerator true\n"
                                     "  test \"t\" {\n"
                                     "    member sex F born 1960-01-01 enrolled 2020-01-01..\n"
                                     "    " +
                                     std::string(event) +
                                     "\n"
                                     "    expect population\n"
                                     "  }\n"));
    INFO(mc::testing::codesOf(c->diagnostics()));
    REQUIRE(c->diagnostics().items().size() == 1);
    CHECK(c->diagnostics().items()[0].code == "E0404");
    CHECK(c->diagnostics().items()[0].range.line == 7);
    CHECK(c->diagnostics().items()[0].message.find(message) != std::string::npos);
  }
}

TEST_CASE("a test period outside 1900..2200 is E0304", "[parser][diagnostics]") {
  auto c =
      mc::testing::compile(measure("  population true\n  numerator true\n"
                                   "  test \"t\" {\n    period 999999999\n"
                                   "    member sex F born 1960-01-01\n"
                                   "    expect population\n  }\n"));
  INFO(mc::testing::codesOf(c->diagnostics()));
  REQUIRE(c->diagnostics().items().size() == 1);
  CHECK(c->diagnostics().items()[0].code == "E0304");
  CHECK(c->diagnostics().items()[0].range.line == 6);
  CHECK(c->diagnostics().items()[0].range.column == 12);
}

TEST_CASE("a number beyond the range of a double is E0004", "[parser][diagnostics]") {
  requireOnly(measure("  define n = 1" + repeat("0", 400) + ".0\n"), "E0004", 3, 14);
  requireOnly(measure("  test \"t\" {\n    observation 2022-01-01 LOINC:4548-4 value 1" +
                      repeat("0", 400) + ".5\n  }\n"),
              "E0004", 4, 47);
}

TEST_CASE("a query binds its events with 'as'; 'where' and 'by provider' filters",
          "[parser][pairing]") {
  auto p = parseDefine(
      "exists visit as stay with A in setting inpatient "
      "where stay.end in MP.start..MP.end and exists referral as r by provider stay.provider "
      "during [stay.date, stay.end + 14 days]");
  const ast::Expr& e = defineBody(*p);
  REQUIRE(e.kind == ast::ExprKind::Aggregate);
  CHECK(e.query->alias == "stay");
  CHECK(e.query->aliasRange.column == 30);
  const auto& f = e.query->filters;
  REQUIRE(f.size() == 3);
  CHECK(f[2].kind == ast::FilterKind::Where);
  // A `where` takes a whole expression: the `and` is inside it.
  const ast::Expr& where = *f[2].operand;
  REQUIRE(isBinary(where, ast::BinaryOp::And));
  REQUIRE(where.args[0]->kind == ast::ExprKind::InRange);
  const ast::Expr& end = *where.args[0]->args[0];
  CHECK(end.kind == ast::ExprKind::Member);
  CHECK(end.name == "end");
  CHECK(end.args[0]->name == "stay");
  const ast::Expr& inner = *where.args[1];
  REQUIRE(inner.kind == ast::ExprKind::Aggregate);
  CHECK(inner.query->alias == "r");
  REQUIRE(inner.query->filters.size() == 2);
  CHECK(inner.query->filters[0].kind == ast::FilterKind::ByProvider);
  CHECK(inner.query->filters[0].operand->text == "stay.provider");
  CHECK(inner.query->filters[1].kind == ast::FilterKind::During);
}

TEST_CASE("'date' is a field name and 'as' is still usable as a name", "[parser][pairing]") {
  auto p = parseDefine("exists visit as v where v.date = as");
  const ast::Expr& e = defineBody(*p);
  const ast::Expr& where = *e.query->filters.at(0).operand;
  REQUIRE(isBinary(where, ast::BinaryOp::Eq));
  CHECK(where.args[0]->name == "date");
  CHECK(where.args[1]->kind == ast::ExprKind::Name);
  CHECK(where.args[1]->name == "as");

  // `where value > x` stays the value filter.
  auto v = parseDefine("exists observation as o where value > 9.0");
  const ast::Expr& ve = defineBody(*v);
  REQUIRE(ve.query->filters.size() == 1);
  CHECK(ve.query->filters[0].kind == ast::FilterKind::Value);

  // A test referral names its to-provider.
  auto t = parseText(
      "measure T \"t\" {\n  test \"r\" {\n    referral 2022-01-01 provider P1 to_provider S1\n"
      "    expect numerator\n  }\n}\n");
  REQUIRE(t->diags.items().empty());
  CHECK(t->file.measures.at(0).tests.at(0).events.at(0).toProvider == "S1");
}

TEST_CASE("a test member's enrollment spans can each name their PCP", "[parser]") {
  auto p = parseText(
      "measure T \"t\" {\n  period 2022\n  population true\n  numerator true\n"
      "  test \"t\" {\n"
      "    member sex F born 1980-04-01 enrolled 2021-01-01..2022-05-31 pcp P1, 2022-06-01.. pcp "
      "\"P 2\"\n"
      "    expect population\n  }\n"
      "  test \"u\" {\n"
      "    member sex F born 1980-04-01 pcp P9 enrolled 2021-01-01..2021-12-31 pcp P1, "
      "2022-01-01..\n"
      "    expect population\n  }\n}\n");
  REQUIRE(p->diags.items().empty());
  const ast::TestMember& both = *p->file.measures[0].tests[0].member;
  REQUIRE(both.enrolled.size() == 2);
  CHECK(both.enrolledPcp == std::vector<std::string>{"P1", "P 2"});
  CHECK(both.pcp.empty());
  CHECK(both.enrolled[0].end == day("2022-05-31"));
  CHECK(both.enrolled[1].start == day("2022-06-01"));
  // A span without its own PCP takes the member's `pcp`.
  const ast::TestMember& mixed = *p->file.measures[0].tests[1].member;
  CHECK(mixed.enrolledPcp == std::vector<std::string>{"P1", ""});
  CHECK(mixed.pcp == "P9");
}
