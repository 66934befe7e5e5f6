// Path comparisons on resolved paths (symbolic links followed where the
// path exists), so that `data/../data` or a link cannot slip past.
#include "output/RunPaths.h"

#include <filesystem>
#include <system_error>

#include "store/DataDirectoryLoader.h"

namespace mc::output {
namespace fs = std::filesystem;
namespace {

fs::path resolved(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) p = fs::absolute(path, ec).lexically_normal();
  if (!p.has_filename() && p.has_parent_path()) p = p.parent_path();
  return p;
}

// True when `inner` is `outer` or lies below it.
bool isWithin(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

}  // namespace

std::optional<OutputError> checkRunPaths(const RunPaths& paths) {
  const fs::path data = resolved(paths.data);
  const fs::path out = resolved(paths.out);
  if (isWithin(data, out)) {
    return OutputError{paths.out,
                       "--out would replace the data directory " + paths.data +
                           (data == out ? "" : " (it lies inside --out)"),
                       "write the results to a directory outside the data, e.g. --out results"};
  }
  if (paths.rejectFile.empty()) return std::nullopt;
  const fs::path reject = resolved(paths.rejectFile);
  std::error_code ec;
  if (fs::is_directory(reject, ec)) {
    return OutputError{paths.rejectFile, "is a directory; the reject file is one CSV file",
                       "name a file, e.g. --reject-file bad-rows.csv"};
  }
  // The reject file is written beside PATH and renamed over it: over
  // /dev/null or a pipe that would replace the device or pipe with a file.
  if (fs::exists(reject, ec) && !fs::is_regular_file(reject, ec)) {
    return OutputError{paths.rejectFile,
                       "is not a regular file (a device or a pipe); the reject file replaces "
                       "PATH when the run succeeds",
                       "name a file, e.g. --reject-file bad-rows.csv"};
  }
  for (const std::string& name : store::dataFileNames()) {
    if (reject != resolved((fs::path(paths.data) / name).string())) continue;
    return OutputError{paths.rejectFile,
                       "the reject file would overwrite " + name +
                           ", an input of this run (--data " + paths.data + ")",
                       "write bad rows outside the data directory, e.g. --reject-file "
                       "bad-rows.csv"};
  }
  for (const std::string& source : paths.sources) {
    if (reject != resolved(source)) continue;
    return OutputError{paths.rejectFile,
                       "the reject file would overwrite " + source + ", a measure file of this run",
                       "write bad rows to a file of their own, e.g. --reject-file bad-rows.csv"};
  }
  if (isWithin(reject, out)) {
    return OutputError{
        paths.rejectFile,
        "the reject file lies inside --out " + paths.out + ", which the results replace",
        "write bad rows outside the results directory, e.g. --reject-file "
        "bad-rows.csv"};
  }
  return std::nullopt;
}

}  // namespace mc::output
