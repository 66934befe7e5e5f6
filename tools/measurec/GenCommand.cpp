// `measurec gen`: write a deterministic synthetic population (a data
// directory in the DATA.md layout), staged and renamed into place.
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "Args.h"
#include "Commands.h"
#include "gen/Population.h"
#include "output/ResultsDirectory.h"

namespace mc::cli {
namespace {

std::vector<std::string> generatedFileNames() {
  std::vector<std::string> names;
  for (int i = 0; i < gen::kGenFileCount; ++i) names.emplace_back(gen::genFileName(i));
  return names;
}

std::string megabytes(std::uint64_t bytes) {
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

}  // namespace

int genCommand(const std::vector<std::string>& args) {
  const Args a(args, {"members", "seed", "out", "threads", "period"}, {"edge"});
  if (!a.ok()) return usageError("gen", a.error());
  if (!a.positional().empty())
    return usageError("gen", fmt::format("unexpected argument '{}'", a.positional().front()));
  for (const char* required : {"members", "seed", "out"}) {
    if (!a.has(required)) return usageError("gen", fmt::format("--{} is required", required));
  }
  gen::PopulationOptions options;
  const std::string membersText = *a.value("members");
  const auto members = parseWholeNumber(membersText, 1, static_cast<long>(gen::kMaxMembers));
  if (!members) {
    return usageError("gen", fmt::format("--members must be a whole number from 1 to {} (got '{}')",
                                         gen::kMaxMembers, membersText));
  }
  options.members = static_cast<std::uint64_t>(*members);
  const std::string seedText = *a.value("seed");
  const auto seed = parseWholeNumber(seedText, 0, 999'999'999'999'999'999L);
  if (!seed) {
    return usageError("gen",
                      fmt::format("--seed must be a whole number, 0 or more (got '{}')", seedText));
  }
  options.seed = static_cast<std::uint64_t>(*seed);
  if (const auto t = a.value("threads")) {
    const auto threads = parseWholeNumber(*t, 1, 256);
    if (!threads) {
      return usageError(
          "gen", fmt::format("--threads must be a whole number from 1 to 256 (got '{}')", *t));
    }
    options.threads = static_cast<int>(*threads);
  } else {
    options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  if (const auto p = a.value("period")) {
    const auto period = parseWholeNumber(*p, 1900, 2100);
    if (!period) {
      return usageError("gen",
                        fmt::format("--period must be a year from 1900 to 2100 (got '{}')", *p));
    }
    options.period = static_cast<int>(*period);
  }

  options.edge = a.has("edge");

  output::ResultsDirectory out(*a.value("out"), generatedFileNames());
  if (auto error = out.create()) {
    std::cerr << "measurec gen: " << error->format() << "\n";
    return kExitUsage;
  }
  const auto started = std::chrono::steady_clock::now();
  gen::PopulationSummary summary;
  if (auto error = gen::writePopulation(options, out.temporary(), &summary)) {
    std::cerr << "measurec gen: " << *error << "\n  note: nothing was written to "
              << out.target().string() << "; check free disk space and permissions\n";
    return kExitUserError;
  }
  if (auto error = out.commit()) {
    std::cerr << "measurec gen: " << error->format() << "\n";
    return kExitUserError;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::uint64_t total = 0;
  std::cout << fmt::format(
      "measurec gen: {} members, seed {}, period {}{} -> {} ({:.1f} s, {} thread{})\n",
      options.members, options.seed, options.period, options.edge ? ", edge-heavy" : "",
      out.target().string(), seconds, options.threads, options.threads == 1 ? "" : "s");
  for (int i = 0; i < gen::kGenFileCount; ++i) {
    total += summary.bytes[i];
    std::cout << fmt::format("  {:<18} {:>11} rows {:>10}\n", gen::genFileName(i), summary.rows[i],
                             megabytes(summary.bytes[i]));
  }
  std::cout << fmt::format("  {:<18} {:>16} {:>10}\n", "total", "", megabytes(total));
  return kExitOk;
}

}  // namespace mc::cli
