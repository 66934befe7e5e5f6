// `pdc of q` (proportion of days covered, PQA) through the compiler phases:
// parse (AST), check (pharmacy only, one `during` window), lowering, the
// printer and the verifier.
#include <algorithm>
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
using mc::testing::withCode;

namespace {

const std::string kAdherent =
    "  population true\n  numerator pdc of pharmacy with RXNORM{617310} during MP >= 0.80\n";

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
  for (const std::string& p : problems)
    if (p.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("pdc of parses into an aggregate over its query", "[pdc][parse]") {
  auto p = parseText(measure(kAdherent));
  INFO(codesOf(p->diags));
  REQUIRE_FALSE(p->diags.hasErrors());
  const ast::Expr& cmp = *p->file.measures.at(0).rules.back().expr;
  const ast::Expr& pdc = *cmp.args[0];
  CHECK(pdc.kind == ast::ExprKind::Aggregate);
  CHECK(pdc.aggregate == ast::AggregateKind::Pdc);
  CHECK(pdc.query->kind == "pharmacy");
  // `pdc` stays usable as a name.
  auto named = parseText(measure("  define pdc = 1\n  population pdc = 1\n  numerator true\n"));
  CHECK_FALSE(named->diags.hasErrors());
}

TEST_CASE("pdc of is a number over pharmacy fills with one during window", "[pdc][sema]") {
  auto c = compile(measure(kAdherent));
  CHECK(codesOf(c->diagnostics()).empty());

  c = compile(measure("  population true\n  numerator pdc of visit during MP >= 0.8\n"));
  const auto kind = withCode(c->diagnostics(), "E0215");
  REQUIRE(kind.size() == 1);
  CHECK(kind[0].message == "'pdc of' counts days covered by pharmacy fills, not by visit events");
  CHECK(kind[0].range.line == 4);

  c = compile(measure("  population true\n  numerator pdc of pharmacy >= 0.8\n"));
  CHECK(withCode(c->diagnostics(), "E0216").size() == 1);
  c = compile(measure(
      "  population true\n  numerator pdc of pharmacy during MP on or after MP.start >= 0.8\n"));
  const auto two = withCode(c->diagnostics(), "E0216");
  REQUIRE(two.size() == 1);
  CHECK(two[0].message.find("another time filter") != std::string::npos);

  // A number, not a bool.
  c = compile(measure("  population true\n  numerator pdc of pharmacy during MP\n"));
  CHECK(withCode(c->diagnostics(), "E0310").size() == 1);
}

TEST_CASE("pdc of lowers to a pdc query, printed and verified", "[pdc][lower][verify]") {
  ir::Measure m = lowerOne(measure(kAdherent));
  REQUIRE(m.queries.size() == 1);
  CHECK(m.queries[0].aggregate == ir::Aggregate::Pdc);
  CHECK(ir::aggregateType(ir::Aggregate::Pdc) == ir::Type::Num);
  CHECK(ir::print(m).find("query q0 pdc pharmacy") != std::string::npos);
  CHECK(ir::verify(m).empty());

  ir::Measure visit = m;
  visit.queries[0].kind = ir::EventKind::Visit;
  CHECK(mentions(ir::verify(visit), "q0: pdc of visit events, expected pharmacy"));

  ir::Measure open = m;
  auto& filters = open.queries[0].filters;
  filters.erase(std::remove_if(filters.begin(), filters.end(),
                               [](const ir::Filter& f) {
                                 return f.kind == ir::FilterKind::Window &&
                                        f.bound == ir::Bound::StartsOnOrBefore;
                               }),
                filters.end());
  CHECK(mentions(ir::verify(open), "q0: pdc with windows end>= x1, start<= x0"));
}
