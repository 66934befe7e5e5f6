// What a load counts beside accepted and rejected rows: physical lines,
// events not counted by the default status convention, rows naming unknown
// providers, and enumerated values read in any case.
#include <catch2/catch.hpp>

#include "TempDataDir.h"
#include "store/DataDirectoryLoader.h"

using namespace mc;
using namespace mc::store;
using mc::store::test::TempDataDir;

namespace {

const FileCounts& counts(const LoadResult& r, const std::string& file) {
  for (const FileCounts& f : r.files) {
    if (f.file == file) return f;
  }
  FAIL("no counts for " << file);
  return r.files.front();
}

void writeMembers(const TempDataDir& dir) {
  dir.write("members.csv", "member_id,birth_date,sex\nM1,1980-04-02,F\nM2,1975-09-30,M\n");
  dir.write("enrollment.csv",
            "member_id,start_date,end_date,pcp_id\nM1,2022-01-01,,P1\nM2,2022-01-01,,P7\n");
}

}  // namespace

TEST_CASE("lines counts every physical line of a file, header and blank lines included",
          "[loader]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("visits.csv",
            "member_id,date,codes,note\r\n"
            "M1,2022-01-01,CPT:99213,\"two\nlines\"\r\n"
            "\r\n"
            "M2,2022-01-02,CPT:99213,");  // no line end on the last line
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.store);
  CHECK(counts(r, "visits.csv").lines == 5);
  CHECK(counts(r, "visits.csv").rows == 2);
  CHECK(counts(r, "members.csv").lines == 3);
  CHECK(counts(r, "referrals.csv").lines == 0);
}

TEST_CASE("events whose status the default convention does not count are counted per status",
          "[loader]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("visits.csv",
            "member_id,date,codes,status\n"
            "M1,2022-01-01,CPT:99213,\n"
            "M1,2022-01-02,CPT:99213,completed\n"
            "M1,2022-01-03,CPT:99213,Cancelled\n"
            "M1,2022-01-04,CPT:99213,cancelled\n"
            "M2,2022-01-05,CPT:99213,entered-in-error\n"
            "M2,2022-01-06,CPT:99213,final\n"
            "M9,2022-01-06,CPT:99213,cancelled\n");  // rejected: not counted at all
  dir.write("observations.csv", "member_id,date,code,status\nM1,2022-01-01,LOINC:4548-4,final\n");
  LoadOptions options;
  options.rejectFile = dir.file("rejects.csv");
  const LoadResult r = loadDataDirectory(dir.dir(), options);
  REQUIRE(r.store);
  const FileCounts& visits = counts(r, "visits.csv");
  CHECK(visits.hasStatuses);
  CHECK(visits.notCountedByStatus() == 3);
  CHECK(visits.byStatus[*statusIndex("cancelled")] == 2);
  CHECK(visits.byStatus[*statusIndex("entered-in-error")] == 1);
  CHECK(visits.byStatus[0] == 1);
  CHECK(counts(r, "observations.csv").notCountedByStatus() == 0);
  CHECK_FALSE(counts(r, "members.csv").hasStatuses);
}

TEST_CASE("rows naming providers absent from providers.csv are accepted and counted per file",
          "[loader]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("providers.csv", "provider_id,kind\nP1,pcp\nRX1,pharmacy\n");
  dir.write("visits.csv",
            "member_id,date,codes,provider_id\n"
            "M1,2022-01-01,CPT:99213,P1\n"
            "M1,2022-01-02,CPT:99213,P9\n"
            "M1,2022-01-03,CPT:99213,P9\n"
            "M1,2022-01-04,CPT:99213,\n"
            "M2,2022-01-05,CPT:99213,P2\n"
            "M2,2022-01-06,CPT:99213,P3\n"
            "M2,2022-01-07,CPT:99213,P4\n"
            "M2,2022-01-08,CPT:99213,P5\n"
            "M2,2022-01-09,CPT:99213,P6\n");
  dir.write("referrals.csv",
            "member_id,date,from_provider_id,to_provider_id\n"
            "M1,2022-01-01,P1,S1\n"
            "M1,2022-01-02,S2,S3\n");  // one row, two unknown ids
  dir.write("pharmacy.csv",
            "member_id,fill_date,days_supply,ndc,pharmacy_id\n"
            "M1,2022-01-01,30,00002322730,RX1\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.store);
  CHECK(r.store->table(EventKind::Visit).size() == 9);
  const FileCounts& visits = counts(r, "visits.csv");
  CHECK(visits.unknownProviders == 7);
  CHECK(visits.unknownProviderIds == std::vector<std::string>{"P9", "P2", "P3", "P4", "P5"});
  CHECK(visits.moreUnknownProviderIds);
  CHECK(counts(r, "enrollment.csv").unknownProviders == 1);
  CHECK(counts(r, "referrals.csv").unknownProviders == 2);
  CHECK(counts(r, "pharmacy.csv").unknownProviders == 0);
  CHECK(r.warnings() ==
        std::vector<std::string>{
            "enrollment.csv: 1 row names providers absent from providers.csv (P7)",
            "visits.csv: 7 rows name providers absent from providers.csv (P9, P2, P3, P4, P5, ...)",
            "referrals.csv: 2 rows name providers absent from providers.csv (S1, S2, S3)"});
}

TEST_CASE("without providers.csv provider ids are not checked, and the warning says so once",
          "[loader]") {
  TempDataDir dir;
  writeMembers(dir);
  dir.write("visits.csv", "member_id,date,codes,provider_id\nM1,2022-01-01,CPT:99213,P9\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.store);
  CHECK(counts(r, "visits.csv").unknownProviders == 0);
  CHECK(r.warnings() ==
        std::vector<std::string>{"no providers.csv in " + dir.dir() +
                                 ": provider ids are not checked against a provider list"});
}

TEST_CASE("enumerated values are read in any case, the same way everywhere", "[loader]") {
  TempDataDir dir;
  dir.write("members.csv",
            "member_id,birth_date,sex\nM1,1980-04-02,f\nM2,1975-09-30,m\nM3,1975-09-30,u\n");
  dir.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2022-01-01,,P1\n");
  dir.write("providers.csv", "provider_id,kind\nP1,PCP\nRX1,Pharmacy\nL1,LAB\n");
  dir.write("visits.csv",
            "member_id,date,codes,setting,status\n"
            "M1,2022-01-01,CPT:99213,OUTPATIENT,Completed\n"
            "M1,2022-01-02,cpt:99213 Icd10cm:z00.121,Telehealth,ENTERED-IN-ERROR\n");
  dir.write("pharmacy.csv",
            "member_id,fill_date,days_supply,ndc,generic\n"
            "M1,2022-01-01,30,00002322730,y\n"
            "M1,2022-01-02,30,00002322730,n\n"
            "M1,2022-01-03,30,00002322730,Y\n");
  dir.write("immunizations.csv",
            "member_id,date,code,source\n"
            "M1,2022-01-01,CVX:03,Registry\n"
            "M1,2022-01-02,CVX:03,CLAIM\n"
            "M1,2022-01-03,CVX:03,Ehr\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  REQUIRE(r.store);
  const MemberStore& s = *r.store;
  CHECK(s.members.sex == std::vector<Sex>{Sex::F, Sex::M, Sex::U});
  CHECK(s.providers.kind[s.providers.find("P1")] == ProviderKind::Pcp);
  CHECK(s.providers.kind[s.providers.find("RX1")] == ProviderKind::Pharmacy);
  CHECK(s.providers.kind[s.providers.find("L1")] == ProviderKind::Lab);
  const EventTable& visits = s.table(EventKind::Visit);
  CHECK(visits.setting == std::vector<Setting>{Setting::Outpatient, Setting::Telehealth});
  // Code systems too: cpt:99213 is CPT:99213.
  REQUIRE(visits.codeStart[2] - visits.codeStart[1] == 2);
  CHECK(visits.codes[visits.codeStart[1]] == s.codes.find(CodeSystem::CPT, "99213"));
  CHECK(s.codes.qualified(visits.codes[visits.codeStart[1] + 1]) == "ICD10CM:Z00121");
  CHECK(visits.status ==
        std::vector<Status>{static_cast<Status>(*statusIndex("completed")),
                            static_cast<Status>(*statusIndex("entered-in-error"))});
  CHECK(s.table(EventKind::Pharmacy).generic == std::vector<std::uint8_t>{1, 0, 1});
  CHECK(s.table(EventKind::Immunization).source ==
        std::vector<EventSource>{EventSource::Registry, EventSource::Claim, EventSource::Ehr});
}
