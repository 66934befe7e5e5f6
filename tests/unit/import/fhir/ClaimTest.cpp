// Claim and ExplanationOfBenefit: what they bill that no other resource of
// the import carries becomes visits rows; the rest is a counted skip.
#include <catch2/catch.hpp>

#include "ImportFixture.h"

using namespace mc::import::fhir;
using namespace mc::import::fhir::test;

namespace {

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

const char* kBundlePatient =
    R"({"resourceType": "Patient", "id": "p1", "gender": "female", "birthDate": "1960-05-01"})";

// As Synthea writes them: the Claim's first item bills the Encounter (here
// with a CPT code the Encounter lacks), the second its Procedure by
// sequence; the ExplanationOfBenefit explains the Claim.
const char* kEncounter = R"({"resourceType": "Encounter", "id": "e1", "status": "finished",
  "class": {"code": "AMB"}, "subject": {"reference": "urn:uuid:p1"},
  "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "185349003"}]}],
  "period": {"start": "2025-03-01T10:00:00Z", "end": "2025-03-01T10:30:00Z"}})";
const char* kProcedure = R"({"resourceType": "Procedure", "id": "x1", "status": "completed",
  "subject": {"reference": "urn:uuid:p1"}, "performedDateTime": "2025-03-01",
  "code": {"coding": [{"system": "http://snomed.info/sct", "code": "71651007"}]}})";
const char* kClaim = R"({"resourceType": "Claim", "id": "c1", "status": "active",
  "patient": {"reference": "urn:uuid:p1"}, "billablePeriod": {"start": "2025-03-01"},
  "procedure": [{"sequence": 1, "procedureReference": {"reference": "urn:uuid:x1"}}],
  "item": [
    {"sequence": 1, "encounter": [{"reference": "urn:uuid:e1"}], "productOrService": {"coding": [
      {"system": "http://snomed.info/sct", "code": "185349003"},
      {"system": "http://www.ama-assn.org/go/cpt", "code": "99396"}]}},
    {"sequence": 2, "procedureSequence": [1], "productOrService": {"coding": [
      {"system": "http://snomed.info/sct", "code": "71651007"}]}}]})";
const char* kExplanation = R"({"resourceType": "ExplanationOfBenefit", "id": "eob1",
  "status": "active", "patient": {"reference": "urn:uuid:p1"}, "claim": {"reference": "urn:uuid:c1"},
  "item": [{"sequence": 1, "encounter": [{"reference": "urn:uuid:e1"}], "productOrService": {
    "coding": [{"system": "http://snomed.info/sct", "code": "185349003"}]}}]})";

}  // namespace

TEST_CASE("Claim of a bundle: its Encounter's row gets the billed codes, no second visit",
          "[import][fhir]") {
  FhirImport fhir;
  // The Claim comes after the Encounter as in Synthea, the EOB before both.
  importTexts(fhir, {bundle({{"urn:uuid:p1", kBundlePatient},
                             {"urn:uuid:eob1", kExplanation},
                             {"urn:uuid:e1", kEncounter},
                             {"urn:uuid:x1", kProcedure},
                             {"urn:uuid:c1", kClaim}})});
  CHECK(lines(fhir, DataTable::Visits) ==
        std::vector<std::string>{
            "p1,,2025-03-01T10:00:00,2025-03-01T10:30:00,outpatient,,SNOMEDCT:185349003 CPT:99396,,"
            "finished,,Encounter/e1,",
            "p1,,2025-03-01,,other,,SNOMEDCT:71651007,,completed,,Procedure/x1,"});
  CHECK(skipped(fhir, "Claim",
                "billed encounter already mapped (its items bill the Encounter, Procedures, "
                "Conditions or Immunizations of its bundle)") == 1);
  CHECK(skipped(fhir, "ExplanationOfBenefit",
                "explains a Claim of its bundle (mapped or counted there)") == 1);
  CHECK(fhir.report()
            .types()
            .at("Encounter")
            .notes.at("codes of the claim items billing it added to its row") == 1);
}

TEST_CASE("A pharmacy Claim of a MedicationRequest of its bundle is its fill", "[import][fhir]") {
  // Synthea: the claim bills the encounter's code and names the request;
  // the request (an order) gives the drug, supply and prescriber, the claim
  // the day, the pharmacy and the status (active: completed).
  FhirImport fhir;
  importTexts(fhir,
              {bundle({{"urn:uuid:p1", kBundlePatient},
                       {"urn:uuid:r1", R"({"resourceType": "MedicationRequest", "id": "r1",
                  "status": "completed", "intent": "order", "subject": {"reference": "urn:uuid:p1"},
                  "authoredOn": "2025-02-01", "requester": {"reference": "Practitioner/dr1"},
                  "dispenseRequest": {"expectedSupplyDuration": {"value": 30, "code": "d"},
                                      "quantity": {"value": 60}},
                  "medicationCodeableConcept": {"coding": [
                  {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "197361"}]}})"},
                       {"urn:uuid:c2", R"({"resourceType": "Claim", "id": "c2", "status": "active",
                  "patient": {"reference": "urn:uuid:p1"}, "prescription": {"reference":
                  "urn:uuid:r1"}, "provider": {"reference": "Organization/ph1"},
                  "billablePeriod": {"start": "2025-02-02T10:00:00Z"},
                  "item": [{"sequence": 1, "productOrService": {"coding": [
                  {"system": "http://snomed.info/sct", "code": "185349003"}]}}]})"},
                       {"urn:uuid:c3", R"({"resourceType": "Claim", "id": "c3", "status": "active",
                  "patient": {"reference": "urn:uuid:p1"}, "prescription": {"reference":
                  "urn:uuid:r1"}, "item": [{"sequence": 1, "servicedDate": "2025-03-04",
                  "quantity": {"value": 30}, "productOrService": {"coding": [
                  {"system": "http://snomed.info/sct", "code": "185349003"}]}}]})"}})});
  CHECK(lines(fhir, DataTable::Visits).empty());
  CHECK(lines(fhir, DataTable::Orders) ==
        std::vector<std::string>{
            "p1,2025-02-01,RXNORM:197361,dr1,completed,,MedicationRequest/r1,2025-03-02,order"});
  CHECK(lines(fhir, DataTable::Pharmacy) ==
        std::vector<std::string>{"p1,c2,2025-02-02,,197361,30,60,,ph1,dr1,,,Claim/c2",
                                 "p1,c3,2025-03-04,,197361,30,30,,,dr1,,,Claim/c3"});
  const TypeCounts& claims = fhir.report().types().at("Claim");
  CHECK(claims.mapped == 2);
  CHECK(claims.notes.at("a pharmacy claim of a MedicationRequest: written as its fill") == 2);
}

TEST_CASE("A pharmacy Claim without a date, or whose request has no drug code, is a counted skip",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir,
              {bundle({{"urn:uuid:p1", kBundlePatient},
                       {"urn:uuid:r1", R"({"resourceType": "MedicationRequest", "id": "r1",
                  "status": "active", "intent": "order", "subject": {"reference": "urn:uuid:p1"},
                  "authoredOn": "2025-02-01", "medicationCodeableConcept": {"coding": [
                  {"system": "http://snomed.info/sct", "code": "387458008"}]}})"},
                       {"urn:uuid:r2", R"({"resourceType": "MedicationRequest", "id": "r2",
                  "status": "active", "intent": "order", "subject": {"reference": "urn:uuid:p1"},
                  "authoredOn": "2025-02-01", "medicationCodeableConcept": {"coding": [
                  {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "197361"}]}})"},
                       {"urn:uuid:c1", R"({"resourceType": "Claim", "id": "c1", "status": "active",
                  "patient": {"reference": "urn:uuid:p1"}, "prescription": {"reference":
                  "urn:uuid:r1"}, "billablePeriod": {"start": "2025-02-02"}, "item": [{"sequence": 1,
                  "productOrService": {"coding": [{"system": "http://snomed.info/sct",
                  "code": "185349003"}]}}]})"},
                       {"urn:uuid:c2", R"({"resourceType": "Claim", "id": "c2", "status": "active",
                  "patient": {"reference": "urn:uuid:p1"}, "prescription": {"reference":
                  "urn:uuid:r2"}, "item": [{"sequence": 1, "productOrService": {"coding": [
                  {"system": "http://snomed.info/sct", "code": "185349003"}]}}]})"}})});
  CHECK(lines(fhir, DataTable::Pharmacy).empty());
  CHECK(skipped(fhir, "Claim", "no RxNorm or NDC code") == 1);
  CHECK(skipped(fhir, "Claim", "no date") == 1);
}

TEST_CASE("An ExplanationOfBenefit of a claims extract: a claim line per coded item",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "ExplanationOfBenefit", "id": "eob7",
    "status": "active", "patient": {"reference": "Patient/p1"},
    "claim": {"reference": "Claim/CLM-7"}, "provider": {"reference": "Practitioner/dr1"},
    "billablePeriod": {"start": "2025-04-01", "end": "2025-04-03"},
    "diagnosis": [{"sequence": 1, "diagnosisCodeableConcept": {"coding": [
      {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "Z12.31"}]}}],
    "item": [
      {"sequence": 1, "servicedDate": "2025-04-02", "productOrService": {"coding": [
        {"system": "http://www.ama-assn.org/go/cpt", "code": "77067"}]}},
      {"sequence": 2, "productOrService": {"coding": [
        {"system": "http://www.ama-assn.org/go/cpt", "code": "99213"}]}},
      {"sequence": 3, "productOrService": {"text": "supplies"}}]})",
                     R"({"resourceType": "Claim", "id": "c9", "status": "active",
    "patient": {"reference": "Patient/p1"}, "item": [{"sequence": 1,
      "productOrService": {"coding": [{"system": "http://example.org/local", "code": "A"}]}}]})"});
  CHECK(lines(fhir, DataTable::Visits) ==
        std::vector<std::string>{
            "p1,CLM-7,2025-04-02,,,dr1,CPT:77067 ICD10CM:Z12.31,,,,ExplanationOfBenefit/eob7,",
            "p1,CLM-7,2025-04-01,,,dr1,CPT:99213 ICD10CM:Z12.31,,,,ExplanationOfBenefit/eob7,"});
  CHECK(fhir.report().types().at("ExplanationOfBenefit").mapped == 1);
  CHECK(skipped(fhir, "Claim", "no item with a code in a DATA.md system") == 1);
}
