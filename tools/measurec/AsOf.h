// `run --as-of DATE`, the monthly interim report: the date, checked against
// the measurement period, and the lines the run prints about it.
#pragma once

#include <vector>

#include "Args.h"
#include "interp/Interpreter.h"
#include "score/Gate.h"
#include "score/Interim.h"
#include "store/DataDirectoryLoader.h"

namespace mc::cli {

// --as-of DATE: a strict YYYY-MM-DD inside the period, else a usage error.
// `out` stays kNoDate without the flag. Returns kExitOk or the code to stop with.
int resolveAsOf(const std::string& command, const Args& args, const interp::Period& period,
                Days& out);

// A gate checked on an --as-of run before the gate's date is failed so far
// only: its why says so. Otherwise `gate` unchanged.
score::GateResult gateAsOf(score::GateResult gate, const ir::ProgramGate& g, Days asOf);

// What an --as-of run read and how it reads the period: the rows after the
// date (per file in run.json) and the enrollment spans open on it.
void printAsOfSummary(Days asOf, const interp::Period& period,
                      const std::vector<store::FileCounts>& files);

// The interim report in one line: how many provider and measure lines reach
// their next level within score::kWithinReach members.
void printInterimSummary(const std::vector<score::InterimRow>& rows);

}  // namespace mc::cli
