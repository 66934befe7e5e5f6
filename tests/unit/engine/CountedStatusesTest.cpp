// A measure that counts preliminary results sees a preliminary observation;
// a measure with the default statuses does not (DATA.md: measures decide
// which statuses count).
#include <catch2/catch.hpp>
#include <string>

#include "RunTestBlocks.h"

using namespace mc;

namespace {

// Runs the one test block of a measure with `statusItem` among its items.
interp::TestResult runWith(const std::string& statusItem, const char* expectNumerator) {
  const auto results =
      testing::runTestBlocks("measure T \"Test\" {\n  period 2022\n" + statusItem +
                             "  codeset HbA1c = LOINC{4548-4}\n"
                             "  population true\n"
                             "  numerator exists observation with HbA1c during MP\n"
                             "  test \"a preliminary HbA1c\" {\n"
                             "    member sex F born 1961-03-02 enrolled 2020-01-01..\n"
                             "    observation 2022-05-01 LOINC:4548-4 value 9.5 status "
                             "preliminary\n"
                             "    expect population, " +
                             expectNumerator + "\n  }\n}\n");
  REQUIRE(results.size() == 1);
  return results[0];
}

}  // namespace

TEST_CASE("a measure that counts preliminary sees a preliminary observation") {
  const interp::TestResult r =
      runWith("  count status completed, final, amended, corrected, preliminary\n", "numerator");
  INFO(r.failure);
  CHECK(r.passed);
}

TEST_CASE("by default a preliminary observation does not count") {
  const interp::TestResult r = runWith("", "not numerator");
  INFO(r.failure);
  CHECK(r.passed);
}
