// The two tables of SyntheaVocabulary.h. Synthea writes classes in lower case
// and specialities in upper case; both are compared ignoring case.
#include "import/synthea/SyntheaVocabulary.h"

#include "support/EventVocabulary.h"

namespace mc::import::synthea {

std::optional<std::string_view> settingOfEncounterClass(std::string_view encounterClass) {
  static constexpr std::pair<std::string_view, std::string_view> kSettings[] = {
      {"ambulatory", "outpatient"},
      {"outpatient", "outpatient"},
      {"wellness", "outpatient"},
      {"emergency", "ed"},
      {"urgentcare", "urgent"},
      {"inpatient", "inpatient"},
      {"home", "home"},
      {"virtual", "telehealth"},
      {"snf", "snf"},
      {"hospice", "hospice"},
  };
  for (const auto& [cls, setting] : kSettings)
    if (equalsIgnoreCase(encounterClass, cls)) return setting;
  return std::nullopt;
}

std::string_view kindOfSpeciality(std::string_view speciality) {
  static constexpr std::string_view kPrimaryCare[] = {
      "GENERAL PRACTICE",   "FAMILY PRACTICE",     "INTERNAL MEDICINE", "PEDIATRICS",
      "NURSE PRACTITIONER", "PHYSICIAN ASSISTANT", "GERIATRIC MEDICINE"};
  for (std::string_view s : kPrimaryCare)
    if (equalsIgnoreCase(speciality, s)) return "pcp";
  return "specialist";
}

std::optional<CodeSystem> codeSystemOfSyntheaSystem(std::string_view system) {
  if (const auto fromUrl = codeSystemFromFhirUrl(system)) return fromUrl;
  static constexpr std::pair<std::string_view, CodeSystem> kNames[] = {
      {"SNOMED-CT", CodeSystem::SNOMEDCT}, {"SNOMED", CodeSystem::SNOMEDCT},
      {"ICD10", CodeSystem::ICD10CM},      {"ICD-10-CM", CodeSystem::ICD10CM},
      {"RxNorm", CodeSystem::RXNORM},
  };
  for (const auto& [name, known] : kNames)
    if (equalsIgnoreCase(system, name)) return known;
  return codeSystemFromName(system);
}

}  // namespace mc::import::synthea
