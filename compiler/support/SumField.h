// The event fields that `sum FIELD of QUERY` reads, and which event kinds
// have them (DATA.md: pharmacy `quantity` and `days_supply`, observation and
// supplemental `value`). One table for sema's check and its note.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mc {

enum class SumField : std::uint8_t { None, Quantity, DaysSupply, Value };

inline const char* sumFieldName(SumField f) {
  switch (f) {
    case SumField::None: return "none";
    case SumField::Quantity: return "quantity";
    case SumField::DaysSupply: return "days_supply";
    case SumField::Value: return "value";
  }
  return "?";
}

inline SumField sumFieldFromName(std::string_view name) {
  for (SumField f : {SumField::Quantity, SumField::DaysSupply, SumField::Value})
    if (name == sumFieldName(f)) return f;
  return SumField::None;
}

// Whether events of kind `kind` (ir::EventKind order: visit, pharmacy,
// observation, condition, immunization, supplemental, referral) have `f`.
inline bool eventKindHasSumField(int kind, SumField f) {
  switch (f) {
    case SumField::Quantity:
    case SumField::DaysSupply: return kind == 1;
    case SumField::Value: return kind == 2 || kind == 5;
    case SumField::None: return false;
  }
  return false;
}

// "quantity and days_supply", or "no field to sum", for a note.
inline std::string sumFieldsOf(int kind) {
  std::string out;
  for (SumField f : {SumField::Quantity, SumField::DaysSupply, SumField::Value}) {
    if (!eventKindHasSumField(kind, f)) continue;
    out += (out.empty() ? "" : " and ") + std::string(sumFieldName(f));
  }
  return out.empty() ? "no field to sum" : out;
}

}  // namespace mc
