// `latest end of q` (CQL `effective.latest()`) through every compiler phase:
// parse, check (E0162 for kinds without an end), lowering and the printer;
// `end` stays a name after a dot.
#include <catch2/catch.hpp>

#include "CompilerTestUtil.h"
#include "ir/Ir.h"

using namespace mc;
using mc::testing::codesOf;
using mc::testing::compile;
using mc::testing::lowerOne;
using mc::testing::measure;
using mc::testing::parseText;

TEST_CASE("latest end of parses into its aggregate; .end is still a field", "[latest_end][parse]") {
  auto p = parseText(
      measure("  population true\n"
              "  numerator latest end of observation as o where o.end in MP.start..MP.end\n"
              "            = MP.end\n"));
  REQUIRE(p->diags.items().empty());
  const ast::Expr* rule = nullptr;
  for (const ast::RuleDecl& r : p->file.measures.at(0).rules)
    if (r.kind == ast::RuleKind::Numerator) rule = r.expr.get();
  REQUIRE(rule != nullptr);
  // `where` takes the whole expression: the aggregate is the rule.
  CHECK(rule->kind == ast::ExprKind::Aggregate);
  CHECK(rule->aggregate == ast::AggregateKind::LatestEnd);
  CHECK(rule->query->kind == "observation");
  CHECK(std::string(ast::aggregateText(rule->aggregate)) == "latest end of");
}

TEST_CASE("latest end of is a date of visits, observations and conditions", "[latest_end][check]") {
  for (const char* kind : {"visit", "observation", "condition"}) {
    INFO(kind);
    auto c = compile(measure(std::string("  population true\n  numerator latest end of ") + kind +
                             " during MP = MP.end\n"));
    CHECK(codesOf(c->diagnostics()).empty());
  }
  // A date: compared with a number it is a type error, not a silent number.
  auto c = compile(measure("  population true\n  numerator latest end of visit during MP > 3\n"));
  CHECK_FALSE(codesOf(c->diagnostics()).empty());
}

TEST_CASE("latest end of a kind without an end is E0162", "[latest_end][check]") {
  for (const char* kind : {"pharmacy", "immunization", "supplemental", "referral", "order"}) {
    INFO(kind);
    auto c = compile(measure(std::string("  population true\n  numerator latest end of ") + kind +
                             " during MP = MP.end\n"));
    const auto e = mc::testing::withCode(c->diagnostics(), "E0162");
    REQUIRE(e.size() == 1);
    CHECK(e[0].message == std::string("'latest end of' reads when each event ends, and ") + kind +
                              " events have no end of their own (their end is their date)");
    CHECK(e[0].note == "write 'latest date of'; visits, observations and conditions have ends");
  }
}

TEST_CASE("latest end of lowers to a latest_end query", "[latest_end][lower]") {
  ir::Measure m = lowerOne(
      measure("  population true\n  numerator latest end of visit with CPT{99221} = MP.end\n"));
  REQUIRE(m.queries.size() == 1);
  CHECK(m.queries[0].aggregate == ir::Aggregate::LatestEnd);
  CHECK(ir::aggregateType(ir::Aggregate::LatestEnd) == ir::Type::Date);
  CHECK(ir::print(m).find("query q0 latest_end visit with c0") != std::string::npos);
  // Not shared with `latest date of` over the same events.
  m = lowerOne(measure(
      "  population true\n"
      "  numerator latest end of visit with CPT{99221} = latest date of visit with CPT{99221}\n"));
  CHECK(m.queries.size() == 2);
}
