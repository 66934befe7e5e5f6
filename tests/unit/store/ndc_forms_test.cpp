// NDCs in data: every published form loads as the one 11-digit code, in the
// pharmacy `ndc` column and as `NDC:` in a codes cell.
#include <catch2/catch.hpp>

#include "TempDataDir.h"
#include "store/DataDirectoryLoader.h"

using namespace mc;
using namespace mc::store;
using mc::store::test::TempDataDir;

TEST_CASE("NDCs in every published form load as one 11-digit code", "[loader][ndc]") {
  TempDataDir dir;
  dir.write("members.csv", "member_id,birth_date,sex\nM1,1980-04-02,F\n");
  dir.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2022-01-01,,P1\n");
  dir.write("pharmacy.csv",
            "member_id,fill_date,days_supply,ndc\n"
            "M1,2022-01-01,30,00002322730\n"       // 11 digits
            "M1,2022-01-02,30,00002-3227-30\n"     // 5-4-2
            "M1,2022-01-03,30,0002-3227-30\n"      // 4-4-2
            "M1,2022-01-04,30,NDC:0002-3227-30\n"  // qualified
            "M1,2022-01-05,30,00002-227-30\n"      // 5-3-2
            "M1,2022-01-06,30,00002-3227-3\n");    // 5-4-1
  dir.write("visits.csv",
            "member_id,date,codes\n"
            "M1,2022-02-01,CPT:99213 NDC:0002-3227-30\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  REQUIRE(r.store);
  const MemberStore& s = *r.store;
  const CodeId code = s.codes.find(CodeSystem::NDC, "00002322730");
  REQUIRE(code != CodeDictionary::kNoCode);
  CHECK(s.codes.qualified(code) == "NDC:00002322730");  // what explain and output print

  const EventTable& fills = s.table(EventKind::Pharmacy);
  REQUIRE(fills.size() == 6);
  for (size_t i = 0; i < 4; ++i) {
    INFO("fill " << i);
    CHECK(fills.codes[fills.codeStart[i]] == code);
  }
  CHECK(s.codes.qualified(fills.codes[fills.codeStart[4]]) == "NDC:00002022730");
  CHECK(s.codes.qualified(fills.codes[fills.codeStart[5]]) == "NDC:00002322703");

  const EventTable& visits = s.table(EventKind::Visit);
  REQUIRE(visits.size() == 1);
  CHECK(visits.codes[visits.codeStart[0] + 1] == code);
  // No code was kept in a hyphenated form.
  CHECK(s.codes.find(CodeSystem::NDC, "00002-3227-30") == CodeDictionary::kNoCode);
  CHECK(s.codes.find(CodeSystem::NDC, "0002-3227-30") == CodeDictionary::kNoCode);
}
