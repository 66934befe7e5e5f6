// The code summary (jit/MemberSummary.h): a gate's bit is set exactly when
// the member has an event of the gate's table with a code (its principal
// code) in the set; and queries gated by it give the interpreter's outcome
// for every member, the measures of a program sharing one summary.
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "JitFixtures.h"
#include "interp/CodeSetBinding.h"
#include "interp/Interpreter.h"
#include "interp/Plan.h"
#include "jit/CalendarLowering.h"
#include "jit/MemberSummary.h"

using namespace mc;
using namespace mc::testing;

namespace {

using Code = std::pair<CodeSystem, std::string>;

// A bitset over the store's codes as interp::CodeSetBinding makes them,
// with `extra` in the bits past the store's codes (no code has them: they
// only tell sets apart).
std::vector<std::uint64_t> bitsetOf(const store::MemberStore& s, const std::vector<Code>& codes,
                                    std::uint64_t extra = 0) {
  std::vector<std::uint64_t> words(s.codes.size() / 64 + 1, 0);
  for (const Code& c : codes) {
    const store::CodeId id = s.codes.find(c.first, c.second);
    if (id != store::CodeDictionary::kNoCode) words[id / 64] |= std::uint64_t{1} << (id % 64);
  }
  words.back() |= extra << (s.codes.size() % 64);
  return words;
}

bool inSet(const std::vector<std::uint64_t>& set, store::CodeId code) {
  return code / 64 < set.size() && ((set[code / 64] >> (code % 64)) & 1) != 0;
}

// The gate's answer by a scan of the member's events.
bool expected(const store::MemberStore& s, const jit::Gate& g,
              const std::vector<std::uint64_t>& set, store::MemberIndex m) {
  const store::EventTable& t = s.events[static_cast<size_t>(g.kind)];
  for (std::uint32_t e = t.begin(m); e < t.end(m); ++e) {
    if (g.principal) {
      if (!t.principal.empty() && inSet(set, t.principal[e])) return true;
      continue;
    }
    for (std::uint32_t c = t.codeStart[e]; c < t.codeStart[e + 1]; ++c)
      if (inSet(set, t.codes[c])) return true;
  }
  return false;
}

struct Added {
  jit::Gate gate;
  std::vector<std::uint64_t> set;
  std::uint32_t id;
};

// Every member of [begin, end) against every gate, through the summary's
// rows and bit positions as compiled code reads them.
void checkBlock(const store::MemberStore& s, const jit::MemberSummary& summary,
                const std::vector<Added>& added, store::MemberIndex begin, store::MemberIndex end) {
  const std::uint64_t* rows = summary.rows(begin, end);
  const auto words = static_cast<size_t>(*summary.rowWords());
  const std::uint32_t* positions = *summary.positions();
  for (store::MemberIndex m = begin; m < end; ++m) {
    // Word 0: the birth date's parts.
    REQUIRE(rows[(m - begin) * words] ==
            static_cast<std::uint64_t>(jit::civilParts(s.members.birthDate[m])));
    for (const Added& a : added) {
      const std::uint32_t bit = positions[a.id];
      const bool set = ((rows[(m - begin) * words + bit / 64] >> (bit % 64)) & 1) != 0;
      INFO("member " << m << " gate id " << a.id);
      REQUIRE(set == expected(s, a.gate, a.set, m));
    }
  }
}

}  // namespace

TEST_CASE("the code summary: a gate's bit is set exactly when the member has such an event") {
  const store::MemberStore s = randomStore(1300, 23);
  const Code mammo{CodeSystem::CPT, "77067"}, office{CodeSystem::CPT, "99213"},
      diabetes{CodeSystem::ICD10CM, "E119"}, hypertension{CodeSystem::ICD10CM, "I10"},
      screening{CodeSystem::ICD10CM, "Z1231"};
  jit::MemberSummary summary(s);
  std::vector<Added> added;
  auto add = [&](ir::EventKind kind, bool principal, std::vector<std::uint64_t> set) {
    const jit::Gate g{kind, principal, 0};
    added.push_back({g, set, summary.add(g, set.data())});
    return added.back().id;
  };
  const std::uint32_t visitCodes = add(ir::EventKind::Visit, false, bitsetOf(s, {mammo, diabetes}));
  // The same codes read as the principal diagnosis: another gate.
  const std::uint32_t visitPrincipal =
      add(ir::EventKind::Visit, true, bitsetOf(s, {mammo, diabetes}));
  // A code in two sets of two tables.
  add(ir::EventKind::Condition, false, bitsetOf(s, {hypertension, diabetes}));
  add(ir::EventKind::Supplemental, false, bitsetOf(s, {office, screening}));
  add(ir::EventKind::Supplemental, true, bitsetOf(s, {screening}));
  // A set bound to no code of the store: never set.
  const std::uint32_t none =
      add(ir::EventKind::Visit, false, bitsetOf(s, {{CodeSystem::CPT, "00000"}}));
  // The same table, column and codes as an earlier gate: its id.
  CHECK(add(ir::EventKind::Visit, false, bitsetOf(s, {mammo, diabetes})) == visitCodes);
  CHECK(visitPrincipal != visitCodes);
  // Past 64 gates on one table and column (visit codes): two words.
  const std::vector<Code> pool = {mammo, office, diabetes, hypertension, screening};
  for (std::uint64_t i = 0; i < 70; ++i) {
    std::vector<Code> codes;
    for (size_t c = 0; c < pool.size(); ++c)
      if ((i >> c) & 1) codes.push_back(pool[c]);
    add(ir::EventKind::Visit, false, bitsetOf(s, codes, 1 + i));
  }
  CHECK_FALSE(summary.frozen());
  // Blocks of 512 as the scoring loop makes them, and one across them.
  for (store::MemberIndex b = 0; b < s.memberCount(); b += 512)
    checkBlock(s, summary, added, b, std::min<store::MemberIndex>(b + 512, s.memberCount()));
  CHECK(summary.frozen());
  CHECK(*summary.rowWords() >= 3);  // visit codes take two words
  checkBlock(s, summary, added, 100, 700);

  // The members are not all alike: some have each gate's events, some not.
  int withVisitCode = 0, withNone = 0;
  const std::uint64_t* rows = summary.rows(0, s.memberCount());
  const auto words = static_cast<size_t>(*summary.rowWords());
  for (store::MemberIndex m = 0; m < s.memberCount(); ++m) {
    const std::uint32_t bit = (*summary.positions())[visitCodes];
    withVisitCode += (rows[m * words + bit / 64] >> (bit % 64)) & 1;
    const std::uint32_t noBit = (*summary.positions())[none];
    withNone += (rows[m * words + noBit / 64] >> (noBit % 64)) & 1;
  }
  CHECK(withVisitCode > 100);
  CHECK(withVisitCode < static_cast<int>(s.memberCount()) - 100);
  CHECK(withNone == 0);

  // Another summary on the same thread and block: each keeps its own rows.
  jit::MemberSummary other(s);
  std::vector<Added> otherAdded;
  const jit::Gate g{ir::EventKind::Condition, false, 0};
  const std::vector<std::uint64_t> set = bitsetOf(s, {screening});
  otherAdded.push_back({g, set, other.add(g, set.data())});
  checkBlock(s, other, otherAdded, 0, 512);
  checkBlock(s, summary, added, 0, 512);
  checkBlock(s, other, otherAdded, 0, 512);
}

TEST_CASE("the measures a gate is in: codes, principal codes, none; settings-only queries not") {
  const ir::Measure m = lowerText(R"(measure G1 "gates" {
  period 2022
  codeset Screen = CPT{77067, 77063}
  codeset Dx = ICD10CM{E11.9}
  codeset Nothing = CPT{00000}
  population exists visit with Screen during MP or exists visit with principal Dx during MP
             or exists visit in setting inpatient during MP or exists condition with Dx
             or exists visit with any principal during MP or exists visit with Nothing
             or exists visit with Screen in setting outpatient during MP
  numerator true
}
)");
  const std::vector<jit::Gate> gates = jit::measureGates(m);
  // Screen on visits (twice in the text, once here), Dx as a visit's
  // principal and among a condition's codes, Nothing; not the settings
  // alone nor `any principal`.
  REQUIRE(gates.size() == 4);
  CHECK(gates[0] == jit::Gate{ir::EventKind::Visit, false, 0});
  CHECK(gates[1] == jit::Gate{ir::EventKind::Visit, true, 1});
  CHECK(gates[2] == jit::Gate{ir::EventKind::Condition, false, 1});
  CHECK(gates[3] == jit::Gate{ir::EventKind::Visit, false, 2});
}

TEST_CASE("gated queries of two measures sharing one summary agree with the interpreter") {
  // Codes in two sets, a code of no member (the set bound to no code),
  // principal-only queries, settings-only queries (never gated), counts
  // and dates over gated queries, the same set on two tables; enrollment
  // questions both measures ask (memoised once per member), one over a
  // member's own date (not memoised).
  const ir::Measure a = lowerText(R"(measure GA "gated a" {
  period 2022
  codeset Screen = CPT{77067, 77063}
  codeset Office = CPT{99213, 77067}
  codeset Dx = ICD10CM{Z12.31, E11.9}
  codeset Nothing = CPT{00000}
  population age at MP.end >= 18 and enrolled on MP.end
  eligible   (exists visit with Office during MP or exists visit in setting inpatient during MP)
             and enrolled continuously over MP allowing 1 gap of 45 days
  exclude    exists visit with Nothing or exists visit with principal Dx in setting ed during MP
  numerator  (count distinct dates of visit with Screen during MP) >= 1
             and not (exists condition with Dx during MP)
             or latest date of visit with principal Dx in setting outpatient during MP
                >= MP.start + 100 days
}
)");
  const ir::Measure b = lowerText(R"(measure GB "gated b" {
  period 2022
  codeset Screen = CPT{77067, 77063}
  codeset Hyper = ICD10CM{I10}
  codeset Nothing = ICD10CM{Q99.9}
  population (exists condition with Hyper or exists visit with Screen) and enrolled on MP.end
  eligible   not (exists visit with principal Nothing) and enrolled on birthday(18)
             and enrolled continuously over MP allowing 1 gap of 45 days
  numerator  (count visit with Hyper during MP) + (count visit in setting telehealth) >= 2
             or member months during MP >= 11
}
)");
  const store::MemberStore s = randomStore(1200, 31);
  const interp::Period period = interp::calendarYear(2022);
  const std::vector<interp::MeasureRequest> program = {{&a, 0}, {&b, 0}};
  for (const int threads : {1, 2}) {
    const auto expectedOut = interp::scoreMeasures(program, s, period, threads);
    auto compiler = jit::makeJitCompiler();
    interp::EngineReport report;
    const auto actual = interp::scoreMeasures(program, s, period, threads, compiler.get(), &report);
    REQUIRE(report.measures.size() == 2);
    CHECK(report.measures[0].compiled);
    CHECK(report.measures[1].compiled);
    for (size_t i = 0; i < program.size(); ++i) {
      int population = 0, numerator = 0;
      for (size_t mi = 0; mi < s.memberCount(); ++mi) {
        const score::OutcomeView x = expectedOut[i].members[mi];
        const score::OutcomeView y = actual[i].members[mi];
        INFO("measure " << i << " member " << mi << " threads " << threads);
        CHECK(x.population == y.population);
        CHECK(x.eligible == y.eligible);
        CHECK(x.excluded == y.excluded);
        CHECK(x.numerator == y.numerator);
        CHECK(x.decidingRule == y.decidingRule);
        CHECK(x.decidingTerm == y.decidingTerm);
        CHECK(x.decidingUnknown == y.decidingUnknown);
        population += x.population;
        numerator += x.numerator;
      }
      // Not all alike: gated members on both sides of every stage.
      CHECK(population > 50);
      CHECK(population < static_cast<int>(s.memberCount()) - 50);
      CHECK(numerator > 10);
    }
  }
}

TEST_CASE("the enrollment questions memoised per member: member-independent windows, one id each") {
  const char* text = R"(measure M1 "memo" {
  period 2022
  population enrolled on MP.end and enrolled on birthday(18)
  eligible   enrolled continuously over MP allowing 1 gap of 45 days
  numerator  member months during MP >= 6
}
)";
  const ir::Measure a = lowerText(text);
  const ir::Measure b = lowerText(text);
  const store::MemberStore s = randomStore(50, 3);
  const interp::CodeSetBinding codesA(a, s.codes), codesB(b, s.codes);
  const interp::Plan planA = interp::makePlan(a, s, codesA, interp::calendarYear(2022));
  const interp::Plan planB = interp::makePlan(b, s, codesB, interp::calendarYear(2022));
  const interp::Plan plan2021 = interp::makePlan(b, s, codesB, interp::calendarYear(2021));
  // `enrolled on MP.end`, continuous enrollment, member months; not
  // `enrolled on birthday(18)` (the member's own date).
  const std::vector<ir::NodeId> nodes = jit::memoNodes(a, planA);
  REQUIRE(nodes.size() == 3);
  CHECK(jit::readsRows(a, planA));
  jit::MemberSummary summary(s);
  std::vector<std::uint32_t> idsA, idsB, ids2021;
  for (const ir::NodeId n : nodes) {
    idsA.push_back(summary.addMemo(jit::memoKey(a, planA, n)));
    idsB.push_back(summary.addMemo(jit::memoKey(b, planB, n)));
    ids2021.push_back(summary.addMemo(jit::memoKey(b, plan2021, n)));
  }
  // The same question of two measures: one id; another period: another.
  CHECK(idsA == idsB);
  // (Added node by node: A's and B's question, then 2021's.)
  CHECK(idsA == std::vector<std::uint32_t>{0, 2, 4});
  CHECK(ids2021 == std::vector<std::uint32_t>{1, 3, 5});
  // Every memo word of a fresh block is "not yet".
  const std::uint64_t* rows = summary.rows(0, 50);
  const auto words = static_cast<size_t>(*summary.rowWords());
  CHECK(words == static_cast<size_t>(*summary.memoFirst()) + 6);
  for (size_t m = 0; m < 50; ++m)
    for (size_t w = static_cast<size_t>(*summary.memoFirst()); w < words; ++w)
      CHECK(rows[m * words + w] == jit::kNotYet);
}

TEST_CASE(
    "a compiled measure asked for no member writes nothing, before a block froze its summary") {
  const ir::Measure m = lowerText(R"(measure E1 "empty range" {
  period 2022
  codeset Screen = CPT{77067, 77063}
  population age at MP.end >= 18 and enrolled on MP.end
  numerator  exists visit with Screen during MP
}
)");
  const store::MemberStore s = randomStore(40, 5);
  const interp::CodeSetBinding codes(m, s.codes);
  const interp::Plan plan = interp::makePlan(m, s, codes, interp::calendarYear(2022));
  auto compiler = jit::makeJitCompiler();
  std::string why;
  const auto compiled = compiler->compile(m, s, codes, plan, why);
  REQUIRE(compiled != nullptr);
  compiled->score(7, 7, nullptr);  // the summary is not frozen yet
  std::vector<score::MemberOutcome> out(s.memberCount());
  compiled->score(0, static_cast<store::MemberIndex>(s.memberCount()), out.data());
  interp::Interpreter interp(m, s, codes, plan);
  for (store::MemberIndex i = 0; i < s.memberCount(); ++i) {
    const score::MemberOutcome expected = interp.evaluate(i);
    CHECK(out[i].population == expected.population);
    CHECK(out[i].numerator == expected.numerator);
    CHECK(out[i].decidingTerm == expected.decidingTerm);
  }
}
