// `with value SET` matches an observation or supplemental row whose coded
// value (a value written SYSTEM:CODE) is in SET; `with any value` one that
// has a value of any kind (CQL `value is not null`). explain names the near
// misses: a value of another code, or none.
#include <catch2/catch.hpp>
#include <string>

#include "RunTestBlocks.h"

using namespace mc;

namespace {

// The one test block of a measure whose numerator asks for the MDS hospice
// answer "Yes"; `event` is the test's observation line.
interp::TestResult runWith(const std::string& event, const char* expectNumerator,
                           const char* filter = "with value Yes") {
  const auto results =
      testing::runTestBlocks(std::string("measure T \"Test\" {\n  period 2025\n"
                                         "  codeset Mds = LOINC{45755-6}\n"
                                         "  codeset Yes = SNOMEDCT{373066001}\n"
                                         "  population true\n"
                                         "  numerator exists observation with Mds ") +
                             filter +
                             " during MP\n"
                             "  test \"an MDS answer\" {\n"
                             "    member sex F born 1950-03-02 enrolled 2024-01-01..\n"
                             "    " +
                             event + "\n    expect population, " + expectNumerator + "\n  }\n}\n");
  REQUIRE(results.size() == 1);
  return results[0];
}

}  // namespace

TEST_CASE("a coded value in the set matches") {
  const interp::TestResult r =
      runWith("observation 2025-03-01 LOINC:45755-6 value SNOMEDCT:373066001", "numerator");
  INFO(r.failure);
  CHECK(r.passed);
}

TEST_CASE("a coded value outside the set does not match, and is a near miss") {
  const interp::TestResult ok =
      runWith("observation 2025-03-01 LOINC:45755-6 value SNOMEDCT:373067005", "not numerator");
  INFO(ok.failure);
  CHECK(ok.passed);
  const interp::TestResult r =
      runWith("observation 2025-03-01 LOINC:45755-6 value SNOMEDCT:373067005", "numerator");
  REQUIRE_FALSE(r.passed);
  REQUIRE(r.nearMisses.size() == 1);
  CHECK(r.nearMisses[0].find("value SNOMEDCT:373067005 — its value is another") !=
        std::string::npos);
}

TEST_CASE("the value's code among the event's own codes is not its value") {
  const interp::TestResult r =
      runWith("observation 2025-03-01 LOINC:45755-6 SNOMEDCT:373066001", "not numerator");
  INFO(r.failure);
  CHECK(r.passed);
}

TEST_CASE("an observation without a value is a near miss: it has no value") {
  const interp::TestResult r = runWith("observation 2025-03-01 LOINC:45755-6", "numerator");
  REQUIRE_FALSE(r.passed);
  REQUIRE(r.nearMisses.size() == 1);
  CHECK(r.nearMisses[0].find("it has no value") != std::string::npos);
}

TEST_CASE("with any value: a number, a code or a text is a value; none is not") {
  for (const char* value : {"value 2", "value SNOMEDCT:373067005", "value \"no\""}) {
    const interp::TestResult r =
        runWith(std::string("observation 2025-03-01 LOINC:45755-6 ") + value, "numerator",
                "with any value");
    INFO(value << ": " << r.failure);
    CHECK(r.passed);
  }
  const interp::TestResult none =
      runWith("observation 2025-03-01 LOINC:45755-6", "numerator", "with any value");
  REQUIRE_FALSE(none.passed);
  REQUIRE(none.nearMisses.size() == 1);
  CHECK(none.nearMisses[0].find("it has no value") != std::string::npos);
}

TEST_CASE("a supplemental row has a coded value too") {
  const auto results = testing::runTestBlocks(
      "measure T \"Test\" {\n  period 2025\n"
      "  codeset Equipment = LOINC{98181-1}\n"
      "  codeset Wheelchair = SNOMEDCT{183240000}\n"
      "  population true\n"
      "  numerator exists supplemental with Equipment with value Wheelchair during MP\n"
      "  test \"a wheelchair\" {\n"
      "    member sex F born 1950-03-02 enrolled 2024-01-01..\n"
      "    supplemental 2025-03-01 LOINC:98181-1 value SNOMEDCT:183240000\n"
      "    expect population, numerator\n  }\n}\n");
  REQUIRE(results.size() == 1);
  INFO(results[0].failure);
  CHECK(results[0].passed);
}

TEST_CASE("with discharge S: the stay's discharge disposition, not its codes") {
  auto run = [](const std::string& stay, const char* expect) {
    const auto results = testing::runTestBlocks(
        "measure T \"Test\" {\n  period 2025\n"
        "  codeset Inpatient = SNOMEDCT{183452005}\n"
        "  codeset ToHospice = SNOMEDCT{428361000124107} + UBDISCH{50, 51}\n"
        "  population true\n"
        "  numerator exists visit with Inpatient with discharge ToHospice during MP\n"
        "  test \"a stay\" {\n"
        "    member sex F born 1950-03-02 enrolled 2024-01-01..\n"
        "    visit 2025-02-01..2025-02-05 SNOMEDCT:183452005 " +
        stay + "\n    expect population, " + expect + "\n  }\n}\n");
    REQUIRE(results.size() == 1);
    return results[0];
  };
  for (const char* disposition : {"discharge SNOMEDCT:428361000124107", "discharge UBDISCH:51"}) {
    const interp::TestResult r = run(disposition, "numerator");
    INFO(disposition << ": " << r.failure);
    CHECK(r.passed);
  }
  const interp::TestResult among = run("SNOMEDCT:428361000124107", "numerator");
  REQUIRE_FALSE(among.passed);
  REQUIRE(among.nearMisses.size() == 1);
  CHECK(among.nearMisses[0].find("it has no discharge disposition") != std::string::npos);
  const interp::TestResult home = run("discharge UBDISCH:01", "numerator");
  REQUIRE_FALSE(home.passed);
  REQUIRE(home.nearMisses.size() == 1);
  CHECK(home.nearMisses[0].find("discharge UBDISCH:01 — its discharge disposition is another") !=
        std::string::npos);
}

TEST_CASE("with site S: the condition's body site, not its codes") {
  auto run = [](const std::string& condition, const char* expect) {
    const auto results = testing::runTestBlocks(
        "measure T \"Test\" {\n  period 2025\n"
        "  codeset Unspecified = ICD10CM{Z90.10}\n"
        "  codeset Right = SNOMEDCT{24028007}\n"
        "  population true\n"
        "  numerator exists condition with Unspecified with site Right on or before MP.end\n"
        "  test \"a mastectomy\" {\n"
        "    member sex F born 1950-03-02 enrolled 2024-01-01..\n"
        "    condition 2025-01-01.. ICD10CM:Z90.10 " +
        condition + "\n    expect population, " + expect + "\n  }\n}\n");
    REQUIRE(results.size() == 1);
    return results[0];
  };
  const interp::TestResult right = run("site SNOMEDCT:24028007", "numerator");
  INFO(right.failure);
  CHECK(right.passed);
  const interp::TestResult among = run("SNOMEDCT:24028007", "numerator");
  REQUIRE_FALSE(among.passed);
  REQUIRE(among.nearMisses.size() == 1);
  CHECK(among.nearMisses[0].find("it has no body site") != std::string::npos);
  const interp::TestResult left = run("site SNOMEDCT:7771000", "numerator");
  REQUIRE_FALSE(left.passed);
  REQUIRE(left.nearMisses.size() == 1);
  CHECK(left.nearMisses[0].find("site SNOMEDCT:7771000 — its body site is another") !=
        std::string::npos);
}

namespace {

// A measure of 2025 whose `items` (a numerator, a count status) read the
// Hospice code set, and one test block of one member with `order`.
interp::TestResult runOrderTest(const std::string& items, const std::string& order,
                                const char* expect) {
  const auto results = testing::runTestBlocks(
      "measure T \"Test\" {\n  period 2025\n"
      "  codeset Hospice = SNOMEDCT{385763009}\n"
      "  population true\n" +
      items +
      "  test \"an order\" {\n"
      "    member sex F born 1950-03-02 enrolled 2024-01-01..\n"
      "    " +
      order + "\n    expect population, " + expect + "\n  }\n}\n");
  REQUIRE(results.size() == 1);
  return results[0];
}

}  // namespace

TEST_CASE("orders: an order event kind with its statuses and dates") {
  auto run = [](const std::string& order, const char* expect) {
    return runOrderTest(
        "  count status active, completed\n"
        "  numerator exists order as o with Hospice during MP where o.date >= MP.start\n",
        order, expect);
  };
  const interp::TestResult active =
      run("order 2025-03-01 SNOMEDCT:385763009 status active", "numerator");
  INFO(active.failure);
  CHECK(active.passed);
  // doNotPerform: not-done does not count; nor does an order before the period.
  const interp::TestResult notDone =
      run("order 2025-03-01 SNOMEDCT:385763009 status \"not-done\"", "numerator");
  REQUIRE_FALSE(notDone.passed);
  REQUIRE(notDone.nearMisses.size() == 1);
  CHECK(notDone.nearMisses[0].find("order  2025-03-01  SNOMEDCT:385763009 status not-done — its "
                                   "status does not count") != std::string::npos);
  const interp::TestResult before =
      run("order 2024-12-31 SNOMEDCT:385763009 status active", "not numerator");
  INFO(before.failure);
  CHECK(before.passed);
}

TEST_CASE("orders: with intent; a near miss names another intent; the default is not shown") {
  auto run = [](const std::string& order, const char* expect) {
    return runOrderTest(
        "  numerator exists order with Hospice with intent REQINTENT{order} during MP\n", order,
        expect);
  };
  const interp::TestResult plain = run("order 2025-03-01 SNOMEDCT:385763009", "numerator");
  INFO(plain.failure);
  CHECK(plain.passed);
  const interp::TestResult plan =
      run("order 2025-03-01 SNOMEDCT:385763009 intent REQINTENT:plan", "numerator");
  REQUIRE_FALSE(plan.passed);
  REQUIRE(plan.nearMisses.size() == 1);
  CHECK(plan.nearMisses[0].find("order  2025-03-01  SNOMEDCT:385763009 intent REQINTENT:plan — "
                                "its intent is another") != std::string::npos);
  // The near miss of an order without a stated intent above (not-done) shows
  // no intent: the default `order` is not printed.
}

TEST_CASE("with any SLOT: the field holds a code, whatever it is") {
  auto run = [](const std::string& events, const char* expect) {
    const auto results = testing::runTestBlocks(
        "measure T \"Test\" {\n  period 2025\n"
        "  population true\n"
        "  numerator exists visit with any discharge during MP\n"
        "            and exists condition with any site during MP\n"
        "            and exists visit with any principal during MP\n"
        "  test \"fields\" {\n"
        "    member sex F born 1950-03-02 enrolled 2024-01-01..\n" +
        events + "    expect population, " + expect + "\n  }\n}\n");
    REQUIRE(results.size() == 1);
    return results[0];
  };
  const interp::TestResult all =
      run("    visit 2025-02-01 CPT:99213 ICD10CM:E11.9 discharge UBDISCH:01\n"
          "    condition 2025-02-01 ICD10CM:Z90.10 site SNOMEDCT:7771000\n",
          "numerator");
  INFO(all.failure);
  CHECK(all.passed);
  const interp::TestResult none =
      run("    visit 2025-02-01 CPT:99213 ICD10CM:E11.9\n"
          "    condition 2025-02-01 ICD10CM:Z90.10 site SNOMEDCT:7771000\n",
          "not numerator");
  INFO(none.failure);
  CHECK(none.passed);
  const interp::TestResult noPrincipal =
      run("    visit 2025-02-01 CPT:99213 discharge UBDISCH:01\n"
          "    condition 2025-02-01 ICD10CM:Z90.10 site SNOMEDCT:7771000\n",
          "not numerator");
  INFO(noPrincipal.failure);
  CHECK(noPrincipal.passed);
}
