// Compiles one measure file held in memory (with the shipped stdlib) and runs
// its test blocks: the engine tests' way to score a tiny member end to end.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "driver/Compilation.h"
#include "interp/MeasureTests.h"
#include "support/Diagnostic.h"

namespace mc::testing {

// `path` places the file (code files are read relative to it).
inline std::vector<interp::TestResult> runTestBlocks(const std::string& text,
                                                     const std::string& path = "t.measure") {
  Compilation c(std::string(MEASUREC_SOURCE_DIR) + "/stdlib");
  c.addSource(path, text);
  c.check();
  std::string diagnostics;
  for (const Diagnostic& d : c.diagnostics().items()) diagnostics += formatDiagnostic(d);
  INFO(diagnostics);
  REQUIRE_FALSE(c.hasErrors());
  REQUIRE(c.measures().size() == 1);
  return interp::runMeasureTests(c.lower(*c.measures()[0]));
}

}  // namespace mc::testing
