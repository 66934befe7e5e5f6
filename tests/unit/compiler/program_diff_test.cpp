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

// The 2022 CBI summary of changes in small: a measure replaced by another,
// points redistributed from one measure to another and reallocated from two
// to a `points varies` domain, a fee-for-service qualification removed.
TEST_CASE("diff names replacements, points moved and fee-for-service changes", "[driver]") {
  const fs::path root = fs::temp_directory_path() / ("mc-diff3-" + std::to_string(::getpid()));
  const fs::path o = root / "old", n = root / "new";
  for (const fs::path& d : {o, n}) {
    fs::create_directories(d);
    for (const char* id : {"PCR", "PDV", "ACS", "PEV", "QQQ"}) {
      std::string file = id;
      for (char& ch : file) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      std::ofstream(d / (file + ".measure")) << measureText(id, "87491", kNum);
    }
  }
  std::ofstream(o / "amm.measure") << measureText("AMM", "87491", kNum);
  std::ofstream(n / "cdf.measure") << measureText("CDF", "87491", kNum);
  // PCR gives PDV 4.5 points; ACS and PEV give "Quality" 2.5 each (35 -> 40).
  const ir::Program before = compileProgram(
      o,
      "program OLD \"old\" {\n  period 2021\n"
      "  domain \"Access\" points 6 { include \"pdv.measure\" points 6 }\n"
      "  domain \"Hospital\" points 37 {\n"
      "    include \"acs.measure\" points 10.5\n"
      "    include \"pcr.measure\" points 15\n"
      "    include \"pev.measure\" points 11.5\n  }\n"
      "  domain \"Quality\" points 35 varies {\n"
      "    include \"amm.measure\"\n    include \"qqq.measure\"\n  }\n"
      "  fee for service PCMH \"PCMH\" pays 2500 dollars when provider has pcmh_recognized\n"
      "  fee for service BHI \"BHI\" pays 1000 dollars when provider has bh_distinction or "
      "tjc_certified\n"
      "  fee for service OLDFEE \"Gone\" pays 10 dollars when provider has x\n}\n");
  const ir::Program after = compileProgram(
      n,
      "program NEW \"new\" {\n  period 2022\n"
      "  domain \"Access\" points 6 as printed { include \"pdv.measure\" points 10.5 }\n"
      "  domain \"Hospital\" points 37 as printed {\n"
      "    include \"acs.measure\" points 8\n"
      "    include \"pcr.measure\" points 10.5\n"
      "    include \"pev.measure\" points 9\n  }\n"
      "  domain \"Quality\" points 40 varies {\n"
      "    include \"cdf.measure\" replaces AMM\n    include \"qqq.measure\"\n  }\n"
      "  fee for service PCMH \"PCMH\" pays 3000 dollars when provider has pcmh_recognized or "
      "tjc_certified\n"
      "  fee for service BHI \"BHI\" pays 1000 dollars when provider has bh_distinction\n"
      "  fee for service NEWFEE \"New\" pays 5 dollars when provider has y\n}\n");
  const std::vector<std::string> lines = diffPrograms(before, after);
  INFO([&] {
    std::string all;
    for (const std::string& l : lines) all += l + "\n";
    return all;
  }());
  const std::vector<std::string> expected = {
      "period: 2021 -> 2022",
      "domain changed: \"Quality\" points 35 varies -> 40 varies",
      "new: CDF \"CDF title\" (programmatic, domain \"Quality\")",
      "retired: AMM \"AMM title\" (programmatic, domain \"Quality\")",
      "replaced: AMM \"AMM title\" (programmatic, domain \"Quality\") by CDF \"CDF title\" "
      "(programmatic, domain \"Quality\")",
      // PCR's 4.5 points went to PDV (an equal gain); ACS's 2.5 and PEV's
      // 2.5 together make up Quality's 5.
      "points moved: PCR 15 -> 10.5 to PDV 6 -> 10.5 (4.5 points)",
      "points moved: ACS 10.5 -> 8, PEV 11.5 -> 9 to domain \"Quality\" 35 -> 40 (5 points)",
      "points: PDV 6 -> 10.5",
      "points: ACS 10.5 -> 8",
      "points: PCR 15 -> 10.5",
      "points: PEV 11.5 -> 9",
      "fee for service changed: PCMH pays 2500 -> 3000 dollars",
      "fee for service changed: PCMH qualification added: tjc_certified",
      "fee for service changed: BHI qualification removed: tjc_certified (now bh_distinction)",
      "new: fee for service NEWFEE \"New\" (5 dollars when provider has y)",
      "retired: fee for service OLDFEE \"Gone\"",
  };
  CHECK(lines == expected);

  // A replaced measure the old program does not have is named as such.
  const ir::Program withoutAmm =
      compileProgram(o, "program OLD2 \"old\" {\n  period 2021\n  include \"qqq.measure\"\n}\n");
  const std::vector<std::string> noAmm = diffPrograms(withoutAmm, after);
  CHECK(std::find(noAmm.begin(), noAmm.end(),
                  "replaced: CDF replaces AMM, which OLD2 does not have") != noAmm.end());
  // A replacement both years declare is no change.
  CHECK(diffPrograms(after, after).empty());
  // Read backwards (2022 -> 2021), the same moves: PDV gives PCR its 4.5
  // points, and Quality's 5 go back to ACS and PEV together.
  const std::vector<std::string> back = diffPrograms(after, before);
  CHECK(std::find(back.begin(), back.end(),
                  "points moved: PDV 10.5 -> 6 to PCR 10.5 -> 15 (4.5 points)") != back.end());
  CHECK(std::find(back.begin(), back.end(),
                  "points moved: domain \"Quality\" 40 -> 35 to ACS 8 -> 10.5, PEV 9 -> 11.5 "
                  "(5 points)") != back.end());
  fs::remove_all(root);
}

// A window written once in a `define` and named by the queries that read it
// (the Health and Wellness rewards' `dose_window`, BCS's `lookback`): a
// change to it leaves every query's text as it was, and must still be named;
// so must a reward's `earned on` date.
TEST_CASE("diff names a changed define and a reward's changed earned-on date", "[driver]") {
  const fs::path root = fs::temp_directory_path() / ("mc-diff5-" + std::to_string(::getpid()));
  const fs::path o = root / "old", n = root / "new";
  auto reward = [](const std::string& window, const std::string& on) {
    return "measure FLU \"flu\" {\n  kind reward\n  period 2022\n"
           "  codeset Flu = CVX{140}\n"
           "  define dose_window = " +
           window +
           "\n"
           "  define second_dose = 2nd date of immunization with Flu during dose_window\n"
           "  population enrolled days during MP >= 1\n"
           "  earned when exists immunization with Flu during dose_window\n"
           "  earned on " +
           on + "\n}\n";
  };
  auto screen = [](const std::string& lookback) {
    return "measure AAA \"AAA title\" {\n  period 2022\n  codeset Screen = CPT{87491}\n"
           "  define lookback = " +
           lookback +
           "\n  population sex = F\n  numerator exists visit with Screen during lookback\n}\n";
  };
  for (const fs::path& d : {o, n}) fs::create_directories(d);
  std::ofstream(o / "flu.measure")
      << reward("[birth_date + 7 months, birth_date + 24 months]", "second_dose");
  std::ofstream(n / "flu.measure") << reward("[birth_date + 7 months, birth_date + 25 months]",
                                             "first date of immunization with Flu during MP");
  std::ofstream(o / "aaa.measure") << screen("[date(MP.start.year - 2, 10, 1), MP.end]");
  std::ofstream(n / "aaa.measure") << screen("[date(MP.start.year - 1, 10, 1), MP.end]");
  const std::string program =
      "program P \"p\" {\n  period 2022\n"
      "  domain \"Access\" points 4 { include \"aaa.measure\" points 4 }\n"
      "  rewards { include \"flu.measure\" }\n}\n";
  const std::vector<std::string> lines =
      diffPrograms(compileProgram(o, program), compileProgram(n, program));
  const std::vector<std::string> expected = {
      "changed: AAA define lookback: [date(MP.start.year - 2, 10, 1), MP.end] -> "
      "[date(MP.start.year - 1, 10, 1), MP.end]",
      "changed: FLU define dose_window: [birth_date + 7 months, birth_date + 24 months] -> "
      "[birth_date + 7 months, birth_date + 25 months]",
      "changed: FLU define removed: second_dose = 2nd date of immunization with Flu during "
      "dose_window",
      "changed: FLU query added: first date of immunization with Flu during MP",
      "changed: FLU query removed: 2nd date of immunization with Flu during dose_window",
      "changed: FLU earned on: second_dose -> first date of immunization with Flu during MP",
  };
  CHECK(lines == expected);
  fs::remove_all(root);
}

// Seed 000's gate ("entered into CAIR2 by July 1, 2022") moved a year on,
// and the dollars of a point: neither shows on a measure line.
TEST_CASE("diff names a changed gate and a changed point value", "[driver]") {
  const fs::path root = fs::temp_directory_path() / ("mc-diff6-" + std::to_string(::getpid()));
  const fs::path o = root / "old", n = root / "new";
  for (const fs::path& d : {o, n}) {
    fs::create_directories(d);
    std::ofstream(d / "aaa.measure") << measureText("AAA", "87491", kNum);
  }
  auto program = [](const std::string& date, const std::string& value, const std::string& extra) {
    return "program GQ \"gq\" {\n  period 2022\n"
           "  domain \"Quality\" points 4 { include \"aaa.measure\" points 4 payment at 50 }\n"
           "  parameter point_value = " +
           value +
           " dollars assumption \"x\"\n"
           "  gate registry_participation: provider has immunization from registry on or before " +
           date + "\n" + extra + "}\n";
  };
  const ir::Program before = compileProgram(o, program("2022-07-01", "100", ""));
  const ir::Program after = compileProgram(
      n, program("2023-07-01", "120",
                 "  gate claims: provider has immunization from claim on or before 2023-01-31\n"));
  const std::vector<std::string> expected = {
      "gate changed: registry_participation: provider has immunization from registry on or "
      "before 2022-07-01 -> provider has immunization from registry on or before 2023-07-01",
      "new: gate claims: provider has immunization from claim on or before 2023-01-31",
      "point_value: 100 -> 120 dollars",
  };
  CHECK(diffPrograms(before, after) == expected);
  const std::vector<std::string> back = diffPrograms(after, before);
  CHECK(std::find(back.begin(), back.end(),
                  "retired: gate claims: provider has immunization from claim on or before "
                  "2023-01-31") != back.end());
  fs::remove_all(root);
}
