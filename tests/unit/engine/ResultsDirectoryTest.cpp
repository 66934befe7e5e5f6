// The atomic results directory: replaced whole on commit, never half-written.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "ScratchDir.h"
#include "output/ResultsDirectory.h"

using namespace mc;
namespace fs = std::filesystem;

namespace {

struct Scratch : mc::testing::ScratchDir {
  Scratch() : ScratchDir("results") {}
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

void writeFile(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

}  // namespace

TEST_CASE("files are written into a temporary sibling and appear on commit") {
  Scratch scratch;
  const fs::path out = scratch.root / "results";
  output::ResultsDirectory dir(out);
  REQUIRE_FALSE(dir.create());
  CHECK(dir.temporary().parent_path() == scratch.root);
  CHECK(dir.temporary().filename().string().rfind("results.tmp-" + std::to_string(::getpid()) + "-",
                                                  0) == 0);
  REQUIRE_FALSE(dir.writeFile("run.json", "{}\n"));
  REQUIRE_FALSE(dir.writeFile("gaps.csv", [](std::ostream& os) { os << "a,b\n"; }));
  CHECK_FALSE(fs::exists(out));
  REQUIRE_FALSE(dir.commit());
  CHECK(dir.committed());
  CHECK(entries(scratch.root) == std::vector<std::string>{"results"});
  CHECK(slurp(out / "run.json") == "{}\n");
  CHECK(slurp(out / "gaps.csv") == "a,b\n");
}

TEST_CASE("commit replaces an existing results directory whole") {
  Scratch scratch;
  const fs::path out = scratch.root / "results";
  fs::create_directories(out);
  writeFile(out / "run.json", "old");
  writeFile(out / "strata.csv", "old");  // a result file this run does not write
  fs::create_directories(out / "rewards");
  writeFile(out / "rewards" / "WELL_CHILD.csv", "old");
  {
    output::ResultsDirectory dir(out.string() + "/");  // a trailing slash names the same directory
    REQUIRE_FALSE(dir.create());
    REQUIRE_FALSE(dir.writeFile("run.json", "new"));
    CHECK(slurp(out / "run.json") == "old");  // untouched until commit
    REQUIRE_FALSE(dir.commit());
  }
  CHECK(entries(scratch.root) == std::vector<std::string>{"results"});
  CHECK(entries(out) == std::vector<std::string>{"run.json"});
  CHECK(slurp(out / "run.json") == "new");
}

TEST_CASE("without commit nothing is left behind, and an old result stays as it was") {
  Scratch scratch;
  const fs::path out = scratch.root / "results";
  {
    output::ResultsDirectory dir(out);
    REQUIRE_FALSE(dir.create());
    REQUIRE_FALSE(dir.writeFile("member_results.csv", "half"));
  }
  CHECK(entries(scratch.root).empty());

  fs::create_directories(out);
  writeFile(out / "run.json", "old");
  {
    output::ResultsDirectory dir(out);
    REQUIRE_FALSE(dir.create());
    REQUIRE_FALSE(dir.writeFile("run.json", "new"));
  }
  CHECK(entries(scratch.root) == std::vector<std::string>{"results"});
  CHECK(slurp(out / "run.json") == "old");
}

TEST_CASE("missing parent directories are created") {
  Scratch scratch;
  const fs::path out = scratch.root / "a" / "b" / "results";
  output::ResultsDirectory dir(out);
  REQUIRE_FALSE(dir.create());
  REQUIRE_FALSE(dir.commit());
  CHECK(fs::is_directory(out));
}

TEST_CASE("a file or a foreign directory is never replaced") {
  Scratch scratch;
  const fs::path file = scratch.root / "notes.txt";
  writeFile(file, "keep");
  output::ResultsDirectory onFile(file);
  const auto e1 = onFile.create();
  REQUIRE(e1);
  CHECK(e1->path == file.string());
  CHECK(e1->format().find("not a directory") != std::string::npos);
  CHECK(e1->format().find("note: ") != std::string::npos);

  const fs::path foreign = scratch.root / "home";
  fs::create_directories(foreign);
  writeFile(foreign / "thesis.tex", "keep");
  output::ResultsDirectory onForeign(foreign);
  const auto e2 = onForeign.create();
  REQUIRE(e2);
  CHECK(e2->message.find("'thesis.tex', which is not a measurec result file") != std::string::npos);
  CHECK(slurp(file) == "keep");
  CHECK(slurp(foreign / "thesis.tex") == "keep");
  CHECK(entries(scratch.root) == std::vector<std::string>{"home", "notes.txt"});
}

TEST_CASE("an uncreatable directory is an error naming the path") {
  Scratch scratch;
  const fs::path blocker = scratch.root / "blocker";
  writeFile(blocker, "a file where a directory should be");
  output::ResultsDirectory dir(blocker / "results");
  const auto e = dir.create();
  REQUIRE(e);
  CHECK(e->path.find("blocker") != std::string::npos);
  CHECK_FALSE(e->hint.empty());
}

TEST_CASE("a previous run's directory that holds anything else is never replaced") {
  Scratch scratch;
  const fs::path out = scratch.root / "P";
  fs::create_directories(out / "data");
  writeFile(out / "run.json", "old");
  writeFile(out / "member_results.csv", "old");
  writeFile(out / "data" / "members.csv", "keep");
  SECTION("a data directory beside the results") {
    output::ResultsDirectory dir(out);
    const auto e = dir.create();
    REQUIRE(e);
    CHECK(e->path == out.string());
    CHECK(e->message.find("holds 'data'") != std::string::npos);
  }
  SECTION("a file other than a reward inside rewards/") {
    fs::remove_all(out / "data");
    fs::create_directories(out / "rewards");
    writeFile(out / "rewards" / "notes.txt", "keep");
    output::ResultsDirectory dir(out);
    const auto e = dir.create();
    REQUIRE(e);
    CHECK(e->message.find("holds 'rewards'") != std::string::npos);
  }
  SECTION("a foreign file that appears between create() and commit()") {
    fs::remove_all(out / "data");
    output::ResultsDirectory dir(out);
    REQUIRE_FALSE(dir.create());
    writeFile(out / "notes.txt", "keep");
    const auto e = dir.commit();
    REQUIRE(e);
    CHECK(slurp(out / "notes.txt") == "keep");
  }
  CHECK(slurp(out / "run.json") == "old");
}

TEST_CASE("a staged data directory replaces only a directory of the files it names") {
  Scratch scratch;
  const fs::path out = scratch.root / "data";
  fs::create_directories(out);
  writeFile(out / "members.csv", "old");
  {
    output::ResultsDirectory dir(out, {"members.csv", "visits.csv"});
    REQUIRE_FALSE(dir.create());
    REQUIRE_FALSE(dir.writeFile("members.csv", "new"));
    REQUIRE_FALSE(dir.commit());
  }
  CHECK(slurp(out / "members.csv") == "new");
  // A previous run's result file is not a data file: refused, kept.
  writeFile(out / "run.json", "{}");
  output::ResultsDirectory refused(out, {"members.csv", "visits.csv"});
  const auto error = refused.create();
  REQUIRE(error);
  CHECK(error->message.find("'run.json', which is not a measurec data file") != std::string::npos);
  CHECK(slurp(out / "run.json") == "{}");
  CHECK(entries(scratch.root) == std::vector<std::string>{"data"});
}
