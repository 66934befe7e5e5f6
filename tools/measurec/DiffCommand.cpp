// `measurec diff OLD NEW`: the summary of changes between two program years,
// one line per change (driver/ProgramDiff.h does the comparing).
#include <fmt/format.h>

#include <iostream>
#include <optional>

#include "Args.h"
#include "Commands.h"
#include "driver/ProgramDiff.h"

namespace mc::cli {
namespace {

// Each program compiles on its own: the two years may share measure files
// (the 2021 CBI program includes the 2022 files) and must not see each
// other's declarations.
std::optional<ir::Program> loadProgram(const std::string& path) {
  std::string error;
  const std::string file = findProgramFile(path, error);
  if (!error.empty()) {
    std::cerr << fmt::format(
        "measurec diff: {}\n  note: give a program file or a directory holding exactly one\n",
        error);
    return std::nullopt;
  }
  Compilation c;
  c.addPath(file);
  c.check();
  if (!reportDiagnostics(c, false)) {
    std::cerr << fmt::format("measurec diff: '{}' has errors; nothing was compared\n", file);
    return std::nullopt;
  }
  const auto programs = c.programs();
  if (programs.size() != 1) {
    std::cerr << fmt::format("measurec diff: '{}' holds {} programs; expected one\n", file,
                             programs.size());
    return std::nullopt;
  }
  return c.lower(*programs[0]);
}

}  // namespace

int diffCommand(const std::vector<std::string>& argv) {
  Args args(argv, {}, {});
  if (!args.ok()) return usageError("diff", args.error());
  if (args.positional().size() != 2)
    return usageError("diff", "give two programs: the old year's and the new year's");
  const auto before = loadProgram(args.positional()[0]);
  if (!before) return kExitUserError;
  const auto after = loadProgram(args.positional()[1]);
  if (!after) return kExitUserError;
  const std::vector<std::string> lines = diffPrograms(*before, *after);
  std::cout << fmt::format(
      "{} -> {}: {}\n", before->id, after->id,
      lines.empty() ? "no changes" : fmt::format("{} change(s)", lines.size()));
  for (const std::string& line : lines) std::cout << line << "\n";
  return kExitOk;
}

}  // namespace mc::cli
