// The binary cache (store/CacheFile.h): a store written and read back has
// every column equal (numeric ones as views of the mapping), the load's
// counts and provenance survive, and a stale, truncated, foreign, damaged or
// other-version file is refused with its code.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "TempDataDir.h"
#include "store/CacheChecks.h"
#include "store/CacheFile.h"
#include "store/CacheLayout.h"
#include "store/StoreBuilder.h"

using namespace mc;
using namespace mc::store;
using mc::store::test::TempDataDir;

namespace {

Days d(const char* iso) { return *parseIsoDate(iso); }

// Every column of a store as bytes (strings: each one, then a separator),
// in visitStoreColumns order, with whether each numeric column is a view.
struct ColumnDump {
  std::vector<std::string> columns;
  std::vector<bool> views;
  template <typename T>
  void column(const Column<T>& c) {
    columns.emplace_back(reinterpret_cast<const char*>(c.data()), c.size() * sizeof(T));
    views.push_back(c.isView());
  }
  void strings(const std::vector<std::string>& values) {
    std::string all;
    for (const std::string& v : values) all += v + '\x1f';
    columns.push_back(all + std::to_string(values.size()));
  }
  // A text column: dumped as the strings it holds, with whether it is a view.
  void strings(const TextColumn& values) {
    strings(std::vector<std::string>(values.begin(), values.end()));
    views.push_back(values.isView());
  }
  void codeDictionary(const CodeDictionary& codes) {
    std::vector<std::string> all;
    for (CodeId id = 0; id < codes.size(); ++id) all.push_back(codes.qualified(id));
    strings(all);
  }
  void unitDictionary(const UnitDictionary& units) {
    std::vector<std::string> all;
    for (UnitId id = 0; id < units.size(); ++id) all.push_back(units.text(id));
    strings(all);
  }
};

ColumnDump dump(const MemberStore& s) {
  ColumnDump out;
  visitStoreColumns(s, out);
  return out;
}

// A store that fills every kind of column: members with every optional
// field, spans with and without a PCP, listed and unlisted providers, events
// with times, several codes, coded fields, values and units.
MemberStore richStore() {
  StoreBuilder b;
  b.addProvider("P1", ProviderKind::Pcp, "Dr One", "Kent", "pcmh_recognized=2022-05-01");
  b.addProvider("RX1", ProviderKind::Pharmacy, "Corner Pharmacy");
  const MemberIndex m1 = b.addMember("M1", d("1960-02-03"), Sex::F, kNoDate, "2106-3", "2186-5", 2);
  const MemberIndex m2 = b.addMember("M2", d("1990-07-08"), Sex::M, d("2022-11-30"), "", "", 3);
  b.setLanguageAndCounty(m2, "es", "Ottawa");
  b.addEnrollment(m1, d("2021-01-01"), kOpenEnd, "P1", 2);
  b.addEnrollment(m2, d("2022-01-01"), d("2022-06-30"), "", 3);
  b.addEnrollment(m2, d("2022-08-01"), kOpenEnd, "P9", 4);  // P9: unlisted
  EventRow visit;
  visit.kind = EventKind::Visit;
  visit.member = m1;
  visit.date = d("2022-03-04");
  visit.endDate = d("2022-03-06");
  visit.startTime = 3600;
  visit.endTime = 7200;
  visit.codes = {{CodeSystem::CPT, "99213"}, {CodeSystem::ICD10CM, "E11.9"}};
  visit.provider = "P1";
  visit.setting = Setting::Inpatient;
  visit.status = 2;
  visit.slotCodes = {{CodeSlot::Discharge, {CodeSystem::SNOMEDCT, "306689006"}}};
  visit.line = 2;
  b.addEvent(visit);
  EventRow obs;
  obs.kind = EventKind::Observation;
  obs.member = m2;
  obs.date = d("2022-05-01");
  obs.codes = {{CodeSystem::LOINC, "4548-4"}};
  obs.value = 7.5;
  obs.unit = "%";
  obs.hasResult = true;
  obs.line = 2;
  b.addEvent(obs);
  EventRow fill;
  fill.kind = EventKind::Pharmacy;
  fill.member = m2;
  fill.date = d("2022-02-01");
  fill.codes = {{CodeSystem::NDC, "00093505601"}};
  fill.provider = "RX1";
  fill.value = 30;
  fill.daysSupply = 30;
  fill.generic = true;
  fill.line = 2;
  b.addEvent(fill);
  return b.finish();
}

// A data directory with members.csv and enrollment.csv, the cache's inputs.
void writeInputs(const TempDataDir& dir) {
  dir.write("members.csv", "member_id,birth_date,sex\nM1,1960-02-03,F\n");
  dir.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2021-01-01,,P1\n");
}

std::string cachePath(const TempDataDir& at) {
  return (std::filesystem::path(at.dir()) / "c.mcache").string();
}

std::string written(const MemberStore& s, const TempDataDir& data, const TempDataDir& at,
                    std::vector<FileCounts> files = {}) {
  const std::string path = cachePath(at);
  REQUIRE_FALSE(writeCache(path, s, files, describeInputs(data.dir()), nullptr));
  return path;
}

void patch(const std::string& path, std::size_t offset, const void* bytes, std::size_t n) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(static_cast<std::streamoff>(offset));
  f.write(static_cast<const char*>(bytes), static_cast<std::streamsize>(n));
}

}  // namespace

TEST_CASE("a cache read back has every column of the store, numbers in place", "[cache]") {
  TempDataDir data, at;
  writeInputs(data);
  const MemberStore s = richStore();
  const std::string path = written(s, data, at);
  CHECK(isCacheFile(path));
  CacheRead r = readCache(path);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.store);
  const ColumnDump before = dump(s), after = dump(*r.store);
  REQUIRE(before.columns.size() == after.columns.size());
  for (size_t i = 0; i < before.columns.size(); ++i) {
    INFO("column " << i);
    CHECK(before.columns[i] == after.columns[i]);
  }
  // Every numeric column of the read store is a view of the mapping.
  for (size_t i = 0; i < after.views.size(); ++i) {
    INFO("numeric column " << i);
    CHECK(after.views[i]);
  }
  CHECK(r.store->mapping);
  // The lookups are rebuilt.
  CHECK(r.store->findMember("M2") == 1);
  CHECK(r.store->providers.find("RX1") == s.providers.find("RX1"));
  CHECK(r.store->codes.find(CodeSystem::ICD10CM, "E11.9") ==
        s.codes.find(CodeSystem::ICD10CM, "E11.9"));
  CHECK(r.store->units.find("%") == s.units.find("%"));
  CHECK(r.store->table(EventKind::Visit).hasTimes());
  CHECK_FALSE(r.store->table(EventKind::Pharmacy).hasTimes());
  CHECK(r.store->table(EventKind::Observation).value[0] == 7.5);
  CHECK(r.store->members.county[1] == "Ottawa");
}

TEST_CASE("a store of zero members and empty event kinds round-trips", "[cache]") {
  TempDataDir data, at;
  writeInputs(data);
  const MemberStore s = StoreBuilder().finish();
  CacheRead r = readCache(written(s, data, at));
  REQUIRE_FALSE(r.error);
  CHECK(r.store->memberCount() == 0);
  for (const EventTable& t : r.store->events) {
    CHECK(t.size() == 0);
    CHECK(t.memberStart.size() == 1);
  }
  CHECK(dump(s).columns == dump(*r.store).columns);
}

TEST_CASE("the load's counts and the provenance are kept", "[cache]") {
  TempDataDir data, at;
  writeInputs(data);
  FileCounts visits;
  visits.file = "visits.csv";
  visits.present = true;
  visits.lines = 12;
  visits.rows = 10;
  visits.accepted = 9;
  visits.rejected = 1;
  visits.hasStatuses = true;
  visits.byStatus[0] = 8;
  visits.byStatus[3] = 1;
  visits.unknownProviders = 7;
  visits.unknownProviderIds = {"P8", "P9"};
  visits.moreUnknownProviderIds = true;
  visits.afterAsOf = 0;
  CacheProvenance p = describeInputs(data.dir());
  p.rejectFile = "bad.csv";
  const std::string path = cachePath(at);
  REQUIRE_FALSE(writeCache(path, richStore(), {visits}, p, nullptr));
  CacheRead r = readCache(path);
  REQUIRE_FALSE(r.error);
  REQUIRE(r.files.size() == 1);
  const FileCounts& f = r.files[0];
  CHECK(f.file == "visits.csv");
  CHECK(f.lines == 12);
  CHECK(f.rows == 10);
  CHECK(f.accepted == 9);
  CHECK(f.rejected == 1);
  CHECK(f.hasStatuses);
  CHECK(f.byStatus == visits.byStatus);
  CHECK(f.unknownProviders == 7);
  CHECK(f.unknownProviderIds == visits.unknownProviderIds);
  CHECK(f.moreUnknownProviderIds);
  CHECK(r.provenance.rejectFile == "bad.csv");
  CHECK(r.provenance.directory == data.dir());
  REQUIRE(r.provenance.inputs.size() == dataFileNames().size());
  CHECK(r.provenance.inputs[0].name == "members.csv");
  CHECK(r.provenance.inputs[0].present);
  CHECK(r.provenance.inputs[0].size == data.read("members.csv").size());
  CHECK_FALSE(r.provenance.inputs[2].present);  // providers.csv
  const LoadResult loaded = loadResultFromCache(std::move(r));
  CHECK(loaded.directory == data.dir());
  CHECK(loaded.store->memberCount() == 2);
}

TEST_CASE("a cache whose data directory changed is stale", "[cache]") {
  TempDataDir data, at;
  writeInputs(data);
  const std::string path = written(richStore(), data, at);
  REQUIRE_FALSE(readCache(path).error);

  SECTION("a file's size") {
    data.write("members.csv", "member_id,birth_date,sex\nM1,1960-02-03,F\nM2,1961-02-03,F\n");
    const CacheRead r = readCache(path);
    REQUIRE(r.error);
    CHECK(r.error->code == "E0817");
    CHECK(r.error->message.find("members.csv changed size") != std::string::npos);
    CHECK(r.error->note.find("measurec ingest " + data.dir() + " --out " + path) !=
          std::string::npos);
    CHECK_FALSE(r.store);
  }
  SECTION("a file's modification time, same size") {
    const auto file = std::filesystem::path(data.file("enrollment.csv"));
    std::filesystem::last_write_time(
        file, std::filesystem::last_write_time(file) + std::chrono::seconds(5));
    const CacheRead r = readCache(path);
    REQUIRE(r.error);
    CHECK(r.error->code == "E0817");
    CHECK(r.error->message.find("enrollment.csv was modified") != std::string::npos);
  }
  SECTION("a file added") {
    data.write("orders.csv", "member_id,date,code\n");
    const CacheRead r = readCache(path);
    REQUIRE(r.error);
    CHECK(r.error->message.find("orders.csv was added") != std::string::npos);
  }
  SECTION("a file removed") {
    data.remove("enrollment.csv");
    const CacheRead r = readCache(path);
    REQUIRE(r.error);
    CHECK(r.error->message.find("enrollment.csv was removed") != std::string::npos);
  }
  SECTION("the directory gone") {
    std::filesystem::remove_all(data.dir());
    const CacheRead r = readCache(path);
    REQUIRE(r.error);
    CHECK(r.error->code == "E0817");
    CHECK(r.error->message.find("is gone") != std::string::npos);
  }
}

TEST_CASE("a truncated, foreign, damaged or other-version file is refused", "[cache]") {
  TempDataDir data, at;
  writeInputs(data);
  const std::string path = written(richStore(), data, at);
  const std::string bytes = at.read("c.mcache");
  REQUIRE(bytes.size() > 1000);
  auto refused = [&](const std::string& why) {
    const CacheRead r = readCache(path);
    REQUIRE(r.error);
    CHECK(r.error->code == "E0816");
    CHECK(r.error->message.find(why) != std::string::npos);
    CHECK(r.error->note.find("measurec ingest") != std::string::npos);
    CHECK_FALSE(r.store);
  };
  SECTION("truncated") {
    at.write("c.mcache", bytes.substr(0, bytes.size() - 64));
    refused("truncated");
  }
  SECTION("shorter than a header") {
    at.write("c.mcache", bytes.substr(0, 20));
    refused("too short");
  }
  SECTION("not a cache") {
    at.write("c.mcache", std::string(4096, 'x'));
    CHECK_FALSE(isCacheFile(path));
    refused("not a measurec cache");
  }
  SECTION("another store layout") {
    const std::uint32_t other = kStoreLayoutVersion + 1;
    patch(path, offsetof(CacheHeader, layoutVersion), &other, sizeof other);
    refused("another version of measurec");
  }
  SECTION("a damaged section table") {
    const char x = 0x55;
    patch(path, sizeof(CacheHeader) + 3, &x, 1);
    refused("checksum");
  }
}

// The offset of section `i` of a cache file.
std::uint64_t sectionOffset(const std::string& bytes, size_t i) {
  CacheSection s;
  std::memcpy(&s, bytes.data() + sizeof(CacheHeader) + i * sizeof(CacheSection), sizeof s);
  return s.offset;
}

TEST_CASE("a cache whose columns were damaged is refused, not read out of bounds", "[cache]") {
  TempDataDir data, at;
  writeInputs(data);
  const std::string path = written(richStore(), data, at);
  const std::string bytes = at.read("c.mcache");
  auto refused = [&](const std::string& why) {
    const CacheRead r = readCache(path);
    REQUIRE(r.error);
    CHECK(r.error->code == "E0816");
    CHECK(r.error->message.find(why) != std::string::npos);
    CHECK_FALSE(r.store);
  };
  // Sections in visitStoreColumns order: members.id (offsets, bytes) 0-1,
  // birthDate 2, deathDate 3, sex 4, race, ethnicity, language, county
  // 5-12, line 13, enrollment.memberStart 14.
  SECTION("an enum out of its range") {
    const std::uint8_t sex = 7;
    patch(path, sectionOffset(bytes, 4), &sex, 1);
    refused("members: sex");
  }
  SECTION("a string offset past the bytes, the last one right") {
    const std::uint64_t huge = std::uint64_t{1} << 40;
    patch(path, sectionOffset(bytes, 0) + sizeof huge, &huge, sizeof huge);
    refused("do not fit its section table");
  }
  SECTION("a member id's offset that falls, inside the bytes") {
    const std::uint64_t zero = 0;
    patch(path, sectionOffset(bytes, 0) + 2 * sizeof zero, &zero, sizeof zero);
    refused("do not fit its section table");
  }
  SECTION("offsets that fall") {
    const std::uint32_t huge = 1000000;
    patch(path, sectionOffset(bytes, 14) + sizeof huge, &huge, sizeof huge);
    refused("enrollment: offsets");
  }
}

TEST_CASE("the column checks report the first problem in their order, on any thread count",
          "[cache]") {
  MemberStore s = richStore();
  for (int threads : {1, 2, 3, 16}) CHECK(unsoundColumn(s, threads).empty());
  EventTable& visits = s.events[static_cast<int>(EventKind::Visit)];
  EventTable& fills = s.events[static_cast<int>(EventKind::Pharmacy)];
  const std::string visit = eventFileName(EventKind::Visit);
  const std::string pharmacy = eventFileName(EventKind::Pharmacy);
  // A later table's offsets and an earlier table's ids: the earlier table
  // is reported, whichever thread finds its problem first.
  const auto provider = visits.provider[0];
  const auto codeStart = visits.codeStart[1];
  fills.memberStart[1] = 7;
  visits.provider[0] = 99;
  for (int threads : {1, 2, 3, 16}) {
    INFO(threads << " thread(s)");
    CHECK(unsoundColumn(s, threads) == visit + ": providers");
  }
  // Within a table, its offsets come before its ids.
  visits.codeStart[1] = 99;
  for (int threads : {1, 2, 3, 16}) CHECK(unsoundColumn(s, threads) == visit + ": code offsets");
  // The member tables come before every event table.
  s.members.sex[1] = static_cast<Sex>(9);
  for (int threads : {1, 2, 3, 16}) CHECK(unsoundColumn(s, threads) == "members: sex");
  s.members.sex[1] = Sex::M;
  visits.codeStart[1] = codeStart;
  visits.provider[0] = provider;
  for (int threads : {1, 2, 3, 16})
    CHECK(unsoundColumn(s, threads) == pharmacy + ": member offsets");
}

TEST_CASE("the column checks find a bad value deep in a long column", "[cache]") {
  // 10,000 visits of one member: each column is read in blocks of
  // thousands of values, so a bad value in a later block, or at a column's
  // last row, must be found as well as in the first.
  StoreBuilder b;
  b.addProvider("P1", ProviderKind::Pcp);
  const MemberIndex m = b.addMember("M1", d("1960-02-03"), Sex::F);
  constexpr int kVisits = 10000;
  for (int i = 0; i < kVisits; ++i) {
    EventRow visit;
    visit.kind = EventKind::Visit;
    visit.member = m;
    visit.date = d("2021-01-01") + i / 30;
    visit.codes = {{CodeSystem::CPT, i % 2 == 0 ? "99213" : "99214"}};
    visit.provider = i % 3 == 0 ? "" : "P1";  // kNoProvider is no bad id
    visit.setting = static_cast<Setting>(i % 4);
    visit.status = static_cast<Status>(i % 3);
    visit.line = static_cast<std::uint32_t>(i + 2);
    b.addEvent(visit);
  }
  MemberStore s = b.finish();
  EventTable& visits = s.events[static_cast<int>(EventKind::Visit)];
  const std::string visit = eventFileName(EventKind::Visit);
  REQUIRE(visits.date.size() == kVisits);
  REQUIRE(visits.codes.size() == kVisits);
  for (int threads : {1, 2}) CHECK(unsoundColumn(s, threads).empty());
  SECTION("a provider id past the providers, in the third block") {
    visits.provider[9000] = 5;
    CHECK(unsoundColumn(s, 2) == visit + ": providers");
  }
  SECTION("a code id past the dictionary, on the last row") {
    visits.codes[kVisits - 1] = static_cast<CodeId>(s.codes.size());
    CHECK(unsoundColumn(s, 2) == visit + ": codes");
  }
  SECTION("a code offset that falls, in the third block") {
    visits.codeStart[8193] = visits.codeStart[8192] - 1;
    CHECK(unsoundColumn(s, 2) == visit + ": code offsets");
  }
  SECTION("a setting out of its range, in the second block") {
    visits.setting[6000] = static_cast<Setting>(200);
    CHECK(unsoundColumn(s, 2) == visit + ": settings, statuses or sources");
  }
}

TEST_CASE("a cache that cannot be written leaves no file", "[cache]") {
  TempDataDir data;
  writeInputs(data);
  const std::string path = data.dir() + "/no-such-dir/c.mcache";
  const auto e = writeCache(path, richStore(), {}, describeInputs(data.dir()), nullptr);
  REQUIRE(e);
  CHECK(e->code == "E0818");
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK_FALSE(std::filesystem::exists(path + ".partial"));
}

TEST_CASE("a column is owned or a view, and a write to a view copies it", "[cache]") {
  const std::vector<int> backing = {1, 2, 3};
  Column<int> view = Column<int>::view(backing.data(), backing.size());
  CHECK(view.isView());
  CHECK(view == std::vector<int>{1, 2, 3});
  Column<int> copy = view;
  CHECK(copy.data() == backing.data());
  copy.push_back(4);
  CHECK_FALSE(copy.isView());
  CHECK(copy == std::vector<int>{1, 2, 3, 4});
  CHECK(backing == std::vector<int>{1, 2, 3});
  view[0] = 9;
  CHECK(view == std::vector<int>{9, 2, 3});
  CHECK(backing[0] == 1);
}
