// A code set read from a file behaves like one written in the measure: the
// interpreter matches events against its codes, families and ranges.
#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "RunTestBlocks.h"
#include "ScratchDir.h"

using namespace mc;

TEST_CASE("a measure's test blocks match events against code sets read from files") {
  testing::ScratchDir dir("codefile-engine");
  std::ofstream(dir.at("frailty.csv")) << "system,code,display\n"
                                          "ICD10CM,R54.*,age-related debility\n"
                                          "HCPCS,T1000..T1005,home care\n";
  std::ofstream(dir.at("hba1c.json")) << R"({"resourceType": "ValueSet", "expansion": {"contains": [
             {"system": "http://loinc.org", "code": "4548-4"}]}})";
  const std::string member = "    member sex F born 1950-03-02 enrolled 2020-01-01..\n";
  const auto results = testing::runTestBlocks(
      "measure T \"Test\" {\n  period 2022\n"
      "  codeset Frailty = file \"frailty.csv\"\n"
      "  codeset HbA1c = file \"hba1c.json\"\n"
      "  population true\n"
      "  numerator exists visit with Frailty during MP\n"
      "    and exists observation with HbA1c during MP\n"
      "  test \"a family code, a code in a range and a LOINC code\" {\n" +
          member +
          "    visit 2022-05-01 ICD10CM:R54.0\n"
          "    observation 2022-05-01 LOINC:4548-4 value 7\n"
          "    expect population, numerator\n  }\n"
          "  test \"a code in the range\" {\n" +
          member +
          "    visit 2022-05-01 HCPCS:T1003\n"
          "    observation 2022-05-01 LOINC:4548-4 value 7\n"
          "    expect population, numerator\n  }\n"
          "  test \"codes in no file set\" {\n" +
          member +
          "    visit 2022-05-01 ICD10CM:R53.1 HCPCS:T1006\n"
          "    observation 2022-05-01 LOINC:4549-2 value 7\n"
          "    expect population, not numerator\n  }\n}\n",
      dir.at("t.measure"));
  REQUIRE(results.size() == 3);
  for (const interp::TestResult& r : results) {
    INFO(r.failure);
    CHECK(r.passed);
  }
}
