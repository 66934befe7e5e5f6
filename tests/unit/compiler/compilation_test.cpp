// A compilation of several files: measure IDs are unique across it, modules
// do not import themselves, program minimums are at least 1, and a
// directory walk reports what it cannot read and goes on.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "CompilerTestUtil.h"

using namespace mc;
using mc::testing::codesOf;
using mc::testing::withCode;

namespace {

const char* kChl = R"(measure CHL "Chlamydia screening" {
  period 2022
  population sex = F
  numerator exists visit with CPT{87491}
}
)";

}  // namespace

TEST_CASE("two measures with one ID in a check are an error naming both places", "[driver]") {
  Compilation c(mc::testing::stdlibDir());
  c.addSource("a/chl.measure", kChl);
  c.addSource("b/chl-copy.measure", kChl);
  c.check();
  INFO(codesOf(c.diagnostics()));
  const auto dup = withCode(c.diagnostics(), "E0503");
  REQUIRE(dup.size() == 1);
  CHECK(dup[0].range.file->path() == "b/chl-copy.measure");
  CHECK(dup[0].message == "measure CHL is defined twice: also at a/chl.measure:1:9");
}

TEST_CASE("a program including two files with one measure ID is an error", "[driver]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("mc-dup-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "chl.measure") << kChl;
  std::ofstream(dir / "chl2.measure") << kChl;
  std::ofstream(dir / "program.measure")
      << "program P \"p\" {\n  period 2022\n  include \"chl.measure\"\n  include "
         "\"chl2.measure\" minimum 0\n}\n";
  Compilation c(mc::testing::stdlibDir());
  c.addPath((dir / "program.measure").string());
  c.check();
  INFO(codesOf(c.diagnostics()));
  CHECK(withCode(c.diagnostics(), "E0503").size() == 1);
  CHECK(withCode(c.diagnostics(), "E0502").empty());
  const auto minimum = withCode(c.diagnostics(), "E0504");
  REQUIRE(minimum.size() == 1);
  CHECK(minimum[0].range.line == 4);
  fs::remove_all(dir);
}

TEST_CASE("a program lowers its domains, points, exploratory measures and parameters", "[driver]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("mc-domains-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "chl.measure") << kChl;
  std::string ccs = kChl;
  ccs.replace(ccs.find("CHL"), 3, "CCS");
  std::ofstream(dir / "ccs.measure") << ccs;
  std::string bcs = kChl;
  bcs.replace(bcs.find("CHL"), 3, "BCS");
  std::ofstream(dir / "bcs.measure") << bcs;
  std::ofstream(dir / "program.measure")
      << "program P \"p\" {\n  period 2022\n"
         "  domain \"Access\" points 18 {\n"
         "    include \"chl.measure\" minimum 5 points 2\n"
         "    include \"ccs.measure\" minimum 5 points 10.5\n  }\n"
         "  exploratory { include \"bcs.measure\" minimum 30 }\n"
         "  parameter point_value = 100 dollars assumption \"not printed\"\n}\n";
  Compilation c(mc::testing::stdlibDir());
  c.addPath((dir / "program.measure").string());
  c.check();
  INFO(codesOf(c.diagnostics()));
  CHECK_FALSE(c.hasErrors());
  // 2 + 10.5 is not the 18 printed: a warning naming both figures.
  const auto sum = withCode(c.diagnostics(), "W0501");
  REQUIRE(sum.size() == 1);
  CHECK(sum[0].message ==
        "domain \"Access\" has 18 points possible, but its measures' points sum to 12.5");
  CHECK(sum[0].range.line == 3);
  const auto assumption = withCode(c.diagnostics(), "N0501");
  REQUIRE(assumption.size() == 1);
  CHECK(assumption[0].severity == Severity::Note);
  CHECK(assumption[0].message ==
        "parameter point_value = 100 dollars is an assumption: not printed");
  CHECK(c.diagnostics().warningCount() == 1);

  const ir::Program p = c.lower(*c.programs().at(0));
  REQUIRE(p.domains.size() == 1);
  CHECK(p.domains[0].name == "Access");
  CHECK(p.domains[0].points == Approx(18));
  REQUIRE(p.measures.size() == 3);
  CHECK(p.measures[0].measure.id == "CHL");
  CHECK(p.measures[0].domain == 0);
  CHECK(p.measures[0].points == Approx(2));
  CHECK(p.measures[1].points == Approx(10.5));
  CHECK(p.measures[2].measure.id == "BCS");
  CHECK(p.measures[2].exploratory);
  CHECK(p.measures[2].domain == -1);
  CHECK(p.measures[2].minimum == 30);
  REQUIRE(p.parameters.size() == 1);
  CHECK(p.parameters[0].name == "point_value");
  CHECK(p.parameters[0].value == Approx(100));
  CHECK(p.parameters[0].assumption);
  fs::remove_all(dir);
}

TEST_CASE("program figures that name parameters take their values, after --set overrides",
          "[driver]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("mc-figures-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "chl.measure") << kChl;
  std::ofstream(dir / "program.measure")
      << "program P \"p\" {\n  period 2022\n"
         "  domain \"Access\" points 4 {\n"
         "    include \"chl.measure\" minimum 5 points chl_points tiers low -> 50%, high -> "
         "share% stars 60, three, 80, 90 payment at target\n  }\n"
         "  parameter chl_points = 4 points assumption \"not printed\"\n"
         "  parameter low = 0.5 source \"table 1\"\n"
         "  parameter high = 0.75 source \"table 1\"\n"
         "  parameter share = 100 percent source \"table 1\"\n"
         "  parameter three = 70 percent source \"table 2\"\n"
         "  parameter target = 87.5 percent assumption \"not printed\"\n}\n";
  const std::string program = (dir / "program.measure").string();
  {
    Compilation c(mc::testing::stdlibDir());
    c.addPath(program);
    c.check();
    INFO(codesOf(c.diagnostics()));
    CHECK_FALSE(c.hasErrors());
    CHECK(c.diagnostics().warningCount() == 0);  // 4 points of 4: the parameter counts
    CHECK(withCode(c.diagnostics(), "N0501").size() == 2);
    const ir::Program p = c.lower(*c.programs().at(0));
    REQUIRE(p.measures.size() == 1);
    const ir::ProgramMeasure& m = p.measures[0];
    CHECK(m.points == Approx(4));
    REQUIRE(m.tiers.size() == 2);
    CHECK(m.tiers[0].first == Approx(0.5));
    CHECK(m.tiers[0].second == Approx(50));
    CHECK(m.tiers[1].first == Approx(0.75));
    CHECK(m.tiers[1].second == Approx(100));
    CHECK(m.stars == std::vector<double>{60, 70, 80, 90});
    REQUIRE(m.payment);
    CHECK(*m.payment == Approx(87.5));
  }
  {
    // --set: the override is the figure, no longer an assumption; a name no
    // program declares is reported for the command's usage error.
    Compilation c(mc::testing::stdlibDir());
    c.setParameterOverrides({{"target", 90}, {"chl_points", 4}, {"tagret", 1}});
    c.addPath(program);
    c.check();
    CHECK_FALSE(c.hasErrors());
    CHECK(c.unknownOverrides() == std::vector<std::string>{"tagret"});
    CHECK(withCode(c.diagnostics(), "N0501").empty());
    const ir::Program p = c.lower(*c.programs().at(0));
    CHECK(*p.measures[0].payment == Approx(90));
    for (const ir::ProgramParameter& par : p.parameters)
      if (par.name == "target") CHECK(par.provenance == "--set on the command line");
  }
  {
    // An override that makes the thresholds overlap is reported where the
    // figure is used, as a literal 85 would be.
    Compilation c(mc::testing::stdlibDir());
    c.setParameterOverrides({{"three", 85}});
    c.addPath(program);
    c.check();
    const auto overlap = withCode(c.diagnostics(), "E0507");
    REQUIRE(overlap.size() == 1);
    CHECK(overlap[0].range.line == 4);
    CHECK(overlap[0].message ==
          "the star thresholds of CHL are not increasing: 3 stars at 85, 4 stars at 80");
  }
  fs::remove_all(dir);
}

TEST_CASE("a module importing itself is said so, not a duplicate definition", "[driver]") {
  Compilation c(mc::testing::stdlibDir());
  c.addSource("lib.measure", R"(module lib {
  import lib
  codeset Flu = CVX{88}
  define adult = age at MP.end >= 18
}
)");
  c.check();
  INFO(codesOf(c.diagnostics()));
  REQUIRE(withCode(c.diagnostics(), "E0116").size() == 1);
  CHECK(withCode(c.diagnostics(), "E0103").empty());
}

TEST_CASE("a directory walk reports an unreadable subfolder and checks the rest", "[driver]") {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("mc-walk-" + std::to_string(::getpid()));
  fs::create_directories(root);
  std::ofstream(root / "chl.measure") << kChl;
  // A folder nested beyond PATH_MAX cannot be opened by its path, even by
  // root (permissions would not stop a test running as root).
  const fs::path cwd = fs::current_path();
  fs::current_path(root);
  const std::string name(200, 'd');
  for (int i = 0; i < 24; ++i) {
    fs::create_directory(name);
    fs::current_path(name);
  }
  fs::current_path(cwd);

  Compilation c(mc::testing::stdlibDir());
  c.addPath(root.string());
  c.check();
  INFO(codesOf(c.diagnostics()));
  const auto unreadable = withCode(c.diagnostics(), "E0005");
  REQUIRE(unreadable.size() == 1);
  CHECK(unreadable[0].message.find("cannot read the directory") != std::string::npos);
  CHECK(c.measures().size() == 1);
  CHECK(std::system(("rm -rf '" + root.string() + "'").c_str()) == 0);
}

TEST_CASE("a file named twice, or with its directory, is one file: its measure is scored once",
          "[driver]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("mc-twice-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "chl.measure") << kChl;
  Compilation c(mc::testing::stdlibDir());
  c.addPath((dir / "chl.measure").string());
  c.addPath((dir / "." / "chl.measure").string());
  c.addPath(dir.string());
  c.check();
  INFO(codesOf(c.diagnostics()));
  CHECK(c.diagnostics().items().empty());
  CHECK(c.measures().size() == 1);
  fs::remove_all(dir);
}

TEST_CASE("a directory walk follows a link back up once, not until the path is too long",
          "[driver]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("mc-loop-" + std::to_string(::getpid()));
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "sub" / "chl.measure") << kChl;
  fs::create_directory_symlink("..", dir / "sub" / "up");
  fs::create_directory_symlink(".", dir / "here");
  Compilation c(mc::testing::stdlibDir());
  c.addPath(dir.string());
  c.check();
  INFO(codesOf(c.diagnostics()).substr(0, 2000));
  CHECK(c.diagnostics().items().empty());
  CHECK(c.measures().size() == 1);
  fs::remove_all(dir);
}
