// `count status ...`: a measure or module chooses the event statuses that
// count in its queries; the default is the DATA.md convention.
#include <catch2/catch.hpp>

#include "CompilerTestUtil.h"
#include "ir/Ir.h"

using namespace mc;
using mc::testing::codesOf;
using mc::testing::compile;
using mc::testing::lowerOne;
using mc::testing::measure;
using mc::testing::withCode;

namespace {

StatusMask bit(const char* status) { return StatusMask{1} << *statusIndex(status); }

const char* const kRules =
    "  codeset HbA1c = LOINC{4548-4}\n"
    "  population true\n"
    "  numerator exists observation with HbA1c during MP\n";

}  // namespace

TEST_CASE("queries count the default statuses unless the measure says otherwise", "[status]") {
  const ir::Measure m = lowerOne(*compile(measure(kRules)));
  REQUIRE(m.queries.size() == 1);
  CHECK(m.queries[0].statuses() == kDefaultCountedStatuses);
  CHECK(ir::print(m).find("statuses=") == std::string::npos);
}

TEST_CASE("count status sets the statuses of every query of the measure", "[status]") {
  const ir::Measure m =
      lowerOne(*compile(measure("  count status completed, FINAL, preliminary, in-progress, "
                                "\"entered-in-error\", not-done\n" +
                                std::string(kRules))));
  REQUIRE(m.queries.size() == 1);
  CHECK(m.queries[0].statuses() ==
        (bit("") | bit("completed") | bit("final") | bit("preliminary") | bit("in-progress") |
         bit("entered-in-error") | bit("not-done")));
  CHECK(ir::print(m).find(
            " statuses=completed,final,preliminary,in-progress,not-done,entered-in-error") !=
        std::string::npos);
}

TEST_CASE("the empty status counts exactly when completed counts", "[status]") {
  const ir::Measure m =
      lowerOne(*compile(measure("  count status final, amended\n" + std::string(kRules))));
  CHECK(m.queries.at(0).statuses() == (bit("final") | bit("amended")));
  CHECK((m.queries.at(0).statuses() & bit("")) == 0);
}

TEST_CASE("queries written in a module use the module's counted statuses", "[status]") {
  auto c = compile(
      "module lab.results {\n"
      "  count status preliminary\n"
      "  codeset HbA1c = LOINC{4548-4}\n"
      "  define tested = exists observation with HbA1c during MP\n"
      "}\n" +
      measure("  import lab.results\n"
              "  population tested\n"
              "  numerator exists observation with HbA1c during MP\n"));
  const ir::Measure m = lowerOne(*c);
  REQUIRE(m.queries.size() == 2);
  // The module's query (through `tested`) and the measure's own query.
  const StatusMask modules = bit("preliminary");
  CHECK(
      ((m.queries[0].statuses() == modules && m.queries[1].statuses() == kDefaultCountedStatuses) ||
       (m.queries[1].statuses() == modules && m.queries[0].statuses() == kDefaultCountedStatuses)));
}

TEST_CASE("E0113: an unknown status, with a did-you-mean", "[status]") {
  auto c = compile(measure("  count status completed, finall, nonsense\n" + std::string(kRules)));
  const auto e = withCode(c->diagnostics(), "E0113");
  REQUIRE(e.size() == 2);
  CHECK(e[0].message == "unknown status 'finall'");
  CHECK(e[0].note == "did you mean 'final'?");
  CHECK(e[0].range.line == 3);
  CHECK(e[0].range.column == 27);
  CHECK(e[0].range.length == 6);
  CHECK(e[1].message == "unknown status 'nonsense'");
  CHECK(e[1].note.find("statuses are") == 0);
}

TEST_CASE("E0307: two count status items", "[status]") {
  auto c =
      compile(measure("  count status final\n  count status completed\n" + std::string(kRules)));
  const auto e = withCode(c->diagnostics(), "E0307");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "measure T has two 'count status' items");
  CHECK(e[0].range.line == 4);
  CHECK(explainDiagnosticCode("E0307").find("count status") != std::string::npos);
  CHECK(explainDiagnosticCode("E0113").find("count status") != std::string::npos);
}
