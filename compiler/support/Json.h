// Minimal JSON text helpers for the files measurec writes (run.json, check
// --format json). Reading JSON is not done here.
#pragma once

#include <string>
#include <string_view>

namespace mc {

// `text` as a quoted JSON string with the required escapes.
std::string jsonString(std::string_view text);

}  // namespace mc
