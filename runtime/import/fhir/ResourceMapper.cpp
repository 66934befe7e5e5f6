// The dispatch over resource types, the readers every mapping shares, and
// the end of an import (enrollment without Coverage, rows without a member).
#include "import/fhir/ResourceMapper.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "support/Date.h"
#include "support/EventVocabulary.h"

namespace mc::import::fhir {
namespace {

// The resource types of FHIR R4 (hl7.org/fhir/R4/resourcelist.html): a type
// outside this list is "unknown", one inside it but not mapped is "not mapped".
constexpr const char* kR4Types[] = {
    "Account",
    "ActivityDefinition",
    "AdverseEvent",
    "AllergyIntolerance",
    "Appointment",
    "AppointmentResponse",
    "AuditEvent",
    "Basic",
    "Binary",
    "BiologicallyDerivedProduct",
    "BodyStructure",
    "Bundle",
    "CapabilityStatement",
    "CarePlan",
    "CareTeam",
    "CatalogEntry",
    "ChargeItem",
    "ChargeItemDefinition",
    "Claim",
    "ClaimResponse",
    "ClinicalImpression",
    "CodeSystem",
    "Communication",
    "CommunicationRequest",
    "CompartmentDefinition",
    "Composition",
    "ConceptMap",
    "Condition",
    "Consent",
    "Contract",
    "Coverage",
    "CoverageEligibilityRequest",
    "CoverageEligibilityResponse",
    "DetectedIssue",
    "Device",
    "DeviceDefinition",
    "DeviceMetric",
    "DeviceRequest",
    "DeviceUseStatement",
    "DiagnosticReport",
    "DocumentManifest",
    "DocumentReference",
    "EffectEvidenceSynthesis",
    "Encounter",
    "Endpoint",
    "EnrollmentRequest",
    "EnrollmentResponse",
    "EpisodeOfCare",
    "EventDefinition",
    "Evidence",
    "EvidenceVariable",
    "ExampleScenario",
    "ExplanationOfBenefit",
    "FamilyMemberHistory",
    "Flag",
    "Goal",
    "GraphDefinition",
    "Group",
    "GuidanceResponse",
    "HealthcareService",
    "ImagingStudy",
    "Immunization",
    "ImmunizationEvaluation",
    "ImmunizationRecommendation",
    "ImplementationGuide",
    "InsurancePlan",
    "Invoice",
    "Library",
    "Linkage",
    "List",
    "Location",
    "Measure",
    "MeasureReport",
    "Media",
    "Medication",
    "MedicationAdministration",
    "MedicationDispense",
    "MedicationKnowledge",
    "MedicationRequest",
    "MedicationStatement",
    "MedicinalProduct",
    "MedicinalProductAuthorization",
    "MedicinalProductContraindication",
    "MedicinalProductIndication",
    "MedicinalProductIngredient",
    "MedicinalProductInteraction",
    "MedicinalProductManufactured",
    "MedicinalProductPackaged",
    "MedicinalProductPharmaceutical",
    "MedicinalProductUndesirableEffect",
    "MessageDefinition",
    "MessageHeader",
    "MolecularSequence",
    "NamingSystem",
    "NutritionOrder",
    "Observation",
    "ObservationDefinition",
    "OperationDefinition",
    "OperationOutcome",
    "Organization",
    "OrganizationAffiliation",
    "Parameters",
    "Patient",
    "PaymentNotice",
    "PaymentReconciliation",
    "Person",
    "PlanDefinition",
    "Practitioner",
    "PractitionerRole",
    "Procedure",
    "Provenance",
    "Questionnaire",
    "QuestionnaireResponse",
    "RelatedPerson",
    "RequestGroup",
    "ResearchDefinition",
    "ResearchElementDefinition",
    "ResearchStudy",
    "ResearchSubject",
    "RiskAssessment",
    "RiskEvidenceSynthesis",
    "Schedule",
    "SearchParameter",
    "ServiceRequest",
    "Slot",
    "Specimen",
    "SpecimenDefinition",
    "StructureDefinition",
    "StructureMap",
    "Subscription",
    "Substance",
    "SubstanceNucleicAcid",
    "SubstancePolymer",
    "SubstanceProtein",
    "SubstanceReferenceInformation",
    "SubstanceSourceMaterial",
    "SubstanceSpecification",
    "SupplyDelivery",
    "SupplyRequest",
    "Task",
    "TerminologyCapabilities",
    "TestReport",
    "TestScript",
    "ValueSet",
    "VerificationResult",
    "VisionPrescription",
};

// The mapped types, with a static name for the rows they give.
constexpr const char* kMapped[] = {
    "Patient",
    "Coverage",
    "Encounter",
    "Procedure",
    "Condition",
    "Observation",
    "Immunization",
    "MedicationRequest",
    "MedicationDispense",
    "ServiceRequest",
    "DeviceRequest",
    "Practitioner",
    "Organization",
    "Medication",
    "Claim",
    "ExplanationOfBenefit",
};

const char* mappedName(std::string_view type) {
  for (const char* name : kMapped) {
    if (type == name) return name;
  }
  return nullptr;
}

std::string fieldPath(const std::string& resourcePath, const std::string& field) {
  return resourcePath + "." + field;
}

}  // namespace

bool ResourceMapper::isR4ResourceType(std::string_view type) {
  return std::find(std::begin(kR4Types), std::end(kR4Types), type) != std::end(kR4Types);
}

void ResourceMapper::map(dom::element resource, const ResourceSite& site) {
  const std::string_view type = stringAt(resource, "resourceType");
  Current r{resource, &site, std::string(type), mappedName(type), ++serial_};
  if (type.empty()) {
    r.type = "(no resourceType)";
    ++report_.type(r.type).read;
    skipAt(r, "resourceType", "no resourceType: not a FHIR resource",
           "a FHIR resource names its type in \"resourceType\"");
    return;
  }
  if (!replaying_) ++report_.type(r.type).read;
  if (r.typeName == nullptr) {
    if (isR4ResourceType(type)) {
      report_.skip(r.type, "resource type not mapped (no DATA.md file holds it)");
    } else {
      skipAt(r, "resourceType", "unknown resource type",
             fmt::format("'{}' is not a FHIR R4 resource type", type));
    }
    return;
  }
  emitted_ = false;
  if (type == "Patient")
    mapPatient(r);
  else if (type == "Coverage")
    mapCoverage(r);
  else if (type == "Encounter")
    mapEncounter(r);
  else if (type == "Procedure")
    mapProcedure(r);
  else if (type == "Condition")
    mapCondition(r);
  else if (type == "Observation")
    mapObservation(r);
  else if (type == "Immunization")
    mapImmunization(r);
  else if (type == "MedicationRequest")
    mapMedicationOrder(r);
  else if (type == "MedicationDispense")
    mapDispense(r);
  else if (type == "ServiceRequest")
    mapRequest(r, "code");
  else if (type == "DeviceRequest")
    mapRequest(r, "codeCodeableConcept");
  else if (type == "Practitioner")
    mapPractitioner(r);
  else if (type == "Organization")
    mapOrganization(r);
  else if (type == "Medication")
    mapMedicationResource(r);
  else if (type == "Claim" || type == "ExplanationOfBenefit")
    mapClaim(r, type == "ExplanationOfBenefit");
  if (emitted_) ++report_.type(r.type).mapped;
}

void ResourceMapper::skipAt(const Current& r, const std::string& field, const std::string& reason,
                            const std::string& detail) {
  report_.skip(r.type, reason);
  report_.problem({r.site->file, fieldPath(r.site->path, field), detail});
}

std::optional<std::string> ResourceMapper::memberOf(const Current& r, const char* field) {
  dom::element ref;
  if (r.resource[field].get(ref)) {
    skipAt(r, field, "no subject", fmt::format("no {}: the resource names no patient", field));
    return std::nullopt;
  }
  std::string why;
  static const PatientUrls kNone;
  const std::string_view reference = stringAt(ref, "reference");
  auto member =
      patientOfReference(reference, r.site->patientUrls ? *r.site->patientUrls : kNone, why);
  if (!member) {
    skipAt(r, std::string(field) + ".reference",
           reference.empty() ? "no subject" : "subject is not a Patient", why);
  }
  return member;
}

std::optional<Days> ResourceMapper::dayOf(const Current& r,
                                          std::initializer_list<const char*> fields) {
  const std::optional<DayTime> when = whenOf(r, fields);
  if (!when) return std::nullopt;
  return when->day;
}

std::optional<DayTime> ResourceMapper::whenOf(const Current& r,
                                              std::initializer_list<const char*> fields) {
  for (const char* field : fields) {
    dom::element value;
    if (r.resource[field].get(value)) continue;
    std::string path = field;
    std::string_view text;
    if (value.is_object()) {  // a Period: its start, else its end
      text = stringAt(value, "start");
      path += text.empty() ? ".end" : ".start";
      if (text.empty()) text = stringAt(value, "end");
    } else if (value.get(text)) {
      text = {};
    }
    if (text.empty()) {
      skipAt(r, path, "no date", "the date is not a string");
      return std::nullopt;
    }
    const FhirDate date = readFhirDate(text);
    if (date.reading == FhirDate::Reading::Day) return DayTime{date.day, date.time};
    skipAt(r, path,
           date.reading == FhirDate::Reading::Partial ? "partial date (no day)" : "bad date",
           fmt::format("'{}': {}", text, date.problem));
    return std::nullopt;
  }
  std::string names;
  for (const char* field : fields) names += std::string(names.empty() ? "" : ", ") + field;
  skipAt(r, *fields.begin(), "no date", fmt::format("no date: none of {} is given", names));
  return std::nullopt;
}

std::optional<std::string> ResourceMapper::statusOf(const Current& r, std::string_view text) {
  auto status = dataStatus(text);
  if (!status) {
    skipAt(r, "status", "status outside the DATA.md vocabulary",
           fmt::format("status '{}' is not one of the statuses of docs/data.md", text));
  }
  return status;
}

std::optional<std::string> ResourceMapper::intentOf(const Current& r) {
  const std::string_view intent = stringAt(r.resource, "intent");
  if (intent.empty()) {
    skipAt(r, "intent", "no intent",
           "FHIR requires a request's intent; without one it is not known to be an order");
    return std::nullopt;
  }
  if (!isRequestIntent(intent)) {
    skipAt(r, "intent", "intent outside FHIR's RequestIntent",
           fmt::format("intent '{}' is not one of {}", intent, requestIntentList()));
    return std::nullopt;
  }
  return std::string(intent);
}

std::string ResourceMapper::fhirId(const Current& r) const {
  return fmt::format("{}/{}", r.type, stringAt(r.resource, "id"));
}

void ResourceMapper::emit(const Current& r, DataTable table, std::string member,
                          std::initializer_list<std::string_view> fields) {
  ImportedRow row;
  row.member = std::move(member);
  row.resource = r.serial;
  row.type = r.typeName;
  if (!r.site->folder.empty())
    row.folder = folders_.emplace(r.site->folder, folders_.size() + 1).first->second;
  row.setFields(fields);
  tables_.add(table, std::move(row));
  emitted_ = true;
}

void ResourceMapper::resolveFolderPatients() {
  std::uint64_t noted = 0;  // a resource's rows are noted once
  for (int t = 0; t < kDataTableCount; ++t) {
    if (static_cast<DataTable>(t) == DataTable::Providers) continue;  // not a patient's
    for (ImportedRow& row : tables_.rows(static_cast<DataTable>(t))) {
      if (row.folder == 0 || members_.count(row.member) != 0) continue;
      const auto it = folderPatients_.find(row.folder);
      if (it == folderPatients_.end() || it->second.size() != 1) continue;
      row.member = it->second.front();
      if (row.resource != noted)
        report_.note(row.type,
                     "names a Patient not in the import: read as its folder's one Patient");
      noted = row.resource;
    }
  }
}

void ResourceMapper::flush() {
  if (!tables_.streaming()) return;
  for (const ImportedRow& row : tables_.rows(DataTable::Enrollment)) {
    if (members_.count(row.member) != 0) covered_.insert(row.member);
  }
  tables_.flush([this](const std::string& member) { return members_.count(member) != 0; });
}

void ResourceMapper::replayDeferred() {
  dom::parser parser;
  replaying_ = true;
  std::vector<Deferred> deferred;
  deferred.swap(deferred_);
  for (const Deferred& d : deferred) {
    dom::element resource;
    // It was parsed once, and minified by simdjson: it parses again.
    if (parser.parse(d.json).get(resource)) continue;
    map(resource, d.site);
  }
  replaying_ = false;
}

void ResourceMapper::finish() {
  replayDeferred();
  resolveFolderPatients();
  std::set<std::string> covered = std::move(covered_);
  for (const ImportedRow& row : tables_.rows(DataTable::Enrollment)) covered.insert(row.member);
  // Enrollment of a patient without a Coverage: FHIR clinical data says
  // nothing of coverage, so the member is enrolled from birth to death (or
  // still, open): enrollment restricts nothing (the eCQMs have no
  // enrollment rule). Counted as a note on Patient.
  for (const auto& [id, m] : members_) {
    if (covered.count(id) != 0) continue;
    ImportedRow row;
    row.member = id;
    row.type = "Patient";
    row.setFields(
        {formatIsoDate(m.birth), m.death == kNoDate ? "" : formatIsoDate(m.death), "", "", ""});
    tables_.add(DataTable::Enrollment, std::move(row));
    report_.note("Patient", "no Coverage: enrolled from birth (to death, else open)");
  }
  // Rows of a patient not in the import: the loader would reject them.
  std::set<std::uint64_t> orphans;
  for (int t = 0; t < kDataTableCount; ++t) {
    if (static_cast<DataTable>(t) == DataTable::Providers) continue;  // not a patient's
    std::vector<ImportedRow>& rows = tables_.rows(static_cast<DataTable>(t));
    std::vector<ImportedRow> kept;
    kept.reserve(rows.size());
    for (ImportedRow& row : rows) {
      if (members_.count(row.member) != 0) {
        kept.push_back(std::move(row));
      } else if (orphans.insert(row.resource).second) {
        TypeCounts& counts = report_.type(row.type);
        --counts.mapped;
        ++counts.skipped["its Patient is not in the import"];
      }
    }
    rows = std::move(kept);
  }
  for (int t = 0; t < kDataTableCount; ++t)
    report_.rows[kDataTables[t].name] =
        tables_.flushed(static_cast<DataTable>(t)) + tables_.rows(static_cast<DataTable>(t)).size();
}

}  // namespace mc::import::fhir
