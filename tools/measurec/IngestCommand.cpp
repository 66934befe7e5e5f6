// `measurec ingest DATA_DIR --out FILE.mcache`: load a data directory with
// the DATA.md rules and write its binary cache (store/CacheFile.h), which
// `--data FILE.mcache` then maps instead of parsing the CSV again.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "Args.h"
#include "Commands.h"
#include "LoadMessages.h"
#include "output/RunPaths.h"
#include "output/StagedFile.h"
#include "store/CacheFile.h"
#include "store/DataDirectoryLoader.h"

namespace mc::cli {

int ingestCommand(const std::vector<std::string>& argv) {
  const Args args(argv, {"out", "reject-file", "threads"}, {});
  if (!args.ok()) return usageError("ingest", args.error());
  if (args.positional().size() != 1)
    return usageError("ingest", "give one data directory: measurec ingest DATA_DIR --out FILE");
  const std::string data = args.positional()[0];
  const auto out = args.value("out");
  if (!out) return usageError("ingest", "give --out FILE (the cache file to write, FILE.mcache)");
  const std::string rejectFile = args.value("reject-file").value_or("");
  // The load's threads (the cache is the same for any number).
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (auto t = args.value("threads")) {
    const std::optional<long> n = parseWholeNumber(*t, 1, 256);
    if (!n)
      return usageError("ingest",
                        fmt::format("--threads takes a number from 1 to 256, not '{}'", *t));
    threads = static_cast<int>(*n);
  }
  std::error_code ec;
  if (std::filesystem::is_directory(*out, ec))
    return usageError("ingest", fmt::format("--out {} is a directory; give a file name", *out));
  if (auto e = output::checkRunPaths({data, *out, rejectFile, {}})) {
    std::cerr << fmt::format("measurec ingest: {}\n", e->format());
    return kExitUsage;
  }
  for (const std::string& name : store::dataFileNames()) {
    if (std::filesystem::equivalent(std::filesystem::path(data) / name, *out, ec))
      return usageError("ingest", fmt::format("--out {} is an input of {}", *out, data));
  }

  const auto start = std::chrono::steady_clock::now();
  // Before the load: a file changed while it is read makes the cache stale.
  store::CacheProvenance provenance = store::describeInputs(data);
  provenance.rejectFile = rejectFile;
  output::StagedFile rejects(rejectFile);
  store::LoadOptions options;
  options.rejectFile = rejectFile;
  options.rejectFileStaging = rejects.staging();
  options.threads = threads;
  const store::LoadResult loaded = store::loadDataDirectory(data, options);
  if (loaded.error) {
    printLoadFailure("ingest", loaded);
    return kExitUserError;
  }
  printLoadWarnings(loaded);
  std::uint64_t bytes = 0;
  if (auto e = store::writeCache(*out, *loaded.store, loaded.files, provenance, &bytes)) {
    std::cerr << e->format() << "\nmeasurec ingest: nothing was written\n";
    return kExitUserError;
  }
  if (const std::string why = rejects.commit(); !why.empty()) {
    std::cerr << fmt::format(
        "error: {}: cannot move the reject file into place from {}: {}\nmeasurec ingest: the "
        "cache is in {}, but the bad rows are only in {}\n",
        rejectFile, rejects.staging(), why, *out, rejects.staging());
    return kExitUserError;
  }
  const store::MemberStore& s = *loaded.store;
  std::uint64_t events = 0, rejected = 0;
  for (const store::EventTable& t : s.events) events += t.size();
  for (const store::FileCounts& f : loaded.files) rejected += f.rejected;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << fmt::format(
      "measurec ingest: {} -> {}: {} members, {} events, {} bytes ({:.1f} MB), {:.3f}s{}\n", data,
      *out, s.memberCount(), events, bytes, static_cast<double>(bytes) / (1024.0 * 1024.0), seconds,
      rejected == 0 ? "" : fmt::format("; {} bad row(s) set aside in {}", rejected, rejectFile));
  return kExitOk;
}

}  // namespace mc::cli
