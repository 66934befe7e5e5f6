// run.json (DATA.md, Outputs): what was run, on what input, and how long each
// phase took.
//
// Key order (stable; tools and diffs rely on it):
//   engine, [--engine jit:] engine_measures { ID: { compiled, [not compiled:] unsupported } },
//   program, period {start, end}, as_of, threads, members, measures [],
//   [a run with rewards:] rewards { REWARD: { members, earned_on_missing } },
//   inputs { FILE: { present, lines, rows, accepted, rejected, [with as_of:] after_as_of,
//                    [event files:] not_counted_by_status, statuses { STATUS: n },
//                    unknown_providers } },
//   sources [ { path, hash, absolute } ]  (program file, measure files, modules),
//   [a program run with parameters:] parameters { NAME: { value, unit, assumption, set } },
//   data { given, absolute }, reject_file (null when none),
//   prior (--prior DIR; null when none), command_line [],
//   timings { load, compile, score, score_engine (of score: the member passes), write },
//   version.
// `statuses` lists, in vocabulary order, only the statuses outside the
// default counted set (kDefaultCountedStatuses) that occur.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "store/DataDirectoryLoader.h"

namespace mc::output {

// A file the run's results depend on, with its content hash ("fnv1a64:...").
struct SourceFile {
  std::string path;  // as the command line or an include named it
  std::string hash;
  std::string absolute = {};  // the same file from anywhere; empty: not written
};

// A member reward of the run (rewards/<REWARD>.csv): the members who earned
// it, and those who met its rule on no date the data holds (not written).
struct RewardCount {
  std::string reward;
  std::size_t members = 0;
  std::size_t earnedOnMissing = 0;
};

// A program parameter as the run used it: its value after `--set`, and
// whether it is still an assumption and whether `--set` gave it.
struct ParameterValue {
  std::string name;
  double value = 0;
  std::string unit;  // "dollars", "percent", "points" or empty
  bool assumption = false;
  bool set = false;
};

// What one measure ran on under --engine jit: compiled, or interpreted with
// the first thing the JIT cannot lower yet.
struct MeasureEngineRow {
  std::string measure;
  bool compiled = false;
  std::string unsupported;
};

struct RunReport {
  std::string engine;  // "interp", "jit", ...
  // --engine jit: per measure of the run, in run order; empty otherwise.
  std::vector<MeasureEngineRow> engineMeasures;
  std::string program;
  std::string periodStart;  // ISO dates
  std::string periodEnd;
  std::string asOf;  // empty: null
  std::string version;
  int threads = 1;
  std::vector<store::FileCounts> files;                // in the order to write them
  double load = 0, compile = 0, score = 0, write = 0;  // seconds
  // Of `score`: the engine's member passes (interp::EngineReport).
  double scoreEngine = 0;
  size_t members = 0;
  std::vector<std::string> measures;
  std::vector<RewardCount> rewards;  // written only when the run has rewards
  std::vector<SourceFile> sources;
  std::vector<ParameterValue> parameters;  // the program's, in file order
  std::string dataGiven;                   // --data as given
  std::string dataAbsolute;                // and as an absolute path
  std::string rejectFile;                  // empty: null
  std::string prior;                       // --prior DIR as given; empty: null
  std::vector<std::string> commandLine;
};

// The JSON text, 2-space indented, ending with a newline.
std::string runJson(const RunReport& report);

}  // namespace mc::output
