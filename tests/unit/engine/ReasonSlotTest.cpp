// `with reason SET` matches an event whose reason (why it was not done: the
// `reason` column, a test event's `reason CODE`) is in SET; `with any
// reason` one that has a reason. The reason is none of the event's codes.
// explain names the near misses.
#include <catch2/catch.hpp>
#include <string>

#include "RunTestBlocks.h"

using namespace mc;

namespace {

// The one test block of a measure whose numerator asks for an adult
// depression screening not done (cancelled) for a medical or patient reason
// (CMS2); `event` is the test's observation line.
interp::TestResult runWith(const std::string& event, const char* expectNumerator,
                           const char* filter = "with reason (Declined + Medical)") {
  const auto results =
      testing::runTestBlocks(std::string("measure T \"Test\" {\n  period 2025\n"
                                         "  count status cancelled\n"
                                         "  codeset Screening = LOINC{73832-8}\n"
                                         "  codeset Declined = SNOMEDCT{720834000}\n"
                                         "  codeset Medical = SNOMEDCT{183932001}\n"
                                         "  population true\n"
                                         "  numerator exists observation with Screening ") +
                             filter +
                             " during MP\n"
                             "  test \"a screening not done\" {\n"
                             "    member sex F born 1980-03-02 enrolled 2024-01-01..\n"
                             "    " +
                             event + "\n    expect population, " + expectNumerator + "\n  }\n}\n");
  REQUIRE(results.size() == 1);
  return results[0];
}

}  // namespace

TEST_CASE("a reason in the set matches", "[reason]") {
  for (const char* reason : {"SNOMEDCT:720834000", "SNOMEDCT:183932001"}) {
    const interp::TestResult r = runWith(
        std::string("observation 2025-03-10 LOINC:73832-8 reason ") + reason + " status cancelled",
        "numerator");
    INFO(reason << ": " << r.failure);
    CHECK(r.passed);
  }
}

TEST_CASE("a reason outside the set, or none, is a near miss", "[reason]") {
  const interp::TestResult other =
      runWith("observation 2025-03-10 LOINC:73832-8 reason SNOMEDCT:410536001 status cancelled",
              "numerator");
  REQUIRE_FALSE(other.passed);
  REQUIRE(other.nearMisses.size() == 1);
  CHECK(other.nearMisses[0].find("reason SNOMEDCT:410536001") != std::string::npos);
  CHECK(other.nearMisses[0].find("its reason is another, or it has none") != std::string::npos);
  const interp::TestResult none =
      runWith("observation 2025-03-10 LOINC:73832-8 status cancelled", "not numerator");
  INFO(none.failure);
  CHECK(none.passed);
}

TEST_CASE("the reason's code among the event's own codes is not its reason", "[reason]") {
  const interp::TestResult r = runWith(
      "observation 2025-03-10 LOINC:73832-8 SNOMEDCT:720834000 status cancelled", "not numerator");
  INFO(r.failure);
  CHECK(r.passed);
}

TEST_CASE("with any reason: an event with a reason of any code", "[reason]") {
  const interp::TestResult r =
      runWith("observation 2025-03-10 LOINC:73832-8 reason SNOMEDCT:410536001 status cancelled",
              "numerator", "with any reason");
  INFO(r.failure);
  CHECK(r.passed);
}
