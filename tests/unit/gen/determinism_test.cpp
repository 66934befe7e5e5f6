// `measurec gen` is deterministic: the bytes depend on (members, seed,
// period) only, never on the thread count.
#include <catch2/catch.hpp>

#include "GenTestDir.h"
#include "gen/DataFiles.h"

using namespace mc::gen;
using mc::gen::test::GeneratedDir;

namespace {
// More than one chunk of members, so that two threads do share the work.
constexpr std::uint64_t kMembers = 5000;
}  // namespace

TEST_CASE("the same seed writes the same bytes, with one thread or two", "[gen]") {
  const GeneratedDir one(kMembers, 7, 1);
  const GeneratedDir again(kMembers, 7, 1);
  const GeneratedDir two(kMembers, 7, 2);
  REQUIRE_FALSE(one.error);
  REQUIRE_FALSE(again.error);
  REQUIRE_FALSE(two.error);
  for (int i = 0; i < kGenFileCount; ++i) {
    const char* name = genFileName(i);
    INFO(name);
    const std::string text = one.read(name);
    CHECK(text.size() > genHeader(i).size() + 1);
    CHECK(text == again.read(name));
    CHECK(text == two.read(name));
  }
}

TEST_CASE("the edge profile writes the same bytes, with one thread or two", "[gen]") {
  const GeneratedDir one(kMembers, 7, 1, 2022, true);
  const GeneratedDir two(kMembers, 7, 2, 2022, true);
  const GeneratedDir plain(kMembers, 7, 2);
  REQUIRE_FALSE(one.error);
  REQUIRE_FALSE(two.error);
  REQUIRE_FALSE(plain.error);
  for (int i = 0; i < kGenFileCount; ++i) {
    INFO(genFileName(i));
    CHECK(one.read(genFileName(i)) == two.read(genFileName(i)));
  }
  CHECK(one.read("orders.csv") != plain.read("orders.csv"));
}

TEST_CASE("a different seed writes a different population", "[gen]") {
  const GeneratedDir a(500, 1, 1);
  const GeneratedDir b(500, 2, 1);
  REQUIRE_FALSE(a.error);
  REQUIRE_FALSE(b.error);
  CHECK(a.read("members.csv") != b.read("members.csv"));
  CHECK(a.read("visits.csv") != b.read("visits.csv"));
}

TEST_CASE("member ids are M and 7 digits, in order, one per member", "[gen]") {
  const GeneratedDir g(2100, 3, 2);
  REQUIRE_FALSE(g.error);
  const std::string members = g.read("members.csv");
  CHECK(members.find("\nM0000001,") != std::string::npos);
  CHECK(members.find("\nM0002100,") != std::string::npos);
  CHECK(members.find("\nM0002101,") == std::string::npos);
  CHECK(g.summary.rows[static_cast<int>(DataFile::Members)] == 2100);
  size_t at = members.find('\n') + 1;
  std::string previous;
  while (at < members.size()) {
    const std::string id = members.substr(at, members.find(',', at) - at);
    CHECK(id > previous);
    previous = id;
    at = members.find('\n', at) + 1;
  }
}

TEST_CASE("the period moves the events with it", "[gen]") {
  const GeneratedDir y2022(300, 5, 1, 2022);
  const GeneratedDir y2023(300, 5, 1, 2023);
  REQUIRE_FALSE(y2022.error);
  REQUIRE_FALSE(y2023.error);
  // Births and deaths fall in or before the measurement year.
  const std::string m2022 = y2022.read("members.csv");
  const std::string m2023 = y2023.read("members.csv");
  CHECK(m2022.find(",2023-") == std::string::npos);
  CHECK(m2023.find(",2023-") != std::string::npos);
}

TEST_CASE("a directory that cannot be written is an error naming the file", "[gen]") {
  PopulationOptions options;
  options.members = 10;
  const auto error = writePopulation(options, "/nonexistent-measurec-gen-dir/data");
  REQUIRE(error);
  CHECK(error->find("/nonexistent-measurec-gen-dir/data/members.csv: cannot create file") == 0);
}
