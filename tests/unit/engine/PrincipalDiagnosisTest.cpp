// `with principal SET` matches a visit whose principal diagnosis (the first
// ICD-10-CM code of its line, DATA.md) is in SET; the same code written later
// on the line is a secondary diagnosis and does not match, and explain calls
// such a visit a near miss.
#include <catch2/catch.hpp>
#include <string>

#include "RunTestBlocks.h"

using namespace mc;

namespace {

// Runs the one test block of a measure whose numerator asks for a visit with
// a principal diagnosis of asthma; `codes` are the visit's codes as written.
interp::TestResult runWith(const std::string& codes, const char* expectNumerator) {
  const auto results = testing::runTestBlocks(
      "measure T \"Test\" {\n  period 2022\n"
      "  codeset Asthma = ICD10CM{J45.40}\n"
      "  population true\n"
      "  numerator exists visit with principal Asthma during MP\n"
      "  test \"an asthma visit\" {\n"
      "    member sex F born 1961-03-02 enrolled 2020-01-01..\n"
      "    visit 2022-05-01 " +
      codes + "\n    expect population, " + expectNumerator + "\n  }\n}\n");
  REQUIRE(results.size() == 1);
  return results[0];
}

}  // namespace

TEST_CASE("a principal diagnosis in the set matches") {
  const interp::TestResult r = runWith("CPT:99213 ICD10CM:J45.40 ICD10CM:E11.9", "numerator");
  INFO(r.failure);
  CHECK(r.passed);
}

TEST_CASE("the same code as a secondary diagnosis does not match") {
  const interp::TestResult r = runWith("CPT:99213 ICD10CM:E11.9 ICD10CM:J45.40", "not numerator");
  INFO(r.failure);
  CHECK(r.passed);
}

TEST_CASE("a visit without an ICD-10-CM code has no principal diagnosis") {
  const interp::TestResult r = runWith("CPT:99213", "not numerator");
  INFO(r.failure);
  CHECK(r.passed);
}

TEST_CASE("a secondary diagnosis in the set is a near miss") {
  // Expecting the numerator fails; the report names the visit and why.
  const interp::TestResult r = runWith("ICD10CM:E11.9 ICD10CM:J45.40", "numerator");
  REQUIRE_FALSE(r.passed);
  REQUIRE(r.nearMisses.size() == 1);
  CHECK(r.nearMisses[0].find("its principal diagnosis is another") != std::string::npos);
}
