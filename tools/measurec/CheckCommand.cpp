// `measurec check`: every diagnostic of every file, as text or JSON.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>

#include "Args.h"
#include "Commands.h"

namespace mc::cli {

bool reportDiagnostics(const Compilation& c, bool warnings) {
  for (const Diagnostic& d : c.diagnostics().items()) {
    // Notes (assumptions still in force) are for `check`, not every run.
    if (d.severity != Severity::Error && !warnings) continue;
    std::cerr << formatDiagnostic(d);
  }
  return !c.hasErrors();
}

int checkCommand(const std::vector<std::string>& argv) {
  Args args(argv, {"format", "explain"}, {"werror"});
  if (!args.ok()) return usageError("check", args.error());
  if (auto code = args.value("explain")) {
    const std::string text = explainDiagnosticCode(*code);
    if (text.empty()) {
      return usageError("check", fmt::format("unknown diagnostic code '{}' (codes: {})", *code,
                                             fmt::join(allDiagnosticCodes(), ", ")));
    }
    std::cout << *code << ": " << text << "\n";
    return kExitOk;
  }
  const std::string format = args.value("format").value_or("text");
  if (format != "text" && format != "json")
    return usageError("check", fmt::format("--format is text or json, not '{}'", format));

  Compilation c;
  std::vector<std::string> paths = args.positional();
  if (paths.empty()) paths.push_back(".");
  for (const std::string& p : paths) c.addPath(p);
  c.check();
  const Diagnostics& d = c.diagnostics();
  const bool failed = d.hasErrors() || (args.has("werror") && d.warningCount() > 0);
  if (format == "json") {
    std::cout << formatDiagnosticsJson(d.items());
  } else {
    for (const Diagnostic& diag : d.items()) std::cout << formatDiagnostic(diag);
    std::cout << fmt::format("{} error(s), {} warning(s) in {} measure(s)\n", d.errorCount(),
                             d.warningCount(), c.measures().size());
  }
  return failed ? kExitUserError : kExitOk;
}

}  // namespace mc::cli
