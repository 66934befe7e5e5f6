// `stratify by ...` and `based on "file"`: parsing, checking (E0701..E0706)
// and lowering into ir::Measure::stratifiers / basedOn.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "CompilerTestUtil.h"
#include "ir/Ir.h"

using namespace mc;
using mc::testing::codesOf;
using mc::testing::compile;
using mc::testing::lowerOne;
using mc::testing::measure;
using mc::testing::parseText;
using mc::testing::withCode;

namespace fs = std::filesystem;

namespace {

const char* const kRules =
    "  population age at MP.end in 3..21\n"
    "  numerator exists visit with CPT{99393} during MP\n";

// A measure with the rules above and `items` (lines 5 on).
std::string stratified(const std::string& items) { return measure(kRules + items); }

// A directory with a base measure (BASE, in base.measure) and `derived` in
// derived.measure, compiled from the derived file.
struct TwoFiles {
  fs::path dir;
  std::unique_ptr<Compilation> c;
  explicit TwoFiles(const std::string& derived, const std::string& base = stratified("")) {
    static int counter = 0;
    dir = fs::temp_directory_path() /
          ("mc-based-on-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string baseText = base;
    if (const size_t at = baseText.find("measure T"); at != std::string::npos)
      baseText.replace(at, 9, "measure BASE");
    std::ofstream(dir / "base.measure") << baseText;
    std::ofstream(dir / "derived.measure") << derived;
    c = std::make_unique<Compilation>(mc::testing::stdlibDir());
    c->addPath((dir / "derived.measure").string());
    c->check();
  }
  ~TwoFiles() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

const char* const kDerived =
    "measure D \"Derived\" {\n"
    "  source \"a test\"\n"
    "  based on \"base.measure\"\n"
    "  stratify by ethnicity\n"
    "  test \"a visit\" {\n"
    "    member sex F born 2010-01-01 enrolled 2020-01-01..\n"
    "    visit 2022-03-01 CPT:99393\n"
    "    expect population, numerator\n"
    "  }\n"
    "}\n";

}  // namespace

TEST_CASE("stratify items parse into the measure, with age bands", "[parser][strata]") {
  auto p =
      parseText(stratified("  stratify by ethnicity\n  stratify by sex\n"
                           "  stratify by age band 3..11, 12..21\n"));
  INFO(codesOf(p->diags));
  REQUIRE(p->diags.items().empty());
  const ast::Measure& m = p->file.measures.at(0);
  REQUIRE(m.stratifiers.size() == 3);
  CHECK(m.stratifiers[0].name == "ethnicity");
  CHECK(m.stratifiers[1].name == "sex");
  CHECK(m.stratifiers[2].name == "age band");
  REQUIRE(m.stratifiers[2].bands.size() == 2);
  CHECK(m.stratifiers[2].bands[1].lo == 12);
  CHECK(m.stratifiers[2].bands[1].hi == 21);
  CHECK(m.stratifiers[0].range.line == 5);
}

TEST_CASE("a based-on item parses into the measure", "[parser][strata]") {
  auto p = parseText(kDerived);
  INFO(codesOf(p->diags));
  REQUIRE(p->diags.items().empty());
  const ast::Measure& m = p->file.measures.at(0);
  REQUIRE(m.basedOn.size() == 1);
  CHECK(m.basedOn[0].path == "base.measure");
  CHECK(m.basedOn[0].range.line == 3);
}

TEST_CASE("an unknown stratifier is E0701 listing the known ones", "[sema][strata]") {
  auto c = compile(stratified("  stratify by ethnicty\n  stratify by shoe_size\n"));
  const auto e = withCode(c->diagnostics(), "E0701");
  INFO(codesOf(c->diagnostics()));
  REQUIRE(e.size() == 2);
  CHECK(e[0].message == "unknown stratifier 'ethnicty'");
  CHECK(e[0].note == "did you mean 'ethnicity'?");
  CHECK(e[0].range.line == 5);
  CHECK(e[1].note == "stratifiers are ethnicity, race, sex, language, county, age band");
}

TEST_CASE("stratifying twice by the same is E0702", "[sema][strata]") {
  auto c = compile(stratified("  stratify by race\n  stratify by sex\n  stratify by race\n"));
  const auto e = withCode(c->diagnostics(), "E0702");
  INFO(codesOf(c->diagnostics()));
  REQUIRE(e.size() == 1);
  CHECK(e[0].range.line == 7);
  CHECK(e[0].message == "measure T is stratified by race twice");
  CHECK(e[0].note == "remove one; the first is at line 5");
}

TEST_CASE("age bands must be given, ordered and disjoint (E0703)", "[sema][strata]") {
  auto c =
      compile(stratified("  stratify by age band 3..11, 11..21, 30..25\n"
                         "  stratify by sex 1..2\n"));
  const auto e = withCode(c->diagnostics(), "E0703");
  INFO(codesOf(c->diagnostics()));
  REQUIRE(e.size() == 3);
  CHECK(e[0].message == "the age band 11..21 overlaps 3..11");
  CHECK(e[1].message == "the age band 30..25 is empty");
  CHECK(e[2].range.line == 6);
  auto none = compile(stratified("  stratify by age band\n"));
  CHECK(withCode(none->diagnostics(), "E0703").size() == 1);
}

TEST_CASE("a module cannot be stratified (E0706)", "[sema][strata]") {
  auto c = compile("module lib {\n  stratify by sex\n}\n");
  const auto e = withCode(c->diagnostics(), "E0706");
  INFO(codesOf(c->diagnostics()));
  REQUIRE(e.size() == 1);
  CHECK(e[0].range.line == 2);
}

TEST_CASE("stratifiers lower in the order written", "[lower][strata]") {
  const ir::Measure m =
      lowerOne(stratified("  stratify by county\n  stratify by age band 0..17, 18..64\n"
                          "  stratify by language\n"));
  REQUIRE(m.stratifiers.size() == 3);
  CHECK(m.stratifiers[0].kind == StratifierKind::County);
  CHECK(m.stratifiers[1].kind == StratifierKind::AgeBand);
  REQUIRE(m.stratifiers[1].bands.size() == 2);
  CHECK(m.stratifiers[1].bands[1].lo == 18);
  CHECK(m.stratifiers[1].bands[1].hi == 64);
  CHECK(m.stratifiers[2].kind == StratifierKind::Language);
  CHECK(m.basedOn.empty());
  const std::string text = ir::print(m);
  CHECK(text.find("stratify county\nstratify age band 0..17, 18..64\nstratify language\n") !=
        std::string::npos);
}

TEST_CASE("a measure based on another lowers to the base's rules with its own ID and tests",
          "[lower][strata]") {
  TwoFiles f(kDerived);
  const ir::Measure m = lowerOne(*f.c);
  CHECK(m.id == "D");
  CHECK(m.title == "Derived");
  CHECK(m.source == "a test");
  CHECK(m.basedOn == "BASE");
  CHECK(m.period == 2022);
  CHECK(m.rule(ir::RuleKind::Population).terms.at(0).label == "age at MP.end in 3..21");
  CHECK(m.rule(ir::RuleKind::Numerator).terms.at(0).label ==
        "exists visit with CPT{99393} during MP");
  REQUIRE(m.tests.size() == 1);
  CHECK(m.tests[0].name == "a visit");
  CHECK(m.tests[0].period == 2022);
  REQUIRE(m.stratifiers.size() == 1);
  CHECK(m.stratifiers[0].kind == StratifierKind::Ethnicity);
  CHECK(ir::print(m).find("based on BASE\n") != std::string::npos);
}

TEST_CASE("a measure based on another cannot have its own rules (E0705)", "[sema][strata]") {
  std::string derived = kDerived;
  derived.replace(derived.find("  stratify"), 0,
                  "  kind inverse\n  codeset X = CPT{99393}\n  numerator true\n  gap \"x\"\n");
  TwoFiles f(derived);
  const auto e = withCode(f.c->diagnostics(), "E0705");
  INFO(codesOf(f.c->diagnostics()));
  REQUIRE(e.size() == 4);
  CHECK(e[0].range.line == 4);
  CHECK(e[0].message == "measure D is based on another and cannot have its own 'kind'");
  CHECK(e[2].message == "measure D is based on another and cannot have a 'numerator' rule");
}

TEST_CASE("based on a file without exactly one measure, itself or a derived one is E0704",
          "[sema][strata]") {
  SECTION("a module file") {
    TwoFiles f(kDerived, "module lib {\n}\n");
    const auto e = withCode(f.c->diagnostics(), "E0704");
    INFO(codesOf(f.c->diagnostics()));
    REQUIRE(e.size() == 1);
    CHECK(e[0].message ==
          "'base.measure' holds 0 measures; 'based on' names a file of exactly one");
  }
  SECTION("itself") {
    std::string self = kDerived;
    self.replace(self.find("base.measure"), 12, "derived.measure");
    TwoFiles f(self);
    const auto e = withCode(f.c->diagnostics(), "E0704");
    INFO(codesOf(f.c->diagnostics()));
    REQUIRE(e.size() == 1);
    CHECK(e[0].message == "measure D is based on itself");
  }
  SECTION("a measure itself based on another") {
    TwoFiles f(kDerived, "measure B2 \"B\" {\n  based on \"derived.measure\"\n}\n");
    const auto e = withCode(f.c->diagnostics(), "E0704");
    INFO(codesOf(f.c->diagnostics()));
    REQUIRE(e.size() == 2);  // each of the two names the other
    // Sorted by file: base.measure's first, then derived.measure's line 3.
    CHECK(e[0].message == "measure D is itself based on another measure");
    CHECK(e[1].range.line == 3);
    CHECK(e[1].message == "measure B2 is itself based on another measure");
    CHECK(e[1].note == "name the file of the measure it is based on, 'derived.measure'");
  }
  SECTION("a file that cannot be read") {
    std::string missing = kDerived;
    missing.replace(missing.find("base.measure"), 12, "nowhere.measure");
    TwoFiles f(missing);
    INFO(codesOf(f.c->diagnostics()));
    REQUIRE(withCode(f.c->diagnostics(), "E0005").size() == 1);
    CHECK(withCode(f.c->diagnostics(), "E0005")[0].range.line == 3);
  }
}

TEST_CASE("the stratification diagnostics are explained by check --explain", "[sema][strata]") {
  for (const char* code : {"E0701", "E0702", "E0703", "E0704", "E0705", "E0706"}) {
    INFO(code);
    CHECK_FALSE(explainDiagnosticCode(code).empty());
  }
}
