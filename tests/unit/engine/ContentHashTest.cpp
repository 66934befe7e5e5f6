// The provenance hash of run.json: FNV-1a 64, checked against the published
// test vectors of its authors.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "output/ContentHash.h"

using namespace mc;

TEST_CASE("FNV-1a 64 gives the reference values") {
  CHECK(output::fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(output::fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(output::fnv1a64("foobar") == 0x85944171f73967e8ULL);
  CHECK(output::contentHash("a") == "fnv1a64:af63dc4c8601ec8c");
  CHECK(output::contentHash("") == "fnv1a64:cbf29ce484222325");
}

TEST_CASE("a file's hash is the hash of its bytes; an unreadable file has none") {
  const auto path = std::filesystem::temp_directory_path() / "measurec-hash-test.measure";
  std::ofstream(path, std::ios::binary) << "foobar";
  CHECK(output::fileContentHash(path.string()) ==
        std::optional<std::string>("fnv1a64:85944171f73967e8"));
  std::filesystem::remove(path);
  CHECK_FALSE(output::fileContentHash(path.string()));
}
