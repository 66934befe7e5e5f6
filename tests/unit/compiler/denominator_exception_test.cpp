// `exception EXPR` (eCQM "Denominator Exceptions") through parse, sema
// (E0160 outside a member-unit proportion measure), lowering, ir::verify and
// the `measurec ir` printer.
#include <catch2/catch.hpp>
#include <string>

#include "CompilerTestUtil.h"
#include "ir/Verify.h"

using namespace mc;
using mc::testing::codesOf;
using mc::testing::compile;
using mc::testing::lowerOne;
using mc::testing::withCode;

namespace {

std::string measureText(const std::string& body) {
  return "measure T \"t\" {\n  period 2022\n" + body + "}\n";
}

const char* const kRules =
    "  population true\n  numerator exists visit with CPT{99213} during MP\n";

}  // namespace

TEST_CASE("an exception rule lowers to an any-rule asked after the numerator", "[exception]") {
  const ir::Measure m =
      lowerOne(measureText(std::string(kRules) +
                           "  exception exists condition with ICD10CM{Z53.20} during MP\n"
                           "            or exists visit with CPT{99499} during MP\n"));
  const ir::Rule& r = m.rule(ir::RuleKind::Exception);
  CHECK(r.kind == ir::RuleKind::Exception);
  CHECK(r.any);
  REQUIRE(r.terms.size() == 2);
  CHECK(r.terms[1].label == "exists visit with CPT{99499} during MP");
  CHECK(m.cascade.exceptionAfterNumerator);
  REQUIRE_FALSE(m.cascade.stages.empty());
  CHECK(m.cascade.stages.back().sets == ir::OutcomeField::Numerator);
  CHECK(ir::verify(m).empty());
  const std::string text = ir::print(m);
  CHECK(text.find("rule exception any\n") != std::string::npos);
  CHECK(text.find(" else exception->exception\n") != std::string::npos);
}

TEST_CASE("a measure without an exception rule never asks one, and prints none", "[exception]") {
  const ir::Measure m = lowerOne(measureText(kRules));
  CHECK_FALSE(m.cascade.exceptionAfterNumerator);
  CHECK(m.rule(ir::RuleKind::Exception).terms.empty());
  const std::string text = ir::print(m);
  CHECK(text.find("exception") == std::string::npos);
}

TEST_CASE("verify catches an exception rule the cascade never asks", "[exception]") {
  ir::Measure m = lowerOne(measureText(std::string(kRules) + "  exception true\n"));
  CHECK(ir::verify(m).empty());
  m.cascade.exceptionAfterNumerator = false;
  CHECK_FALSE(ir::verify(m).empty());
}

TEST_CASE("E0160: exception in a rate, an event-unit measure or a reward", "[exception]") {
  SECTION("rate") {
    auto c = compile(
        "measure R \"r\" {\n  kind rate per 1000 member years\n  period 2022\n"
        "  population true\n  numerator count visit with CPT{99213} during MP\n"
        "  exception true\n}\n");
    const auto e = withCode(c->diagnostics(), "E0160");
    INFO(codesOf(c->diagnostics()));
    REQUIRE(e.size() == 1);
    CHECK(e[0].range.line == 6);
    CHECK(e[0].range.column == 3);
    CHECK(e[0].message.find("a rate measure counts events") != std::string::npos);
    CHECK_FALSE(e[0].note.empty());
  }
  SECTION("event unit") {
    auto c =
        compile(measureText("  unit each pharmacy as fill during MP\n  population true\n"
                            "  numerator fill.generic\n  exception true\n"));
    INFO(codesOf(c->diagnostics()));
    CHECK(withCode(c->diagnostics(), "E0160").size() == 1);
  }
  SECTION("reward") {
    auto c = compile(
        "measure NAL \"n\" {\n  kind reward\n  period 2022\n"
        "  population true\n  earned when exists supplemental with PLAN{NURSE_ADVICE_CALL} "
        "during MP\n  earned on first date of supplemental with PLAN{NURSE_ADVICE_CALL} during "
        "MP\n  exception true\n}\n");
    const auto e = withCode(c->diagnostics(), "E0160");
    INFO(codesOf(c->diagnostics()));
    REQUIRE(e.size() == 1);
    CHECK(e[0].message.find("a reward has no denominator") != std::string::npos);
  }
  SECTION("proportion and inverse are fine") {
    for (const char* kind : {"proportion", "inverse"}) {
      auto c = compile("measure T \"t\" {\n  kind " + std::string(kind) + "\n  period 2022\n" +
                       kRules + "  exception true\n}\n");
      INFO(codesOf(c->diagnostics()));
      CHECK_FALSE(c->hasErrors());
    }
  }
}

TEST_CASE("two exception rules are E0302; a non-boolean one is E0202", "[exception]") {
  auto two = compile(measureText(std::string(kRules) + "  exception true\n  exception false\n"));
  CHECK(withCode(two->diagnostics(), "E0302").size() == 1);
  auto number = compile(measureText(std::string(kRules) + "  exception 3\n"));
  CHECK(withCode(number->diagnostics(), "E0202").size() == 1);
}

TEST_CASE("'exception' stays usable as a name", "[exception]") {
  auto c =
      compile(measureText("  define exception = true\n  population exception\n"
                          "  numerator true\n"));
  INFO(codesOf(c->diagnostics()));
  CHECK_FALSE(c->hasErrors());
}

TEST_CASE("test blocks expect exception", "[exception]") {
  const ir::Measure m = lowerOne(measureText(std::string(kRules) +
                                             "  exception true\n"
                                             "  test \"t\" {\n    member sex F born 1980-01-01\n"
                                             "    expect population, not exception\n  }\n"));
  REQUIRE(m.tests.size() == 1);
  REQUIRE(m.tests[0].expects.size() == 2);
  CHECK(m.tests[0].expects[1].rule == ir::RuleKind::Exception);
  CHECK_FALSE(m.tests[0].expects[1].value);
}

TEST_CASE("E0161: expecting an exception of a measure without the rule", "[exception]") {
  auto c =
      compile(measureText(std::string(kRules) + "  test \"t\" {\n    member sex F born 1980-01-01\n"
                                                "    expect population, not exception\n  }\n"));
  const auto e = withCode(c->diagnostics(), "E0161");
  INFO(codesOf(c->diagnostics()));
  REQUIRE(e.size() == 1);
  CHECK(e[0].range.line == 7);
  CHECK(e[0].message == "measure T has no 'exception' rule, so 'not exception' can never fail");
}
