// --engine jit: measures compiled with LLVM give every member the
// interpreter's outcome, and a measure the lowering cannot handle yet is
// interpreted and says why.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "JitFixtures.h"
#include "interp/Plan.h"
#include "jit/Coverage.h"
#include "jit/Lowering.h"

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

TEST_CASE("compiled code packs each outcome into the table; a unit measure writes records") {
  const ir::Measure packs = lowerText(R"(measure PACK1 "packed" {
  period 2022
  codeset Screen = CPT{77067, 77063}
  population sex = F and age at MP.end in 40..74
  eligible   enrolled on MP.end
  exclude    death_date is not missing
  numerator  exists visit with Screen during MP or age at MP.end >= 60
}
)");
  const ir::Measure units = lowerText(R"(measure PACK2 "units" {
  period 2022
  codeset Statins = RXNORM{617310, 617311, 617318, 314231, 200345}
  population enrolled on MP.end
  unit each pharmacy as fill with Statins during MP
  numerator fill.generic
}
)");
  CHECK(jit::packsOutcomes(packs));
  CHECK_FALSE(jit::packsOutcomes(units));
  const store::MemberStore s = randomStore(700, 11);
  const interp::Period period = interp::calendarYear(2022);
  const auto expected = interp::scoreMeasures({{&packs, 0}}, s, period, 1);
  auto compiler = jit::makeJitCompiler();
  const interp::CodeSetBinding codes(packs, s.codes);
  const interp::Plan plan = interp::makePlan(packs, s, codes, period);
  std::string why;
  const auto compiled = compiler->compile(packs, s, codes, plan, why);
  REQUIRE(compiled != nullptr);
  // Straight into the table, in two calls (the second one's members from
  // 300 on, as a thread's block): every member as the interpreter's.
  score::OutcomeTable table(packs, s.memberCount());
  const auto members = static_cast<store::MemberIndex>(s.memberCount());
  CHECK(compiled->scoreInto(0, 300, table));
  CHECK(compiled->scoreInto(300, members, table));
  // The records score() reads back from the same code, from member 5 on.
  std::vector<score::MemberOutcome> records(s.memberCount() - 5);
  compiled->score(5, members, records.data());
  int population = 0, numerator = 0;
  for (size_t i = 0; i < s.memberCount(); ++i) {
    INFO("member " << i);
    const score::OutcomeView a = expected[0].members[i];
    const score::OutcomeView b = table[i];
    CHECK(a.population == b.population);
    CHECK(a.eligible == b.eligible);
    CHECK(a.excluded == b.excluded);
    CHECK(a.numerator == b.numerator);
    CHECK(a.decidingRule == b.decidingRule);
    CHECK(a.decidingTerm == b.decidingTerm);
    CHECK(a.decidingUnknown == b.decidingUnknown);
    if (i >= 5) {
      const score::OutcomeView r = records[i - 5];
      CHECK(r.population == a.population);
      CHECK(r.numerator == a.numerator);
      CHECK(r.decidingRule == a.decidingRule);
      CHECK(r.decidingTerm == a.decidingTerm);
    }
    population += a.population;
    numerator += a.numerator;
  }
  CHECK(population > 50);
  CHECK(numerator > 5);

  // A unit measure's code writes records only: scoreInto declines and
  // leaves the table alone.
  const store::MemberStore p = pharmacyStore(100, 9);
  const interp::CodeSetBinding unitCodes(units, p.codes);
  const interp::Plan unitPlan = interp::makePlan(units, p, unitCodes, period);
  const auto unitCompiled = compiler->compile(units, p, unitCodes, unitPlan, why);
  REQUIRE(unitCompiled != nullptr);
  score::OutcomeTable unitTable(units, p.memberCount());
  CHECK_FALSE(
      unitCompiled->scoreInto(0, static_cast<store::MemberIndex>(p.memberCount()), unitTable));
  for (size_t i = 0; i < p.memberCount(); ++i) CHECK_FALSE(unitTable.population(i));
}

// A rule of more terms than a packed word's term bits hold: the table keeps
// its deciding terms in a column, which compiled code does not write, so
// the code writes records and the engine packs them as the interpreter's.
TEST_CASE("a rule of more terms than a packed word holds: records, the terms kept whole") {
  std::string exclude = "  exclude    age at MP.end > 500";
  for (int t = 1; t < 150; ++t) exclude += "\n    or age at MP.end > " + std::to_string(500 + t);
  for (int age = 0; age < 110; ++age) exclude += "\n    or age at MP.end = " + std::to_string(age);
  const ir::Measure m = lowerText(R"(measure WIDE1 "wide" {
  period 2022
  population age at MP.end >= 0
  eligible   enrolled on MP.end
)" + exclude + R"(
  numerator  sex = F
}
)");
  REQUIRE(m.rules[static_cast<int>(ir::RuleKind::Exclude)].terms.size() == 260);
  CHECK(score::columnsOf(m).term);
  CHECK_FALSE(jit::packsOutcomes(m));
  const store::MemberStore s = randomStore(900, 4);
  const interp::Period period = interp::calendarYear(2022);
  const auto expected = interp::scoreMeasures({{&m, 0}}, s, period, 1);
  auto compiler = jit::makeJitCompiler();
  interp::EngineReport report;
  const auto got = interp::scoreMeasures({{&m, 0}}, s, period, 2, compiler.get(), &report);
  REQUIRE(report.measures.size() == 1);
  CHECK(report.measures[0].compiled);
  int wide = 0;
  for (size_t i = 0; i < s.memberCount(); ++i) {
    INFO("member " << i);
    const score::OutcomeView a = expected[0].members[i];
    const score::OutcomeView b = got[0].members[i];
    CHECK(a.excluded == b.excluded);
    CHECK(a.decidingRule == b.decidingRule);
    CHECK(a.decidingTerm == b.decidingTerm);
    wide += b.decidingTerm > score::PackedOutcome::kMaxTerm;
  }
  CHECK(wide > 100);
}

TEST_CASE("blocks go to whichever thread is free: 1, 2 and 3 threads, the same outcomes") {
  const ir::Measure m = lowerText(R"(measure BLOCKS1 "blocks" {
  period 2022
  codeset Dx = ICD10CM{Z12.31, E11.9}
  population age at MP.end >= 18
  eligible   enrolled continuously over [MP.start, MP.end] allowing 1 gap of 45 days
  numerator  exists condition with Dx during MP
}
)");
  // Many more members than one thread's take of blocks.
  const store::MemberStore s = randomStore(9000, 5);
  const interp::Period period = interp::calendarYear(2022);
  const auto one = interp::scoreMeasures({{&m, 0}}, s, period, 1);
  auto compiler = jit::makeJitCompiler();
  for (const int threads : {1, 2, 3}) {
    INFO(threads << " threads");
    const auto byInterp = interp::scoreMeasures({{&m, 0}}, s, period, threads);
    interp::EngineReport report;
    const auto byJit =
        interp::scoreMeasures({{&m, 0}}, s, period, threads, compiler.get(), &report);
    REQUIRE(report.measures.at(0).compiled);
    int differ = 0;
    for (size_t i = 0; i < s.memberCount(); ++i) {
      const score::OutcomeView a = one[0].members[i];
      for (const score::OutcomeView b : {byInterp[0].members[i], byJit[0].members[i]})
        differ += a.population != b.population || a.eligible != b.eligible ||
                  a.numerator != b.numerator || a.decidingRule != b.decidingRule ||
                  a.decidingTerm != b.decidingTerm || a.decidingUnknown != b.decidingUnknown;
    }
    CHECK(differ == 0);
  }
}

namespace {

// The object cache's keys, the names of its files, in order.
std::vector<std::string> cacheKeys(const std::string& dir) {
  std::vector<std::string> keys;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    keys.push_back(entry.path().filename().string());
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace

TEST_CASE("measures compiled ahead on three threads have the keys and outcomes of one by one") {
  std::vector<ir::Measure> ms;
  for (int i = 0; i < 5; ++i) {
    ms.push_back(lowerText(fmt::format(R"(measure AHEAD{0} "ahead" {{
  period 2022
  codeset Dx = ICD10CM{{Z12.31, E11.9}}
  population age at MP.end >= {1}
  eligible   enrolled continuously over [MP.start, MP.end] allowing 1 gap of 45 days
  numerator  (count visit with Dx during MP) >= {2}
}}
)",
                                       i, 18 + 10 * i, 1 + i % 3)));
  }
  const store::MemberStore s = randomStore(600, 11);
  const interp::Period period = interp::calendarYear(2022);
  char one[] = "/tmp/mc-jit-ahead-one-XXXXXX";
  char ahead[] = "/tmp/mc-jit-ahead-XXXXXX";
  REQUIRE(::mkdtemp(one) != nullptr);
  REQUIRE(::mkdtemp(ahead) != nullptr);
  // One by one: compile() alone, measure after measure (the fourth again:
  // compiled once, with no name of its own).
  ::setenv("MEASUREC_JIT_CACHE", one, 1);
  {
    auto compiler = jit::makeJitCompiler();
    const interp::LongestSpans spans = interp::longestSpans(s);
    for (const size_t i : {0, 1, 2, 3, 3, 4}) {
      const interp::CodeSetBinding codes(ms[i], s.codes);
      const interp::Plan plan = interp::makePlan(ms[i], s, codes, period, spans);
      std::string why;
      CHECK(compiler->compile(ms[i], s, codes, plan, why) != nullptr);
      CHECK(why.empty());
    }
  }
  // Ahead (scoreMeasures prepares them on three threads), in the same order.
  ::setenv("MEASUREC_JIT_CACHE", ahead, 1);
  std::vector<interp::MeasureRequest> requests;
  for (const size_t i : {0, 1, 2, 3, 3, 4}) requests.push_back({&ms[i], 0});
  auto compiler = jit::makeJitCompiler();
  interp::EngineReport report;
  const auto byJit = interp::scoreMeasures(requests, s, period, 3, compiler.get(), &report);
  const auto byInterp = interp::scoreMeasures(requests, s, period, 1);
  ::unsetenv("MEASUREC_JIT_CACHE");
  for (const interp::MeasureEngine& e : report.measures) CHECK(e.compiled);
  // The same modules, named alike: the same keys, whatever thread made them.
  const std::vector<std::string> keys = cacheKeys(one);
  CHECK(keys.size() == 5);
  CHECK(cacheKeys(ahead) == keys);
  int differ = 0, numerators = 0;
  for (size_t r = 0; r < requests.size(); ++r) {
    for (size_t m = 0; m < s.memberCount(); ++m) {
      const score::OutcomeView a = byInterp[r].members[m];
      const score::OutcomeView b = byJit[r].members[m];
      differ += a.population != b.population || a.eligible != b.eligible ||
                a.numerator != b.numerator || a.decidingTerm != b.decidingTerm;
      numerators += a.numerator;
    }
  }
  CHECK(differ == 0);
  CHECK(numerators > 0);
  std::filesystem::remove_all(one);
  std::filesystem::remove_all(ahead);
}
