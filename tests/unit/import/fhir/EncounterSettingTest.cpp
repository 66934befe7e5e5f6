// Observation.encounter: an observation's setting is the class of the
// encounter it was taken in (observations.csv `setting`, docs/data.md),
// whether the Encounter comes before or after it, loose or in a bundle.
#include <catch2/catch.hpp>

#include "ImportFixture.h"

using namespace mc::import::fhir;
using namespace mc::import::fhir::test;

namespace {

std::string encounter(const std::string& id, const std::string& cls,
                      const std::string& patient = "p1") {
  return R"({"resourceType": "Encounter", "id": ")" + id +
         R"(", "status": "finished", "class": {"system":
    "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": ")" +
         cls + R"("}, "subject": {"reference": "Patient/)" + patient + R"("},
    "period": {"start": "2025-06-01T08:00:00Z"},
    "type": [{"coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": "99213"}]}]})";
}

// A blood pressure (the panel and its two readings) taken in `reference`.
std::string bloodPressure(const std::string& id, const std::string& reference) {
  return R"({"resourceType": "Observation", "id": ")" + id + R"(", "status": "final",
    "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]},
    "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2025-06-01T12:00:00Z",
    "encounter": {"reference": ")" +
         reference + R"("},
    "component": [
      {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
       "valueQuantity": {"value": 128, "code": "mm[Hg]"}},
      {"code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]},
       "valueQuantity": {"value": 82, "code": "mm[Hg]"}}]})";
}

// The observations rows of bloodPressure(id) with `setting`.
std::vector<std::string> readings(const std::string& id, const std::string& setting) {
  return {
      "p1,2025-06-01T12:00:00,LOINC:85354-9,,,,final,,Observation/" + id + ",,,," + setting,
      "p1,2025-06-01T12:00:00,LOINC:8480-6,128,mm[Hg],,final,,Observation/" + id + ",,,," + setting,
      "p1,2025-06-01T12:00:00,LOINC:8462-4,82,mm[Hg],,final,,Observation/" + id + ",,,," + setting};
}

std::string bundle(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out = R"({"resourceType": "Bundle", "type": "collection", "entry": [)";
  bool first = true;
  for (const auto& [fullUrl, resource] : entries) {
    out += (first ? "" : ",") + std::string(R"({"fullUrl": ")") + fullUrl + R"(", "resource": )" +
           resource + "}";
    first = false;
  }
  return out + "]}";
}

}  // namespace

TEST_CASE("Observation.encounter: an Encounter read before gives the setting to every row",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, encounter("e1", "EMER"), bloodPressure("bp", "Encounter/e1")});
  CHECK(lines(fhir, DataTable::Observations) == readings("bp", "ed"));
  CHECK(
      fhir.report().types().at("Observation").notes.at("setting from the class of its Encounter") ==
      1);
}

TEST_CASE("Observation.encounter: a loose Encounter read after the Observation", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, bloodPressure("bp", "http://example.org/fhir/Encounter/e2"),
                     encounter("e2", "NONAC")});
  CHECK(lines(fhir, DataTable::Observations) == readings("bp", "nonacute"));
  const TypeCounts& observations = fhir.report().types().at("Observation");
  CHECK(observations.read == 1);
  CHECK(observations.mapped == 1);
  CHECK(observations.notes.at("component written as a row of its own") == 2);
}

TEST_CASE("Observation.encounter: an Encounter entry of the bundle, before or after",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {bundle({{"urn:uuid:p1", kPatient},
                             {"urn:uuid:bp1", bloodPressure("bp1", "urn:uuid:e-ss")},
                             {"urn:uuid:e-ss", encounter("e-ss", "SS")},
                             {"urn:uuid:e-pre", encounter("e-pre", "PRENC")},
                             {"urn:uuid:bp2", bloodPressure("bp2", "Encounter/e-pre")}})});
  std::vector<std::string> expected = readings("bp1", "shortstay");
  for (const std::string& row : readings("bp2", "preadmission")) expected.push_back(row);
  CHECK(lines(fhir, DataTable::Observations) == expected);
}

TEST_CASE("Observation.encounter: unresolved, or another patient's, is noted; setting empty",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Patient", "id": "p2", "gender": "male",
    "birthDate": "1970-01-01"})",
                     encounter("e3", "IMP", "p2"), bloodPressure("bp1", "Encounter/absent"),
                     bloodPressure("bp2", "Encounter/e3")});
  // bp1 waited for the end of the import (a later file might have held its
  // Encounter): its rows come last.
  std::vector<std::string> expected = readings("bp2", "");
  for (const std::string& row : readings("bp1", "")) expected.push_back(row);
  CHECK(lines(fhir, DataTable::Observations) == expected);
  const TypeCounts& observations = fhir.report().types().at("Observation");
  CHECK(observations.mapped == 2);
  CHECK(observations.notes.at(
            "encounter not resolved (no such Encounter in the import): setting left empty") == 1);
  CHECK(observations.notes.at("encounter of another patient: setting left empty") == 1);
}

TEST_CASE("Observation without an encounter: no setting, nothing noted", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Observation", "id": "o", "status": "final",
    "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4"}]},
    "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2025-05-05"})"});
  CHECK(lines(fhir, DataTable::Observations) ==
        std::vector<std::string>{"p1,2025-05-05,LOINC:4548-4,,,,final,,Observation/o,,,,"});
  CHECK(fhir.report().types().at("Observation").notes.empty());
}
