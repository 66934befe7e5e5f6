// Names shared by the language and the member store: event settings and
// event statuses. The order of each list is the order of its store enum and
// of the bits of a mask over it. Values from data and specs are compared
// case-insensitively, everywhere (`Completed` = `completed`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mc {

inline constexpr const char* kSettingNames[] = {
    "",
    "outpatient",
    "inpatient",
    "ed",
    "urgent",
    "observation",
    "telehealth",
    "snf",
    "hospice",
    "home",
    "other",
    // The encounter classes (v3 ActCode) CMS165 names that the settings
    // above do not hold: NONAC (inpatient non-acute), PRENC
    // (pre-admission), SS (short stay); docs/data.md.
    "nonacute",
    "preadmission",
    "shortstay",
};
inline constexpr int kSettingNameCount = 14;

// "outpatient, inpatient, ..., preadmission and shortstay": the settings, for
// the messages that list them.
inline std::string settingNameList() {
  std::string out;
  for (int i = 1; i < kSettingNameCount; ++i) {
    if (i > 1) out += i + 1 == kSettingNameCount ? " and " : ", ";
    out += kSettingNames[i];
  }
  return out;
}

// ASCII case-insensitive equality.
// "a visit event", "an order event": an event kind's name in a message.
inline std::string anEvent(std::string_view kind) {
  const bool vowel =
      !kind.empty() && std::string_view("aeiou").find(kind[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(kind) + " event";
}

inline bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Index into kSettingNames; "" is 0 (no setting given). nullopt if unknown.
inline std::optional<int> settingIndex(std::string_view name) {
  for (int i = 0; i < kSettingNameCount; ++i) {
    if (equalsIgnoreCase(name, kSettingNames[i])) return i;
  }
  return std::nullopt;
}

// immunizations.csv `source` (DATA.md): where the record of a vaccine came
// from. Index 0 is the empty cell (not said). Order of store::EventSource.
inline constexpr const char* kSourceNames[] = {"", "registry", "claim", "ehr"};
inline constexpr int kSourceNameCount = 4;

// Index into kSourceNames (case-insensitive); nullopt if unknown.
inline std::optional<int> sourceIndex(std::string_view name) {
  for (int i = 0; i < kSourceNameCount; ++i) {
    if (equalsIgnoreCase(name, kSourceNames[i])) return i;
  }
  return std::nullopt;
}

// The status vocabulary of event files (DATA.md: FHIR-style). The codes of
// FHIR R4 EventStatus (hl7.org/fhir/R4/valueset-event-status.html),
// ObservationStatus (valueset-observation-status.html), Encounter.status
// (valueset-encounter-status.html), MedicationDispense.status
// (valueset-medicationdispense-status.html) and Claim.status
// (valueset-fm-status.html). Index 0 is the empty cell, which means completed.
inline constexpr const char* kStatusNames[] = {
    "",           "completed",        "final",       "amended", "corrected", "preliminary",
    "registered", "preparation",      "in-progress", "on-hold", "stopped",   "not-done",
    "cancelled",  "entered-in-error", "unknown",     "planned", "arrived",   "triaged",
    "onleave",    "finished",         "declined",    "active",  "draft",
};
inline constexpr int kStatusNameCount = 23;

// A set of statuses: bit i is kStatusNames[i].
using StatusMask = std::uint32_t;
static_assert(kStatusNameCount <= 32, "a StatusMask holds every status");

// MEASURES.md conventions: an event counts when its status is empty,
// completed, final, amended or corrected.
inline constexpr StatusMask kDefaultCountedStatuses = 0x1Fu;

// Index into kStatusNames (case-insensitive); nullopt if unknown.
inline std::optional<int> statusIndex(std::string_view name) {
  for (int i = 0; i < kStatusNameCount; ++i) {
    if (equalsIgnoreCase(name, kStatusNames[i])) return i;
  }
  return std::nullopt;
}

// FHIR R4 RequestIntent (http://hl7.org/fhir/R4/codesystem-request-intent.html),
// the binding of ServiceRequest, DeviceRequest and MedicationRequest.intent:
// orders.csv `intent` (REQINTENT codes).
inline constexpr const char* kRequestIntents[] = {"proposal",     "plan",           "directive",
                                                  "order",        "original-order", "reflex-order",
                                                  "filler-order", "instance-order", "option"};

inline bool isRequestIntent(std::string_view code) {
  for (const char* known : kRequestIntents)
    if (code == known) return true;
  return false;
}

inline std::string requestIntentList() {
  std::string all;
  for (const char* known : kRequestIntents) {
    if (!all.empty()) all += ", ";
    all += known;
  }
  return all;
}

}  // namespace mc
