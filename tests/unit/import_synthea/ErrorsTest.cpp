// Bad Synthea input stops the import with file:line:column and a code, and
// nothing is returned: no half-made data directory.
#include <catch2/catch.hpp>

#include "SyntheaExport.h"

using namespace mc::import::synthea;
using mc::import::synthea::test::tinyExport;

namespace {

SyntheaError importError(std::map<std::string, std::string> texts) {
  SyntheaImport imported;
  const auto error = importSynthea(SyntheaInput{{}, std::move(texts)}, imported);
  REQUIRE(error);
  CHECK(imported.files.empty());
  return *error;
}

}  // namespace

TEST_CASE("a missing Synthea file is E0810, named") {
  auto texts = tinyExport();
  texts.erase("medications.csv");
  const SyntheaError e = importError(texts);
  CHECK(e.code == "E0810");
  CHECK(e.format().rfind("medications.csv: error E0810: Synthea file missing", 0) == 0);
}

TEST_CASE("the optional payers and organizations files may be absent") {
  auto texts = tinyExport();
  texts.erase("payers.csv");
  texts.erase("organizations.csv");
  SyntheaImport imported;
  REQUIRE_FALSE(importSynthea(SyntheaInput{{}, texts}, imported));
  // Without payers.csv a span's product is the payer id.
  CHECK(imported.files[1].text.find(",P-MCD,") != std::string::npos);
}

TEST_CASE("a missing column is E0811 on the header line") {
  auto texts = tinyExport();
  texts["encounters.csv"] = "Id,START,STOP,PATIENT,PROVIDER,CODE,REASONCODE\n";
  const SyntheaError e = importError(texts);
  CHECK(e.code == "E0811");
  CHECK(e.line == 1);
  CHECK(e.message == "missing column 'ENCOUNTERCLASS'");
}

TEST_CASE("a bad date is E0812 with its line and column") {
  auto texts = tinyExport();
  texts["patients.csv"] += "PAT2,1950-02-30,,white,nonhispanic,M,X\n";
  const SyntheaError e = importError(texts);
  CHECK(e.code == "E0812");
  CHECK(e.format().rfind("patients.csv:3:6: error E0812: column 'BIRTHDATE': '1950-02-30' is "
                         "not a date",
                         0) == 0);
}

TEST_CASE("a timestamp with junk after the date is a bad date") {
  auto texts = tinyExport();
  texts["immunizations.csv"] = "DATE,PATIENT,ENCOUNTER,CODE\n2022-05-01X,PAT1,E1,140\n";
  const SyntheaError e = importError(texts);
  CHECK(e.code == "E0812");
  CHECK(e.line == 2);
  CHECK(e.column == 1);
}

TEST_CASE("a timestamp whose time is no time is a bad date") {
  auto texts = tinyExport();
  texts["immunizations.csv"] = "DATE,PATIENT,ENCOUNTER,CODE\n2022-05-01T25:00:00Z,PAT1,E1,140\n";
  const SyntheaError e = importError(texts);
  CHECK(e.code == "E0812");
  CHECK(e.line == 2);
}

TEST_CASE("an empty START is an error, not an open date") {
  auto texts = tinyExport();
  texts["conditions.csv"] = "START,STOP,PATIENT,ENCOUNTER,CODE\n,,PAT1,E2,44054006\n";
  CHECK(importError(texts).code == "E0812");
}

TEST_CASE("a DISPENSES that is no count is E0814") {
  auto texts = tinyExport();
  texts["medications.csv"] =
      "START,STOP,PATIENT,ENCOUNTER,CODE,DISPENSES\n2022-05-01,,PAT1,E1,860975,-2\n";
  const SyntheaError e = importError(texts);
  CHECK(e.code == "E0814");
  CHECK(e.column == 28);  // the -2
}

TEST_CASE("an unterminated quote is E0813") {
  auto texts = tinyExport();
  texts["observations.csv"] += "2022-05-01,PAT1,E1,survey,72166-2,\"Tobacco,Never,,text\n";
  CHECK(importError(texts).code == "E0813");
}

TEST_CASE("rows of an unknown patient are skipped and counted, not dropped silently") {
  auto texts = tinyExport();
  texts["immunizations.csv"] += "2022-05-01,GHOST,E1,140,Flu\n";
  SyntheaImport imported;
  REQUIRE_FALSE(importSynthea(SyntheaInput{{}, texts}, imported));
  const FileReport* f = imported.report.find("immunizations.csv");
  CHECK(f->read == 2);
  CHECK(f->mapped == 1);
  CHECK(f->skipped.at("PATIENT absent from patients.csv") == 1);
  CHECK(imported.report.json().find("\"file\": \"immunizations.csv\", \"read\": 2, \"mapped\": 1, "
                                    "\"skipped\": 1") != std::string::npos);
}
