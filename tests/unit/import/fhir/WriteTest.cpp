// The data directory and import.json as written.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ImportFixture.h"

using namespace mc::import::fhir;
using namespace mc::import::fhir::test;

namespace {
std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("every data file is written with its header; text is CSV-quoted", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Observation", "id": "o", "status": "final",
    "code": {"coding": [{"system": "http://loinc.org", "code": "72166-2"}]},
    "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2025-01-01",
    "valueString": "never smoked, \"ever\""})"});
  const auto dir =
      std::filesystem::temp_directory_path() / ("mc-import-fhir-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  REQUIRE_FALSE(fhir.tables().write(dir));
  for (const DataTableLayout& layout : kDataTables) {
    const std::string text = readFile(dir / layout.name);
    CHECK(text.rfind(std::string(layout.header) + "\n", 0) == 0);
  }
  CHECK(readFile(dir / "observations.csv") ==
        "member_id,date,code,value,unit,provider_id,status,other_codes,fhir_id,reason\n"
        "p1,2025-01-01,LOINC:72166-2,\"never smoked, \"\"ever\"\"\",,,final,,Observation/o,\n");
  std::filesystem::remove_all(dir);
}

TEST_CASE("import.json counts read, mapped and skipped per type, with reasons", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Claim", "id": "c"})"});
  const std::string json = fhir.report().toJson();
  CHECK(json.find(R"("Patient": {"read": 1, "mapped": 1, "skipped": 0)") != std::string::npos);
  const std::string claim =
      R"x("Claim": {"read": 1, "mapped": 0, "skipped": 1, "skipped_why": {"resource type )x"
      R"x(not mapped (no DATA.md file holds it)": 1})x";
  CHECK(json.find(claim) != std::string::npos);
  CHECK(json.find(R"("members.csv": 1)") != std::string::npos);
}
