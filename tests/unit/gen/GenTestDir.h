// Generates a population into a temporary directory for the gen tests and
// reads its files back.
#pragma once

#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "../store/TempDataDir.h"
#include "gen/Population.h"

namespace mc::gen::test {

struct GeneratedDir {
  store::test::TempDataDir dir;
  PopulationSummary summary;

  GeneratedDir(std::uint64_t members, std::uint64_t seed, int threads, int period = 2022,
               bool edge = false) {
    PopulationOptions options;
    options.members = members;
    options.seed = seed;
    options.threads = threads;
    options.period = period;
    options.edge = edge;
    error = writePopulation(options, dir.dir(), &summary);
  }
  std::string read(const std::string& name) const { return dir.read(name); }

  std::optional<std::string> error;
};

}  // namespace mc::gen::test
