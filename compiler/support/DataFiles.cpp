// Headers of a data directory's files.
#include "support/DataFiles.h"

#include <algorithm>

namespace mc {

std::string headerWithout(DataFile file, std::initializer_list<std::string_view> omitted) {
  std::string out;
  std::string_view rest = layoutOf(file).header;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view column = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (std::find(omitted.begin(), omitted.end(), column) != omitted.end()) continue;
    if (!out.empty()) out += ',';
    out += column;
  }
  return out;
}

}  // namespace mc
