// Member rewards (`kind reward`): `earned when`, `earned on`, `expect
// earned`, the program's `rewards { }`, their diagnostics (E0530-E0536) and
// their lowering to a measure with one date node.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "CompilerTestUtil.h"
#include "driver/ProgramDiff.h"
#include "ir/Verify.h"

using namespace mc;
using namespace mc::testing;

namespace {

const char* const kNurseLine =
    "measure NAL \"Nurse Advice Line\" {\n"
    "  kind reward\n"
    "  period 2022\n"
    "  codeset Call = PLAN{NURSE_ADVICE_CALL}\n"
    "  define first_call = first date of supplemental with Call during MP\n"
    "  population enrolled days during MP >= 1\n"
    "  earned when exists supplemental with Call during MP\n"
    "  earned on first_call\n"
    "  test \"t\" {\n"
    "    member sex F born 1980-04-01 enrolled 2021-01-01.. pcp P1\n"
    "    supplemental 2022-03-14 PLAN:NURSE_ADVICE_CALL\n"
    "    expect population, earned on 2022-03-14\n"
    "  }\n"
    "  test \"u\" {\n"
    "    member sex F born 1980-04-01 enrolled 2021-01-01.. pcp P1\n"
    "    expect not earned\n"
    "  }\n"
    "}\n";

// A reward with `replace` swapped in for `with` in kNurseLine.
std::string nurseLine(const std::string& replace, const std::string& with) {
  std::string text = kNurseLine;
  const size_t at = text.find(replace);
  REQUIRE(at != std::string::npos);
  return text.replace(at, replace.size(), with);
}

// A scratch directory of measure files, removed at the end of the test.
struct Files {
  std::filesystem::path dir;
  explicit Files(const std::string& tag) {
    dir = std::filesystem::temp_directory_path() / ("mc-reward-" + tag);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~Files() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  }
};

}  // namespace

TEST_CASE("parse: 'earned when' is the numerator, 'earned on' the date, tests expect 'earned'",
          "[reward][parser]") {
  auto p = parseText(kNurseLine);
  INFO(codesOf(p->diags));
  REQUIRE_FALSE(p->diags.hasErrors());
  REQUIRE(p->file.measures.size() == 1);
  const ast::Measure& m = p->file.measures[0];
  CHECK(m.kind == "reward");
  REQUIRE(m.earnedOn);
  CHECK(std::string(m.earnedOn->text) == "first_call");
  CHECK(m.earnedOnRange.line == 8);
  REQUIRE(m.rules.size() == 2);
  CHECK(m.rules[1].kind == ast::RuleKind::Numerator);
  CHECK(m.rules[1].earnedWhen);
  CHECK_FALSE(m.rules[0].earnedWhen);
  REQUIRE(m.tests.size() == 2);
  REQUIRE(m.tests[0].expects.size() == 2);
  CHECK(m.tests[0].expects[1].name == "earned");
  CHECK_FALSE(m.tests[0].expects[1].negated);
  CHECK(m.tests[0].expects[1].earnedOn == parseIsoDate("2022-03-14").value());
  CHECK(m.tests[1].expects[0].name == "earned");
  CHECK(m.tests[1].expects[0].negated);
  CHECK(m.tests[1].expects[0].earnedOn == kNoDate);
}

TEST_CASE("parse: a program's 'rewards { }' marks its includes", "[reward][parser]") {
  auto p = parseText(
      "program P \"p\" {\n"
      "  include \"a.measure\"\n"
      "  rewards {\n"
      "    include \"rewards/nal.measure\"\n"
      "  }\n"
      "}\n");
  REQUIRE_FALSE(p->diags.hasErrors());
  REQUIRE(p->file.programs.size() == 1);
  const auto& inc = p->file.programs[0].includes;
  REQUIRE(inc.size() == 2);
  CHECK_FALSE(inc[0].reward);
  CHECK(inc[1].reward);
  CHECK(inc[1].path == "rewards/nal.measure");
}

TEST_CASE("parse: earned, when and rewards stay usable as names", "[reward][parser]") {
  auto c =
      compile(measure("  define earned = 1\n  define when = 2\n  define rewards = 3\n"
                      "  population earned + when + rewards = 6\n  numerator true\n"));
  INFO(codesOf(c->diagnostics()));
  CHECK_FALSE(c->hasErrors());
}

TEST_CASE("check: a reward checks clean", "[reward][sema]") {
  auto c = compile(kNurseLine);
  INFO(codesOf(c->diagnostics()));
  CHECK(c->diagnostics().items().empty());
}

TEST_CASE("check: a reward without 'earned on' is E0530", "[reward][sema]") {
  auto c = compile(nurseLine("  earned on first_call\n", ""));
  const auto e = withCode(c->diagnostics(), "E0530");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "reward NAL has no 'earned on' date");
  CHECK(e[0].range.line == 1);
}

TEST_CASE("check: reward words outside a reward and 'numerator' in one are E0531",
          "[reward][sema]") {
  // Not a reward: `earned when`, `earned on` and `expect earned` are refused.
  auto c = compile(nurseLine("  kind reward\n", ""));
  std::multiset<std::string> messages;
  for (const Diagnostic& d : withCode(c->diagnostics(), "E0531")) messages.insert(d.message);
  CHECK(messages ==
        std::multiset<std::string>{"measure NAL, which is not a reward, cannot have 'earned on'",
                                   "measure NAL, which is not a reward, cannot have 'earned when'",
                                   "only a reward ('kind reward') is earned",
                                   "only a reward ('kind reward') is earned"});
  // A reward's numerator is written `earned when`.
  auto n = compile(nurseLine("  earned when", "  numerator"));
  const auto en = withCode(n->diagnostics(), "E0531");
  REQUIRE(en.size() == 1);
  CHECK(en[0].message == "reward NAL says who earns it with 'earned when', not 'numerator'");
  CHECK(en[0].range.line == 7);
  // A reward's tests expect `earned`.
  auto t = compile(nurseLine("expect not earned", "expect not numerator"));
  const auto et = withCode(t->diagnostics(), "E0531");
  REQUIRE(et.size() == 1);
  CHECK(et[0].message == "a reward's test expects 'earned', not 'numerator'");
}

TEST_CASE("check: a reward without 'earned when' names it in E0301", "[reward][sema]") {
  auto c = compile(nurseLine("  earned when exists supplemental with Call during MP\n", ""));
  const auto e = withCode(c->diagnostics(), "E0301");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "measure NAL has no 'earned when' rule");
}

TEST_CASE("check: 'earned on' that is not a date is E0532", "[reward][sema]") {
  auto c = compile(nurseLine("  earned on first_call", "  earned on count supplemental"));
  const auto e = withCode(c->diagnostics(), "E0532");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "'earned on' of reward NAL must be a date, but this is an int");
}

TEST_CASE("check: a reward with a gap or strata is E0533", "[reward][sema]") {
  auto c = compile(nurseLine("  earned on first_call\n",
                             "  earned on first_call\n  gap \"a call\"\n  stratify by sex\n"));
  std::multiset<std::string> messages;
  for (const Diagnostic& d : withCode(c->diagnostics(), "E0533")) messages.insert(d.message);
  CHECK(messages == std::multiset<std::string>{"reward NAL cannot have 'stratify by'",
                                               "reward NAL cannot have a 'gap'"});
}

TEST_CASE("check: 'expect not earned on DATE' is E0536", "[reward][sema]") {
  auto c = compile(nurseLine("expect not earned\n", "expect not earned on 2022-01-01\n"));
  const auto e = withCode(c->diagnostics(), "E0536");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "a member who does not earn a reward has no date");
}

TEST_CASE("lower: a reward is a proportion with one date node", "[reward][lower]") {
  const ir::Measure m = lowerOne(kNurseLine);
  CHECK(m.kind == ir::MeasureKind::Proportion);
  REQUIRE(m.isReward());
  CHECK(m.nodes[static_cast<size_t>(m.earnedOn)].type == ir::Type::Date);
  CHECK(m.earnedOnText == "first_call");
  CHECK(ir::verify(m).empty());
  REQUIRE(m.tests.size() == 2);
  CHECK(m.tests[0].expects[1].rule == ir::RuleKind::Numerator);
  CHECK(m.tests[0].expects[1].value);
  CHECK(m.tests[0].expects[1].earnedOn == parseIsoDate("2022-03-14").value());
  CHECK_FALSE(m.tests[1].expects[0].value);
  const std::string text = ir::print(m);
  CHECK(text.find("reward: earned on %" + std::to_string(m.earnedOn) +
                  " (first_call) by the members in the numerator (rewards/NAL.csv)") !=
        std::string::npos);
  // Any other measure has none.
  CHECK_FALSE(lowerOne(measure("  population true\n  numerator true\n")).isReward());
}

TEST_CASE("a reward based on a measure takes its rules and reads its names", "[reward][lower]") {
  Files f("based");
  f.write("base.measure",
          "measure B \"Base\" {\n  period 2022\n"
          "  codeset Call = PLAN{NURSE_ADVICE_CALL}\n"
          "  define first_call = first date of supplemental with Call during MP\n"
          "  population true\n  numerator exists supplemental with Call during MP\n}\n");
  const std::string reward =
      f.write("reward.measure",
              "measure R \"Reward\" {\n  based on \"base.measure\"\n  kind reward\n"
              "  earned on first_call\n"
              "  test \"t\" {\n    member sex F born 1980-04-01 enrolled 2021-01-01..\n"
              "    supplemental 2022-05-02 PLAN:NURSE_ADVICE_CALL\n"
              "    expect earned on 2022-05-02\n  }\n}\n");
  Compilation c(stdlibDir());
  c.addPath(reward);
  c.check();
  INFO(codesOf(c.diagnostics()));
  REQUIRE_FALSE(c.hasErrors());
  const ast::Measure* r = nullptr;
  for (const ast::Measure* m : c.measures())
    if (m->id == "R") r = m;
  REQUIRE(r != nullptr);
  const ir::Measure m = c.lower(*r);
  CHECK(m.basedOn == "B");
  REQUIRE(m.isReward());
  CHECK(m.rule(ir::RuleKind::Numerator).terms.size() == 1);
  CHECK(ir::verify(m).empty());
}

TEST_CASE("a reward based on a rate measure is E0533; 'earned on' reads the base's names",
          "[reward][sema]") {
  Files f("based-rate");
  f.write("rate.measure",
          "measure B \"Base\" {\n  period 2022\n  kind rate per 1000 member years\n"
          "  population true\n  numerator count visit during MP\n}\n");
  const std::string reward =
      f.write("reward.measure",
              "measure R \"Reward\" {\n  based on \"rate.measure\"\n  kind reward\n"
              "  earned on no_such_date\n}\n");
  Compilation c(stdlibDir());
  c.addPath(reward);
  c.check();
  const auto e = withCode(c.diagnostics(), "E0533");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "reward R is based on B, which is not a proportion of members (kind rate)");
  // The date was checked in the base's scope: an unknown name there.
  CHECK_FALSE(withCode(c.diagnostics(), "E0101").empty());
}

TEST_CASE("program: rewards go in 'rewards { }' only (E0534), without figures (E0535)",
          "[reward][program]") {
  Files f("program");
  f.write("nal.measure", kNurseLine);
  f.write("m.measure",
          "measure M \"M\" {\n  period 2022\n  population true\n"
          "  numerator true\n}\n");
  const std::string good = f.write("good.measure",
                                   "program P \"p\" {\n  include \"m.measure\"\n"
                                   "  rewards {\n    include \"nal.measure\"\n  }\n}\n");
  {
    Compilation c(stdlibDir());
    c.addPath(good);
    c.check();
    INFO(codesOf(c.diagnostics()));
    REQUIRE_FALSE(c.hasErrors());
    const ir::Program p = c.lower(*c.programs()[0]);
    REQUIRE(p.measures.size() == 2);
    CHECK_FALSE(p.measures[0].measure.isReward());
    CHECK(p.measures[1].measure.isReward());
  }
  const std::string bad = f.write("bad.measure",
                                  "program P \"p\" {\n  include \"nal.measure\"\n"
                                  "  rewards {\n    include \"m.measure\"\n  }\n}\n");
  {
    Compilation c(stdlibDir());
    c.addPath(bad);
    c.check();
    std::multiset<std::string> messages;
    for (const Diagnostic& d : withCode(c.diagnostics(), "E0534")) messages.insert(d.message);
    CHECK(messages == std::multiset<std::string>{
                          "NAL is a reward: include it in the program's 'rewards { }'",
                          "M is not a reward ('kind reward'), but is included in 'rewards { }'"});
  }
  const std::string figures = f.write("figures.measure",
                                      "program P \"p\" {\n  rewards {\n"
                                      "    include \"nal.measure\" minimum 5\n  }\n}\n");
  {
    Compilation c(stdlibDir());
    c.addPath(figures);
    c.check();
    const auto e = withCode(c.diagnostics(), "E0535");
    REQUIRE(e.size() == 1);
    CHECK(e[0].range.line == 3);
    CHECK(withCode(c.diagnostics(), "E0505").empty());
  }
}

TEST_CASE("diff: the 2022 CBI program with its rewards has no changes against itself",
          "[reward][diff]") {
  // CIS10_REWARD's `earned on` adds a second parenthesised set `(A + B)` to
  // CIS10's: inline sets are matched by their queries, not by a name.
  Compilation c(stdlibDir());
  c.addPath(std::string(MEASUREC_SOURCE_DIR) + "/measures/2022/cbi/program.measure");
  c.check();
  INFO(codesOf(c.diagnostics()));
  REQUIRE_FALSE(c.hasErrors());
  const ir::Program p = c.lower(*c.programs()[0]);
  CHECK(diffPrograms(p, p).empty());
  size_t rewards = 0;
  for (const ir::ProgramMeasure& pm : p.measures) rewards += pm.measure.isReward();
  CHECK(rewards == 9);
}
