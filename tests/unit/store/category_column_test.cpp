// The `category` column of observations.csv and conditions.csv
// (CodeSlot::Category): the FHIR Observation.category / Condition.category,
// codes kept apart from the event's own codes.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "SlotCodeTexts.h"
#include "TempDataDir.h"
#include "store/DataDirectoryLoader.h"

using namespace mc;
using namespace mc::store;
using mc::store::test::TempDataDir;

namespace {

void writeMembers(const TempDataDir& dir) { test::writeOneMember(dir, "1980-04-02"); }

std::vector<std::string> categories(const MemberStore& s, const EventTable& t, std::uint32_t e) {
  return test::slotCodes(s, t, CodeSlot::Category, e);
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("an observation's category column: codes, several or none", "[slots][category]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("observations.csv",
            "member_id,date,code,value,category\n"
            "M1,2025-03-01,LOINC:4548-4,7.2,OBSCAT:laboratory\n"
            "M1,2025-03-02,LOINC:4548-4,7.4,\n"
            "M1,2025-03-03,LOINC:8480-6,120,OBSCAT:vital-signs;OBSCAT:exam\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const MemberStore& s = *r.store;
  const EventTable& t = s.table(EventKind::Observation);
  REQUIRE(t.size() == 3);
  CHECK(categories(s, t, 0) == Strings{"OBSCAT:laboratory"});
  CHECK(categories(s, t, 1).empty());
  CHECK(categories(s, t, 2) == Strings{"OBSCAT:vital-signs", "OBSCAT:exam"});
  // A category is none of the event's codes.
  CHECK(t.codeStart[1] - t.codeStart[0] == 1);
}

TEST_CASE("a condition's category column", "[slots][category]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("conditions.csv",
            "member_id,onset_date,codes,category\n"
            "M1,2020-02-01,ICD10CM:F30.10,CONDCAT:problem-list-item\n"
            "M1,2020-02-02,ICD10CM:F30.10,USCORECAT:health-concern\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const EventTable& t = r.store->table(EventKind::Condition);
  CHECK(categories(*r.store, t, 0) == Strings{"CONDCAT:problem-list-item"});
  CHECK(categories(*r.store, t, 1) == Strings{"USCORECAT:health-concern"});
}

TEST_CASE("a category in an unknown system is a bad row naming the column", "[slots][category]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("observations.csv",
            "member_id,date,code,category\n"
            "M1,2025-03-01,LOINC:4548-4,OBSCATEGORY:laboratory\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.error);
  CHECK(r.error->line == 2);
  CHECK(r.error->column == "category");
  CHECK(r.error->value == "OBSCATEGORY:laboratory");
}

TEST_CASE("a bare category word is a bad row: the column holds codes", "[slots][category]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("conditions.csv",
            "member_id,onset_date,codes,category\n"
            "M1,2020-02-01,ICD10CM:F30.10,problem-list-item\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.error);
  CHECK(r.error->column == "category");
}

TEST_CASE("a visits.csv category column is not read", "[slots][category]") {
  TempDataDir dir;
  writeMembers(dir);
  // Extra columns are allowed and ignored (DATA.md): visits have no category.
  dir.write("visits.csv",
            "member_id,date,codes,category\n"
            "M1,2025-03-01,CPT:99213,anything\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const EventTable& t = r.store->table(EventKind::Visit);
  CHECK(categories(*r.store, t, 0).empty());
}
