// The member attributes a measure can be stratified by (`stratify by
// ethnicity`): one list that the checker, the IR printer and the strata of a
// run (strata.csv) share, so that a stratifier is named the same everywhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mc {

// Order of kStratifierNames. Ethnicity, race, language and county are
// members.csv columns; sex is required there; an age band is the member's
// age at the end of the measurement period (the HEDIS age anchor).
enum class StratifierKind : std::uint8_t { Ethnicity, Race, Sex, Language, County, AgeBand };

inline constexpr const char* kStratifierNames[] = {"ethnicity", "race",   "sex",
                                                   "language",  "county", "age band"};
inline constexpr int kStratifierCount = 6;

inline const char* stratifierName(StratifierKind k) {
  return kStratifierNames[static_cast<int>(k)];
}

// Exact, lower-case: stratifiers are words of the language, not data values.
inline std::optional<StratifierKind> stratifierFromName(std::string_view name) {
  for (int i = 0; i < kStratifierCount; ++i) {
    if (name == kStratifierNames[i]) return static_cast<StratifierKind>(i);
  }
  return std::nullopt;
}

// "ethnicity, race, sex, language, county, age band": for messages.
inline std::string stratifierNameList() {
  std::string out;
  for (int i = 0; i < kStratifierCount; ++i)
    out += std::string(i ? ", " : "") + kStratifierNames[i];
  return out;
}

// The stratum of a member whose cell is empty: its own stratum, never
// dropped (an analyst must see how many members the plan cannot place).
inline constexpr const char* kUnknownStratum = "(unknown)";
// The stratum of a member whose age is in none of the measure's bands.
inline constexpr const char* kOtherAgeStratum = "(other ages)";

}  // namespace mc
