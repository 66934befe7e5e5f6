// `with category SET` matches an observation or condition one of whose FHIR
// categories (the `category` column, a test event's `category CODE`) is in
// SET; `with any category` one that has a category. The category is none of
// the event's codes. explain names the near misses.
#include <catch2/catch.hpp>
#include <string>

#include "RunTestBlocks.h"

using namespace mc;

namespace {

// The one test block of a measure whose numerator asks for a laboratory
// HbA1c (Status.isLaboratoryTestPerformed); `event` is the test's
// observation line.
interp::TestResult runWith(const std::string& event, const char* expectNumerator,
                           const char* filter = "with category Laboratory") {
  const auto results =
      testing::runTestBlocks(std::string("measure T \"Test\" {\n  period 2025\n"
                                         "  codeset HbA1c = LOINC{4548-4}\n"
                                         "  codeset Laboratory = OBSCAT{laboratory}\n"
                                         "  population true\n"
                                         "  numerator exists observation with HbA1c ") +
                             filter +
                             " during MP\n"
                             "  test \"an HbA1c\" {\n"
                             "    member sex F born 1980-03-02 enrolled 2024-01-01..\n"
                             "    " +
                             event + "\n    expect population, " + expectNumerator + "\n  }\n}\n");
  REQUIRE(results.size() == 1);
  return results[0];
}

}  // namespace

TEST_CASE("a category in the set matches", "[category]") {
  const interp::TestResult r = runWith(
      "observation 2025-03-10 LOINC:4548-4 value 7.0 category OBSCAT:laboratory", "numerator");
  INFO(r.failure);
  CHECK(r.passed);
}

TEST_CASE("another category, or none, is a near miss", "[category]") {
  const interp::TestResult other = runWith(
      "observation 2025-03-10 LOINC:4548-4 value 7.0 category OBSCAT:vital-signs", "numerator");
  REQUIRE_FALSE(other.passed);
  REQUIRE(other.nearMisses.size() == 1);
  CHECK(other.nearMisses[0].find("category OBSCAT:vital-signs") != std::string::npos);
  CHECK(other.nearMisses[0].find("its category is another") != std::string::npos);
  const interp::TestResult none =
      runWith("observation 2025-03-10 LOINC:4548-4 value 7.0", "numerator");
  REQUIRE_FALSE(none.passed);
  REQUIRE(none.nearMisses.size() == 1);
  CHECK(none.nearMisses[0].find("it has no category") != std::string::npos);
}

TEST_CASE("the category's code among the event's own codes is not its category", "[category]") {
  const interp::TestResult r =
      runWith("observation 2025-03-10 LOINC:4548-4 OBSCAT:laboratory value 7.0", "not numerator");
  INFO(r.failure);
  CHECK(r.passed);
}

TEST_CASE("with any category: an observation with a category of any code", "[category]") {
  const interp::TestResult r = runWith("observation 2025-03-10 LOINC:4548-4 category OBSCAT:survey",
                                       "numerator", "with any category");
  INFO(r.failure);
  CHECK(r.passed);
}

TEST_CASE("a condition's category: problem list or health concern, not encounter diagnosis",
          "[category]") {
  auto run = [](const char* category, const char* expect) {
    const auto results = testing::runTestBlocks(
        std::string("measure T \"Test\" {\n  period 2025\n"
                    "  codeset Bipolar = ICD10CM{F30.10}\n"
                    "  codeset ProblemList = CONDCAT{problem-list-item} + "
                    "USCORECAT{health-concern}\n"
                    "  population true\n"
                    "  exclude exists condition with Bipolar with category ProblemList\n"
                    "  numerator true\n"
                    "  test \"bipolar\" {\n"
                    "    member sex F born 1980-03-02 enrolled 2024-01-01..\n"
                    "    condition 2020-02-01.. ICD10CM:F30.10 category ") +
        category + "\n    expect population, " + expect + "\n  }\n}\n");
    REQUIRE(results.size() == 1);
    return results[0];
  };
  for (const char* c : {"CONDCAT:problem-list-item", "USCORECAT:health-concern"}) {
    const interp::TestResult r = run(c, "excluded");
    INFO(c << ": " << r.failure);
    CHECK(r.passed);
  }
  const interp::TestResult diagnosis = run("CONDCAT:encounter-diagnosis", "not excluded");
  INFO(diagnosis.failure);
  CHECK(diagnosis.passed);
}
