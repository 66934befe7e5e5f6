// Scores whole populations: every member against every measure of a run,
// in parallel over member ranges, with the linked PCP of each member.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "interp/CodeSetBinding.h"
#include "interp/Interpreter.h"
#include "score/Outcome.h"

namespace mc::interp {

struct Plan;  // interp/Plan.h

// The seam between scoring and an engine other than the interpreter (the JIT,
// runtime/jit): a measure compiled for one run (store, period) scores a range
// of members into their slots, from any thread at once.
class CompiledMeasure {
 public:
  virtual ~CompiledMeasure() = default;
  // out[0 .. end-begin) are the outcomes of members begin .. end-1.
  virtual void score(store::MemberIndex begin, store::MemberIndex end,
                     score::MemberOutcome* out) const = 0;
  // Members begin .. end-1 packed straight into `table` (their packed words
  // and side columns), without the records of score(); false when this
  // measure's code writes records only (then score() and
  // OutcomeTable::set).
  virtual bool scoreInto(store::MemberIndex begin, store::MemberIndex end,
                         score::OutcomeTable& table) const {
    (void)begin, (void)end, (void)table;
    return false;
  }
};

// Compiles a measure, or says why not: then that measure runs on the
// interpreter, and `why` names the first thing the engine cannot lower (an
// IR op, an aggregate, a filter), for the run's report.
class MeasureCompiler {
 public:
  virtual ~MeasureCompiler() = default;
  virtual std::unique_ptr<CompiledMeasure> compile(const ir::Measure& measure,
                                                   const store::MemberStore& store,
                                                   const CodeSetBinding& codes, const Plan& plan,
                                                   std::string& why) = 0;
  // The work of compile() for `measures[i]` with `plans[i]` that needs no
  // shared state, done ahead on up to `threads` threads; compile() is then
  // called for them in the same order and does the rest. Optional.
  virtual void prepare(const std::vector<const ir::Measure*>& measures,
                       const std::vector<const Plan*>& plans, int threads) {
    (void)measures, (void)plans, (void)threads;
  }
};

// What each measure ran on, for the run summary and run.json.
struct MeasureEngine {
  std::string measure;  // its ID
  bool compiled = false;
  std::string unsupported;  // why not compiled (MeasureCompiler::compile)
};
struct EngineReport {
  double compileSeconds = 0;  // the compiler's time, over all measures
  // The member passes alone (wall time, all threads): the engines' part of
  // the score phase, apart from the work both share (linked PCPs, plans).
  double engineSeconds = 0;
  std::vector<MeasureEngine> measures;
};

struct MeasureRequest {
  const ir::Measure* measure = nullptr;
  int minimum = 0;
};

// The measurement period of a calendar year.
Period calendarYear(int year);

// Results are identical whatever `threads` is: each member is scored by one
// thread and written to its own slot.
std::vector<score::MeasureOutcomes> scoreMeasures(const std::vector<MeasureRequest>& measures,
                                                  const store::MemberStore& store, Period period,
                                                  int threads);
// The same with `compiler` asked first for each measure (nullptr: the
// interpreter for every one); `report` says what each measure ran on.
std::vector<score::MeasureOutcomes> scoreMeasures(const std::vector<MeasureRequest>& measures,
                                                  const store::MemberStore& store, Period period,
                                                  int threads, MeasureCompiler* compiler,
                                                  EngineReport* report);

}  // namespace mc::interp
