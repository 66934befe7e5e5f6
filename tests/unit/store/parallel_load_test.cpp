// The data directory read in chunks of a few bytes on two threads gives the
// load of one thread reading whole files: the same bad rows, reject file,
// counts and store (store/CsvChunks.h).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "TempDataDir.h"
#include "store/DataDirectoryLoader.h"

using namespace mc::store;
using mc::store::test::TempDataDir;

namespace {

void writeData(const TempDataDir& dir) {
  dir.write("members.csv",
            "member_id,birth_date,sex\nM1,1960-01-01,F\nM2,1970-02-02,M\nM3,1980-03-03,F\n");
  dir.write("enrollment.csv",
            "member_id,start_date,end_date,pcp_id\nM1,2020-01-01,,P1\nM2,2020-01-01,,P2\n"
            "M3,2021-01-01,,P1\n");
  dir.write("providers.csv", "provider_id,kind\nP1,pcp\nP2,pcp\n");
  std::string visits = "member_id,claim_id,date,codes,provider_id\r\n";
  for (int i = 0; i < 60; ++i) {
    const std::string member = "M" + std::to_string(1 + i % 3);
    switch (i % 6) {
      case 0: visits += member + ",C" + std::to_string(i) + ",2022-01-05,CPT:99213,P1\r\n"; break;
      case 1:
        visits += member + ",\"C, " + std::to_string(i) + "\n\",2022-02-30,CPT:99213,P1\n";
        break;
      case 2: visits += "M9,C,2022-01-05,CPT:99213,P" + std::to_string(i) + "\n\n"; break;
      case 3:
        visits += member + ",\"say \"\"x\"\"\",2022-03-01,ICD10CM:E11.9 CPT:8749,PX" +
                  std::to_string(i) + "\n";
        break;
      case 4: visits += member + ",\"q\"z,2022-03-01,CPT:99214,P2\n"; break;
      default:
        visits += member + ",C,2022-04-01,CPT:99215 ICD10CM:I10,PY" + std::to_string(i) + "\n";
    }
  }
  visits += "M1,last,2022-05-01,CPT:99213,P2";  // no final line end
  dir.write("visits.csv", visits);
}

LoadResult loadWith(const TempDataDir& dir, const char* chunkBytes, int threads,
                    const std::string& rejects) {
  setenv("MEASUREC_LOAD_CHUNK_BYTES", chunkBytes, 1);
  LoadOptions options;
  options.threads = threads;
  options.rejectFile = rejects.empty() ? "" : dir.file(rejects);
  LoadResult r = loadDataDirectory(dir.dir(), options);
  unsetenv("MEASUREC_LOAD_CHUNK_BYTES");
  return r;
}

void checkSameCounts(const LoadResult& a, const LoadResult& b) {
  REQUIRE(a.files.size() == b.files.size());
  for (size_t f = 0; f < a.files.size(); ++f) {
    INFO(a.files[f].file);
    CHECK(a.files[f].lines == b.files[f].lines);
    CHECK(a.files[f].rows == b.files[f].rows);
    CHECK(a.files[f].accepted == b.files[f].accepted);
    CHECK(a.files[f].rejected == b.files[f].rejected);
    CHECK(a.files[f].byStatus == b.files[f].byStatus);
    CHECK(a.files[f].unknownProviders == b.files[f].unknownProviders);
    CHECK(a.files[f].unknownProviderIds == b.files[f].unknownProviderIds);
    CHECK(a.files[f].moreUnknownProviderIds == b.files[f].moreUnknownProviderIds);
  }
  CHECK(a.warnings() == b.warnings());
  CHECK(a.badRowCount == b.badRowCount);
  REQUIRE(a.badRows.size() == b.badRows.size());
  for (size_t i = 0; i < a.badRows.size(); ++i)
    CHECK(a.badRows[i].format() == b.badRows[i].format());
}

}  // namespace

TEST_CASE("chunks of a few bytes on two threads: the bad rows of one reader", "[loader][chunks]") {
  TempDataDir dir;
  writeData(dir);
  const LoadResult whole = loadWith(dir, "1000000", 1, "");
  REQUIRE(whole.error);
  REQUIRE(whole.badRowCount > 30);
  for (const char* bytes : {"1", "5", "33"}) {
    for (const int threads : {1, 2}) {
      INFO(bytes << " bytes, " << threads << " threads");
      checkSameCounts(whole, loadWith(dir, bytes, threads, ""));
    }
  }
}

TEST_CASE("chunks of a few bytes on two threads: the reject file and store of one reader",
          "[loader][chunks]") {
  TempDataDir dir;
  writeData(dir);
  const LoadResult whole = loadWith(dir, "1000000", 1, "whole.csv");
  REQUIRE(whole.store);
  for (const char* bytes : {"1", "5", "33"}) {
    for (const int threads : {1, 2}) {
      INFO(bytes << " bytes, " << threads << " threads");
      const LoadResult chunked = loadWith(dir, bytes, threads, "chunked.csv");
      REQUIRE(chunked.store);
      checkSameCounts(whole, chunked);
      CHECK(dir.read("chunked.csv") == dir.read("whole.csv"));
      const EventTable& a = whole.store->table(EventKind::Visit);
      const EventTable& b = chunked.store->table(EventKind::Visit);
      CHECK(a.memberStart == b.memberStart);
      CHECK(a.date == b.date);
      CHECK(a.codes == b.codes);
      CHECK(a.provider == b.provider);
      CHECK(a.line == b.line);
      CHECK(whole.store->providers.id == chunked.store->providers.id);
    }
  }
}
