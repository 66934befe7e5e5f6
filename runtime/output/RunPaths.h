// The paths of a run checked against each other before anything is read:
// the results directory replaces --out, and the reject file is truncated, so
// neither may land on the run's input.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "output/ResultsDirectory.h"

namespace mc::output {

struct RunPaths {
  std::string data;                       // --data
  std::string out;                        // --out
  std::string rejectFile;                 // --reject-file, empty when none
  std::vector<std::string> sources = {};  // the program, measure and module files read
};

// Refuses --out equal to or holding the data directory, a reject file that
// is a directory, one of the data directory's input files or one of the
// run's measure files, and a reject file inside (or equal to) --out.
std::optional<OutputError> checkRunPaths(const RunPaths& paths);

}  // namespace mc::output
