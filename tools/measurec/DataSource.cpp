// Loading --data from a directory or from a cache file.
#include "DataSource.h"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "Args.h"
#include "LoadMessages.h"
#include "store/CacheFile.h"

namespace mc::cli {

int checkCacheOptions(const std::string& command, const std::string& data, Days asOf,
                      const std::string& rejectFile) {
  if (!store::isCacheFile(data)) return kExitOk;
  const char* option = asOf != kNoDate ? "--as-of" : !rejectFile.empty() ? "--reject-file" : "";
  if (*option == '\0') return kExitOk;
  const std::string why =
      asOf != kNoDate
          ? "an --as-of run reads only the rows known on its date, and a cache holds them all"
          : "the bad rows were set aside (or refused) when the cache was built";
  std::cerr << fmt::format(
      "measurec {}: {}: error E0819: {} cannot be used with a cache: {}\n  note: give --data the "
      "data directory itself, or leave out {}\n",
      command, data, option, why, option);
  return kExitUsage;
}

int loadData(const std::string& command, const std::string& data, const store::LoadOptions& options,
             store::LoadResult& out, std::string* cacheRejectFile, CacheReadAhead* ahead) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(data, ec) && !store::isCacheFile(data)) {
    std::cerr << fmt::format(
        "{}: error E0816: neither a data directory nor a measurec cache (no cache header)\n  "
        "note: give --data a data directory (docs/data.md) or a cache written by `measurec "
        "ingest DATA_DIR --out FILE.mcache`\nmeasurec {}: nothing was read{}\n",
        data, command, command == "run" ? "; nothing was written" : "");
    return kExitUserError;
  }
  if (!store::isCacheFile(data)) {
    out = store::loadDataDirectory(data, options);
    if (out.error) {
      printLoadFailure(command, out);
      return kExitUserError;
    }
    printLoadWarnings(out);
    return kExitOk;
  }
  std::optional<store::CacheRead> early =
      ahead != nullptr ? ahead->take(data) : std::optional<store::CacheRead>();
  store::CacheRead read = early ? std::move(*early) : store::readCache(data, options.threads);
  if (read.error) {
    std::cerr << read.error->format() << "\n";
    std::cerr << fmt::format("measurec {}: the cache cannot be used{}\n", command,
                             command == "run" ? "; nothing was written" : "");
    return kExitUserError;
  }
  if (cacheRejectFile != nullptr) *cacheRejectFile = read.provenance.rejectFile;
  out = store::loadResultFromCache(std::move(read));
  printLoadWarnings(out);
  return kExitOk;
}

}  // namespace mc::cli
