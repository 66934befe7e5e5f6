// `measurec diff`: two small program years, each kind of change once, and
// the exact line that names it.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "CompilerTestUtil.h"
#include "driver/ProgramDiff.h"

using namespace mc;
using mc::testing::codesOf;

namespace {

namespace fs = std::filesystem;

std::string measureText(const std::string& id, const std::string& codes,
                        const std::string& numerator) {
  return "measure " + id + " \"" + id + " title\" {\n  period 2022\n  codeset Screen = CPT{" +
         codes + "}\n  population sex = F\n  numerator " + numerator + "\n}\n";
}

const std::string kNum = "exists visit with Screen during MP";

ir::Program compileProgram(const fs::path& dir, const std::string& programText) {
  std::ofstream(dir / "program.measure") << programText;
  Compilation c(mc::testing::stdlibDir());
  c.addPath((dir / "program.measure").string());
  c.check();
  INFO(codesOf(c.diagnostics()));
  REQUIRE_FALSE(c.hasErrors());
  REQUIRE(c.programs().size() == 1);
  return c.lower(*c.programs()[0]);
}

}  // namespace

TEST_CASE("diff names new, retired, moved, rescored and redefined measures", "[driver]") {
  const fs::path root = fs::temp_directory_path() / ("mc-diff-" + std::to_string(::getpid()));
  const fs::path o = root / "old", n = root / "new";
  fs::create_directories(o);
  fs::create_directories(n);
  for (const fs::path& d : {o, n}) {
    std::ofstream(d / "bbb.measure") << measureText("BBB", "87491", kNum);
    std::ofstream(d / "ccc.measure") << measureText("CCC", "87491", kNum);
  }
  std::ofstream(o / "aaa.measure") << measureText("AAA", "87491, 87492", kNum);
  // A code added and one removed, a numerator term added, a window changed.
  std::ofstream(n / "aaa.measure")
      << measureText("AAA", "87491, 87493",
                     "exists visit with Screen during [date(MP.start.year - 1, 1, 1), MP.end]\n"
                     "    and age at MP.end >= 21");
  std::ofstream(o / "rrr.measure") << measureText("RRR", "87491", kNum);
  std::ofstream(n / "nnn.measure") << measureText("NNN", "87491", kNum);

  const ir::Program before =
      compileProgram(o,
                     "program OLD \"old\" {\n  period 2021\n"
                     "  domain \"Access\" points 10 {\n"
                     "    include \"aaa.measure\" minimum 5 points 4 stars 50, 60, 70, 80\n"
                     "    include \"bbb.measure\" minimum 5 points 6\n  }\n"
                     "  exploratory { include \"ccc.measure\" minimum 30 }\n"
                     "  include \"rrr.measure\" minimum 5\n}\n");
  const ir::Program after = compileProgram(
      n,
      "program NEW \"new\" {\n  period 2022\n"
      "  domain \"Access\" points 12 {\n"
      "    include \"aaa.measure\" minimum 10 points 6 stars 50, 60, 70, 85 payment at 70\n"
      "    include \"ccc.measure\" minimum 30 points 6\n  }\n"
      "  domain \"Care\" points 5 { include \"bbb.measure\" minimum 5 points 5 }\n"
      "  exploratory { include \"nnn.measure\" minimum 30 }\n}\n");

  const std::vector<std::string> lines = diffPrograms(before, after);
  const std::vector<std::string> expected = {
      "period: 2021 -> 2022",
      "domain changed: \"Access\" points 10 -> 12",
      "domain added: \"Care\" (5 points)",
      "new: NNN \"NNN title\" (exploratory)",
      "retired: RRR \"RRR title\" (programmatic)",
      "moved: CCC exploratory -> programmatic, domain \"Access\"",
      "moved: BBB domain \"Access\" -> \"Care\"",
      "points: AAA 4 -> 6",
      "minimum: AAA 5 -> 10",
      "stars: AAA 50/60/70/80 -> 50/60/70/85",
      "payment: AAA none -> 70%",
      "points: CCC 0 -> 6",
      "points: BBB 6 -> 5",
      "changed: AAA code set Screen: 1 entry added, 1 entry removed (+CPT 87493, removed "
      "CPT 87492)",
      "changed: AAA numerator rule: term added: exists visit with Screen during "
      "[date(MP.start.year - 1, 1, 1), MP.end]",
      "changed: AAA numerator rule: term added: age at MP.end >= 21",
      "changed: AAA numerator rule: term removed: exists visit with Screen during MP",
      // The window change shows as the query's text, before and after.
      "changed: AAA query added: exists visit with Screen during [date(MP.start.year - 1, 1, "
      "1), MP.end]",
      "changed: AAA query removed: exists visit with Screen during MP",
  };
  INFO([&] {
    std::string all;
    for (const std::string& l : lines) all += l + "\n";
    return all;
  }());
  CHECK(lines == expected);

  // The same program twice: no change at all.
  CHECK(diffPrograms(after, after).empty());
  fs::remove_all(root);
}

TEST_CASE("diff names tiers, removed domains, code sets, titles and kinds", "[driver]") {
  const fs::path root = fs::temp_directory_path() / ("mc-diff2-" + std::to_string(::getpid()));
  const fs::path o = root / "old", n = root / "new", flat = root / "flat";
  for (const fs::path& d : {o, n, flat}) fs::create_directories(d);
  std::ofstream(o / "aaa.measure") << measureText("AAA", "87491", kNum);
  std::ofstream(flat / "aaa.measure") << measureText("AAA", "87491", kNum);
  // Retitled, an inverse measure, one code set added and the old one gone.
  std::ofstream(n / "aaa.measure")
      << "measure AAA \"AAA renamed\" {\n  period 2022\n  kind inverse\n"
         "  codeset Exam = CPT{87491}\n  population sex = F\n"
         "  numerator exists visit with Exam during MP\n}\n";
  const ir::Program before = compileProgram(
      o,
      "program OLD \"old\" {\n  period 2022\n"
      "  domain \"Access\" points 4 {\n"
      "    include \"aaa.measure\" minimum 5 points 4 tiers 50 -> 50%, 60 -> 100%\n  }\n"
      "  domain \"Gone\" points 0 { }\n}\n");
  const ir::Program after = compileProgram(
      n,
      "program NEW \"new\" {\n  period 2022\n"
      "  domain \"Access\" points 4 {\n"
      "    include \"aaa.measure\" minimum 5 points 4 tiers 40 -> 50%, 30 -> 100%\n  }\n}\n");
  const std::vector<std::string> lines = diffPrograms(before, after);
  INFO([&] {
    std::string all;
    for (const std::string& l : lines) all += l + "\n";
    return all;
  }());
  const std::vector<std::string> expected = {
      "domain removed: \"Gone\"",
      "tiers: AAA 50 -> 50%, 60 -> 100% | now 40 -> 50%, 30 -> 100%",
      "changed: AAA title \"AAA title\" -> \"AAA renamed\"",
      "changed: AAA kind proportion -> inverse",
      "changed: AAA code set Exam added (1 entry)",
      "changed: AAA code set Screen removed",
      "changed: AAA numerator rule: term added: exists visit with Exam during MP",
      "changed: AAA numerator rule: term removed: exists visit with Screen during MP",
      "changed: AAA query added: exists visit with Exam during MP",
      "changed: AAA query removed: exists visit with Screen during MP",
  };
  CHECK(lines == expected);

  // A program without domains: one note, no per-measure domain or points line.
  const ir::Program flatProgram = compileProgram(
      flat, "program FLAT \"flat\" {\n  period 2022\n  include \"aaa.measure\" minimum 5\n}\n");
  const std::vector<std::string> noDomains = diffPrograms(flatProgram, before);
  const std::vector<std::string> expectedNoDomains = {
      "domain added: \"Access\" (4 points)",
      "domain added: \"Gone\" (0 points)",
      "note: FLAT declares no domains; domains and points of measures are not compared",
      "tiers: AAA none | now 50 -> 50%, 60 -> 100%",
  };
  CHECK(noDomains == expectedNoDomains);
  fs::remove_all(root);
}

TEST_CASE("diff names a changed plan goal and a changed improvement", "[driver][improvement]") {
  const fs::path root = fs::temp_directory_path() / ("mc-diff3-" + std::to_string(::getpid()));
  const fs::path o = root / "old", n = root / "new";
  for (const fs::path& d : {o, n}) {
    fs::create_directories(d);
    std::ofstream(d / "aaa.measure") << measureText("AAA", "87491", kNum);
    std::ofstream(d / "bbb.measure") << measureText("BBB", "87490", kNum);
  }
  const ir::Program before =
      compileProgram(o,
                     "program OLD \"old\" {\n  period 2022\n"
                     "  domain \"Access\" points 4 {\n"
                     "    include \"aaa.measure\" points 2 goal 0.6\n"
                     "    include \"bbb.measure\" points 2\n  }\n"
                     "  domain \"Quality\" points 4 { }\n"
                     "  improvement \"PI\" points 10 over \"Access\" by 5%\n}\n");
  const ir::Program after =
      compileProgram(n,
                     "program NEW \"new\" {\n  period 2022\n"
                     "  domain \"Access\" points 4 {\n"
                     "    include \"aaa.measure\" points 2 goal 0.65\n"
                     "    include \"bbb.measure\" points 2 goal 0.5\n  }\n"
                     "  domain \"Quality\" points 4 { }\n"
                     "  improvement \"PI\" points 10 over \"Access\", \"Quality\" by 10%\n}\n");
  const std::vector<std::string> lines = diffPrograms(before, after);
  const std::vector<std::string> expected = {
      "domain changed: \"PI\" improvement over \"Access\" by 5% -> over \"Access\", \"Quality\" "
      "by 10%",
      "goal: AAA 0.6 -> 0.65",
      "goal: BBB none -> 0.5",
  };
  CHECK(lines == expected);
  // A program year that adds performance improvement names its domains.
  const ir::Program none = compileProgram(o,
                                          "program OLD \"old\" {\n  period 2022\n"
                                          "  domain \"Access\" points 4 {\n"
                                          "    include \"aaa.measure\" points 2\n"
                                          "    include \"bbb.measure\" points 2\n  }\n"
                                          "  domain \"Quality\" points 4 { }\n}\n");
  const std::vector<std::string> added = diffPrograms(none, after);
  REQUIRE_FALSE(added.empty());
  CHECK(added[0] ==
        "domain added: \"PI\" (10 points, improvement over \"Access\", \"Quality\" by 10%)");
  fs::remove_all(root);
}
