// Runs the test blocks written inside measure files: each builds a one-member
// store, scores it and compares the outcome with the expectations.
#pragma once

#include <string>
#include <vector>

#include "interp/Scoring.h"
#include "ir/Ir.h"

namespace mc::interp {

struct TestResult {
  std::string measure;
  std::string name;
  std::string location;  // file:line of the test
  bool passed = false;
  // When failed: what was expected and what came out, the rule term that
  // decided, the member's age at the period's ends, and the events with a
  // query's codes that a principal diagnosis, window, setting, provider, value
  // or status filter turned away ("query: event — why").
  std::vector<std::string> wrong;
  std::string decidedBy;
  std::string age;
  std::vector<std::string> nearMisses;
  std::string failure;  // all of the above as indented text
};

std::vector<TestResult> runMeasureTests(const ir::Measure& measure);
// The same with `compiler` asked first (`measurec test --engine jit`);
// `report` gets what each test's scoring ran on.
std::vector<TestResult> runMeasureTests(const ir::Measure& measure, MeasureCompiler* compiler,
                                        EngineReport* report);

}  // namespace mc::interp
