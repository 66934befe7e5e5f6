// The v3 ActEncounterCode classes and their settings.
#include "import/fhir/EncounterClass.h"

namespace mc::import::fhir {

const char* settingOfEncounterClass(std::string_view code) {
  static constexpr std::pair<std::string_view, const char*> kClasses[] = {
      {"AMB", "outpatient"},      // ambulatory
      {"EMER", "ed"},             // emergency
      {"IMP", "inpatient"},       // inpatient encounter
      {"ACUTE", "inpatient"},     // inpatient acute
      {"NONAC", "nonacute"},      // inpatient non-acute
      {"OBSENC", "observation"},  // observation encounter
      {"PRENC", "preadmission"},  // pre-admission
      {"SS", "shortstay"},        // short stay
      {"VR", "telehealth"},       // virtual
      {"HH", "home"},             // home health
      // field: neither a care site nor the home (an ambulance, an accident
      // site, a school)
      {"FLD", "other"},
  };
  for (const auto& [cls, setting] : kClasses)
    if (code == cls) return setting;
  return nullptr;
}

}  // namespace mc::import::fhir
