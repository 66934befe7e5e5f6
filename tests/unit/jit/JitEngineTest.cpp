// --engine jit: measures compiled with LLVM give every member the
// interpreter's outcome, and a measure the lowering cannot handle yet is
// interpreted and says why.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "JitFixtures.h"
#include "interp/Plan.h"
#include "jit/Coverage.h"

using namespace mc;
using namespace mc::testing;

TEST_CASE("Kleene logic, dates, age, enrollment and code-set scans agree with the interpreter") {
  const ir::Measure m = lowerText(R"(measure T1 "kleene" {
  period 2022
  codeset Screen = CPT{77067, 77063}
  codeset Dx = ICD10CM{Z12.31, E11.9}
  define first_screen = first date of visit with Screen on or before MP.end
  define last_screen = latest date of visit with Screen on or before MP.end
  population sex = F and age at MP.end in 40..74
  eligible   enrolled continuously over [MP.start, MP.end] allowing 1 gap of 45 days
             and enrolled on MP.end
  exclude    death_date is not missing and death_date in MP.start..MP.end
             or (count distinct dates of visit with Dx during MP) >= 2
  numerator  last_screen >= first_screen + 30 days or not (first_screen >= MP.start)
}
)");
  const store::MemberStore s = randomStore(400, 7);
  std::string why;
  Spread spread;
  CHECK(enginesAgree(m, s, 2022, 1, why, &spread));
  CHECK(why.empty());
  CHECK(spread.eligible > 20);
  CHECK(spread.excluded > 0);
  CHECK(spread.numerator > 0);
  CHECK(spread.unknown > 0);  // a numerator over a missing first screen
  CHECK(enginesAgree(m, s, 2022, 2, why));
}

TEST_CASE("yearly enrollment, settings, statuses, principal diagnoses and counts agree") {
  const ir::Measure m = lowerText(R"(measure T2 "scans" {
  period 2022
  codeset Office = CPT{99213}
  codeset Dx = ICD10CM{Z12.31, E11.9, I10.*}
  population age at MP.end >= 18 and not (sex = M)
  eligible   enrolled continuously over [date(MP.start.year - 2, 10, 1), MP.end]
             allowing 1 gap of 45 days in each 12 months
  exclude    exists condition with Dx before (MP.start - 365 days)
  numerator  (count visit with Office in setting outpatient or telehealth during MP) * 2 - 1 > 2
             or exists visit with principal Dx in setting inpatient during MP
             or (count supplemental with Dx during MP) + 1 >= 3
}
)");
  const store::MemberStore s = randomStore(400, 11);
  std::string why;
  Spread spread;
  CHECK(enginesAgree(m, s, 2022, 1, why, &spread));
  CHECK(why.empty());
  CHECK(spread.eligible > 20);
  CHECK(spread.excluded > 0);
  CHECK(spread.numerator > 0);
  // Another year: the plan's values (the period) are read at run time.
  CHECK(enginesAgree(m, s, 2021, 2, why));
}

TEST_CASE("pdc of: the compiled fill scan and the PQA helpers agree with the interpreter") {
  // The statins code file groups strengths by drug (early refills shift).
  const ir::Measure m =
      lowerText(R"(measure T3 "pdc" {
  period 2022
  codeset Statins = file "codes/statins-starter.csv"
  population (count distinct dates of pharmacy with Statins during MP) >= 2
  numerator  pdc of pharmacy with Statins during MP >= 0.60
}
)",
                std::string(MEASUREC_SOURCE_DIR) + "/measures/2016/pharmacy-p4p/t.measure");
  const store::MemberStore s = pharmacyStore(600, 5);
  std::string why;
  Spread spread;
  CHECK(enginesAgree(m, s, 2022, 1, why, &spread));
  CHECK(why.empty());
  CHECK(spread.population > 50);
  CHECK(spread.numerator > 10);
  CHECK(spread.numerator < spread.population);
  CHECK(enginesAgree(m, s, 2022, 2, why));
  CHECK(enginesAgree(m, s, 2021, 1, why));  // fills before the period carry in
}

TEST_CASE("unit each: units per pharmacy and the numerator's events agree with the interpreter") {
  const ir::Measure m = lowerText(R"(measure T4 "units" {
  period 2022
  codeset Statins = RXNORM{617310, 617311, 617318, 314231, 200345}
  population enrolled on MP.end
  unit each pharmacy as fill with Statins during MP
  numerator fill.generic and fill.days_supply >= 60
}
)");
  const store::MemberStore s = pharmacyStore(600, 9);
  std::string why;
  Spread spread;
  CHECK(enginesAgree(m, s, 2022, 1, why, &spread));
  CHECK(why.empty());
  CHECK(spread.population > 50);
  CHECK(spread.numerator > 10);
  CHECK(enginesAgree(m, s, 2022, 2, why));
}

TEST_CASE("a measure with a query the JIT cannot lower is interpreted, and the run says which") {
  ir::Measure m = lowerText(R"(measure T5 "sum" {
  period 2022
  codeset Dx = ICD10CM{E11.9}
  population true
  numerator  sum value of supplemental with Dx during MP > 1
}
)");
  // A field no sum reads today (ir::verify admits none): what a new field
  // would look like before the lowering learns it.
  for (ir::Query& q : m.queries) q.aggField = EventField::Date;
  const store::MemberStore s = randomStore(50, 3);
  std::string why;
  CHECK_FALSE(enginesAgree(m, s, 2022, 1, why));
  CHECK(why == "aggregate sum");
}

TEST_CASE("coverage: member-independent nodes come from the plan whatever their op") {
  ir::Measure m;
  m.nodes.resize(3);
  m.nodes[0].op = ir::Op::PeriodStart;
  m.nodes[1].op = ir::Op::PeriodEnd;
  m.nodes[2].op = ir::Op::Query;
  m.nodes[2].imm = 0;
  m.queries.resize(1);
  m.queries[0].aggregate = ir::Aggregate::Sum;
  m.queries[0].aggField = EventField::Date;
  interp::Plan plan;
  plan.independent = {1, 1, 0};
  CHECK(jit::firstUnsupported(m, plan) == "aggregate sum");
  plan.independent = {1, 1, 1};
  CHECK(jit::firstUnsupported(m, plan).empty());
  m.queries[0].aggregate = ir::Aggregate::Pdc;
  plan.independent = {1, 1, 0};
  CHECK(jit::firstUnsupported(m, plan).empty());
  m.unitQuery = 0;
  CHECK(jit::firstUnsupported(m, plan).empty());
}

TEST_CASE("MEASUREC_JIT_PERF_MAP lists each compiled measure's functions for perf") {
  const std::string map = "/tmp/perf-" + std::to_string(::getpid()) + ".map";
  std::remove(map.c_str());
  const ir::Measure m = lowerText(R"(measure PERFMAP1 "perf map" {
  period 2022
  codeset Screen = CPT{77067}
  population age at MP.end in 40..74
  numerator  exists visit with Screen during MP
}
)");
  const store::MemberStore s = randomStore(50, 3);
  std::string why;
  ::setenv("MEASUREC_JIT_PERF_MAP", "1", 1);
  const bool compiled = enginesAgree(m, s, 2022, 1, why);
  ::unsetenv("MEASUREC_JIT_PERF_MAP");
  REQUIRE(compiled);
  std::ifstream in(map);
  REQUIRE(in.good());
  std::string line;
  bool named = false;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string address, size, measure, function;
    fields >> address >> size >> measure >> function;
    if (measure != "PERFMAP1") continue;
    named = true;
    CHECK(std::stoull(address, nullptr, 16) != 0);
    CHECK(std::stoull(size, nullptr, 16) > 0);
    CHECK(function.rfind("mc_measure_", 0) == 0);
  }
  CHECK(named);
  std::remove(map.c_str());

  // Unset, nothing is written.
  const ir::Measure other = lowerText(R"(measure PERFMAP2 "no map" {
  period 2022
  population age at MP.end in 40..74
  numerator  age at MP.end >= 50
}
)");
  CHECK(enginesAgree(other, s, 2022, 1, why));
  CHECK_FALSE(std::ifstream(map).good());
}
