// Formatting of import errors, in the shape of every measurec diagnostic.
#include "import/synthea/SyntheaError.h"

#include <fmt/format.h>

namespace mc::import::synthea {

std::string SyntheaError::format() const {
  std::string out = path;
  if (line > 0) out += fmt::format(":{}", line);
  if (line > 0 && column > 0) out += fmt::format(":{}", column);
  out += fmt::format(": error {}: {}", code, message);
  if (!note.empty()) out += "\n  note: " + note;
  return out;
}

}  // namespace mc::import::synthea
