// The paths of a run: --out never replaces the data, the reject file never
// overwrites an input nor lands inside --out.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "ScratchDir.h"
#include "output/RunPaths.h"

using namespace mc;
namespace fs = std::filesystem;

namespace {

// P/data: a data directory inside a would-be --out.
struct Scratch : mc::testing::ScratchDir {
  Scratch() : ScratchDir("runpaths") { fs::create_directories(root / "P" / "data"); }
};

}  // namespace

TEST_CASE("--out may not be the data directory nor hold it") {
  Scratch s;
  const auto parent = output::checkRunPaths({s.at("P/data"), s.at("P"), ""});
  REQUIRE(parent);
  CHECK(parent->path == s.at("P"));
  CHECK(parent->message ==
        "--out would replace the data directory " + s.at("P/data") + " (it lies inside --out)");
  CHECK_FALSE(parent->hint.empty());
  const auto same = output::checkRunPaths({s.at("P/data"), s.at("P/./data/"), ""});
  REQUIRE(same);
  CHECK(same->message == "--out would replace the data directory " + s.at("P/data"));
  CHECK(output::checkRunPaths({s.at("P/data"), s.at("P/data/../../P"), ""}));
  fs::create_directory_symlink(s.at("P"), s.at("link"));
  CHECK(output::checkRunPaths({s.at("P/data"), s.at("link"), ""}));
}

TEST_CASE("--out beside or inside the data directory is allowed") {
  Scratch s;
  CHECK_FALSE(output::checkRunPaths({s.at("P/data"), s.at("P/results"), ""}));
  CHECK_FALSE(output::checkRunPaths({s.at("P/data"), s.at("P/data-results"), ""}));
  CHECK_FALSE(output::checkRunPaths({s.at("P/data"), s.at("P/data/results"), ""}));
}

TEST_CASE("the reject file may not be an input of the run nor lie inside --out") {
  Scratch s;
  const auto input =
      output::checkRunPaths({s.at("P/data"), s.at("out"), s.at("P/data/members.csv")});
  REQUIRE(input);
  CHECK(input->path == s.at("P/data/members.csv"));
  CHECK(input->message.find("would overwrite members.csv, an input of this run (--data " +
                            s.at("P/data") + ")") != std::string::npos);
  CHECK(output::checkRunPaths({s.at("P/data"), s.at("out"), s.at("P/x/../data/visits.csv")}));
  const auto inside = output::checkRunPaths({s.at("P/data"), s.at("out"), s.at("out/bad.csv")});
  REQUIRE(inside);
  CHECK(inside->message.find("inside --out") != std::string::npos);
  CHECK(output::checkRunPaths({s.at("P/data"), s.at("out"), s.at("out")}));
  const auto directory = output::checkRunPaths({s.at("P/data"), s.at("out"), s.at("P/data")});
  REQUIRE(directory);
  CHECK(directory->message == "is a directory; the reject file is one CSV file");
  CHECK_FALSE(output::checkRunPaths({s.at("P/data"), s.at("out"), s.at("P/bad-rows.csv")}));
  CHECK_FALSE(output::checkRunPaths({s.at("P/data"), s.at("out"), s.at("P/data/bad-rows.csv")}));
}

TEST_CASE("the reject file may not be one of the run's measure files") {
  Scratch s;
  output::RunPaths paths{s.at("P/data"),
                         s.at("out"),
                         s.at("P/x/../bcs.measure"),
                         {s.at("P/program.measure"), s.at("P/bcs.measure")}};
  const auto source = output::checkRunPaths(paths);
  REQUIRE(source);
  CHECK(source->message == "the reject file would overwrite " + s.at("P/bcs.measure") +
                               ", a measure file of this run");
  paths.rejectFile = s.at("P/bad-rows.csv");
  CHECK_FALSE(output::checkRunPaths(paths));
}

TEST_CASE("the reject file may not be a pipe or a device, which the rename would replace") {
  Scratch s;
  REQUIRE(::mkfifo(s.at("P/pipe").c_str(), 0600) == 0);
  const auto pipe = output::checkRunPaths({s.at("P/data"), s.at("out"), s.at("P/pipe")});
  REQUIRE(pipe);
  CHECK(pipe->message.find("is not a regular file") != std::string::npos);
  CHECK(fs::is_fifo(s.at("P/pipe")));
  CHECK(output::checkRunPaths({s.at("P/data"), s.at("out"), "/dev/null"}));
  std::ofstream(s.at("P/old-rejects.csv")) << "old\n";
  CHECK_FALSE(output::checkRunPaths({s.at("P/data"), s.at("out"), s.at("P/old-rejects.csv")}));
}
