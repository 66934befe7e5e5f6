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

TEST_CASE("written as it goes, in small pieces, the files are the same as made whole") {
  SyntheaImport whole;
  REQUIRE_FALSE(importSynthea(SyntheaInput{{}, test::tinyExport()}, whole));
  const auto dir = std::filesystem::temp_directory_path() /
                   ("measurec-synthea-stream-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "visits.csv") << "left over from before\n";
  SyntheaImport streamed;
  const SyntheaOutput output{dir, 1};  // a flush after every row
  REQUIRE_FALSE(importSynthea(SyntheaInput{{}, test::tinyExport()}, streamed, &output));
  REQUIRE(streamed.files.size() == whole.files.size());
  for (size_t i = 0; i < whole.files.size(); ++i) {
    INFO(whole.files[i].name);
    std::ifstream in(dir / whole.files[i].name, std::ios::binary);
    const std::string onDisk((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
    CHECK(onDisk == whole.files[i].text);
    CHECK(streamed.files[i].rows == whole.files[i].rows);
    CHECK(streamed.files[i].text.empty());
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a data file that cannot be written is E0815") {
  SyntheaImport imported;
  const SyntheaOutput output{"/nonexistent-measurec-dir/sub", 1};
  const auto error = importSynthea(SyntheaInput{{}, test::tinyExport()}, imported, &output);
  REQUIRE(error);
  CHECK(error->code == "E0815");
}
