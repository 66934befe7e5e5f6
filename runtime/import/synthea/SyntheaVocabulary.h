// Synthea's words in DATA.md's: an encounter class is a visit setting, a
// provider speciality is a provider kind.
#pragma once

#include <optional>
#include <string_view>

#include "support/CodeSystem.h"

namespace mc::import::synthea {

// ENCOUNTERCLASS -> visits.csv `setting`: ambulatory, outpatient, wellness ->
// outpatient; emergency -> ed; urgentcare -> urgent; inpatient; home;
// virtual -> telehealth; snf; hospice. nullopt for a class Synthea did not
// have when this was written (the importer writes `other` and reports it).
std::optional<std::string_view> settingOfEncounterClass(std::string_view encounterClass);

// SPECIALITY -> providers.csv `kind`: the primary-care specialities (general
// practice, family practice, internal medicine, pediatrics, nurse
// practitioner, physician assistant, geriatric medicine) are `pcp`; every
// other speciality is `specialist`.
std::string_view kindOfSpeciality(std::string_view speciality);

// A SYSTEM cell (newer Synthea exports name the system of CODE): a FHIR
// system URL (`http://snomed.info/sct`), Synthea's names (`SNOMED-CT`,
// `ICD10`, `RxNorm`) or a DATA.md name (`SNOMEDCT`); nullopt for another.
std::optional<CodeSystem> codeSystemOfSyntheaSystem(std::string_view system);

}  // namespace mc::import::synthea
