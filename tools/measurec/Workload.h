// What `run` and `explain` score: the measures of a program or of measure
// files, compiled to IR, and the measurement period to score them for.
#pragma once

#include <string>
#include <vector>

#include "Args.h"
#include "interp/Interpreter.h"
#include "ir/Ir.h"
#include "output/RunReport.h"
#include "score/Scorecard.h"

namespace mc::cli {

struct Workload {
  std::string program;       // program id, or "" for --measure runs
  std::string programTitle;  // the program's title (report.html)
  std::vector<ir::Measure> measures;
  std::vector<int> minimums;
  int defaultYear = 0;  // the program's or first measure's period
  // The program's parameters, after `--set NAME=VALUE` overrides (applied by
  // the compilation, so the figures that name them are checked as set).
  std::vector<ir::ProgramParameter> parameters;
  // A program run: its domains and each measure's scoring figures, by index
  // into `measures` (empty for --measure runs).
  std::vector<ir::ProgramDomain> domains;
  std::vector<ir::ProgramMeasure> scoring;              // `measure` left empty: see `measures`
  std::vector<ir::ProgramGate> gates;                   // checked against the data by `run`
  std::vector<ir::ProgramFeeForService> feeForService;  // paid from providers.csv by `run`
  // Every file compiled (program, measures, modules) with its content hash.
  std::vector<output::SourceFile> sources;
};

// Compiles --program or measure files (and positional paths when `positionalToo`).
// Prints diagnostics; returns kExitOk or the exit code to stop with.
// `fileOption` names the option that lists measure files (empty: none).
int loadWorkload(const std::string& command, const Args& args, const std::string& fileOption,
                 bool positionalToo, Workload& out);

// What score::scorecard needs of a program run (points into w.measures).
score::ProgramScoring programScoring(const Workload& w);

// --period YYYY, or --period-start/--period-end, or the workload's year.
int resolvePeriod(const std::string& command, const Args& args, const Workload& w,
                  interp::Period& out);

}  // namespace mc::cli
