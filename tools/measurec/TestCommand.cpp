// `measurec test`: runs the test blocks of every measure under the paths.
#include <fmt/format.h>

#include <iostream>

#include "Args.h"
#include "Commands.h"
#include "interp/MeasureTests.h"
#include "jit/JitEngine.h"
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
  Args args(argv, {"format", "engine"}, {"verbose"});
  if (!args.ok()) return usageError("test", args.error());
  const std::string engine = args.value("engine").value_or("interp");
  if (engine != "interp" && engine != "jit")
    return usageError("test", fmt::format("--engine is interp or jit, not '{}'", engine));
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
  // --engine jit: the measures with tests that the JIT compiled, and why
  // each other one is interpreted.
  size_t withTests = 0, compiled = 0;
  std::string interpreted;
  for (const ast::Measure* m : c.measures()) {
    const ir::Measure measure = c.lower(*m);
    // One JIT per measure: it compiles the measure once for all its tests.
    std::unique_ptr<interp::MeasureCompiler> compiler;
    if (engine == "jit") compiler = jit::makeJitCompiler();
    interp::EngineReport report;
    std::vector<interp::TestResult> tests =
        interp::runMeasureTests(measure, compiler.get(), &report);
    if (!report.measures.empty()) {
      ++withTests;
      if (report.measures[0].compiled) {
        ++compiled;
      } else {
        interpreted += fmt::format("{}{} ({})", interpreted.empty() ? "" : ", ", measure.id,
                                   report.measures[0].unsupported);
      }
    }
    for (interp::TestResult& r : tests) {
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
  if (engine == "jit" && !json) {
    std::cout << fmt::format("engine jit: {} of {} measure(s) with tests compiled\n", compiled,
                             withTests);
    if (args.has("verbose") && !interpreted.empty())
      std::cout << "interpreted: " << interpreted << "\n";
  }
  return failed == 0 ? kExitOk : kExitUserError;
}

}  // namespace mc::cli
