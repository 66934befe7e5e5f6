// `measurec test`: runs the test blocks of every measure under the paths.
#include <fmt/format.h>

#include <iostream>

#include "Args.h"
#include "Commands.h"
#include "interp/MeasureTests.h"
#include "support/Json.h"

namespace mc::cli {
namespace {

std::string jsonStrings(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + jsonString(items[i]);
  return out + "]";
}

// {"passed": N, "failed": M, "tests": [{...}, ...], "diagnostics": [...]}: one
// object per test, and the diagnostics of `check` (with errors no test runs,
// and the object keeps its shape so that CI reads one format).
std::string testResultsJson(const std::vector<interp::TestResult>& results, size_t passed,
                            size_t failed, const std::vector<Diagnostic>& diagnostics) {
  std::string out =
      fmt::format("{{\n  \"passed\": {},\n  \"failed\": {},\n  \"tests\": [", passed, failed);
  for (size_t i = 0; i < results.size(); ++i) {
    const interp::TestResult& r = results[i];
    out += i ? ",\n    {" : "\n    {";
    out += "\"measure\": " + jsonString(r.measure) + ", \"name\": " + jsonString(r.name) +
           ", \"location\": " + jsonString(r.location) +
           ", \"passed\": " + (r.passed ? "true" : "false");
    if (!r.passed) {
      out += ", \"failures\": " + jsonStrings(r.wrong) +
             ", \"decided_by\": " + jsonString(r.decidedBy) + ", \"age\": " + jsonString(r.age) +
             ", \"near_misses\": " + jsonStrings(r.nearMisses);
    }
    out += "}";
  }
  out += results.empty() ? "]" : "\n  ]";
  out += ",\n  \"diagnostics\": " + formatDiagnosticsJson(diagnostics) + "}\n";
  return out;
}

}  // namespace

int testCommand(const std::vector<std::string>& argv) {
  Args args(argv, {"format"}, {"verbose"});
  if (!args.ok()) return usageError("test", args.error());
  const std::string format = args.value("format").value_or("text");
  if (format != "text" && format != "json")
    return usageError("test", fmt::format("--format is text or json, not '{}'", format));
  const bool json = format == "json";
  Compilation c;
  std::vector<std::string> paths = args.positional();
  if (paths.empty()) paths.push_back(".");
  for (const std::string& p : paths) c.addPath(p);
  c.check();
  if (!reportDiagnostics(c, false)) {
    if (json) std::cout << testResultsJson({}, 0, 0, c.diagnostics().items());
    std::cerr << "measurec test: fix the errors above first (measurec check shows them all)\n";
    return kExitUserError;
  }
  size_t passed = 0, failed = 0;
  std::vector<interp::TestResult> results;
  for (const ast::Measure* m : c.measures()) {
    const ir::Measure measure = c.lower(*m);
    for (interp::TestResult& r : interp::runMeasureTests(measure)) {
      (r.passed ? passed : failed) += 1;
      if (json) {
        results.push_back(std::move(r));
      } else if (!r.passed) {
        std::cout << fmt::format("FAIL  {} \"{}\" ({})\n    {}\n", r.measure, r.name, r.location,
                                 r.failure);
      } else if (args.has("verbose")) {
        std::cout << fmt::format("ok    {} \"{}\"\n", r.measure, r.name);
      }
    }
  }
  if (json)
    std::cout << testResultsJson(results, passed, failed, c.diagnostics().items());
  else
    std::cout << fmt::format("{} passed, {} failed\n", passed, failed);
  return failed == 0 ? kExitOk : kExitUserError;
}

}  // namespace mc::cli
