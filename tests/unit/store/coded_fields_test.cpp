// Coded fields of events (support/CodeSlots.h) as the loader keeps them: an
// observations.csv / supplemental.csv value written SYSTEM:CODE is a code
// beside the number column, and every row remembers whether it has a value
// of any kind (a number, a code or text).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "SlotCodeTexts.h"
#include "TempDataDir.h"
#include "store/DataDirectoryLoader.h"
#include "store/StoreBuilder.h"

using namespace mc;
using namespace mc::store;
using mc::store::test::slotCodes;
using mc::store::test::TempDataDir;

namespace {

void writeMembers(const TempDataDir& dir) { test::writeOneMember(dir, "1950-04-02"); }

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("an observation value is a number, a code or text, and each is a value", "[slots]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("observations.csv",
            "member_id,date,code,value\n"
            "M1,2025-03-01,LOINC:45755-6,SNOMEDCT:373066001\n"
            "M1,2025-03-02,LOINC:4548-4,9.5\n"
            "M1,2025-03-03,LOINC:71802-3,lives at home\n"
            "M1,2025-03-04,LOINC:71802-3,\n"
            "M1,2025-03-05,LOINC:1-8,12:30\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const MemberStore& s = *r.store;
  const EventTable& t = s.table(EventKind::Observation);
  REQUIRE(t.size() == 5);
  CHECK(slotCodes(s, t, CodeSlot::Value, 0) == Strings{"SNOMEDCT:373066001"});
  CHECK(std::isnan(t.value[0]));
  CHECK(slotCodes(s, t, CodeSlot::Value, 1).empty());
  CHECK(t.value[1] == 9.5);
  CHECK(slotCodes(s, t, CodeSlot::Value, 2).empty());  // text: no code
  CHECK(slotCodes(s, t, CodeSlot::Value, 4).empty());  // `12` is no code system
  CHECK(t.hasResult == std::vector<std::uint8_t>{1, 1, 1, 0, 1});
  // The coded value is not one of the event's codes.
  CHECK(t.codeStart[1] - t.codeStart[0] == 1);
}

TEST_CASE("a supplemental value may be a code too", "[slots]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("supplemental.csv",
            "member_id,date,codes,value\n"
            "M1,2025-03-01,LOINC:98181-1,SNOMEDCT:183240000\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const EventTable& t = r.store->table(EventKind::Supplemental);
  CHECK(slotCodes(*r.store, t, CodeSlot::Value, 0) == Strings{"SNOMEDCT:183240000"});
  CHECK(t.hasResult[0] == 1);
}

TEST_CASE("a value in a known code system with the wrong shape is a bad row", "[slots]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("observations.csv",
            "member_id,date,code,value\n"
            "M1,2025-03-01,LOINC:45755-6,LOINC:abc\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.error);
  CHECK(r.error->line == 2);
  CHECK(r.error->column == "value");
  CHECK(r.error->value == "LOINC:abc");
}

TEST_CASE("a table without coded fields keeps no slot columns", "[slots]") {
  StoreBuilder b;
  const MemberIndex m = b.addMember("M1", *parseIsoDate("1950-01-01"), Sex::F);
  EventRow row;
  row.kind = EventKind::Observation;
  row.member = m;
  row.date = *parseIsoDate("2025-01-01");
  row.codes = {{CodeSystem::LOINC, "45755-6"}};
  b.addEvent(row);
  row.kind = EventKind::Supplemental;
  row.slotCodes = {{CodeSlot::Value, {CodeSystem::SNOMEDCT, "373066001"}}};
  b.addEvent(row);
  const MemberStore s = b.finish();
  CHECK(s.table(EventKind::Observation).slots[static_cast<size_t>(CodeSlot::Value)].start.empty());
  const EventTable& sup = s.table(EventKind::Supplemental);
  CHECK(slotCodes(s, sup, CodeSlot::Value, 0) == Strings{"SNOMEDCT:373066001"});
}

TEST_CASE("a stay's discharge disposition: a code, or a bare UB-04 claims value", "[slots]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("visits.csv",
            "member_id,date,end_date,codes,discharge_status\n"
            "M1,2025-02-01,2025-02-05,SNOMEDCT:183452005,SNOMEDCT:428361000124107\n"
            "M1,2025-03-01,2025-03-02,UBREV:0110,50\n"
            "M1,2025-04-01,,CPT:99213,\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const MemberStore& s = *r.store;
  const EventTable& t = s.table(EventKind::Visit);
  CHECK(slotCodes(s, t, CodeSlot::Discharge, 0) == Strings{"SNOMEDCT:428361000124107"});
  CHECK(slotCodes(s, t, CodeSlot::Discharge, 1) == Strings{"UBDISCH:50"});
  CHECK(slotCodes(s, t, CodeSlot::Discharge, 2).empty());
  // Not among the stay's codes.
  CHECK(t.codeStart[1] - t.codeStart[0] == 1);
}

TEST_CASE("a discharge status that is neither a code nor a UB-04 value is a bad row", "[slots]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("visits.csv",
            "member_id,date,codes,discharge_status\n"
            "M1,2025-02-01,CPT:99213,home\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.error);
  CHECK(r.error->column == "discharge_status");
  CHECK(r.error->value == "home");
  CHECK(r.error->hint.find("2 digits") != std::string::npos);
  CHECK(r.error->hint.find("SYSTEM:CODE") != std::string::npos);
}

TEST_CASE("a condition's or procedure's body site: an optional list of codes", "[slots]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("conditions.csv",
            "member_id,onset_date,codes,body_site\n"
            "M1,2025-01-01,ICD10CM:Z90.10,SNOMEDCT:24028007 SNOMEDCT:7771000\n"
            "M1,2025-01-02,ICD10CM:Z90.10,\n");
  dir.write("visits.csv",
            "member_id,date,codes,body_site\n"
            "M1,2025-02-01,ICD10PCS:0HTU0ZZ,SNOMEDCT:7771000\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const MemberStore& s = *r.store;
  const EventTable& c = s.table(EventKind::Condition);
  CHECK(slotCodes(s, c, CodeSlot::Site, 0) == Strings{"SNOMEDCT:24028007", "SNOMEDCT:7771000"});
  CHECK(slotCodes(s, c, CodeSlot::Site, 1).empty());
  CHECK(c.codeStart[1] - c.codeStart[0] == 1);  // not among its codes
  CHECK(slotCodes(s, s.table(EventKind::Visit), CodeSlot::Site, 0) == Strings{"SNOMEDCT:7771000"});
}

TEST_CASE("a body site that is not a code is a bad row", "[slots]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("conditions.csv",
            "member_id,onset_date,codes,body_site\n"
            "M1,2025-01-01,ICD10CM:Z90.10,left\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.error);
  CHECK(r.error->column == "body_site");
  CHECK(r.error->value == "left");
}

TEST_CASE("an observation over a period ends on its end_date", "[slots]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("observations.csv",
            "member_id,date,code,value,end_date\n"
            "M1,2024-12-31,LOINC:45755-6,SNOMEDCT:373066001,2025-01-01\n"
            "M1,2025-03-01,LOINC:4548-4,9.5,\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const EventTable& t = r.store->table(EventKind::Observation);
  CHECK(t.endDate[0] == *parseIsoDate("2025-01-01"));
  CHECK(t.endDate[1] == t.date[1]);
}
