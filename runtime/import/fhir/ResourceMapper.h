// Maps FHIR R4 resources, one at a time, onto the rows of a DATA.md data
// directory, counting in the report what it mapped and what it skipped and
// why. finish() then adds the enrollment of patients without a Coverage and
// leaves out (counting them) the rows of patients the import never saw.
//
// Where each resource goes (docs/data.md, "Importing FHIR"):
//   Patient -> members.csv;  Coverage -> enrollment.csv;
//   Encounter, Procedure -> visits.csv (a Procedure with setting other);
//   Condition -> conditions.csv;  Observation -> observations.csv (a row per
//   component too);  Immunization -> immunizations.csv;
//   MedicationDispense -> pharmacy.csv;  MedicationRequest -> orders.csv
//   (with its period's end);  ServiceRequest, DeviceRequest -> orders.csv;
//   Practitioner, Organization -> providers.csv; Medication -> the code of
//   the requests and dispenses that reference it; Claim and
//   ExplanationOfBenefit -> visits.csv claim lines for what no other
//   resource of the import carries, and pharmacy.csv fills for a pharmacy
//   claim of a MedicationRequest (ClaimMapping.cpp).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "import/fhir/BundleIndex.h"
#include "import/fhir/DataTables.h"
#include "import/fhir/FhirValues.h"
#include "import/fhir/ImportReport.h"

namespace mc::import::fhir {

// Where a resource is: the file as given and the JSON path of the resource
// in it (`$` for a loose resource, `$.entry[3].resource` in a bundle).
struct ResourceSite {
  std::string file;
  std::string path;
  const PatientUrls* patientUrls = nullptr;
  // The folder of a loose resource file (empty inside a bundle): a folder
  // holding one Patient is that patient's (docs/data.md, "Importing FHIR").
  std::string folder;
  // The entries of the bundle it is in (nullptr for a loose resource).
  const BundleIndex* bundle = nullptr;
};

class ResourceMapper {
 public:
  ResourceMapper(DataTables& tables, ImportReport& report) : tables_(tables), report_(report) {}

  // Maps one resource (any type: an unmapped or unknown type is counted).
  void map(dom::element resource, const ResourceSite& site);
  // Call once after the last resource.
  void finish();
  // After an input file, when the tables stream: writes the rows of the
  // patients known so far (DataTables::flush).
  void flush();

  // Whether `type` is a FHIR R4 resource type.
  static bool isR4ResourceType(std::string_view type);

  // Before a bundle's entries are mapped: the codes its Claim or
  // ExplanationOfBenefit `claim` bills for Encounters of the bundle, added
  // to `index` (the Encounter's row carries them).
  void indexBilledCodes(dom::element claim, BundleIndex& index);

 private:
  struct Member {
    Days birth = kNoDate;
    Days death = kNoDate;
  };
  // A resource being mapped: its type, place and serial number.
  struct Current {
    dom::element resource;
    const ResourceSite* site;
    std::string type;
    const char* typeName;  // static name stored with its rows
    std::uint64_t serial;
  };

  void mapPatient(const Current& r);
  void mapCoverage(const Current& r);
  void mapEncounter(const Current& r);
  void mapProcedure(const Current& r);
  void mapCondition(const Current& r);
  void mapObservation(const Current& r);
  std::string notDoneReason(const Current& r);
  void mapImmunization(const Current& r);
  void mapDispense(const Current& r);
  void mapMedicationOrder(const Current& r);
  bool fillCodes(const Current& r, const CodeTokens& codes, std::string& ndc, std::string& rxnorm,
                 std::string& other);
  // A pharmacy Claim or ExplanationOfBenefit of a MedicationRequest of its
  // bundle: the fill (ClaimMapping.cpp).
  void mapPrescriptionClaim(const Current& r, const std::string& member, dom::element request,
                            const std::string& claimId, const std::string& status);
  void mapRequest(const Current& r, const char* codeField);
  void mapPractitioner(const Current& r);
  void mapOrganization(const Current& r);
  void mapMedicationResource(const Current& r);
  void mapClaim(const Current& r, bool explanation);

  // The provider_id a Reference at `field` (a JSON path below the resource,
  // for the report) names: a Practitioner or an Organization, by id; empty
  // (noted) for a reference to another type or a contained resource.
  std::string providerOf(const Current& r, dom::element reference, const char* field);
  // The first provider among `performer` (Reference or {actor}) entries.
  std::string performerOf(const Current& r, const char* field);
  // An Encounter's provider: its first participant's individual, else its
  // serviceProvider.
  std::string encounterProvider(const Current& r);
  // Adds to an Encounter's codes those its bundle's claim items bill for it.
  void addBilledCodes(const Current& r, CodeTokens& codes);
  // The codes of a MedicationRequest's or MedicationDispense's medication:
  // its medicationCodeableConcept, else the Medication its
  // medicationReference names (contained, in its bundle, or read earlier in
  // the import). Skips the resource (counted, with the reason) otherwise.
  std::optional<CodeTokens> medicationCodes(const Current& r);
  // Keeps an Encounter's patient and setting (from its class) for the
  // observations taken in it (EncounterReference.cpp).
  void keepEncounter(const Current& r, const std::string& member);
  // The setting of the Encounter an Observation of `member` names in
  // `encounter`: empty (noted) when it names none of the import's
  // Encounters, or one of another patient; nullopt when the resource was set
  // aside until every file is read (a loose file naming an Encounter not
  // read yet).
  std::optional<std::string> encounterSetting(const Current& r, const std::string& member);

  // Skips the resource for a problem at `field` (a JSON path below the
  // resource): counted under `reason`, listed with its place.
  void skipAt(const Current& r, const std::string& field, const std::string& reason,
              const std::string& detail);
  // The Patient id of `field` (subject, patient, beneficiary); skips the
  // resource and returns nullopt when there is none.
  std::optional<std::string> memberOf(const Current& r, const char* field);
  // The day of the first present field among `fields` (each a date or a
  // Period, whose start is read); skips the resource when none is present or
  // the date is not a day.
  std::optional<Days> dayOf(const Current& r, std::initializer_list<const char*> fields);
  // The same with the date's UTC time of day, when it has one.
  std::optional<DayTime> whenOf(const Current& r, std::initializer_list<const char*> fields);
  // The codes of the CodeableConcept at `field`; skips the resource (saying
  // `detail`) and returns nullopt when none is in a DATA.md system.
  std::optional<CodeTokens> codesAt(const Current& r, const char* field, const std::string& detail);
  std::string bodySite(const Current& r);
  std::string category(const Current& r);
  // The codes in DATA.md systems of the CodeableConcepts of array `field`.
  std::string knownCodesOf(const Current& r, const char* field);
  // The DATA.md status of `text`; skips the resource when outside the vocabulary.
  std::optional<std::string> statusOf(const Current& r, std::string_view text);
  // A request's `intent` (orders.csv `intent`); skips the resource when it
  // has none or one outside FHIR R4's RequestIntent.
  std::optional<std::string> intentOf(const Current& r);
  // Adds a row of `table` for the resource.
  void emit(const Current& r, DataTable table, std::string member,
            std::initializer_list<std::string_view> fields);
  std::string fhirId(const Current& r) const;
  // Maps again, at the end, the loose resources whose medicationReference
  // named a Medication not read yet (a later file may hold it).
  void replayDeferred();
  // Rows naming a Patient not in the import, in a folder of exactly one
  // Patient: that Patient's (MADiE exports name the patient of a case
  // folder by another id in references than in its Patient resource).
  void resolveFolderPatients();

  DataTables& tables_;
  ImportReport& report_;
  std::map<std::string, Member> members_;         // the imported Patients
  std::map<std::string, std::uint32_t> folders_;  // folder -> its number (from 1)
  std::map<std::uint32_t, std::vector<std::string>> folderPatients_;
  std::map<std::string, std::string> providers_;  // provider id -> its resource type
  // `Medication/id` -> its codes, for the references that name it.
  std::map<std::string, CodeTokens> medications_;
  // Loose resources waiting for their Medication or Encounter: the JSON and
  // where it was.
  struct Deferred {
    std::string json;
    ResourceSite site;
  };
  std::vector<Deferred> deferred_;
  // `Encounter/id` -> its patient and setting, for Observation.encounter.
  struct EncounterSeen {
    std::string member;
    std::string setting;
  };
  std::map<std::string, EncounterSeen> encounters_;
  bool replaying_ = false;         // mapping a deferred resource: already counted as read
  std::set<std::string> covered_;  // members with a Coverage row already flushed
  bool emitted_ = false;           // the current resource has a row
  std::uint64_t serial_ = 0;
};

}  // namespace mc::import::fhir
