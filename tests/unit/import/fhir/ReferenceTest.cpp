// References the mapping follows: a medicationReference to its Medication,
// and the providers (Practitioner, Organization) events name.
#include <catch2/catch.hpp>

#include "ImportFixture.h"

using namespace mc::import::fhir;
using namespace mc::import::fhir::test;

namespace {

const char* kRxNormMedication = R"({"resourceType": "Medication", "id": "m1",
  "code": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "197361"}]}})";

std::string request(const std::string& id, const std::string& medication) {
  return R"({"resourceType": "MedicationRequest", "id": ")" + id +
         R"(", "status": "completed", "intent": "order", "subject": {"reference": "Patient/p1"},
    "authoredOn": "2025-02-01", )" +
         medication + "}";
}

std::string bundle(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out = R"({"resourceType": "Bundle", "type": "transaction", "entry": [)";
  bool first = true;
  for (const auto& [fullUrl, resource] : entries) {
    out += (first ? "" : ",") + std::string(R"({"fullUrl": ")") + fullUrl + R"(", "resource": )" +
           resource + "}";
    first = false;
  }
  return out + "]}";
}

}  // namespace

TEST_CASE("medicationReference: a contained Medication gives the code", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, request("r1", R"("medicationReference": {"reference": "#med"},
    "contained": [{"resourceType": "Medication", "id": "med", "code": {"coding": [
      {"system": "http://hl7.org/fhir/sid/ndc", "code": "00002322730"}]}}])")});
  CHECK(lines(fhir, DataTable::Orders) ==
        std::vector<std::string>{
            "p1,2025-02-01,NDC:00002322730,,completed,,MedicationRequest/r1,unknown,order"});
  CHECK(fhir.report()
            .types()
            .at("MedicationRequest")
            .notes.at("medication from a contained Medication") == 1);
}

TEST_CASE("medicationReference: a Medication entry of the bundle, before or after",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {bundle({{"urn:uuid:p1", kPatient},
                             {"urn:uuid:r1", request("r1", R"("medicationReference":
                                {"reference": "urn:uuid:m1"})")},
                             {"urn:uuid:m1", kRxNormMedication},
                             {"urn:uuid:r2", request("r2", R"("medicationReference":
                                {"reference": "Medication/m1"})")}})});
  CHECK(lines(fhir, DataTable::Orders) ==
        std::vector<std::string>{
            "p1,2025-02-01,RXNORM:197361,,completed,,MedicationRequest/r1,unknown,order",
            "p1,2025-02-01,RXNORM:197361,,completed,,MedicationRequest/r2,unknown,order"});
  CHECK(fhir.report().types().at("Medication").mapped == 1);
}

TEST_CASE("medicationReference: a Medication read earlier in the import; unresolved: a skip",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, kRxNormMedication, request("r1", R"("medicationReference":
                       {"reference": "http://example.org/fhir/Medication/m1"})"),
                     request("r2", R"("medicationReference": {"reference": "Medication/m2"})"),
                     request("r3", R"("medicationReference": {"reference": "#absent"})")});
  CHECK(lines(fhir, DataTable::Orders) ==
        std::vector<std::string>{
            "p1,2025-02-01,RXNORM:197361,,completed,,MedicationRequest/r1,unknown,order"});
  CHECK(skipped(fhir, "MedicationRequest", "medicationReference not resolved") == 2);
  const auto& problems = fhir.report().problems();
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].file == "case/r4.json");
  CHECK(problems[0].path == "$.medicationReference.reference");
  CHECK(problems[0].message.find("'#absent'") != std::string::npos);
  // Looked for again at the end (a later file might have held it).
  CHECK(problems[1].file == "case/r3.json");
  CHECK(problems[1].message.find("'Medication/m2'") != std::string::npos);
}

TEST_CASE("medicationReference: a loose file's Medication read later in the import",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir,
              {kPatient, request("r1", R"("medicationReference": {"reference": "Medication/m1"})"),
               kRxNormMedication});
  CHECK(lines(fhir, DataTable::Orders) ==
        std::vector<std::string>{
            "p1,2025-02-01,RXNORM:197361,,completed,,MedicationRequest/r1,unknown,order"});
  const TypeCounts& requests = fhir.report().types().at("MedicationRequest");
  CHECK(requests.read == 1);
  CHECK(requests.mapped == 1);
  CHECK(requests.notes.at("medication from a Medication read later in the import") == 1);
}

TEST_CASE("Practitioner and Organization: providers.csv, kind by type, each id once",
          "[import][fhir]") {
  FhirImport fhir;
  const char* practitioner = R"({"resourceType": "Practitioner", "id": "dr1",
    "name": [{"family": "Hilpert", "given": ["Sharyl", "A"], "prefix": ["Dr."]}]})";
  importTexts(fhir, {kPatient, practitioner, practitioner,
                     R"({"resourceType": "Organization", "id": "o1", "name": "North Shore Clinic",
    "type": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/organization-type",
                          "code": "prov"}]}]})",
                     R"({"resourceType": "Organization", "id": "o2", "name": "General",
    "type": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
                          "code": "HOSP"}]}]})",
                     R"({"resourceType": "Organization", "id": "o3", "name": "Acme Insurance",
    "type": [{"coding": [{"code": "ins"}]}]})"});
  CHECK(lines(fhir, DataTable::Providers) ==
        std::vector<std::string>{"dr1,pcp,Sharyl A Hilpert,,", "o1,other,North Shore Clinic,,",
                                 "o2,hospital,General,,"});
  CHECK(skipped(fhir, "Practitioner", "a provider already read (same id): the first is kept") == 1);
  CHECK(skipped(fhir, "Organization", "a payer or insurer (type pay or ins): not a provider") == 1);
  // Providers are nobody's rows: not left out as rows of a missing Patient.
  CHECK(skipped(fhir, "Practitioner", "its Patient is not in the import") == 0);
}

TEST_CASE("provider_id from participant, serviceProvider, performer and requester",
          "[import][fhir]") {
  FhirImport fhir;
  const std::string subject = R"("subject": {"reference": "urn:uuid:p1"}, "status": "finished",
    "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "185349003"}]}],
    "period": {"start": "2025-01-02"})";
  importTexts(
      fhir,
      {bundle(
           {{"urn:uuid:p1",
             R"({"resourceType": "Patient", "id": "p1", "birthDate": "1960-01-01"})"},
            {"urn:uuid:dr1", R"({"resourceType": "Practitioner", "id": "dr1"})"},
            {"urn:uuid:org1", R"({"resourceType": "Organization", "id": "org1"})"},
            {"urn:uuid:e1", R"({"resourceType": "Encounter", "id": "e1", )" + subject +
                                R"(, "participant": [{"individual": {"reference": "urn:uuid:dr1"}}],
                "serviceProvider": {"reference": "urn:uuid:org1"}})"},
            {"urn:uuid:e2", R"({"resourceType": "Encounter", "id": "e2", )" + subject +
                                R"(, "serviceProvider": {"reference": "urn:uuid:org1"}})"},
            {"urn:uuid:x1", R"({"resourceType": "Procedure", "id": "x1", "status": "completed",
                "subject": {"reference": "urn:uuid:p1"}, "performedDateTime": "2025-01-03",
                "code": {"coding": [{"system": "http://snomed.info/sct", "code": "71651007"}]},
                "performer": [{"actor": {"reference": "Practitioner/dr1"}}]})"},
            {"urn:uuid:i1", R"({"resourceType": "Immunization", "id": "i1", "status": "completed",
                "patient": {"reference": "urn:uuid:p1"}, "occurrenceDateTime": "2025-01-04",
                "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "140"}]},
                "performer": [{"actor": {"reference": "urn:uuid:org1"}}]})"},
            {"urn:uuid:o1", R"({"resourceType": "Observation", "id": "o1", "status": "final",
                "subject": {"reference": "urn:uuid:p1"}, "effectiveDateTime": "2025-01-05",
                "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4"}]},
                "performer": [{"reference": "urn:uuid:p1"}, {"reference": "urn:uuid:dr1"}]})"},
            {"urn:uuid:r1", request("r1", R"("medicationCodeableConcept": {"coding": [
                {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "197361"}]},
                "requester": {"reference": "urn:uuid:dr1"})")}}),
       R"({"resourceType": "MedicationDispense", "id": "d1", "status": "completed",
    "subject": {"reference": "Patient/p1"}, "whenHandedOver": "2025-01-06",
    "medicationCodeableConcept": {"coding": [
      {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "197361"}]},
    "performer": [{"actor": {"reference": "Organization/ph1"}}]})"});
  CHECK(lines(fhir, DataTable::Visits) ==
        std::vector<std::string>{
            "p1,,2025-01-02,,,dr1,SNOMEDCT:185349003,,finished,,Encounter/e1,",
            "p1,,2025-01-02,,,org1,SNOMEDCT:185349003,,finished,,Encounter/e2,",
            "p1,,2025-01-03,,other,dr1,SNOMEDCT:71651007,,completed,,Procedure/x1,"});
  CHECK(lines(fhir, DataTable::Immunizations) ==
        std::vector<std::string>{"p1,2025-01-04,CVX:140,org1,,completed,,Immunization/i1"});
  CHECK(lines(fhir, DataTable::Observations) ==
        std::vector<std::string>{"p1,2025-01-05,LOINC:4548-4,,,dr1,final,,Observation/o1,,,,"});
  CHECK(lines(fhir, DataTable::Orders) ==
        std::vector<std::string>{
            "p1,2025-02-01,RXNORM:197361,dr1,completed,,MedicationRequest/r1,unknown,order"});
  CHECK(
      lines(fhir, DataTable::Pharmacy) ==
      std::vector<std::string>{"p1,,2025-01-06,,197361,0,,,ph1,,completed,,MedicationDispense/d1"});
  CHECK(fhir.report()
            .types()
            .at("Observation")
            .notes.at(
                "performer names a Patient, not a Practitioner or Organization: provider_id left "
                "empty") == 1);
}

TEST_CASE("provider references that name no provider leave provider_id empty, noted",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient,
                     R"({"resourceType": "Organization", "id": "h1", "name": "St Mary",
    "type": [{"text": "Community Hospital"}]})",
                     R"({"resourceType": "Procedure", "id": "x1", "status": "completed",
    "subject": {"reference": "Patient/p1"}, "performedDateTime": "2025-01-03",
    "code": {"coding": [{"system": "http://snomed.info/sct", "code": "71651007"}]},
    "contained": [{"resourceType": "Practitioner", "id": "pr"}],
    "performer": [{"actor": {"reference": "#pr"}}, {"actor": {"reference": "Device/d1"}}]})"});
  CHECK(lines(fhir, DataTable::Providers) == std::vector<std::string>{"h1,hospital,St Mary,,"});
  CHECK(lines(fhir, DataTable::Visits) ==
        std::vector<std::string>{
            "p1,,2025-01-03,,other,,SNOMEDCT:71651007,,completed,,Procedure/x1,"});
  const auto& notes = fhir.report().types().at("Procedure").notes;
  CHECK(notes.at("performer names a contained resource: provider_id left empty") == 1);
  CHECK(notes.at("performer is not a Practitioner or Organization reference: provider_id left "
                 "empty") == 1);
}
