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
        "member_id,date,code,value,unit,provider_id,status,other_codes,fhir_id,end_date,reason,"
        "category,setting\n"
        "p1,2025-01-01,LOINC:72166-2,\"never smoked, \"\"ever\"\"\",,,final,,Observation/o,,,,\n");
  std::filesystem::remove_all(dir);
}

TEST_CASE("import.json counts read, mapped and skipped per type, with reasons", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "CarePlan", "id": "c"})"});
  const std::string json = fhir.report().toJson();
  CHECK(json.find(R"("Patient": {"read": 1, "mapped": 1, "skipped": 0)") != std::string::npos);
  const std::string claim =
      R"x("CarePlan": {"read": 1, "mapped": 0, "skipped": 1, "skipped_why": {"resource type )x"
      R"x(not mapped (no DATA.md file holds it)": 1})x";
  CHECK(json.find(claim) != std::string::npos);
  CHECK(json.find(R"("members.csv": 1)") != std::string::npos);
}

TEST_CASE("streaming: each file's rows of known patients are written and dropped from memory",
          "[import][fhir]") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("mc-import-fhir-stream-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto observation = [](const std::string& id, const std::string& patient) {
    return R"({"resourceType": "Observation", "id": ")" + id + R"(", "status": "final",
      "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4"}]},
      "subject": {"reference": "Patient/)" +
           patient + R"("}, "effectiveDateTime": "2025-01-01", "valueQuantity": {"value": 7}})";
  };
  FhirImport fhir;
  REQUIRE_FALSE(fhir.streamTo(dir));
  fhir.addText("a.json", R"({"resourceType": "Bundle", "type": "collection", "entry": [
    {"resource": {"resourceType": "Patient", "id": "p2", "birthDate": "1970-01-01"}},
    {"resource": )" + observation("o1", "p2") +
                             "}]}");
  // The bundle's rows are on disk, none left in memory.
  CHECK(fhir.tables().rows(DataTable::Observations).empty());
  CHECK(fhir.tables().flushed(DataTable::Observations) == 1);
  // A patient not read yet: the row waits; read later, it is written.
  fhir.addText("b.json", observation("o2", "p1"));
  CHECK(fhir.tables().rows(DataTable::Observations).size() == 1);
  fhir.addText("c.json", kPatient);
  CHECK(fhir.tables().rows(DataTable::Observations).empty());
  // A patient never read: left out at the end, counted.
  fhir.addText("d.json", observation("o3", "p9"));
  fhir.finish();
  REQUIRE_FALSE(fhir.tables().write(dir));
  CHECK(readFile(dir / "observations.csv") ==
        "member_id,date,code,value,unit,provider_id,status,other_codes,fhir_id,end_date,reason,"
        "category,setting\n"
        "p2,2025-01-01,LOINC:4548-4,7,,,final,,Observation/o1,,,,\n"
        "p1,2025-01-01,LOINC:4548-4,7,,,final,,Observation/o2,,,,\n");
  CHECK(readFile(dir / "members.csv") ==
        "member_id,birth_date,sex,race,ethnicity,language,county,death_date\n"
        "p2,1970-01-01,U,,,,,\n"
        "p1,1960-05-01,F,,,,,\n");
  CHECK(skipped(fhir, "Observation", "its Patient is not in the import") == 1);
  CHECK(fhir.report().rows.at("observations.csv") == 2);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the import's headers are the shared layout's, plus its own columns on event files",
          "[import][fhir]") {
  for (int t = 0; t < mc::kDataFileCount; ++t) {
    const auto file = static_cast<mc::DataFile>(t);
    const std::string shared = mc::layoutOf(file).header;
    const std::string expected =
        mc::isCodedEventFile(file) ? shared + ",other_codes,fhir_id" : shared;
    CHECK(kDataTables[t].header.substr(0, expected.size()) == expected);
  }
  // The optional columns only FHIR fills, after the import's two.
  CHECK(kDataTables[static_cast<int>(DataTable::Conditions)].header ==
        "member_id,onset_date,abatement_date,codes,provider_id,status,other_codes,fhir_id,"
        "body_site,category");
  CHECK(kDataTables[static_cast<int>(DataTable::Visits)].header ==
        std::string(mc::layoutOf(mc::DataFile::Visits).header) + ",other_codes,fhir_id,body_site");
  CHECK(kDataTables[static_cast<int>(DataTable::Observations)].header ==
        std::string(mc::layoutOf(mc::DataFile::Observations).header) +
            ",other_codes,fhir_id,end_date,reason,category,setting");
  CHECK(kDataTables[static_cast<int>(DataTable::Orders)].header ==
        std::string("member_id,date,codes,provider_id,status,other_codes,fhir_id,end_date,intent"));
  CHECK(kDataTables[static_cast<int>(DataTable::Immunizations)].header ==
        std::string(mc::layoutOf(mc::DataFile::Immunizations).header) + ",other_codes,fhir_id");
}
