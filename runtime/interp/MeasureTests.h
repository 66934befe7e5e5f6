// Runs the test blocks written inside measure files: each builds a one-member
// store, scores it and compares the outcome with the expectations.
#pragma once

#include <string>
#include <vector>

#include "ir/Ir.h"

namespace mc::interp {

struct TestResult {
  std::string measure;
  std::string name;
  std::string location;  // file:line of the test
  bool passed = false;
  std::string failure;  // expected vs actual and the deciding rule, when failed
};

std::vector<TestResult> runMeasureTests(const ir::Measure& measure);

}  // namespace mc::interp
