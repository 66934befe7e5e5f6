// `measurec gen`: a deterministic synthetic member population written as a
// data directory (DATA.md): every input file, every optional column. The
// bytes depend only on (members, seed, period), never on the thread count:
// member i draws from a random stream seeded by (seed, i), threads make
// chunks of consecutive members, and the chunks are written in member order.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "gen/DataFiles.h"

namespace mc::gen {

// Member ids are M + 7 digits.
inline constexpr std::uint64_t kMaxMembers = 9'999'999;

struct PopulationOptions {
  std::uint64_t members = 0;  // 1..kMaxMembers
  std::uint64_t seed = 1;
  int period = 2022;  // the measurement year the events are placed around
  int threads = 1;    // generating threads; the output does not depend on it
  // The edge-heavy profile (`gen --edge`): the eCQM events fall on the
  // boundaries their measures test (period ends, midnight and 23:59:59, end
  // equal to start, open and unknown ends, statuses other than completed,
  // empty optional cells) far more often than in a plan's data.
  bool edge = false;
};

struct PopulationSummary {
  std::array<std::uint64_t, kGenFileCount> rows{};   // data rows per file (DataFile order)
  std::array<std::uint64_t, kGenFileCount> bytes{};  // file sizes, header included
};

// Writes the data files into `directory`, which must exist; files of the
// same names are overwritten. Returns what went wrong, naming the file, if a
// file cannot be written (the caller stages the directory, so nothing
// half-written is left in place).
std::optional<std::string> writePopulation(const PopulationOptions& options,
                                           const std::filesystem::path& directory,
                                           PopulationSummary* summary = nullptr);

}  // namespace mc::gen
