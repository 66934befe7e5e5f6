// Names shared by the language and the member store: event settings. The
// order is the order of store::Setting, and of the bits of a setting mask.
#pragma once

#include <optional>
#include <string_view>

namespace mc {

inline constexpr const char* kSettingNames[] = {
    "",           "outpatient", "inpatient", "ed",   "urgent", "observation",
    "telehealth", "snf",        "hospice",   "home", "other",
};
inline constexpr int kSettingNameCount = 11;

// Index into kSettingNames; "" is 0 (no setting given). nullopt if unknown.
inline std::optional<int> settingIndex(std::string_view name) {
  for (int i = 0; i < kSettingNameCount; ++i) {
    if (name == kSettingNames[i]) return i;
  }
  return std::nullopt;
}

}  // namespace mc
