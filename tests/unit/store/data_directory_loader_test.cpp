// Loading a well-formed data directory: every file into its columns.
#include <catch2/catch.hpp>
#include <cmath>

#include "TempDataDir.h"
#include "store/DataDirectoryLoader.h"
#include "support/EventVocabulary.h"

using namespace mc;
using namespace mc::store;
using mc::store::test::TempDataDir;

namespace {

Days d(const char* iso) { return *parseIsoDate(iso); }

void writeMinimal(const TempDataDir& dir) {
  dir.write("members.csv", "member_id,birth_date,sex\nM1,1980-04-02,F\nM2,1975-09-30,M\n");
  dir.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2022-01-01,,P1\n");
}

const FileCounts& counts(const LoadResult& r, const std::string& file) {
  for (const FileCounts& f : r.files) {
    if (f.file == file) return f;
  }
  FAIL("no counts for " << file);
  return r.files.front();
}

std::vector<std::string> qualifiedCodes(const MemberStore& s, const EventTable& t, size_t event) {
  std::vector<std::string> out;
  for (std::uint32_t i = t.codeStart[event]; i < t.codeStart[event + 1]; ++i)
    out.push_back(s.codes.qualified(t.codes[i]));
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("a minimal directory: members and enrollment only", "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  REQUIRE(r.store);
  const MemberStore& s = *r.store;
  CHECK(s.memberCount() == 2);
  CHECK(s.findMember("M2") == 1);
  CHECK(s.members.birthDate[0] == d("1980-04-02"));
  CHECK(s.members.sex[1] == Sex::M);
  CHECK(s.members.deathDate[0] == kNoDate);
  CHECK(s.members.line == std::vector<std::uint32_t>{2, 3});
  CHECK(s.enrollment.memberStart == std::vector<std::uint32_t>{0, 1, 1});
  CHECK(s.enrollment.end[0] == kOpenEnd);
  CHECK(s.providers.id[s.enrollment.pcp[0]] == "P1");
  CHECK(s.providers.listed[s.enrollment.pcp[0]] == 0);
  for (const EventTable& t : s.events) {
    CHECK(t.size() == 0);
    CHECK(t.memberStart == std::vector<std::uint32_t>{0, 0, 0});
  }

  const Strings order = {"members.csv",    "enrollment.csv",    "providers.csv",
                         "visits.csv",     "pharmacy.csv",      "observations.csv",
                         "conditions.csv", "immunizations.csv", "supplemental.csv",
                         "referrals.csv",  "orders.csv"};
  REQUIRE(r.files.size() == order.size());
  for (size_t i = 0; i < order.size(); ++i) CHECK(r.files[i].file == order[i]);
  CHECK(counts(r, "members.csv").present);
  CHECK(counts(r, "members.csv").rows == 2);
  CHECK(counts(r, "members.csv").accepted == 2);
  CHECK(counts(r, "enrollment.csv").rows == 1);
  CHECK_FALSE(counts(r, "visits.csv").present);
  CHECK(counts(r, "visits.csv").rows == 0);
}

TEST_CASE("column order is free and extra columns are ignored", "[loader]") {
  TempDataDir dir;
  dir.write("members.csv",
            "sex,favourite_colour,member_id,race,birth_date,death_date,ethnicity\n"
            "U,blue,M1,2106-3,2001-12-31,2022-08-01,2186-5\n");
  dir.write("enrollment.csv",
            "pcp_id,plan,end_date,member_id,start_date\n,HMO,2022-06-30,M1,2022-01-01\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.store);
  const MemberStore& s = *r.store;
  CHECK(s.members.id[0] == "M1");
  CHECK(s.members.sex[0] == Sex::U);
  CHECK(s.members.birthDate[0] == d("2001-12-31"));
  CHECK(s.members.deathDate[0] == d("2022-08-01"));
  CHECK(s.members.race[0] == "2106-3");
  CHECK(s.members.ethnicity[0] == "2186-5");
  CHECK(s.enrollment.start[0] == d("2022-01-01"));
  CHECK(s.enrollment.end[0] == d("2022-06-30"));
  CHECK(s.enrollment.pcp[0] == kNoProvider);
}

TEST_CASE("members' language and county load as written; absent or empty is empty",
          "[loader][strata]") {
  TempDataDir dir;
  dir.write("members.csv",
            "member_id,birth_date,sex,county,language\n"
            "M1,2001-12-31,F,Santa Cruz,Spanish\n"
            "M2,2001-12-31,M,,\n");
  dir.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2022-01-01,,\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.store);
  const MemberStore& s = *r.store;
  CHECK(s.members.language[0] == "Spanish");
  CHECK(s.members.county[0] == "Santa Cruz");
  CHECK(s.members.language[1].empty());
  CHECK(s.members.county[1].empty());
  CHECK(s.members.race[0].empty());  // no race column: every member's is empty

  TempDataDir without;
  without.write("members.csv", "member_id,birth_date,sex\nM1,2001-12-31,F\n");
  without.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2022-01-01,,\n");
  const LoadResult bare = loadDataDirectory(without.dir(), {});
  REQUIRE(bare.store);
  REQUIRE(bare.store->members.language.size() == 1);
  CHECK(bare.store->members.county[0].empty());
}

TEST_CASE("every event file loads into its table", "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  dir.write("providers.csv",
            "provider_id,kind,name,county,attributes\n"
            "P1,pcp,\"Smith, Jane\",Kent,pcmh_recognized=2022-05-01;bh_distinction=2022-09-01\n"
            "RX1,pharmacy,Corner Drugs,,\n"
            "S1,specialist,,,\n");
  dir.write("visits.csv",
            "member_id,date,codes,provider_id,end_date,setting,status,claim_id\n"
            "M1,2022-05-01,CPT:99213 ICD10CM:Z00.121;ICD10CM:z68.52,P1,,outpatient,,C1\n"
            "M1,2022-02-03,ICD10CM:Z90.13  UBREV:0110,H9,2022-02-07,inpatient,completed,C2\n"
            "M2,2022-03-01,HCPCS:G0202,,,,cancelled,C3\n");
  dir.write("pharmacy.csv",
            "member_id,fill_date,days_supply,ndc,rxnorm,pharmacy_id,quantity,generic\n"
            "M1,2022-01-10,30,00002322730,,RX1,60,Y\n"
            "M1,2022-02-10,90,,RXNORM:197361,RX1,,N\n"
            "M2,2022-01-15,0,NDC:00002-3227-30,197361,,1.5,\n");
  dir.write("observations.csv",
            "member_id,date,code,value,unit,provider_id,status\n"
            "M1,2022-06-01,LOINC:4548-4,6.8,%,P1,final\n"
            "M1,2022-06-01,LOINC:72166-2,Never smoker,,,\n"
            "M2,2022-07-01,LOINC:4548-4,,,,preliminary\n");
  dir.write("conditions.csv",
            "member_id,onset_date,codes,abatement_date,provider_id\n"
            "M1,2019-03-01,ICD10CM:E11.9,,P1\n"
            "M2,2021-01-01,ICD10CM:O09.891,2021-09-30,\n");
  dir.write("immunizations.csv",
            "member_id,date,code,provider_id,source\n"
            "M1,2022-10-01,CVX:141,,registry\n"
            "M1,2022-10-02,CPT:90686,,claim\n"
            "M2,2022-10-03,CVX:03,,\n"
            "M2,2022-10-04,CVX:03,,EHR\n");
  dir.write("supplemental.csv",
            "member_id,date,codes,provider_id,value\n"
            "M1,2022-04-01,PLAN:NURSE_ADVICE_CALL,,\n"
            "M2,2022-04-02,ICD10CM:Z68.54,P1,87\n");
  dir.write("referrals.csv",
            "member_id,date,from_provider_id,to_provider_id,referral_id,specialty\n"
            "M1,2022-08-01,P1,S1,R1,cardiology\n"
            "M2,2022-08-02,P1,,R2,\n");
  dir.write("orders.csv",
            "member_id,date,codes,provider_id,status\n"
            "M1,2022-09-01,SNOMEDCT:385763009,P1,active\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  REQUIRE(r.store);
  const MemberStore& s = *r.store;

  SECTION("providers") {
    const ProviderId p1 = s.providers.find("P1");
    REQUIRE(p1 != kNoProvider);
    CHECK(s.providers.kind[p1] == ProviderKind::Pcp);
    CHECK(s.providers.listed[p1] == 1);
    CHECK(s.providers.name[p1] == "Smith, Jane");
    CHECK(s.providers.county[p1] == "Kent");
    CHECK(s.providers.attributes[p1] == "pcmh_recognized=2022-05-01;bh_distinction=2022-09-01");
    CHECK(s.providers.kind[s.providers.find("RX1")] == ProviderKind::Pharmacy);
    const ProviderId h9 = s.providers.find("H9");  // only seen on a visit
    REQUIRE(h9 != kNoProvider);
    CHECK(s.providers.listed[h9] == 0);
    CHECK(counts(r, "providers.csv").accepted == 3);
  }

  SECTION("visits: sorted per member, codes normalised, settings, end dates") {
    const EventTable& t = s.table(EventKind::Visit);
    REQUIRE(t.size() == 3);
    CHECK(t.memberStart == std::vector<std::uint32_t>{0, 2, 3});
    CHECK(t.line == std::vector<std::uint32_t>{3, 2, 4});
    CHECK(t.date[0] == d("2022-02-03"));
    CHECK(t.endDate[0] == d("2022-02-07"));
    CHECK(t.endDate[1] == t.date[1]);
    CHECK(t.setting[0] == Setting::Inpatient);
    CHECK(t.setting[1] == Setting::Outpatient);
    CHECK(t.setting[2] == Setting::None);
    CHECK(qualifiedCodes(s, t, 0) == Strings{"ICD10CM:Z9013", "UBREV:0110"});
    CHECK(qualifiedCodes(s, t, 1) == Strings{"CPT:99213", "ICD10CM:Z00121", "ICD10CM:Z6852"});
    CHECK(s.providers.id[t.provider[0]] == "H9");
    CHECK(t.provider[2] == kNoProvider);
    CHECK(kStatusNames[t.status[0]] == std::string("completed"));
    CHECK(kStatusNames[t.status[2]] == std::string("cancelled"));
    CHECK(t.toProvider[0] == kNoProvider);
    CHECK(s.codes.find(CodeSystem::ICD10CM, "Z9013") != CodeDictionary::kNoCode);
  }

  SECTION("pharmacy: drug codes, days supply, quantity, generic") {
    const EventTable& t = s.table(EventKind::Pharmacy);
    REQUIRE(t.size() == 3);
    CHECK(qualifiedCodes(s, t, 0) == Strings{"NDC:00002322730"});
    CHECK(qualifiedCodes(s, t, 1) == Strings{"RXNORM:197361"});
    CHECK(qualifiedCodes(s, t, 2) == Strings{"NDC:00002322730", "RXNORM:197361"});
    CHECK(t.daysSupply == std::vector<std::int32_t>{30, 90, 0});
    CHECK(t.generic == std::vector<std::uint8_t>{1, 0, 0});
    CHECK(t.value[0] == 60);
    CHECK(std::isnan(t.value[1]));
    CHECK(t.value[2] == 1.5);
    CHECK(s.providers.id[t.provider[0]] == "RX1");
    CHECK(t.provider[2] == kNoProvider);
  }

  SECTION("observations: numbers, text results as NaN, status") {
    const EventTable& t = s.table(EventKind::Observation);
    REQUIRE(t.size() == 3);
    CHECK(qualifiedCodes(s, t, 0) == Strings{"LOINC:4548-4"});
    CHECK(t.value[0] == 6.8);
    CHECK(std::isnan(t.value[1]));
    CHECK(std::isnan(t.value[2]));
    CHECK(kStatusNames[t.status[0]] == std::string("final"));
    CHECK(kStatusNames[t.status[1]] == std::string(""));
    CHECK(kStatusNames[t.status[2]] == std::string("preliminary"));
  }

  SECTION("conditions: onset date and open or closed abatement") {
    const EventTable& t = s.table(EventKind::Condition);
    REQUIRE(t.size() == 2);
    CHECK(t.date[0] == d("2019-03-01"));
    CHECK(t.endDate[0] == kOpenEnd);
    CHECK(t.endDate[1] == d("2021-09-30"));
    CHECK(qualifiedCodes(s, t, 1) == Strings{"ICD10CM:O09891"});
  }

  SECTION("immunizations: code and source") {
    const EventTable& t = s.table(EventKind::Immunization);
    REQUIRE(t.size() == 4);
    CHECK(t.source == std::vector<EventSource>{EventSource::Registry, EventSource::Claim,
                                               EventSource::None, EventSource::Ehr});
    CHECK(qualifiedCodes(s, t, 1) == Strings{"CPT:90686"});
    CHECK(t.memberStart == std::vector<std::uint32_t>{0, 2, 4});
  }

  SECTION("supplemental: codes and value") {
    const EventTable& t = s.table(EventKind::Supplemental);
    REQUIRE(t.size() == 2);
    CHECK(qualifiedCodes(s, t, 0) == Strings{"PLAN:NURSE_ADVICE_CALL"});
    CHECK(std::isnan(t.value[0]));
    CHECK(t.value[1] == 87);
  }

  SECTION("referrals: from and to providers, no codes") {
    const EventTable& t = s.table(EventKind::Referral);
    REQUIRE(t.size() == 2);
    CHECK(t.codeStart == std::vector<std::uint32_t>{0, 0, 0});
    CHECK(s.providers.id[t.provider[0]] == "P1");
    CHECK(s.providers.id[t.toProvider[0]] == "S1");
    CHECK(t.toProvider[1] == kNoProvider);
  }

  SECTION("counts") {
    for (const FileCounts& f : r.files) {
      CHECK(f.present);
      CHECK(f.rejected == 0);
      CHECK(f.accepted == f.rows);
    }
    CHECK(counts(r, "immunizations.csv").rows == 4);
  }
}

TEST_CASE("visits keep their principal diagnosis: the first ICD-10-CM code", "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  dir.write("visits.csv",
            "member_id,date,codes\n"
            "M1,2022-05-01,CPT:99213 ICD10CM:J45.40 ICD10CM:E11.9\n"
            "M1,2022-06-01,CPT:99213;UBREV:0110\n"
            "M2,2022-03-01,ICD10CM:E11.9 ICD10CM:J45.40\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  const MemberStore& s = *r.store;
  const EventTable& t = s.table(EventKind::Visit);
  REQUIRE(t.principal.size() == 3);
  CHECK(s.codes.qualified(t.principal[0]) == "ICD10CM:J4540");
  CHECK(t.principal[1] == CodeDictionary::kNoCode);  // no ICD-10-CM code on the line
  CHECK(s.codes.qualified(t.principal[2]) == "ICD10CM:E119");
}

TEST_CASE("a header-only event file means no events", "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  dir.write("visits.csv", "member_id,date,codes\r\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.store);
  CHECK(counts(r, "visits.csv").present);
  CHECK(counts(r, "visits.csv").rows == 0);
  CHECK(r.store->table(EventKind::Visit).size() == 0);
}

TEST_CASE("quoted cells, CRLF and a byte order mark load like plain ones", "[loader]") {
  TempDataDir dir;
  dir.write("members.csv",
            "\xEF\xBB\xBF\"member_id\",birth_date,sex\r\n\"M,1\",1980-04-02,\"F\"\r\n");
  dir.write("enrollment.csv", "member_id,start_date,end_date,pcp_id\r\n\"M,1\",2022-01-01,,\r\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.store);
  CHECK(r.store->findMember("M,1") == 0);
  CHECK(r.store->enrollment.memberStart == std::vector<std::uint32_t>{0, 1});
}

TEST_CASE("an observation's end_date is the end of its effective period", "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  dir.write("observations.csv",
            "member_id,date,end_date,code\n"
            "M1,2024-12-31,2025-01-01,LOINC:71007-9\n"
            "M1,2025-03-01,,LOINC:71007-9\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  REQUIRE(r.store);
  const EventTable& t = r.store->table(EventKind::Observation);
  REQUIRE(t.endDate.size() == 2);
  CHECK(t.date[0] == d("2024-12-31"));
  CHECK(t.endDate[0] == d("2025-01-01"));
  CHECK(t.endDate[1] == t.date[1]);  // empty: the same day
}

TEST_CASE("observation units load interned in their canonical spelling", "[loader][units]") {
  TempDataDir dir;
  writeMinimal(dir);
  dir.write("observations.csv",
            "member_id,date,code,value,unit\n"
            "M1,2025-03-01,LOINC:8480-6,128,mm[Hg]\n"
            "M1,2025-03-02,LOINC:8480-6,131,mmHg\n"
            "M1,2025-03-03,LOINC:4548-4,9.5,%\n"
            "M1,2025-03-04,LOINC:4548-4,9.5,\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  REQUIRE(r.store);
  const MemberStore& s = *r.store;
  const EventTable& t = s.table(EventKind::Observation);
  REQUIRE(t.unit.size() == 4);
  CHECK(s.units.text(t.unit[0]) == "mm[Hg]");
  CHECK(t.unit[1] == t.unit[0]);  // mmHg is mm[Hg]
  CHECK(s.units.text(t.unit[2]) == "%");
  CHECK(t.unit[3] == UnitDictionary::kUnitless);
  CHECK(s.units.text(UnitDictionary::kUnitless) == "1");
  CHECK(s.units.find("mg/dL") == UnitDictionary::kNoUnit);
}

TEST_CASE("an observation's setting (its encounter's) loads; none is None", "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  dir.write("observations.csv",
            "member_id,date,code,value,unit,setting\n"
            "M1,2025-03-01,LOINC:8480-6,128,mm[Hg],ed\n"
            "M1,2025-03-02,LOINC:8480-6,131,mm[Hg],\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE_FALSE(r.error);
  REQUIRE(r.store);
  const EventTable& t = r.store->table(EventKind::Observation);
  REQUIRE(t.setting.size() == 2);
  CHECK(t.setting[0] == Setting::Ed);
  CHECK(t.setting[1] == Setting::None);
}
