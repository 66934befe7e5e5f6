// A measure whose rules read one lab value, and the outcome of a member with
// no events (so `lab` is missing): for tests of how rules treat unknown terms
// and in what order the cascade asks them.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "EngineFixtures.h"
#include "driver/Compilation.h"
#include "interp/Interpreter.h"

namespace mc::testing {

// `rules` (population, numerator, exclude, ...) over `lab`, the latest HbA1c.
inline ir::Measure labRuleMeasure(const std::string& rules) {
  Compilation c(std::string(MEASUREC_SOURCE_DIR) + "/stdlib");
  c.addSource("t.measure",
              "measure T \"t\" {\n  period 2022\n"
              "  define lab = latest value of observation with LOINC{4548-4}\n" +
                  rules + "}\n");
  c.check();
  REQUIRE_FALSE(c.hasErrors());
  return c.lower(*c.measures().at(0));
}

// The outcome of M1, who has no events (lab is missing), in 2022.
inline score::MemberOutcome outcomeWithoutEvents(const ir::Measure& m) {
  const store::MemberStore s = storeOf({{"M1", ""}});
  const interp::CodeSetBinding codes(m, s.codes);
  interp::Interpreter in(m, s, codes, {day("2022-01-01"), day("2022-12-31")});
  return in.evaluate(0);
}

}  // namespace mc::testing
