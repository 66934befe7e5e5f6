// `measurec test`: runs the test blocks of every measure under the paths.
#include <fmt/format.h>

#include <iostream>

#include "Args.h"
#include "Commands.h"
#include "interp/MeasureTests.h"

namespace mc::cli {

int testCommand(const std::vector<std::string>& argv) {
  Args args(argv, {}, {"verbose"});
  if (!args.ok()) return usageError("test", args.error());
  Compilation c;
  std::vector<std::string> paths = args.positional();
  if (paths.empty()) paths.push_back(".");
  for (const std::string& p : paths) c.addPath(p);
  c.check();
  if (!reportDiagnostics(c, false)) {
    std::cerr << "measurec test: fix the errors above first (measurec check shows them all)\n";
    return kExitUserError;
  }
  size_t passed = 0, failed = 0;
  for (const ast::Measure* m : c.measures()) {
    const ir::Measure measure = c.lower(*m);
    for (const interp::TestResult& r : interp::runMeasureTests(measure)) {
      if (r.passed) {
        ++passed;
        if (args.has("verbose")) std::cout << fmt::format("ok    {} \"{}\"\n", r.measure, r.name);
      } else {
        ++failed;
        std::cout << fmt::format("FAIL  {} \"{}\" ({})\n    {}\n", r.measure, r.name, r.location,
                                 r.failure);
      }
    }
  }
  std::cout << fmt::format("{} passed, {} failed\n", passed, failed);
  return failed == 0 ? kExitOk : kExitUserError;
}

}  // namespace mc::cli
