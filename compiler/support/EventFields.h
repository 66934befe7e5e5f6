// The fields of a bound event: one table (support/EventFields.def) read by
// sema, lowering, the IR printer and the interpreter.
#pragma once

#include <cstdint>
#include <string_view>

namespace mc {

// The type of a field, in the words both sema and the IR have.
// Quantity: a number with its unit (an observation's value, support/Ucum.h).
// Datetime: a day with an optional time of day (support/DateTime.h).
enum class FieldType : std::uint8_t {
  Date,
  Int,
  Num,
  Provider,
  Setting,
  Code,
  Bool,
  Quantity,
  Datetime
};

enum class EventField : std::uint8_t {
#define MC_EVENT_FIELD(E, name, type, kinds) E,
#include "support/EventFields.def"
};

struct EventFieldInfo {
  const char* name;
  FieldType type;
  std::uint8_t kinds;  // bit i: event kind i has the field
};

inline constexpr EventFieldInfo kEventFields[] = {
#define MC_EVENT_FIELD(E, name, type, kinds) {name, FieldType::type, kinds},
#include "support/EventFields.def"
};
inline constexpr int kEventFieldCount = sizeof(kEventFields) / sizeof(kEventFields[0]);

inline const EventFieldInfo& eventFieldInfo(EventField f) {
  return kEventFields[static_cast<int>(f)];
}

// The field called `name`, or -1.
inline int eventFieldIndex(std::string_view name) {
  for (int i = 0; i < kEventFieldCount; ++i)
    if (name == kEventFields[i].name) return i;
  return -1;
}

inline bool kindHasField(int kind, EventField f) {
  return ((eventFieldInfo(f).kinds >> kind) & 1u) != 0;
}

}  // namespace mc
