// run.json (DATA.md, Outputs): what was run, on what input, and how long each
// phase took.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "store/DataDirectoryLoader.h"

namespace mc::output {

struct RunReport {
  std::string engine;  // "interp", "jit", ...
  std::string program;
  std::string periodStart;  // ISO dates
  std::string periodEnd;
  std::string asOf;  // empty: null
  std::string version;
  int threads = 1;
  std::vector<store::FileCounts> files;                // in the order to write them
  double load = 0, compile = 0, score = 0, write = 0;  // seconds
  size_t members = 0;
  std::vector<std::string> measures;
};

// The JSON text, 2-space indented, ending with a newline.
std::string runJson(const RunReport& report);

}  // namespace mc::output
