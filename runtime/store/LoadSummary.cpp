// What a load tells beside the store: counts per file and the warnings a
// run prints about accepted data.
#include <algorithm>

#include "store/DataDirectoryLoader.h"

namespace mc::store {

std::uint64_t FileCounts::notCountedByStatus() const {
  std::uint64_t n = 0;
  for (int i = 0; i < kStatusNameCount; ++i) {
    if ((counted & (StatusMask{1} << i)) == 0) n += byStatus[i];
  }
  return n;
}

std::vector<std::string> LoadResult::warnings() const {
  std::vector<std::string> out;
  const auto providers = std::find_if(
      files.begin(), files.end(), [](const FileCounts& f) { return f.file == "providers.csv"; });
  if (providers != files.end() && !providers->present) {
    out.push_back("no providers.csv in " + directory +
                  ": provider ids are not checked against a provider list");
  }
  for (const FileCounts& f : files) {
    if (f.unknownProviders == 0) continue;
    std::string ids;
    for (const std::string& id : f.unknownProviderIds) ids += (ids.empty() ? "" : ", ") + id;
    if (f.moreUnknownProviderIds) ids += ", ...";
    out.push_back(f.file + ": " + std::to_string(f.unknownProviders) +
                  (f.unknownProviders == 1 ? " row names" : " rows name") +
                  " providers absent from providers.csv (" + ids + ")");
  }
  return out;
}

const std::vector<std::string>& dataFileNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out = {"members.csv", "enrollment.csv", "providers.csv"};
    for (int k = 0; k < kEventKindCount; ++k)
      out.emplace_back(eventFileName(static_cast<EventKind>(k)));
    return out;
  }();
  return names;
}

}  // namespace mc::store
