// Bad FHIR never crashes: an error naming the file, or a counted skip
// naming the file and the JSON path.
#include <catch2/catch.hpp>

#include "ImportFixture.h"

using namespace mc::import::fhir;
using namespace mc::import::fhir::test;

namespace {
bool hasProblem(const FhirImport& fhir, const std::string& file, const std::string& path,
                const std::string& part) {
  for (const ImportProblem& p : fhir.report().problems()) {
    if (p.file == file && p.path == path && p.message.find(part) != std::string::npos) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("truncated JSON is an error naming the file", "[import][fhir]") {
  FhirImport fhir;
  fhir.addText("case-12/Observation-3.json", R"({"resourceType": "Observation", "id": "o)");
  REQUIRE(fhir.errors().size() == 1);
  CHECK(fhir.errors()[0].code == "E0802");
  CHECK(fhir.errors()[0].format().rfind(
            "case-12/Observation-3.json: error E0802: $: not valid JSON", 0) == 0);
}

TEST_CASE("a resource without a subject is a counted skip with its place", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Observation", "id": "o", "status": "final",
    "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4"}]},
    "effectiveDateTime": "2025-01-01"})"});
  CHECK(fhir.errors().empty());
  CHECK(lines(fhir, DataTable::Observations).empty());
  CHECK(skipped(fhir, "Observation", "no subject") == 1);
  CHECK(hasProblem(fhir, "case/r1.json", "$.subject", "no subject"));
}

TEST_CASE("a date without a day, or without a year, is a counted skip", "[import][fhir]") {
  FhirImport fhir;
  const char* head = R"({"resourceType": "Observation", "status": "final",
    "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4"}]},
    "subject": {"reference": "Patient/p1"},)";
  importTexts(fhir, {kPatient, std::string(head) + R"("id": "a", "effectiveDateTime": "2025"})",
                     std::string(head) + R"("id": "b", "effectiveDateTime": "--03-04"})",
                     std::string(head) + R"("id": "c"})"});
  CHECK(lines(fhir, DataTable::Observations).empty());
  CHECK(skipped(fhir, "Observation", "partial date (no day)") == 1);
  CHECK(skipped(fhir, "Observation", "bad date") == 1);
  CHECK(skipped(fhir, "Observation", "no date") == 1);
  CHECK(hasProblem(fhir, "case/r1.json", "$.effectiveDateTime", "'2025'"));
  CHECK(hasProblem(fhir, "case/r2.json", "$.effectiveDateTime", "'--03-04'"));
}

TEST_CASE("unknown and unmapped resource types are counted apart", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Frobnicate", "id": "f"})",
                     R"({"resourceType": "MeasureReport", "id": "m"})", R"([1, 2, 3])"});
  CHECK(skipped(fhir, "Frobnicate", "unknown resource type") == 1);
  CHECK(hasProblem(fhir, "case/r1.json", "$.resourceType", "'Frobnicate'"));
  CHECK(skipped(fhir, "MeasureReport", "resource type not mapped (no DATA.md file holds it)") == 1);
  CHECK(skipped(fhir, "(no resourceType)", "no resourceType: not a FHIR resource") == 1);
}

TEST_CASE("events of a patient not in the import are left out and counted", "[import][fhir]") {
  // In another folder than the Patient's: the folder rule does not apply.
  FhirImport fhir;
  fhir.addText("a/patient.json", kPatient);
  fhir.addText("b/immunization.json", R"({"resourceType": "Immunization", "id": "i",
    "status": "completed", "patient": {"reference": "Patient/nobody"},
    "occurrenceDateTime": "2020-01-01",
    "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "08"}]}})");
  fhir.addText("b/condition.json", R"({"resourceType": "Condition", "id": "c",
    "subject": {"reference": "Group/g1"}, "onsetDateTime": "2020-01-01",
    "code": {"coding": [{"system": "http://snomed.info/sct", "code": "44054006"}]}})");
  fhir.finish();
  CHECK(lines(fhir, DataTable::Immunizations).empty());
  CHECK(skipped(fhir, "Immunization", "its Patient is not in the import") == 1);
  CHECK(fhir.report().types().at("Immunization").mapped == 0);
  CHECK(skipped(fhir, "Condition", "subject is not a Patient") == 1);
}

TEST_CASE("a status outside the vocabulary, a code in no known system: counted skips",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Encounter", "id": "e", "status": "paid",
    "subject": {"reference": "Patient/p1"}, "period": {"start": "2025-01-01"},
    "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "185463005"}]}]})",
                     R"({"resourceType": "Procedure", "id": "x", "status": "completed",
    "subject": {"reference": "Patient/p1"}, "performedDateTime": "2025-01-01",
    "code": {"coding": [{"system": "urn:oid:1.2.3", "code": "Z"},
                        {"system": "http://www.ama-assn.org/go/cpt", "code": "7706"}]}})"});
  CHECK(lines(fhir, DataTable::Visits).empty());
  CHECK(skipped(fhir, "Encounter", "status outside the DATA.md vocabulary") == 1);
  CHECK(skipped(fhir, "Procedure", "no code in a DATA.md system") == 1);
  CHECK(fhir.report().unknownSystems().at("urn:oid:1.2.3") == 1);
  CHECK(fhir.report()
            .types()
            .at("Procedure")
            .notes.at("a CPT code of the wrong shape kept in other_codes") == 1);
}

TEST_CASE("a Patient without a usable birth date is skipped, and so are its events",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {R"({"resourceType": "Patient", "id": "p1", "birthDate": "1960"})",
                     R"({"resourceType": "Immunization", "id": "i", "status": "completed",
    "patient": {"reference": "Patient/p1"}, "occurrenceDateTime": "2020-01-01",
    "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "08"}]}})"});
  CHECK(lines(fhir, DataTable::Members).empty());
  CHECK(lines(fhir, DataTable::Enrollment).empty());
  CHECK(skipped(fhir, "Patient", "partial date (no day)") == 1);
  CHECK(skipped(fhir, "Immunization", "its Patient is not in the import") == 1);
}

TEST_CASE("an empty subject reference is no subject; values of the wrong JSON type are skipped",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Observation", "id": "o", "status": "final",
    "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4"}]},
    "subject": {"display": "someone"}, "effectiveDateTime": "2025-01-01"})",
                     R"({"resourceType": "Observation", "id": "o", "status": "final",
    "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4"}]},
    "subject": {"reference": "Patient/p1"}, "effectiveDateTime": 20250101})",
                     R"({"resourceType": "Bundle", "entry": [1, {"resource": []}]})"});
  CHECK(skipped(fhir, "Observation", "no subject") == 1);
  CHECK(hasProblem(fhir, "case/r1.json", "$.subject.reference", "the reference is empty"));
  CHECK(skipped(fhir, "Observation", "no date") == 1);
  CHECK(hasProblem(fhir, "case/r2.json", "$.effectiveDateTime", "not a string"));
  CHECK(skipped(fhir, "Bundle", "an entry without a resource") == 2);
  CHECK(lines(fhir, DataTable::Observations).empty());
}
