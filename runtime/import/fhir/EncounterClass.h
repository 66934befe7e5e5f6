// Encounter.class (a v3 ActCode, hl7.org/fhir/R4/v3/ActEncounterCode) as a
// DATA.md setting: the one table that an Encounter's visits row and the
// observations taken in that encounter both read (docs/data.md).
#pragma once

#include <string_view>

namespace mc::import::fhir {

// The setting of an encounter class, or nullptr for a code outside the
// table (the caller notes it and leaves the setting empty).
const char* settingOfEncounterClass(std::string_view code);

}  // namespace mc::import::fhir
