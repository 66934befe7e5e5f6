// Compiling the measures of a run and choosing its period.
#include "Workload.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>

#include "Commands.h"
#include "driver/Compilation.h"
#include "interp/Scoring.h"
#include "output/ContentHash.h"

namespace mc::cli {

// `--set NAME=VALUE`, each value a finite number. Returns kExitOk or the
// usage error's exit code.
static int parseOverrides(const std::string& command, const Args& args,
                          std::map<std::string, double>& out) {
  for (const std::string& setting : args.values("set")) {
    const size_t eq = setting.find('=');
    if (eq == std::string::npos || eq == 0)
      return usageError(command, fmt::format("--set takes NAME=VALUE, not '{}'", setting));
    const std::string name = setting.substr(0, eq);
    const std::string text = setting.substr(eq + 1);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
        !std::isfinite(value))
      return usageError(command, fmt::format("--set {}: '{}' is not a number (e.g. --set {}=100)",
                                             name, text, name));
    out[name] = value;
  }
  return kExitOk;
}

// A --set name that no program declares: the usage error lists those it does.
static int unknownOverride(const std::string& command, const Compilation& c,
                           const std::string& name) {
  std::vector<std::string> names;
  for (const ast::Program* p : c.programs())
    for (const ast::ProgramParameter& par : p->parameters) names.push_back(par.name);
  const std::string known = names.empty() ? std::string("the program has no parameters")
                                          : fmt::format("parameters: {}", fmt::join(names, ", "));
  return usageError(command, fmt::format("--set: unknown parameter '{}' ({})", name, known));
}

int loadWorkload(const std::string& command, const Args& args, const std::string& fileOption,
                 bool positionalToo, Workload& out) {
  const auto program = args.value("program");
  std::vector<std::string> files;
  if (!fileOption.empty()) files = args.values(fileOption);
  if (positionalToo)
    for (const std::string& p : args.positional()) files.push_back(p);
  if (!program && files.empty())
    return usageError(command, "give --program FILE|DIR or measure files");
  if (program && !files.empty())
    return usageError(command, "give either --program or measure files, not both");

  std::map<std::string, double> overrides;
  if (const int rc = parseOverrides(command, args, overrides); rc != kExitOk) return rc;
  Compilation c;
  c.setParameterOverrides(overrides);
  std::string programFile;
  if (program) {
    std::string error;
    programFile = findProgramFile(*program, error);
    if (!error.empty()) {
      std::cerr << fmt::format(
          "measurec {}: {}\n  note: --program takes a program file or a "
          "directory holding exactly one\n",
          command, error);
      return kExitUserError;
    }
    c.addPath(programFile);
  } else {
    for (const std::string& f : files) c.addPath(f);
  }
  c.check();
  // Before the diagnostics: a misspelt --set name, not the file, is what to fix.
  if (const auto unknown = c.unknownOverrides(); !unknown.empty())
    return unknownOverride(command, c, unknown.front());
  if (!reportDiagnostics(c, false)) {
    std::cerr << fmt::format("measurec {}: the measures have errors; nothing was scored\n",
                             command);
    return kExitUserError;
  }
  if (program) {
    const auto programs = c.programs();
    if (programs.size() != 1) {
      std::cerr << fmt::format("measurec {}: '{}' holds {} programs; expected one\n", command,
                               programFile, programs.size());
      return kExitUserError;
    }
    ir::Program p = c.lower(*programs[0]);
    out.program = p.id;
    out.programTitle = p.title;
    out.defaultYear = p.period;
    out.parameters = p.parameters;
    out.domains = p.domains;
    out.gates = p.gates;
    out.feeForService = p.feeForService;
    for (ir::ProgramMeasure& pm : p.measures) {
      out.minimums.push_back(pm.minimum);
      out.measures.push_back(std::move(pm.measure));
      pm.measure = ir::Measure();
      out.scoring.push_back(std::move(pm));
    }
  } else {
    for (const ast::Measure* m : c.measures()) {
      out.measures.push_back(c.lower(*m));
      out.minimums.push_back(0);
    }
  }
  if (out.measures.empty()) {
    std::cerr << fmt::format("measurec {}: no measures to score\n", command);
    return kExitUserError;
  }
  if (out.defaultYear == 0) out.defaultYear = out.measures.front().period;
  for (const SourceFilePtr& f : c.sourceFiles()) {
    // A relative path alone does not say which file it was: keep both.
    std::error_code ec;
    const std::string absolute =
        std::filesystem::absolute(f->path(), ec).lexically_normal().string();
    out.sources.push_back({f->path(), output::contentHash(f->text()), ec ? "" : absolute});
  }
  return kExitOk;
}

score::ProgramScoring programScoring(const Workload& w) {
  score::ProgramScoring out;
  out.program = w.program;
  out.domains = w.domains;
  for (size_t i = 0; i < w.scoring.size(); ++i) {
    const ir::ProgramMeasure& pm = w.scoring[i];
    if (w.measures[i].isReward()) continue;  // paid to members, never to providers
    out.measures.push_back({&w.measures[i], pm.domain, pm.points, pm.exploratory, pm.stars,
                            pm.payment, pm.tiers, pm.goal});
  }
  // The dollars of a point: the parameter the CBI program names point_value.
  for (const ir::ProgramParameter& p : w.parameters) {
    if (p.name == "point_value") out.pointValue = p.value;
    // The pharmacy P4P dollars (score::addPharmacyProgram).
    if (p.name == "p4p_pool") out.p4pPool = p.value;
  }
  return out;
}

int resolvePeriod(const std::string& command, const Args& args, const Workload& w,
                  interp::Period& out) {
  const auto year = args.value("period");
  const auto start = args.value("period-start");
  const auto end = args.value("period-end");
  if (year && (start || end))
    return usageError(command, "give --period or --period-start/--period-end, not both");
  if (year) {
    const std::optional<long> y = parseWholeNumber(*year, 1900, 2200);
    if (!y || year->size() != 4)
      return usageError(command,
                        fmt::format("--period takes a year such as 2022, not '{}'", *year));
    out = interp::calendarYear(static_cast<int>(*y));
    return kExitOk;
  }
  if (start || end) {
    if (!start || !end) return usageError(command, "give both --period-start and --period-end");
    const auto s = parseIsoDate(*start);
    const auto e = parseIsoDate(*end);
    if (!s || !e || *s > *e)
      return usageError(command,
                        "--period-start and --period-end are dates YYYY-MM-DD, start <= end");
    // The same years as --period and `period YYYY` (E0304).
    const int startYear = civilFromDays(*s).year, endYear = civilFromDays(*e).year;
    if (startYear < 1900 || endYear > 2200)
      return usageError(command,
                        fmt::format("a measurement period lies in the years 1900..2200, not "
                                    "{}..{}",
                                    *start, *end));
    out = {*s, *e};
    return kExitOk;
  }
  if (w.defaultYear == 0)
    return usageError(command,
                      "no measurement period: give --period YYYY (the measures name none)");
  out = interp::calendarYear(w.defaultYear);
  return kExitOk;
}

}  // namespace mc::cli
