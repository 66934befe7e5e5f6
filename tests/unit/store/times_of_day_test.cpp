// Times of day in event files (docs/data.md "Times of day"): read beside the
// day, rejected as bad rows when malformed, the offset not applied, and no
// time columns for a file without times.
#include <catch2/catch.hpp>

#include "TempDataDir.h"
#include "store/DataDirectoryLoader.h"
#include "support/CsvReader.h"

using namespace mc;
using namespace mc::store;
using mc::store::test::TempDataDir;

namespace {

void writeMember(const TempDataDir& dir) {
  dir.write("members.csv", "member_id,birth_date,sex\nM1,1980-04-02,F\n");
  dir.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2024-01-01,,P1\n");
}

Days day(const char* text) { return *parseIsoDate(text); }

}  // namespace

TEST_CASE("an event date cell may carry a time of day, kept beside the day", "[times]") {
  TempDataDir dir;
  writeMember(dir);
  dir.write("visits.csv",
            "member_id,date,end_date,codes\n"
            "M1,2025-03-10T09:30,2025-03-10T10:15:30,CPT:99213\n"
            "M1,2025-03-11T08:00:05.250Z,,CPT:99213\n"
            "M1,2025-03-12,,CPT:99213\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const EventTable& t = r.store->table(EventKind::Visit);
  REQUIRE(t.size() == 3);
  REQUIRE(t.hasTimes());
  CHECK(t.date[0] == day("2025-03-10"));
  CHECK(t.startTimeOf(0) == 9 * 3600 + 30 * 60);
  CHECK(t.endDate[0] == day("2025-03-10"));
  CHECK(t.endTimeOf(0) == 10 * 3600 + 15 * 60 + 30);
  // A fraction of a second is dropped; a row without an end ends at its start.
  CHECK(t.startTimeOf(1) == 8 * 3600 + 5);
  CHECK(t.endDate[1] == day("2025-03-11"));
  CHECK(t.endTimeOf(1) == t.startTimeOf(1));
  // A row without a time in a file with times has none.
  CHECK(t.startTimeOf(2) == kNoTime);
  CHECK(t.endTimeOf(2) == kNoTime);
}

TEST_CASE("an offset must be well formed but is not applied", "[times]") {
  TempDataDir dir;
  writeMember(dir);
  dir.write("conditions.csv",
            "member_id,onset_date,abatement_date,codes\n"
            "M1,2025-03-10T23:30-05:00,,ICD10CM:F30.10\n"
            "M1,2025-03-11T00:15+14:00,2025-04-01T12:00Z,ICD10CM:F30.10\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const EventTable& t = r.store->table(EventKind::Condition);
  REQUIRE(t.size() == 2);
  // The day and the clock as written, not moved to UTC (2025-03-11T04:30Z).
  CHECK(t.date[0] == day("2025-03-10"));
  CHECK(t.startTimeOf(0) == 23 * 3600 + 30 * 60);
  CHECK(t.endDate[0] == kOpenEnd);
  CHECK(t.endTimeOf(0) == kNoTime);
  CHECK(t.date[1] == day("2025-03-11"));
  CHECK(t.startTimeOf(1) == 15 * 60);
  CHECK(t.endTimeOf(1) == 12 * 3600);
}

TEST_CASE("a file without times has no time columns", "[times]") {
  TempDataDir dir;
  writeMember(dir);
  dir.write("visits.csv", "member_id,date,end_date,codes\nM1,2025-03-10,2025-03-12,CPT:99213\n");
  dir.write("observations.csv", "member_id,date,code,value\nM1,2025-03-10T09:30,LOINC:4548-4,7\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const EventTable& visits = r.store->table(EventKind::Visit);
  CHECK_FALSE(visits.hasTimes());
  CHECK(visits.startTime.empty());
  CHECK(visits.endTime.empty());
  CHECK(visits.startTimeOf(0) == kNoTime);
  // Another file's times do not give this one columns, nor the reverse.
  CHECK(r.store->table(EventKind::Observation).startTime.size() == 1);
  CHECK(r.store->table(EventKind::Condition).startTime.empty());
}

namespace {

struct BadTime {
  const char* file;
  const char* text;
  const char* column;
  const char* value;
  const char* message;
};

const BadTime kBadTimes[] = {
    {"visits.csv", "member_id,date,codes\nM1,2025-03-10T25:00,CPT:99213\n", "date",
     "2025-03-10T25:00", "no such time of day"},
    {"visits.csv", "member_id,date,codes\nM1,2025-03-10T9:30,CPT:99213\n", "date",
     "2025-03-10T9:30", "not hh:mm"},
    {"visits.csv", "member_id,date,codes\nM1,2025-03-10 09:30,CPT:99213\n", "date",
     "2025-03-10 09:30", "after 'T'"},
    {"visits.csv", "member_id,date,codes\nM1,2025-03-10T09:30+5,CPT:99213\n", "date",
     "2025-03-10T09:30+5", "offset"},
    {"visits.csv", "member_id,date,codes\nM1,2025-03-10T09:30:00.,CPT:99213\n", "date",
     "2025-03-10T09:30:00.", "fraction"},
    {"visits.csv", "member_id,date,codes\nM1,2025-02-30T09:30,CPT:99213\n", "date",
     "2025-02-30T09:30", "no such calendar date"},
    {"observations.csv",
     "member_id,date,end_date,code\nM1,2025-03-10T09:30,2025-03-10T09:00,LOINC:4548-4\n",
     "end_date", "2025-03-10T09:00", "end_date is before date"},
    {"conditions.csv",
     "member_id,onset_date,abatement_date,codes\nM1,2025-03-10,2025-03-10T07:60,ICD10CM:F30.10\n",
     "abatement_date", "2025-03-10T07:60", "no such time of day"},
    {"pharmacy.csv", "member_id,fill_date,days_supply,ndc\nM1,2025-03-10T12:00Y,30,00002322730\n",
     "fill_date", "2025-03-10T12:00Y", "offset"},
};

}  // namespace

TEST_CASE("a malformed time of day is a bad row naming the cell", "[times]") {
  for (const BadTime& bad : kBadTimes) {
    INFO(bad.file << ": " << bad.text);
    TempDataDir dir;
    writeMember(dir);
    dir.write(bad.file, bad.text);
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    REQUIRE(r.error);
    CHECK(r.error->kind == LoadErrorKind::BadRow);
    CHECK(r.error->line == 2);
    CHECK(r.error->column == bad.column);
    CHECK(r.error->value == bad.value);
    CHECK(r.error->message.find(bad.message) != std::string::npos);
    CHECK_FALSE(r.error->hint.empty());
  }
}

TEST_CASE("a malformed time goes to the reject file, counted, and the load goes on", "[times]") {
  TempDataDir dir;
  writeMember(dir);
  dir.write("visits.csv",
            "member_id,date,codes\nM1,2025-03-10T25:00,CPT:99213\nM1,2025-03-11T09:00,CPT:99213\n");
  LoadOptions options;
  options.rejectFile = dir.file("rejects.csv");
  const LoadResult r = loadDataDirectory(dir.dir(), options);
  REQUIRE_FALSE(r.error);
  CHECK(r.store->table(EventKind::Visit).size() == 1);
  for (const FileCounts& f : r.files) {
    if (f.file != "visits.csv") continue;
    CHECK(f.rejected == 1);
    CHECK(f.accepted == 1);
  }
  CHECK(dir.read("rejects.csv").find("no such time of day") != std::string::npos);
}

TEST_CASE("an end at or after its start on the same day is accepted", "[times]") {
  TempDataDir dir;
  writeMember(dir);
  // The same time, a later time, and an end without a time on the start's day
  // (the times cannot say which came first).
  dir.write("visits.csv",
            "member_id,date,end_date,codes\n"
            "M1,2025-03-10T09:00,2025-03-10T09:00,CPT:99213\n"
            "M1,2025-03-10T09:00,2025-03-10T09:01,CPT:99213\n"
            "M1,2025-03-10T09:00,2025-03-10,CPT:99213\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  CHECK(r.store->table(EventKind::Visit).size() == 3);
}

TEST_CASE("events of a day are ordered by their time of day", "[times]") {
  TempDataDir dir;
  writeMember(dir);
  dir.write("observations.csv",
            "member_id,date,code,value\n"
            "M1,2025-03-10T15:00,LOINC:4548-4,9\n"
            "M1,2025-03-10T08:00,LOINC:4548-4,7\n"
            "M1,2025-03-10,LOINC:4548-4,8\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const EventTable& t = r.store->table(EventKind::Observation);
  REQUIRE(t.size() == 3);
  // A row without a time first, then by time, whatever the file's order.
  CHECK(t.value[0] == 8);
  CHECK(t.value[1] == 7);
  CHECK(t.value[2] == 9);
}
