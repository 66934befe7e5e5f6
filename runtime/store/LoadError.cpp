// The one-line form of a load error, with its note.
#include "store/LoadError.h"

#include <string_view>

namespace mc::store {
namespace {

// Values can be anything a file holds; keep the one-line message readable.
std::string printable(std::string_view value) {
  constexpr size_t kMax = 80;
  std::string out;
  for (const char c : value.substr(0, kMax)) {
    out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
  }
  if (value.size() > kMax) {
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
    out += "...";
  }
  return out;
}

}  // namespace

std::string LoadError::format() const {
  std::string out = path;
  if (line != 0) out += ":" + std::to_string(line);
  out += ":";
  if (!column.empty()) out += " column '" + column + "':";
  if (!value.empty()) out += " value '" + printable(value) + "':";
  out += " " + message;
  if (!hint.empty()) out += "\n  note: " + hint;
  return out;
}

}  // namespace mc::store
