// The reject file's staging: an existing file is replaced only on commit.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ScratchDir.h"
#include "output/StagedFile.h"

using namespace mc;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

struct Scratch : mc::testing::ScratchDir {
  Scratch() : ScratchDir("staged") {}
};

}  // namespace

TEST_CASE("a staged file replaces its path on commit, and only then") {
  Scratch s;
  const fs::path target = s.root / "rejects.csv";
  std::ofstream(target) << "old";
  {
    output::StagedFile staged(target.string());
    CHECK(staged.staging() == target.string() + ".tmp-" + std::to_string(::getpid()));
    std::ofstream(staged.staging()) << "new";
    CHECK(slurp(target) == "old");
    CHECK(staged.commit().empty());
  }
  CHECK(slurp(target) == "new");
  CHECK_FALSE(fs::exists(target.string() + ".tmp-" + std::to_string(::getpid())));
}

TEST_CASE("without commit the staging file goes and the old file stays") {
  Scratch s;
  const fs::path target = s.root / "rejects.csv";
  std::ofstream(target) << "old";
  std::string staging;
  {
    output::StagedFile staged(target.string());
    staging = staged.staging();
    std::ofstream(staging) << "new";
  }
  CHECK(slurp(target) == "old");
  CHECK_FALSE(fs::exists(staging));
}

TEST_CASE("a failed rename keeps the staging file and says why; no path stages nothing") {
  Scratch s;
  const fs::path target = s.root / "dir-in-the-way";
  fs::create_directories(target / "child");
  std::string staging;
  {
    output::StagedFile staged(target.string());
    staging = staged.staging();
    std::ofstream(staging) << "rows";
    CHECK_FALSE(staged.commit().empty());
  }
  CHECK(slurp(staging) == "rows");
  output::StagedFile none("");
  CHECK(none.staging().empty());
  CHECK(none.commit().empty());
}
