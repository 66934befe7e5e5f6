// Units of quantities (UCUM text, the units of FHIR's valueQuantity and of
// CQL's quantity literals): one canonical spelling per unit, so that the
// store, the compiler and the interpreter compare units as equal strings.
// Only spelling is normalised; units are never converted (CQL converts
// between convertible units, e.g. mg and g; the eCQMs compare each reading
// in its measure's own unit, and a reading in another unit is unknown).
#pragma once

#include <string>
#include <string_view>

namespace mc {

// The unit of a number that has none: UCUM's unity. CQL: a Quantity without
// a unit has unit '1'.
inline constexpr std::string_view kUnitless = "1";

// The note of a malformed unit (E0230).
inline constexpr const char* kUnitHint =
    "write a UCUM unit in single quotes, e.g. '%', 'mm[Hg]', 'mg/dL', or '1' for a number "
    "without a unit";

// The canonical spelling of a unit: surrounding blanks trimmed, an empty
// unit is '1', and the other spellings of one UCUM unit accepted in data
// and literals are mapped to it (`mmHg`, `mm Hg` -> `mm[Hg]`). Anything else
// is returned as written (UCUM is case-sensitive).
std::string canonicalUnit(std::string_view unit);

// Whether `unit`, as written in a quantity literal, follows the syntax of a
// UCUM unit (printable ASCII without blanks, `[...]` and `{...}` closed and
// not nested, parentheses balanced, no operator `.` or `/` without an
// operand) or is one of the accepted spellings; when not, `why` says what is
// wrong. It does not check that UCUM's table knows the unit.
bool wellFormedUnit(std::string_view unit, std::string& why);

}  // namespace mc
