// Each mapped resource type on a tiny JSON text: the rows it gives.
#include <catch2/catch.hpp>

#include "ImportFixture.h"

using namespace mc::import::fhir;
using namespace mc::import::fhir::test;

TEST_CASE("Patient: birth, sex, US Core race and ethnicity, death", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {R"({"resourceType": "Patient", "id": "p1", "gender": "female",
    "birthDate": "1951-12-31", "deceasedDateTime": "2025-06-01T10:00:00Z",
    "extension": [
      {"url": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race",
       "extension": [{"url": "ombCategory", "valueCoding": {"code": "2028-9", "display": "Asian"}},
                     {"url": "text", "valueString": "Asian"}]},
      {"url": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity",
       "extension": [{"url": "ombCategory",
                      "valueCoding": {"code": "2135-2", "display": "Hispanic or Latino"}}]}]})",
                     R"({"resourceType": "Patient", "id": "p2", "gender": "other",
    "birthDate": "2001-01-02"})"});
  CHECK(lines(fhir, DataTable::Members) ==
        std::vector<std::string>{"p1,1951-12-31,F,Asian,Hispanic or Latino,,,2025-06-01",
                                 "p2,2001-01-02,U,,,,,"});
  // No Coverage: enrolled from birth to death, or open.
  CHECK(lines(fhir, DataTable::Enrollment) ==
        std::vector<std::string>{"p1,1951-12-31,2025-06-01,,,", "p2,2001-01-02,,,,"});
  CHECK(fhir.report().types().at("Patient").mapped == 2);
}

TEST_CASE("Coverage: an enrollment span of its beneficiary", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Coverage", "id": "c1", "status": "active",
    "beneficiary": {"reference": "Patient/p1"}, "payor": [{"display": "Medicaid"}],
    "period": {"start": "2024-01-01", "end": "2025-12-31"}})"});
  CHECK(lines(fhir, DataTable::Enrollment) ==
        std::vector<std::string>{"p1,2024-01-01,2025-12-31,,,Medicaid"});
}

TEST_CASE("Encounter: codes, period, setting from class, discharge, status", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Encounter", "id": "e1", "status": "finished",
    "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP"},
    "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "183452005"},
                         {"system": "http://example.org/local", "code": "X1"}]}],
    "subject": {"reference": "Patient/p1"},
    "period": {"start": "2025-03-01T08:00:00Z", "end": "2025-03-04T10:00:00Z"},
    "hospitalization": {"dischargeDisposition": {"coding": [
      {"system": "http://snomed.info/sct", "code": "428361000124107"}]}}})",
                     R"({"resourceType": "Encounter", "id": "e2", "status": "finished",
    "class": {"code": "EMER"}, "subject": {"reference": "Patient/p1"},
    "type": [{"coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": "99283"}]}],
    "period": {"start": "2025-04-01T08:00:00Z", "end": "2025-04-01T09:00:00Z"}})"});
  CHECK(lines(fhir, DataTable::Visits) ==
        std::vector<std::string>{
            "p1,,2025-03-01T08:00:00,2025-03-04T10:00:00,inpatient,,SNOMEDCT:183452005,"
            "SNOMEDCT:428361000124107,"
            "finished,http://example.org/local|X1,Encounter/e1,",
            "p1,,2025-04-01T08:00:00,2025-04-01T09:00:00,ed,,CPT:99283,,finished,,Encounter/e2,"});
  CHECK(fhir.report().unknownSystems().at("http://example.org/local") == 1);
}

TEST_CASE("Encounter: a disposition in an unknown system stays with the other codes",
          "[import][fhir]") {
  // discharge_status holds only what the loader reads; Synthea's NUBC URI is
  // UBDISCH.
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Encounter", "id": "e1", "status": "finished",
    "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "183452005"}]}],
    "subject": {"reference": "Patient/p1"}, "period": {"start": "2025-03-01"},
    "hospitalization": {"dischargeDisposition": {"coding": [
      {"system": "http://example.org/disposition", "code": "home"}]}}})",
                     R"({"resourceType": "Encounter", "id": "e2", "status": "finished",
    "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "183452005"}]}],
    "subject": {"reference": "Patient/p1"}, "period": {"start": "2025-03-02"},
    "hospitalization": {"dischargeDisposition": {"coding": [
      {"system": "http://www.nubc.org/patient-discharge", "code": "01"}]}}})"});
  CHECK(lines(fhir, DataTable::Visits) ==
        std::vector<std::string>{
            "p1,,2025-03-01,,,,SNOMEDCT:183452005,,finished,http://example.org/disposition|home,"
            "Encounter/e1,",
            "p1,,2025-03-02,,,,SNOMEDCT:183452005,UBDISCH:01,finished,,Encounter/e2,"});
  CHECK(fhir.report().unknownSystems().at("http://example.org/disposition") == 1);
}

TEST_CASE("Procedure: a visits row with setting other, its body site", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Procedure", "id": "x", "status": "completed",
    "code": {"coding": [{"system": "http://www.cms.gov/Medicare/Coding/ICD10", "code": "0HTU0ZZ"}]},
    "subject": {"reference": "Patient/p1"},
    "performedPeriod": {"start": "2025-01-01T00:00:00Z", "end": "2025-01-01T00:00:00Z"}})",
                     R"({"resourceType": "Procedure", "id": "y", "status": "completed",
    "code": {"coding": [{"system": "http://www.cms.gov/Medicare/Coding/ICD10", "code": "0HTU0ZZ"}]},
    "bodySite": [{"coding": [{"system": "http://snomed.info/sct", "code": "7771000"}]}],
    "subject": {"reference": "Patient/p1"}, "performedDateTime": "2025-01-02"})"});
  CHECK(lines(fhir, DataTable::Visits) ==
        std::vector<std::string>{
            "p1,,2025-01-01T00:00:00,,other,,ICD10PCS:0HTU0ZZ,,completed,,Procedure/x,",
            "p1,,2025-01-02,,other,,ICD10PCS:0HTU0ZZ,,completed,,Procedure/y,SNOMEDCT:7771000"});
}

TEST_CASE("Condition: onset, abatement, verification and clinical status", "[import][fhir]") {
  FhirImport fhir;
  const char* head = R"({"resourceType": "Condition", "subject": {"reference": "Patient/p1"},
    "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "E11.9"}]},)";
  importTexts(fhir, {kPatient, std::string(head) + R"("id": "a", "onsetDateTime": "2024-02-03",
                 "abatementDateTime": "2025-01-05T00:00:00Z"})",
                     std::string(head) + R"("id": "b", "onsetPeriod": {"start": "2023-01-01"},
                 "clinicalStatus": {"coding": [{"code": "active"}]}})",
                     std::string(head) + R"("id": "c", "onsetDateTime": "2022-07-07",
                 "clinicalStatus": {"coding": [{"code": "resolved"}]}})",
                     std::string(head) + R"("id": "d", "recordedDate": "2021-01-01",
                 "verificationStatus": {"coding": [{"code": "entered-in-error"}]}})",
                     std::string(head) + R"("id": "e", "onsetDateTime": "2021-01-01",
                 "verificationStatus": {"coding": [{"code": "refuted"}]}})"});
  CHECK(lines(fhir, DataTable::Conditions) ==
        std::vector<std::string>{"p1,2024-02-03,2025-01-05T00:00:00,ICD10CM:E11.9,,,,Condition/a,,",
                                 "p1,2023-01-01,,ICD10CM:E11.9,,,,Condition/b,,",
                                 "p1,2022-07-07,2022-07-07,ICD10CM:E11.9,,,,Condition/c,,",
                                 "p1,2021-01-01,,ICD10CM:E11.9,,entered-in-error,,Condition/d,,"});
  CHECK(skipped(fhir, "Condition", "verificationStatus refuted: not a diagnosis") == 1);
}

TEST_CASE("Condition: the body site (a laterality qualifier) in body_site", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Condition", "id": "u",
    "subject": {"reference": "Patient/p1"}, "onsetDateTime": "2025-01-01",
    "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "Z90.10"}]},
    "bodySite": [{"coding": [{"system": "http://snomed.info/sct", "code": "24028007"}]},
                 {"coding": [{"system": "http://snomed.info/sct", "code": "7771000"}]}]})"});
  CHECK(lines(fhir, DataTable::Conditions) ==
        std::vector<std::string>{
            "p1,2025-01-01,,ICD10CM:Z90.10,,,,Condition/u,SNOMEDCT:24028007 SNOMEDCT:7771000,"});
}

TEST_CASE("Observation: Quantity, CodeableConcept, period end, blood pressure components",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Observation", "id": "a1c", "status": "final",
    "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4"}]},
    "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2025-05-05",
    "valueQuantity": {"value": 9.5, "unit": "%"}})",
                     R"({"resourceType": "Observation", "id": "hospice", "status": "final",
    "code": {"coding": [{"system": "http://loinc.org", "code": "45755-6"}]},
    "subject": {"reference": "Patient/p1"},
    "effectivePeriod": {"start": "2025-02-01T00:00:00Z", "end": "2025-02-02T00:00:00Z"},
    "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "373066001"}]}})",
                     R"({"resourceType": "Observation", "id": "bp", "status": "final",
    "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]},
    "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2025-06-01T12:00:00Z",
    "component": [
      {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
       "valueQuantity": {"value": 128, "unit": "mm[Hg]"}},
      {"code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]},
       "valueQuantity": {"value": 82, "code": "mm[Hg]"}}]})"});
  CHECK(lines(fhir, DataTable::Observations) ==
        std::vector<std::string>{
            "p1,2025-05-05,LOINC:4548-4,9.5,%,,final,,Observation/a1c,,,,",
            "p1,2025-02-01T00:00:00,LOINC:45755-6,SNOMEDCT:373066001,,,final,,Observation/hospice,"
            "2025-02-02T00:00:00,,,",
            "p1,2025-06-01T12:00:00,LOINC:85354-9,,,,final,,Observation/bp,,,,",
            "p1,2025-06-01T12:00:00,LOINC:8480-6,128,mm[Hg],,final,,Observation/bp,,,,",
            "p1,2025-06-01T12:00:00,LOINC:8462-4,82,mm[Hg],,final,,Observation/bp,,,,"});
  CHECK(fhir.report().types().at("Observation").mapped == 3);
}

TEST_CASE("Observation: a Quantity's UCUM code is its unit, not its display text",
          "[import][fhir][units]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Observation", "id": "a1c", "status": "final",
    "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4"}]},
    "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2025-05-05",
    "valueQuantity": {"value": 7.2, "unit": "percent", "system": "http://unitsofmeasure.org",
                      "code": "%"}})",
                     R"({"resourceType": "Observation", "id": "sbp", "status": "final",
    "code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
    "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2025-06-01",
    "valueQuantity": {"value": 128, "unit": "mmHg", "system": "http://unitsofmeasure.org"}})",
                     R"({"resourceType": "Observation", "id": "local", "status": "final",
    "code": {"coding": [{"system": "http://loinc.org", "code": "2345-7"}]},
    "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2025-06-02",
    "valueQuantity": {"value": 99, "unit": "mg/dL", "system": "http://example.org/units",
                      "code": "MGDL"}})"});
  CHECK(lines(fhir, DataTable::Observations) ==
        std::vector<std::string>{
            "p1,2025-05-05,LOINC:4548-4,7.2,%,,final,,Observation/a1c,,,,",
            "p1,2025-06-01,LOINC:8480-6,128,mmHg,,final,,Observation/sbp,,,,",
            "p1,2025-06-02,LOINC:2345-7,99,mg/dL,,final,,Observation/local,,,,"});
}

TEST_CASE("ObservationNotDone: the QI-Core notDoneReason to the reason column", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Observation", "id": "declined",
    "status": "cancelled",
    "extension": [{"url": "http://hl7.org/fhir/us/qicore/StructureDefinition/qicore-notDoneReason",
      "valueCodeableConcept": {"coding": [
        {"system": "http://snomed.info/sct", "code": "720834000"},
        {"system": "http://example.org/local", "code": "DECL"}]}}],
    "code": {"coding": [{"system": "http://loinc.org", "code": "73832-8"}]},
    "subject": {"reference": "Patient/p1"}, "issued": "2025-03-10T09:00:00Z"})",
                     R"({"resourceType": "Observation", "id": "other-extension",
    "status": "cancelled",
    "extension": [{"url": "http://example.org/reason",
      "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "1"}]}}],
    "code": {"coding": [{"system": "http://loinc.org", "code": "73832-8"}]},
    "subject": {"reference": "Patient/p1"}, "issued": "2025-03-11T09:00:00Z"})"});
  CHECK(lines(fhir, DataTable::Observations) ==
        std::vector<std::string>{
            "p1,2025-03-10T09:00:00,LOINC:73832-8,,,,cancelled,,Observation/declined,,"
            "SNOMEDCT:720834000,,",
            "p1,2025-03-11T09:00:00,LOINC:73832-8,,,,cancelled,,Observation/other-extension,,,,"});
  // The reason's code in an unknown system is counted, as any code.
  CHECK(fhir.report().unknownSystems().at("http://example.org/local") == 1);
}

TEST_CASE("Observation and Condition: the category codings in known systems to category",
          "[import][fhir][category]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Observation", "id": "a1c", "status": "final",
    "category": [{"coding": [
      {"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory"},
      {"system": "http://example.org/local-category", "code": "LAB"}]}],
    "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4"}]},
    "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2025-05-05",
    "valueQuantity": {"value": 7.1, "unit": "%"}})",
                     R"({"resourceType": "Observation", "id": "bp", "status": "final",
    "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                              "code": "vital-signs"}]}],
    "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]},
    "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2025-06-01",
    "component": [
      {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
       "valueQuantity": {"value": 128, "code": "mm[Hg]"}}]})",
                     R"({"resourceType": "Condition", "id": "bipolar",
    "subject": {"reference": "Patient/p1"}, "onsetDateTime": "2020-02-01",
    "category": [
      {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-category",
                   "code": "problem-list-item"}]},
      {"coding": [{"system": "http://hl7.org/fhir/us/core/CodeSystem/condition-category",
                   "code": "health-concern"}]}],
    "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "F30.10"}]}})"});
  CHECK(lines(fhir, DataTable::Observations) ==
        std::vector<std::string>{
            "p1,2025-05-05,LOINC:4548-4,7.1,%,,final,,Observation/a1c,,,OBSCAT:laboratory,",
            "p1,2025-06-01,LOINC:85354-9,,,,final,,Observation/bp,,,OBSCAT:vital-signs,",
            "p1,2025-06-01,LOINC:8480-6,128,mm[Hg],,final,,Observation/bp,,,OBSCAT:vital-signs,"});
  CHECK(lines(fhir, DataTable::Conditions) ==
        std::vector<std::string>{"p1,2020-02-01,,ICD10CM:F30.10,,,,Condition/bipolar,,"
                                 "CONDCAT:problem-list-item USCORECAT:health-concern"});
  // A category in an unknown system is counted, as any code, and not written.
  CHECK(fhir.report().unknownSystems().at("http://example.org/local-category") == 1);
}

TEST_CASE("Immunization: the vaccine's CVX code on its date", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Immunization", "id": "i", "status": "completed",
    "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "140"}]},
    "patient": {"reference": "Patient/p1"}, "occurrenceDateTime": "2024-10-14T23:37:54+00:00"})"});
  CHECK(lines(fhir, DataTable::Immunizations) ==
        std::vector<std::string>{"p1,2024-10-14T23:37:54,CVX:140,,,completed,,Immunization/i"});
}

TEST_CASE("MedicationRequest: an order row; MedicationDispense: a pharmacy row", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "MedicationRequest", "id": "rq",
    "status": "active", "intent": "order", "subject": {"reference": "Patient/p1"},
    "medicationCodeableConcept": {"coding": [
      {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "312836"}]},
    "authoredOn": "2025-12-30T00:00:00.000Z",
    "dispenseRequest": {"expectedSupplyDuration": {"value": 90, "code": "d"}}})",
                     R"({"resourceType": "MedicationDispense", "id": "dp",
    "status": "completed", "subject": {"reference": "Patient/p1"},
    "medicationCodeableConcept": {"coding": [
      {"system": "http://hl7.org/fhir/sid/ndc", "code": "00002-3227-30"}]},
    "whenHandedOver": "2025-03-01", "daysSupply": {"value": 30, "unit": "days"},
    "quantity": {"value": 30}})"});
  // The request's period: 90 days from authoredOn, 2025-12-30..2026-03-29.
  CHECK(lines(fhir, DataTable::Orders) ==
        std::vector<std::string>{
            "p1,2025-12-30T00:00:00,RXNORM:312836,,active,,MedicationRequest/rq,2026-03-29,order"});
  CHECK(lines(fhir, DataTable::Pharmacy) ==
        std::vector<std::string>{
            "p1,,2025-03-01,00002-3227-30,,30,30,,,,completed,,MedicationDispense/dp"});
}

TEST_CASE(
    "ServiceRequest and DeviceRequest: orders rows with their intent; doNotPerform is not-done",
    "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir,
              {kPatient, R"({"resourceType": "ServiceRequest", "id": "s", "status": "completed",
    "intent": "order", "code": {"coding": [{"system": "http://snomed.info/sct", "code": "385763009"}]},
    "subject": {"reference": "Patient/p1"}, "authoredOn": "2025-01-02T00:00:00.000Z"})",
               R"({"resourceType": "DeviceRequest", "id": "d", "status": "completed",
    "intent": "original-order", "modifierExtension": [{"url": "http://hl7.org/fhir/us/qicore/StructureDefinition/qicore-doNotPerform",
                           "valueBoolean": true}],
    "codeCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "183240000"}]},
    "subject": {"reference": "Patient/p1"}, "authoredOn": "2025-11-01T23:59:00.000Z"})",
               R"({"resourceType": "ServiceRequest", "id": "p", "status": "active",
    "intent": "plan", "code": {"coding": [{"system": "http://snomed.info/sct", "code": "385763009"}]},
    "subject": {"reference": "Patient/p1"}, "authoredOn": "2025-01-03"})",
               R"({"resourceType": "ServiceRequest", "id": "n", "status": "active",
    "code": {"coding": [{"system": "http://snomed.info/sct", "code": "385763009"}]},
    "subject": {"reference": "Patient/p1"}, "authoredOn": "2025-01-04"})"});
  CHECK(lines(fhir, DataTable::Orders) ==
        std::vector<std::string>{
            "p1,2025-01-02T00:00:00,SNOMEDCT:385763009,,completed,,ServiceRequest/s,,order",
            "p1,2025-11-01T23:59:00,SNOMEDCT:183240000,,not-done,,DeviceRequest/d,,original-order",
            "p1,2025-01-03,SNOMEDCT:385763009,,active,,ServiceRequest/p,,plan"});
  CHECK(lines(fhir, DataTable::Supplemental).empty());
  CHECK(skipped(fhir, "ServiceRequest", "no intent") == 1);
}

TEST_CASE("a transaction bundle: urn:uuid references resolve to the Patient's id",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {R"({"resourceType": "Bundle", "type": "transaction", "entry": [
    {"fullUrl": "urn:uuid:aaaa", "resource": {"resourceType": "Patient", "id": "m-42",
      "gender": "male", "birthDate": "1970-01-01"}},
    {"fullUrl": "urn:uuid:bbbb", "resource": {"resourceType": "Immunization", "status": "completed",
      "id": "i", "patient": {"reference": "urn:uuid:aaaa"}, "occurrenceDateTime": "2020-01-01",
      "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "08"}]}}},
    {"request": {"method": "DELETE", "url": "Patient/x"}}]})"});
  CHECK(lines(fhir, DataTable::Immunizations) ==
        std::vector<std::string>{"m-42,2020-01-01,CVX:08,,,completed,,Immunization/i"});
  CHECK(skipped(fhir, "Bundle", "an entry without a resource") == 1);
}

TEST_CASE("a loose resource naming an absent Patient belongs to its folder's one Patient",
          "[import][fhir]") {
  // MADiE case folders: the Patient's id is the folder's, references may
  // still name the patient by the id it had when the case was written.
  const char* encounter = R"({"resourceType": "Encounter", "id": "e", "status": "finished",
    "subject": {"reference": "Patient/Patient-4"}, "period": {"start": "2025-01-01"},
    "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "185463005"}]}]})";
  FhirImport fhir;
  fhir.addText("tests/c0d1/Patient-c0d1.json",
               R"({"resourceType": "Patient", "id": "c0d1", "birthDate": "1990-01-01"})");
  fhir.addText("tests/c0d1/Encounter-8.json", encounter);
  // Two Patients in one folder: no folder patient; the encounter is left out.
  fhir.addText("tests/two/Patient-a.json",
               R"({"resourceType": "Patient", "id": "a", "birthDate": "1990-01-01"})");
  fhir.addText("tests/two/Patient-b.json",
               R"({"resourceType": "Patient", "id": "b", "birthDate": "1990-01-01"})");
  fhir.addText("tests/two/Encounter-8.json", encounter);
  fhir.finish();
  CHECK(lines(fhir, DataTable::Visits) ==
        std::vector<std::string>{"c0d1,,2025-01-01,,,,SNOMEDCT:185463005,,finished,,Encounter/e,"});
  CHECK(fhir.report()
            .types()
            .at("Encounter")
            .notes.at("names a Patient not in the import: read as its folder's one Patient") == 1);
  CHECK(skipped(fhir, "Encounter", "its Patient is not in the import") == 1);
}

TEST_CASE("an Encounter class with no DATA.md setting leaves it empty, noted", "[import][fhir]") {
  FhirImport fhir;
  // `I`: HL7 v2 table 0004 (patient class), not a v3 ActCode.
  importTexts(fhir, {kPatient, R"({"resourceType": "Encounter", "id": "e", "status": "finished",
    "class": {"code": "I"}, "subject": {"reference": "Patient/p1"},
    "period": {"start": "2025-01-01"},
    "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "185463005"}]}]})"});
  CHECK(lines(fhir, DataTable::Visits) ==
        std::vector<std::string>{"p1,,2025-01-01,,,,SNOMEDCT:185463005,,finished,,Encounter/e,"});
  CHECK(fhir.report().types().at("Encounter").notes.at("class 'I': setting left empty") == 1);
}

TEST_CASE("every v3 ActEncounterCode class has a setting", "[import][fhir]") {
  // hl7.org/fhir/R4/v3/ActEncounterCode: the eleven classes.
  const std::vector<std::pair<std::string, std::string>> classes = {
      {"AMB", "outpatient"},     {"EMER", "ed"},
      {"FLD", "other"},          {"HH", "home"},
      {"IMP", "inpatient"},      {"ACUTE", "inpatient"},
      {"NONAC", "nonacute"},     {"OBSENC", "observation"},
      {"PRENC", "preadmission"}, {"SS", "shortstay"},
      {"VR", "telehealth"}};
  std::vector<std::string> texts = {kPatient}, expected;
  for (const auto& [cls, setting] : classes) {
    texts.push_back(R"({"resourceType": "Encounter", "id": ")" + cls +
                    R"(", "status": "finished", "class": {"code": ")" + cls + R"("},
      "subject": {"reference": "Patient/p1"}, "period": {"start": "2025-01-01"},
      "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "185463005"}]}]})");
    expected.push_back("p1,,2025-01-01,," + setting + ",,SNOMEDCT:185463005,,finished,,Encounter/" +
                       cls + ",");
  }
  FhirImport fhir;
  importTexts(fhir, texts);
  CHECK(lines(fhir, DataTable::Visits) == expected);
  CHECK(fhir.report().types().at("Encounter").notes.empty());
}

TEST_CASE("Coverage: cancelled or without a start is skipped; the patient then enrolled from birth",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Coverage", "id": "a", "status": "cancelled",
    "beneficiary": {"reference": "Patient/p1"}, "period": {"start": "2024-01-01"}})",
                     R"({"resourceType": "Coverage", "id": "b", "status": "active",
    "beneficiary": {"reference": "Patient/p1"}, "period": {"end": "2024-01-01"}})"});
  CHECK(lines(fhir, DataTable::Enrollment) == std::vector<std::string>{"p1,1960-05-01,,,,"});
  CHECK(skipped(fhir, "Coverage", "status cancelled: no coverage") == 1);
  CHECK(skipped(fhir, "Coverage", "no period start") == 1);
}

TEST_CASE("a MedicationRequest not to perform is not-done; a revoked order is cancelled",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "MedicationRequest", "id": "rq",
    "status": "active", "intent": "order", "doNotPerform": true, "subject": {"reference": "Patient/p1"},
    "medicationCodeableConcept": {"coding": [
      {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "312836"}]},
    "authoredOn": "2025-02-01"})",
                     R"({"resourceType": "ServiceRequest", "id": "s", "status": "revoked",
    "intent": "order", "code": {"coding": [{"system": "http://snomed.info/sct", "code": "385763009"}]},
    "subject": {"reference": "Patient/p1"}, "authoredOn": "2025-01-02"})"});
  CHECK(lines(fhir, DataTable::Orders) ==
        std::vector<std::string>{
            "p1,2025-02-01,RXNORM:312836,,not-done,,MedicationRequest/rq,unknown,order",
            "p1,2025-01-02,SNOMEDCT:385763009,,cancelled,,ServiceRequest/s,,order"});
  CHECK(fhir.report().types().at("MedicationRequest").notes.at("doNotPerform: status not-done") ==
        1);
}

TEST_CASE("a second Patient with the same id is skipped; the first is kept", "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir, {kPatient, R"({"resourceType": "Patient", "id": "p1", "gender": "male",
    "birthDate": "1999-09-09"})"});
  CHECK(lines(fhir, DataTable::Members) == std::vector<std::string>{"p1,1960-05-01,F,,,,,"});
  CHECK(skipped(fhir, "Patient", "a second Patient with the same id (the first is kept)") == 1);
}

TEST_CASE("times of day: a period's end is written when after its start, in UTC",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir,
              {kPatient, R"({"resourceType": "Encounter", "id": "later", "status": "finished",
    "class": {"code": "AMB"}, "subject": {"reference": "Patient/p1"},
    "type": [{"coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": "99213"}]}],
    "period": {"start": "2025-03-10T09:00:00-05:00", "end": "2025-03-10T09:45:00-05:00"}})",
               R"({"resourceType": "Encounter", "id": "earlier", "status": "finished",
    "class": {"code": "AMB"}, "subject": {"reference": "Patient/p1"},
    "type": [{"coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": "99213"}]}],
    "period": {"start": "2025-03-11T09:00:00Z", "end": "2025-03-11T08:00:00Z"}})",
               R"({"resourceType": "Condition", "id": "c", "subject": {"reference": "Patient/p1"},
    "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "F31.0"}]},
    "onsetDateTime": "2025-03-10T08:00:00Z", "abatementDateTime": "2025-03-10T07:00:00Z"})"});
  // The -05:00 clock moved to UTC, the end kept; an end before its start the
  // same day is not written (the visit ends when it starts).
  CHECK(lines(fhir, DataTable::Visits) ==
        std::vector<std::string>{
            "p1,,2025-03-10T14:00:00,2025-03-10T14:45:00,outpatient,,CPT:99213,,finished,,"
            "Encounter/later,",
            "p1,,2025-03-11T09:00:00,,outpatient,,CPT:99213,,finished,,Encounter/earlier,"});
  // An abatement before the onset the same day: abated on its onset.
  CHECK(lines(fhir, DataTable::Conditions) ==
        std::vector<std::string>{
            "p1,2025-03-10T08:00:00,2025-03-10T08:00:00,ICD10CM:F31.0,,,,Condition/c,,"});
}
