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

// The visits table and the providers of two loads of one data directory.
void checkSameVisits(const MemberStore& a, const MemberStore& b) {
  const EventTable& x = a.table(EventKind::Visit);
  const EventTable& y = b.table(EventKind::Visit);
  CHECK(x.memberStart == y.memberStart);
  CHECK(x.date == y.date);
  CHECK(x.codes == y.codes);
  CHECK(x.provider == y.provider);
  CHECK(x.line == y.line);
  CHECK(a.providers.id == b.providers.id);
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
      checkSameVisits(*whole.store, *chunked.store);
    }
  }
}

namespace {

// visits.csv of a few thousand rows, some bad, and one whose quoted claim
// id of 70,000 bytes and 700 line breaks runs past the 64 KiB that a
// chunk's copy takes beyond the chunk (kChunkMargin), and (`unclosed`) a
// quote never closed two thirds in.
std::string longVisits(bool unclosed) {
  std::string visits = "member_id,claim_id,date,codes,provider_id\n";
  for (int i = 0; i < 3000; ++i) {
    const std::string member = "M" + std::to_string(1 + i % 3);
    const std::string date = i % 97 == 5 ? "2022-02-30" : "2022-01-" + std::to_string(10 + i % 18);
    visits += member + ",C" + std::to_string(i) + "," + date + ",CPT:99213,P" +
              std::to_string(1 + i % 2) + "\n";
    if (i == 1500) {
      std::string claim;
      for (int k = 0; k < 700; ++k) claim += std::string(99, 'a' + k % 26) + "\n";
      visits += member + ",\"" + claim + "\",2022-03-01,CPT:99214,P1\n";
    }
    if (i == 2000 && unclosed) visits += member + ",\"never closed,2022-03-01,CPT:99214,P1\n";
  }
  return visits;
}

}  // namespace

// An event chunk is parsed from a copy of its bytes and 64 KiB past them
// (Loader::parseChunkOf); a chunk whose last record runs past the copy is
// read again from the file's mapping. Either way: one reader's rows, bad
// rows (their text the file's), reject file, lines and errors.
TEST_CASE("chunks copied from the file: records past the copy read from the file",
          "[loader][chunks]") {
  for (const bool unclosed : {false, true}) {
    INFO((unclosed ? "with" : "without") << " an unclosed quote");
    TempDataDir dir;
    writeData(dir);
    dir.write("visits.csv", longVisits(unclosed));
    const LoadResult whole = loadWith(dir, "100000000", 1, "whole.csv");
    REQUIRE(whole.store.has_value() == !unclosed);
    if (unclosed) {
      REQUIRE(whole.error);
      // The header, rows 0-1500, the long row's 701 lines, rows 1501-2000.
      CHECK(whole.error->line == 2704);
    } else {
      const FileCounts& visits = whole.files[3];
      REQUIRE(visits.file == "visits.csv");
      CHECK(visits.rows == 3001);
      CHECK(visits.rejected == 31);  // rows 5, 102, ..., 2915: February 30
      CHECK(visits.lines == 3702);
    }
    for (const char* bytes : {"1000", "4096", "65536", "70001"}) {
      for (const int threads : {1, 2}) {
        INFO(bytes << " bytes, " << threads << " threads");
        const LoadResult chunked = loadWith(dir, bytes, threads, "chunked.csv");
        checkSameCounts(whole, chunked);
        REQUIRE(chunked.store.has_value() == whole.store.has_value());
        if (unclosed) {
          REQUIRE(chunked.error);
          CHECK(chunked.error->format() == whole.error->format());
          continue;
        }
        CHECK(dir.read("chunked.csv") == dir.read("whole.csv"));
        checkSameVisits(*whole.store, *chunked.store);
      }
    }
  }
}

namespace {

// members.csv with ids out of order, a member repeated in a later chunk and
// in the same chunk, and a member whose first row is bad and whose second
// is good (a duplicate all the same: the first is bad too).
std::string membersWithRepeats(bool badRow) {
  std::string text = "member_id,birth_date,sex,county\n";
  for (int i = 0; i < 150; ++i) {
    std::string id = "M" + std::to_string((i * 37) % 150);
    if (i == 60) id = "M" + std::to_string((10 * 37) % 150);              // repeats row 10's
    if (i == 61 || i == 120) id = "M" + std::to_string((59 * 37) % 150);  // row 59's
    if (i == 80 && badRow) id = "MBAD";
    const std::string birth = i == 80 && badRow ? "1990-02-30" : "1990-01-01";
    if (i == 130 && badRow) id = "MBAD";
    text += id + "," + birth + "," + (i % 2 != 0 ? "F" : "M") + ",C" + std::to_string(i) + "\n";
  }
  return text;
}

void checkSameMembers(const MemberStore& a, const MemberStore& b) {
  CHECK(a.members.id == b.members.id);
  CHECK(a.members.line == b.members.line);
  CHECK(a.members.county == b.members.county);
  CHECK(a.members.sex == b.members.sex);
  for (MemberIndex m = 0; m < a.members.size(); ++m) CHECK(b.findMember(a.members.id[m]) == m);
}

}  // namespace

// A chunk of good rows whose ids are all new is added at once, its ids
// indexed in the index's slot order (Loader::commitNewMembers); a chunk
// with a repeated id goes row by row. Either way the members, duplicates
// and messages are those of one reader of the whole file.
TEST_CASE("members in chunks: repeated and rejected ids as one reader finds them",
          "[loader][chunks]") {
  for (const bool badRow : {false, true}) {
    INFO((badRow ? "with" : "without") << " a bad row");
    TempDataDir dir;
    dir.write("members.csv", membersWithRepeats(badRow));
    dir.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2020-01-01,,\n");
    const LoadResult whole = loadWith(dir, "1000000", 1, "whole.csv");
    REQUIRE(whole.store);
    // Rows 60, 61 and 120 repeat earlier ids (lines 62, 63, 122); with the
    // bad row, row 80 is bad and row 130 repeats its id (line 132).
    CHECK(whole.store->members.size() == (badRow ? 145u : 147u));
    const std::string rejects = dir.read("whole.csv");
    for (const char* rejected :
         {"members.csv,62,member_id,M70,duplicate member_id,\"M70,1990-01-01,M,C60\"",
          "members.csv,63,member_id,M83,duplicate member_id,\"M83,1990-01-01,F,C61\"",
          "members.csv,122,member_id,M83,duplicate member_id,\"M83,1990-01-01,M,C120\""})
      CHECK(rejects.find(rejected) != std::string::npos);
    CHECK((rejects.find("members.csv,132,member_id,MBAD,duplicate member_id") !=
           std::string::npos) == badRow);
    for (const char* bytes : {"1", "40", "200", "700"}) {
      for (const int threads : {1, 2}) {
        INFO(bytes << " bytes, " << threads << " threads");
        const LoadResult chunked = loadWith(dir, bytes, threads, "chunked.csv");
        REQUIRE(chunked.store);
        checkSameCounts(whole, chunked);
        CHECK(dir.read("chunked.csv") == rejects);
        checkSameMembers(*whole.store, *chunked.store);
      }
    }
    // Without a reject file: the same bad rows reported, in order.
    const LoadResult reported = loadWith(dir, "1000000", 1, "");
    REQUIRE(reported.error);
    REQUIRE(reported.badRows.size() >= 2);
    CHECK(reported.badRows[0].line == 62);
    CHECK(reported.badRows[0].hint.find("the first is on line 12") != std::string::npos);
    CHECK(reported.badRows[1].hint.find("the first is on line 61") != std::string::npos);
    for (const char* bytes : {"40", "200"}) checkSameCounts(reported, loadWith(dir, bytes, 2, ""));
  }
}

namespace {

// Row i of a members.csv whose every column says which row it came from,
// the ids out of order. Row 100 is bad and row 300 repeats its id; row 200
// repeats row 20's id, in a later chunk.
std::string memberRow(int i) {
  std::string id = "M" + std::to_string((i * 37) % 400);
  if (i == 200) id = "M" + std::to_string((20 * 37) % 400);
  if (i == 100 || i == 300) id = "MBAD";
  const std::string day = std::to_string(10 + i % 18);
  const std::string birth =
      i == 100 ? "1990-02-30" : "19" + std::to_string(50 + i % 40) + "-03-" + day;
  const std::string death = i % 3 == 0 ? "2021-05-" + day : "";
  return id + "," + birth + "," + (i % 2 != 0 ? "F" : "M") + ",R" + std::to_string(i) + ",E" +
         std::to_string(i) + ",L" + std::to_string(i) + ",C" + std::to_string(i) + "," + death +
         "\n";
}

}  // namespace

// The commit of a chunk of new members only indexes their ids; another
// thread adds their columns later (Loader::fillMembers), while the next
// chunks are indexed, and before a chunk that goes row by row. Each member's
// every column must still be its own row's.
TEST_CASE("members in chunks: each member's columns from its own row", "[loader][chunks]") {
  std::string text = "member_id,birth_date,sex,race,ethnicity,language,county,death_date\n";
  for (int i = 0; i < 400; ++i) text += memberRow(i);
  TempDataDir dir;
  dir.write("members.csv", text);
  dir.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2020-01-01,,\n");
  const LoadResult whole = loadWith(dir, "1000000", 1, "whole.csv");
  REQUIRE(whole.store);
  // Rows 100, 200 and 300 are rejected: the others, in file order.
  std::vector<int> rows;
  for (int i = 0; i < 400; ++i)
    if (i != 100 && i != 200 && i != 300) rows.push_back(i);
  for (const char* bytes : {"1", "90", "700", "3000"}) {
    for (const int threads : {1, 2}) {
      INFO(bytes << " bytes, " << threads << " threads");
      const LoadResult chunked = loadWith(dir, bytes, threads, "chunked.csv");
      REQUIRE(chunked.store);
      CHECK(dir.read("chunked.csv") == dir.read("whole.csv"));
      const MemberTable& m = chunked.store->members;
      REQUIRE(m.size() == rows.size());
      for (size_t k = 0; k < rows.size(); ++k) {
        const int i = rows[k];
        const std::string n = std::to_string(i);
        INFO("member " << k << ", row " << i);
        CHECK(m.id[k] == memberRow(i).substr(0, memberRow(i).find(',')));
        CHECK(m.race[k] == "R" + n);
        CHECK(m.ethnicity[k] == "E" + n);
        CHECK(m.language[k] == "L" + n);
        CHECK(m.county[k] == "C" + n);
        CHECK(m.line[k] == static_cast<std::uint32_t>(i + 2));
        CHECK(m.sex[k] == (i % 2 != 0 ? Sex::F : Sex::M));
        CHECK(m.birthDate[k] == whole.store->members.birthDate[k]);
        CHECK(m.deathDate[k] == whole.store->members.deathDate[k]);
        CHECK((m.deathDate[k] != mc::kNoDate) == (i % 3 == 0));
        CHECK(chunked.store->findMember(m.id[k]) == k);
      }
      CHECK(whole.store->members.race == m.race);
    }
  }
}
