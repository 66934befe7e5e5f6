// explain (and the failures of `measurec test`) show what the new
// aggregates came to: the sum, the n-th date, the spaced count; a fill shows
// its quantity and days supply.
#include <catch2/catch.hpp>

#include "../compiler/CompilerTestUtil.h"
#include "EngineFixtures.h"
#include "driver/Compilation.h"
#include "interp/Explanation.h"
#include "interp/Interpreter.h"
#include "store/StoreBuilder.h"

using namespace mc;
using namespace mc::testing;

namespace {

// A measure (period 2022, everyone in the population) with `numerator`.
ir::Measure lowered(const std::string& numerator) {
  return lowerOne(measure("  population true\n  numerator " + numerator + "\n"));
}

store::MemberStore fills() {
  store::StoreBuilder b;
  const store::MemberIndex m = b.addMember("M1", day("1980-01-01"), store::Sex::F);
  b.addEnrollment(m, day("2022-01-01"), day("2022-12-31"), "");
  for (const auto& [date, quantity] : std::vector<std::pair<const char*, double>>{
           {"2022-02-01", 2}, {"2022-02-01", 1}, {"2022-09-01", 4}}) {
    store::EventRow r;
    r.kind = store::EventKind::Pharmacy;
    r.member = m;
    r.date = day(date);
    r.codes = {{CodeSystem::RXNORM, "997223"}};
    r.value = quantity;
    r.daysSupply = 30;
    b.addEvent(r);
  }
  return b.finish();
}

std::string resultOf(const std::string& numerator) {
  const ir::Measure m = lowered(numerator);
  const store::MemberStore s = fills();
  const interp::CodeSetBinding codes(m, s.codes);
  interp::Interpreter in(m, s, codes, {day("2022-01-01"), day("2022-12-31")});
  in.evaluate(0);
  const auto rules = interp::explainRules(m, s, in);
  for (const interp::RuleExplanation& r : rules)
    if (r.rule->kind == ir::RuleKind::Numerator) return r.terms.at(0).queries.at(0).result;
  return "?";
}

}  // namespace

TEST_CASE("explain shows the result of sums, n-th dates and spaced counts") {
  CHECK(resultOf("sum quantity of pharmacy with RXNORM{997223} > 10") == "7");
  CHECK(resultOf("sum days_supply of pharmacy with RXNORM{997223} > 10") == "90");
  CHECK(resultOf("2nd date of pharmacy with RXNORM{997223} = MP.end") == "2022-09-01");
  CHECK(resultOf("3rd date of pharmacy with RXNORM{997223} = MP.end") == "missing");
  CHECK(resultOf("count distinct dates at least 200 days apart of pharmacy with RXNORM{997223} "
                 ">= 2") == "2");
  // exists and count show their matches, not a result.
  CHECK(resultOf("exists pharmacy with RXNORM{997223}").empty());
}

TEST_CASE("a fill is shown with its quantity and days supply") {
  const store::MemberStore s = fills();
  const std::string text = interp::eventText(s, store::EventKind::Pharmacy, 2);
  CHECK(text.find("quantity 4 days_supply 30") != std::string::npos);
}
