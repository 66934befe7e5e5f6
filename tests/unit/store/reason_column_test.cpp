// The `reason` column of an event file (CodeSlot::Reason): why the event was
// not done, codes kept apart from the event's own codes, in any event file.
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

std::vector<std::string> reasons(const MemberStore& s, const EventTable& t, std::uint32_t e) {
  return test::slotCodes(s, t, CodeSlot::Reason, e);
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("an observation's reason column holds why it was not done", "[slots][reason]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("observations.csv",
            "member_id,date,code,status,reason\n"
            "M1,2025-03-01,LOINC:73832-8,cancelled,SNOMEDCT:720834000\n"
            "M1,2025-03-02,LOINC:73832-8,cancelled,\n"
            "M1,2025-03-03,LOINC:73832-8,cancelled,SNOMEDCT:183932001;SNOMEDCT:183964008\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const MemberStore& s = *r.store;
  const EventTable& t = s.table(EventKind::Observation);
  REQUIRE(t.size() == 3);
  CHECK(reasons(s, t, 0) == Strings{"SNOMEDCT:720834000"});
  CHECK(reasons(s, t, 1).empty());
  CHECK(reasons(s, t, 2) == Strings{"SNOMEDCT:183932001", "SNOMEDCT:183964008"});
  // A reason is no value and none of the event's codes.
  CHECK(t.hasResult == std::vector<std::uint8_t>{0, 0, 0});
  CHECK(t.codeStart[1] - t.codeStart[0] == 1);
}

TEST_CASE("any event file may carry a reason", "[slots][reason]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("visits.csv",
            "member_id,date,codes,status,reason\n"
            "M1,2025-03-01,CPT:99213,not-done,SNOMEDCT:183932001\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const EventTable& t = r.store->table(EventKind::Visit);
  CHECK(reasons(*r.store, t, 0) == Strings{"SNOMEDCT:183932001"});
}

TEST_CASE("a reason that is not a code is a bad row naming the column", "[slots][reason]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("observations.csv",
            "member_id,date,code,status,reason\n"
            "M1,2025-03-01,LOINC:73832-8,cancelled,declined\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.error);
  CHECK(r.error->line == 2);
  CHECK(r.error->column == "reason");
  CHECK(r.error->value == "declined");
}
