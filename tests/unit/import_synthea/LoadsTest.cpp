// What the importer writes is a data directory the loader accepts whole.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "SyntheaExport.h"
#include "store/DataDirectoryLoader.h"

using namespace mc;
using namespace mc::import::synthea;

TEST_CASE("the imported tiny export loads with no rejected row") {
  SyntheaImport imported;
  REQUIRE_FALSE(importSynthea(SyntheaInput{{}, test::tinyExport()}, imported));
  const auto dir = std::filesystem::temp_directory_path() /
                   ("measurec-synthea-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const DataFileText& f : imported.files) std::ofstream(dir / f.name) << f.text;
  const store::LoadResult loaded = store::loadDataDirectory(dir.string(), store::LoadOptions{});
  std::filesystem::remove_all(dir);
  INFO((loaded.error ? loaded.error->format() : std::string()));
  REQUIRE(loaded.store);
  CHECK(loaded.badRowCount == 0);
  CHECK(loaded.store->memberCount() == 1);
  for (const store::FileCounts& f : loaded.files) {
    INFO(f.file);
    CHECK(f.rejected == 0);
    CHECK(f.unknownProviders == 0);
  }
}
