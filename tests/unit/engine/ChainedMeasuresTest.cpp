// Measures whose definitions and code sets are long chains, or use the
// previous one twice, compile and run their test blocks: what `measurec
// test` does with them, without deep recursion or exponential work.
#include <catch2/catch.hpp>
#include <string>

#include "RunTestBlocks.h"

using namespace mc;

namespace {

const char* const kTest =
    "  test \"a screened member\" {\n"
    "    member sex F born 1961-03-02 enrolled 2020-01-01..\n"
    "    visit 2022-03-01 CPT:77067\n"
    "    expect population, numerator\n"
    "  }\n";

// Compiles one measure around `body` and runs its test blocks.
std::vector<interp::TestResult> runTests(const std::string& body) {
  return testing::runTestBlocks("measure T \"Test\" {\n  period 2022\n" + body + kTest + "}\n");
}

void requireAllPassed(const std::vector<interp::TestResult>& results) {
  REQUIRE(results.size() == 1);
  INFO(results[0].failure);
  CHECK(results[0].passed);
}

}  // namespace

TEST_CASE("a chain of 5,000 definitions runs its test block") {
  std::string body = "  define a0 = age at MP.end\n";
  for (int i = 1; i <= 5000; ++i)
    body += "  define a" + std::to_string(i) + " = a" + std::to_string(i - 1) + " + 1\n";
  body += "  population a5000 = 5061\n  numerator exists visit with CPT{77067}\n";
  requireAllPassed(runTests(body));
}

TEST_CASE("a chain of 20,000 code sets runs its test block") {
  std::string body = "  codeset C0 = CPT{77067}\n";
  for (int i = 1; i <= 20000; ++i)
    body += "  codeset C" + std::to_string(i) + " = C" + std::to_string(i - 1) + "\n";
  body += "  population true\n  numerator exists visit with C20000\n";
  requireAllPassed(runTests(body));
}

TEST_CASE("sets and calls that use the previous one twice run their test block") {
  std::string body = "  codeset C0 = CPT{77067}\n  define f0(x: int) = x + 1\n";
  for (int i = 1; i <= 30; ++i) {
    const std::string n = std::to_string(i), p = std::to_string(i - 1);
    body += "  codeset C" + n + " = C" + p + " + C" + p + "\n";
    body += "  define f" + n + "(x: int) = f" + p + "(x) + f" + p + "(x)\n";
  }
  // f30(x) = 2^30 * (x + 1); the member is 61 at the end of 2022.
  body += "  population f30(age at MP.end) / (1024 * 1024 * 1024) = 62\n";
  body += "  numerator exists visit with C30\n";
  requireAllPassed(runTests(body));
}

TEST_CASE("a family matches the children of its category in a test block") {
  // ICD10CM{Z30} alone would match neither Z30.011 nor Z30.9.
  std::string body = "  population true\n  numerator exists visit with ICD10CM{Z30.*}\n";
  const auto results =
      testing::runTestBlocks("measure T \"Test\" {\n  period 2022\n" + body +
                             "  test \"a contraception visit\" {\n"
                             "    member sex F born 1991-03-02 enrolled 2020-01-01..\n"
                             "    visit 2022-03-01 ICD10CM:Z30.011\n"
                             "    expect population, numerator\n"
                             "  }\n"
                             "  test \"another category\" {\n"
                             "    member sex F born 1991-03-02 enrolled 2020-01-01..\n"
                             "    visit 2022-03-01 ICD10CM:Z31.9\n"
                             "    expect population, not numerator\n"
                             "  }\n}\n");
  REQUIRE(results.size() == 2);
  for (const interp::TestResult& r : results) {
    INFO(r.name << ": " << r.failure);
    CHECK(r.passed);
  }
}
