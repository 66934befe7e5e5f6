// The units of quantity values at run time. A quantity is a Value whose `n`
// is the number and whose `i` is a unit id: the store's UnitDictionary id of
// an event's unit, and for a literal (`9 '%'`) the store's id of its unit
// when some event has it, else an id of its own below -1 (the literal's
// index in Measure::units), equal only to the same unit. Two quantities
// compare only when their ids are equal (docs/language.md "Quantities").
#pragma once

#include <cstdint>
#include <string>

#include "ir/Ir.h"
#include "store/MemberStore.h"

namespace mc::interp {

inline std::int64_t literalUnitId(const store::MemberStore& s, const ir::Measure& m,
                                  std::int64_t index) {
  const store::UnitId id = s.units.find(m.units[static_cast<size_t>(index)]);
  return id != store::UnitDictionary::kNoUnit ? static_cast<std::int64_t>(id) : -2 - index;
}

// The unit of id `unit`, as written in a quantity literal; "?" when the id
// is of another measure or store.
inline std::string unitText(const store::MemberStore& s, const ir::Measure* m, std::int64_t unit) {
  if (unit >= 0 && static_cast<size_t>(unit) < s.units.size())
    return s.units.text(static_cast<store::UnitId>(unit));
  const std::int64_t index = -2 - unit;
  if (m != nullptr && index >= 0 && static_cast<size_t>(index) < m->units.size())
    return m->units[static_cast<size_t>(index)];
  return "?";
}

}  // namespace mc::interp
