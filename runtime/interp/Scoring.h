// Scores whole populations: every member against every measure of a run,
// in parallel over member ranges, with the linked PCP of each member.
#pragma once

#include <vector>

#include "interp/Interpreter.h"
#include "score/Outcome.h"

namespace mc::interp {

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

}  // namespace mc::interp
