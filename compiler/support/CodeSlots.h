// The coded fields of an event other than its codes ("code slots"): the
// principal diagnosis of a visit, the coded value of an observation or
// supplemental row, the discharge disposition of a stay, the body site of a
// condition or procedure, the FHIR category of an observation or condition,
// the FHIR intent of an order.
// One table read by the parser and sema
// (`with SLOT SET`, `with any SLOT`, test events), the IR printer, the store and the interpreter.
// Kinds are a mask over ir::EventKind / store::EventKind, as in support/EventFields.def.
#pragma once

#include <cstdint>
#include <string_view>

namespace mc {

enum class CodeSlot : std::uint8_t { Principal, Value, Discharge, Site, Reason, Category, Intent };
inline constexpr int kCodeSlotCount = 7;

struct CodeSlotInfo {
  const char* name;     // as written after `with`
  const char* what;     // in messages: "a visit event has no <what>"
  std::uint8_t kinds;   // bit i: event kind i has the slot
  const char* holders;  // the kinds, for messages ("visit", "observation and supplemental")
  bool several;         // the data's cell is a list of codes (docs/data.md), not one code
};

inline constexpr CodeSlotInfo kCodeSlots[kCodeSlotCount] = {
    // The first ICD-10-CM code of a visit's line (DATA.md).
    {"principal", "principal diagnosis", 0x01, "visit", false},
    // An observations.csv / supplemental.csv value written SYSTEM:code
    // (a FHIR valueCodeableConcept).
    {"value", "coded value", 0x24, "observation and supplemental", false},
    // visits.csv `discharge_status` (Encounter.hospitalization.dischargeDisposition).
    {"discharge", "discharge disposition", 0x01, "visit", false},
    // conditions.csv / visits.csv `body_site` (Condition.bodySite, Procedure.bodySite).
    {"site", "body site", 0x09, "visit and condition", true},
    // The `reason` column of any event file: why it was not done (a FHIR
    // ObservationNotDone's notDoneReason, written by `import fhir`).
    {"reason", "reason", 0x7F, "all", true},
    // observations.csv / conditions.csv `category` (Observation.category,
    // Condition.category): QI-Core's Status.isLaboratoryTestPerformed reads
    // `laboratory`, QICoreCommon.isProblemListItem `problem-list-item`.
    {"category", "category", 0x0C, "observation and condition", true},
    // orders.csv `intent` (ServiceRequest.intent, DeviceRequest.intent,
    // MedicationRequest.intent; REQINTENT codes): QI-Core's
    // Status.isInterventionOrder and isDeviceOrder read `order`; an order
    // row without one is an order (docs/data.md).
    {"intent", "intent", 0x80, "order", false},
};

inline const CodeSlotInfo& codeSlotInfo(CodeSlot s) { return kCodeSlots[static_cast<int>(s)]; }

// The slot called `name`, or -1.
inline int codeSlotIndex(std::string_view name) {
  for (int i = 0; i < kCodeSlotCount; ++i)
    if (name == kCodeSlots[i].name) return i;
  return -1;
}

inline bool kindHasSlot(int kind, CodeSlot s) {
  return ((codeSlotInfo(s).kinds >> kind) & 1u) != 0;
}

}  // namespace mc
