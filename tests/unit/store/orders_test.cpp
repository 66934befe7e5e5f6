// orders.csv: orders of services and devices (FHIR ServiceRequest,
// DeviceRequest, MedicationRequest), an event kind of their own, dated on
// their authoredOn, with their FHIR intent.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "SlotCodeTexts.h"
#include "TempDataDir.h"
#include "store/DataDirectoryLoader.h"

using namespace mc;
using namespace mc::store;
using mc::store::test::TempDataDir;

TEST_CASE("orders.csv loads into the order table with codes, provider and status", "[orders]") {
  TempDataDir dir;
  dir.write("members.csv", "member_id,birth_date,sex\nM1,1950-04-02,F\n");
  dir.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2024-01-01,,P1\n");
  dir.write("orders.csv",
            "member_id,date,codes,provider_id,status,other_codes,fhir_id\n"
            "M1,2025-03-01,SNOMEDCT:385763009,P1,active,,ServiceRequest/s\n"
            "M1,2025-02-01,SNOMEDCT:183240000,,not-done,,DeviceRequest/d\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const MemberStore& s = *r.store;
  const EventTable& t = s.table(EventKind::Order);
  REQUIRE(t.size() == 2);
  CHECK(t.date[0] == *parseIsoDate("2025-02-01"));  // sorted by date
  CHECK(s.codes.qualified(t.codes[t.codeStart[0]]) == "SNOMEDCT:183240000");
  CHECK(kStatusNames[t.status[0]] == std::string("not-done"));
  CHECK(kStatusNames[t.status[1]] == std::string("active"));
  CHECK(s.providers.id[t.provider[1]] == "P1");
  CHECK(std::string(eventFileName(EventKind::Order)) == "orders.csv");
  CHECK(std::string(eventKindName(EventKind::Order)) == "order");
}

TEST_CASE("an order without codes is a bad row", "[orders]") {
  TempDataDir dir;
  dir.write("members.csv", "member_id,birth_date,sex\nM1,1950-04-02,F\n");
  dir.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2024-01-01,,P1\n");
  dir.write("orders.csv", "member_id,date,codes\nM1,2025-03-01,\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.error);
  CHECK(r.error->column == "codes");
}

TEST_CASE("orders.csv end_date: a medication order's period; unknown: none", "[orders]") {
  TempDataDir dir;
  dir.write("members.csv", "member_id,birth_date,sex\nM1,1950-04-02,F\n");
  dir.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2024-01-01,,P1\n");
  dir.write("orders.csv",
            "member_id,date,codes,status,end_date\n"
            "M1,2025-01-01,RXNORM:997223,active,2025-03-31\n"
            "M1,2025-02-01,RXNORM:997223,active,\n"
            "M1,2025-03-01,RXNORM:997223,active, Unknown \n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const EventTable& t = r.store->table(EventKind::Order);
  REQUIRE(t.size() == 3);
  CHECK(t.endDate[0] == *parseIsoDate("2025-03-31"));
  CHECK(t.endDate[1] == t.date[1]);  // empty: the order's day
  // No period: the missing date (`o.end` is missing, no window overlaps it).
  CHECK(t.endDate[2] == kUnknownPeriodEnd);
  CHECK(t.endDate[2] == kNoDate);
}

TEST_CASE("orders.csv end_date before the date, or not a date, is a bad row", "[orders]") {
  for (const char* end : {"2025-02-28", "soon"}) {
    TempDataDir dir;
    dir.write("members.csv", "member_id,birth_date,sex\nM1,1950-04-02,F\n");
    dir.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2024-01-01,,P1\n");
    dir.write(
        "orders.csv",
        std::string("member_id,date,codes,end_date\nM1,2025-03-01,RXNORM:997223,") + end + "\n");
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    REQUIRE(r.error);
    CHECK(r.error->column == "end_date");
  }
}

TEST_CASE("orders.csv intent: a request intent, bare or qualified; empty or absent is order",
          "[orders][slots]") {
  TempDataDir dir;
  test::writeOneMember(dir, "1950-04-02");
  dir.write("orders.csv",
            "member_id,date,codes,intent\n"
            "M1,2025-03-01,SNOMEDCT:385763009,plan\n"
            "M1,2025-03-02,SNOMEDCT:385763009,REQINTENT:Original-Order\n"
            "M1,2025-03-03,SNOMEDCT:385763009,\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const MemberStore& s = *r.store;
  const EventTable& t = s.table(EventKind::Order);
  REQUIRE(t.size() == 3);
  using Strings = std::vector<std::string>;
  CHECK(test::slotCodes(s, t, CodeSlot::Intent, 0) == Strings{"REQINTENT:plan"});
  CHECK(test::slotCodes(s, t, CodeSlot::Intent, 1) == Strings{"REQINTENT:original-order"});
  CHECK(test::slotCodes(s, t, CodeSlot::Intent, 2) == Strings{"REQINTENT:order"});

  // No intent column at all: every order is an order.
  TempDataDir plain;
  test::writeOneMember(plain, "1950-04-02");
  plain.write("orders.csv", "member_id,date,codes\nM1,2025-03-01,SNOMEDCT:385763009\n");
  const LoadResult p = loadDataDirectory(plain.dir(), {});
  REQUIRE_FALSE(p.error);
  CHECK(test::slotCodes(*p.store, p.store->table(EventKind::Order), CodeSlot::Intent, 0) ==
        Strings{"REQINTENT:order"});
}

TEST_CASE("orders.csv intent: another word, another system or two intents is a bad row",
          "[orders][slots]") {
  for (const char* cell : {"wish", "SNOMEDCT:385763009", "order;plan"}) {
    INFO(cell);
    TempDataDir dir;
    test::writeOneMember(dir, "1950-04-02");
    dir.write("orders.csv",
              std::string("member_id,date,codes,intent\nM1,2025-03-01,SNOMEDCT:385763009,") + cell +
                  "\n");
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    REQUIRE(r.error);
    CHECK(r.error->kind == LoadErrorKind::BadRow);
    CHECK(r.error->line == 2);
    CHECK(r.error->column == "intent");
  }
  TempDataDir dir;
  test::writeOneMember(dir, "1950-04-02");
  dir.write("orders.csv", "member_id,date,codes,intent\nM1,2025-03-01,SNOMEDCT:385763009,wish\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.error);
  CHECK(r.error->message == "not a FHIR request intent");
  CHECK(r.error->hint.find("original-order") != std::string::npos);
}
