// The encounter an Observation was taken in (Observation.encounter): its
// class is the observation's setting (observations.csv `setting`,
// docs/data.md), which CMS165 reads to leave out readings taken in an
// emergency department or a hospital stay. The Encounter is an entry of
// the Observation's bundle (before or after it) or an Encounter read
// anywhere in the import; a loose Observation whose Encounter is not read
// yet waits for the end of the import, as a medicationReference does.
#include <fmt/format.h>

#include "import/fhir/EncounterClass.h"
#include "import/fhir/ResourceMapper.h"

namespace mc::import::fhir {
namespace {

// `Encounter/id` of a reference: relative, an absolute URL ending so, or a
// `urn:uuid:` (Synthea and others write an entry's uuid as its id); empty
// when it names no Encounter.
std::string encounterKey(std::string_view reference) {
  constexpr std::string_view kType = "Encounter/";
  constexpr std::string_view kUuid = "urn:uuid:";
  if (reference.substr(0, kUuid.size()) == kUuid)
    return std::string(kType) + std::string(reference.substr(kUuid.size()));
  if (const size_t history = reference.find("/_history/"); history != std::string_view::npos)
    reference = reference.substr(0, history);
  const size_t at = reference.rfind(kType);
  if (at == std::string_view::npos || (at > 0 && reference[at - 1] != '/')) return {};
  const std::string_view id = reference.substr(at + kType.size());
  if (id.empty() || id.find('/') != std::string_view::npos) return {};
  return std::string(kType) + std::string(id);
}

// The setting of an Encounter's class; empty without a class or for a class
// outside the table (the Encounter's own row notes that).
std::string classSetting(dom::element encounter) {
  dom::element cls;
  if (encounter["class"].get(cls)) return {};
  const char* setting = settingOfEncounterClass(stringAt(cls, "code"));
  return setting != nullptr ? setting : "";
}

}  // namespace

void ResourceMapper::keepEncounter(const Current& r, const std::string& member) {
  const std::string_view id = stringAt(r.resource, "id");
  if (!id.empty())
    encounters_[fmt::format("Encounter/{}", id)] = {member, classSetting(r.resource)};
}

std::optional<std::string> ResourceMapper::encounterSetting(const Current& r,
                                                            const std::string& member) {
  dom::element ref;
  if (r.resource["encounter"].get(ref)) return std::string();  // taken outside any encounter
  const std::string_view reference = stringAt(ref, "reference");
  const char* kOtherPatient = "encounter of another patient: setting left empty";
  if (r.site->bundle != nullptr) {
    const dom::element* entry = r.site->bundle->find(reference);
    if (entry != nullptr && stringAt(*entry, "resourceType") == "Encounter") {
      dom::element subject;
      std::string why;
      static const PatientUrls kNone;
      const auto patient =
          (*entry)["subject"].get(subject)
              ? std::nullopt
              : patientOfReference(stringAt(subject, "reference"),
                                   r.site->patientUrls ? *r.site->patientUrls : kNone, why);
      if (patient != member) {
        report_.note(r.type, kOtherPatient);
        return std::string();
      }
      report_.note(r.type, "setting from the class of its Encounter");
      return classSetting(*entry);
    }
  }
  const std::string key = encounterKey(reference);
  if (const auto it = encounters_.find(key); it != encounters_.end()) {
    if (it->second.member != member) {
      report_.note(r.type, kOtherPatient);
      return std::string();
    }
    report_.note(r.type, "setting from the class of its Encounter");
    return it->second.setting;
  }
  // A loose file's Encounter may be in a later file: the resource is mapped
  // again at the end, once every file is read.
  if (!replaying_ && !key.empty() && r.site->bundle == nullptr && r.site->patientUrls == nullptr) {
    deferred_.push_back({simdjson::minify(r.resource), *r.site});
    return std::nullopt;
  }
  report_.note(r.type,
               "encounter not resolved (no such Encounter in the import): setting left empty");
  return std::string();
}

}  // namespace mc::import::fhir
