// The measures and the stdlib shipped with measurec check clean and lower.
#include <catch2/catch.hpp>

#include "CompilerTestUtil.h"
#include "ir/Ir.h"

using namespace mc;
using mc::testing::codesOf;

TEST_CASE("the CBI 2022 measures check with no errors and no warnings", "[shipped]") {
  Compilation c(mc::testing::stdlibDir());
  c.addPath(std::string(MEASUREC_SOURCE_DIR) + "/measures/2022/cbi");
  c.check();
  INFO(codesOf(c.diagnostics()));
  CHECK(c.diagnostics().errorCount() == 0);
  CHECK(c.diagnostics().warningCount() == 0);
  CHECK(c.diagnostics().items().empty());

  const auto measures = c.measures();
  CHECK(measures.size() >= 7);
  for (const ast::Measure* m : measures) {
    INFO(m->id);
    const ir::Measure lowered = c.lower(*m);
    CHECK(lowered.id == m->id);
    CHECK_FALSE(lowered.rule(ir::RuleKind::Population).terms.empty());
    CHECK_FALSE(lowered.rule(ir::RuleKind::Numerator).terms.empty());
    CHECK_FALSE(ir::print(lowered).empty());
  }

  const auto programs = c.programs();
  REQUIRE(programs.size() == 1);
  const ir::Program p = c.lower(*programs[0]);
  CHECK(p.period == 2022);
  CHECK(p.measures.size() >= 7);
}

TEST_CASE("the stdlib checks with no errors and no warnings", "[shipped]") {
  Compilation c(mc::testing::stdlibDir());
  c.addPath(mc::testing::stdlibDir());
  c.check();
  INFO(codesOf(c.diagnostics()));
  CHECK(c.diagnostics().errorCount() == 0);
  CHECK(c.diagnostics().warningCount() == 0);
  CHECK(c.diagnostics().items().empty());
  // Modules are not measures.
  CHECK(c.measures().empty());
}

TEST_CASE("a path that cannot be read is E0005", "[shipped]") {
  Compilation c(mc::testing::stdlibDir());
  c.addPath(std::string(MEASUREC_SOURCE_DIR) + "/measures/no-such-file.measure");
  c.check();
  INFO(codesOf(c.diagnostics()));
  REQUIRE(c.diagnostics().items().size() == 1);
  CHECK(c.diagnostics().items()[0].code == "E0005");
}
