// `run --as-of DATE` reads only the data known on DATE: events dated after
// it, stays discharged after it, readings over a period that ends after it,
// enrollment spans that start after it and
// deaths after it are not read, and each file counts them (run.json
// after_as_of); a span open on the date keeps its recorded end, a condition
// abated after it is still active.
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

Days day(const char* iso) { return *parseIsoDate(iso); }

// A data directory with something on each side of 2022-06-30 in every file.
void writeData(const TempDataDir& dir) {
  dir.write("members.csv",
            "member_id,birth_date,sex,death_date\n"
            "M1,1960-01-01,F,\n"
            "M2,1960-01-01,F,2022-09-01\n"
            "M3,1960-01-01,F,2022-06-30\n");
  dir.write("enrollment.csv",
            "member_id,start_date,end_date,pcp_id\n"
            "M1,2020-01-01,2022-03-31,P1\n"
            "M1,2022-06-01,2022-10-31,P1\n"
            "M1,2022-11-01,,P1\n"
            "M2,2022-07-01,,P1\n");
  dir.write("visits.csv",
            "member_id,date,codes,end_date,setting\n"
            "M1,2022-06-30,CPT:77067,,outpatient\n"
            "M1,2022-07-01,CPT:77067,,outpatient\n"
            "M1,2022-06-28,CPT:99223,2022-06-30,inpatient\n"
            "M1,2022-06-29,CPT:99223,2022-07-02,inpatient\n"
            "M1,2022-08-01,BOGUS:1,,outpatient\n");
  dir.write("pharmacy.csv",
            "member_id,fill_date,days_supply,ndc\n"
            "M1,2022-06-01,30,00093-7180-56\n"
            "M1,2022-07-01,30,00093-7180-56\n");
  dir.write("conditions.csv",
            "member_id,onset_date,codes,abatement_date\n"
            "M1,2021-01-01,ICD10CM:E11.9,2022-08-01\n"
            "M1,2021-01-01,ICD10CM:I10,2022-05-01\n"
            "M1,2022-07-15,ICD10CM:J45.40,\n");
  dir.write("immunizations.csv",
            "member_id,date,code,provider_id,source\n"
            "M1,2022-06-30,CVX:141,P1,registry\n"
            "M1,2022-12-01,CVX:141,P1,registry\n");
  dir.write("observations.csv",
            "member_id,date,code,value,end_date\n"
            "M1,2022-07-01,LOINC:4548-4,7.1,\n"
            "M1,2022-06-20,LOINC:4548-4,7.2,2022-07-02\n"
            "M1,2022-06-20,LOINC:4548-4,7.3,2022-06-30\n");
  dir.write("supplemental.csv", "member_id,date,codes\nM1,2022-07-01,PLAN:NURSE_ADVICE_CALL\n");
  dir.write("referrals.csv", "member_id,date,from_provider_id\nM1,2022-07-01,P1\n");
}

}  // namespace

TEST_CASE("without --as-of every row is read and nothing counts as after it", "[loader][as-of]") {
  TempDataDir dir;
  writeData(dir);
  dir.write("visits.csv",
            "member_id,date,codes,end_date,setting\nM1,2022-07-01,CPT:77067,,outpatient\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.store);
  for (const FileCounts& f : r.files) CHECK(f.afterAsOf == 0);
  CHECK(r.store->table(EventKind::Visit).size() == 1);
  CHECK(r.store->enrollment.start.size() == 4);
}

TEST_CASE("--as-of reads only the data known on the date and counts the rest per file",
          "[loader][as-of]") {
  TempDataDir dir;
  writeData(dir);
  LoadOptions options;
  options.asOf = day("2022-06-30");
  options.rejectFile = dir.file("rejects.csv");
  const LoadResult r = loadDataDirectory(dir.dir(), options);
  REQUIRE(r.store);
  const MemberStore& s = *r.store;

  // A row after the date is still checked: the bad code is rejected, not
  // counted as after the date.
  const FileCounts& visits = counts(r, "visits.csv");
  CHECK(visits.rows == 5);
  CHECK(visits.rejected == 1);
  CHECK(visits.accepted == 4);
  CHECK(visits.afterAsOf == 2);  // dated 2022-07-01; discharged 2022-07-02
  const EventTable& v = s.table(EventKind::Visit);
  REQUIRE(v.size() == 2);
  CHECK(v.date[0] == day("2022-06-28"));  // discharged on the date: read
  CHECK(v.endDate[0] == day("2022-06-30"));
  CHECK(v.date[1] == day("2022-06-30"));  // on the date: read

  CHECK(counts(r, "pharmacy.csv").afterAsOf == 1);
  CHECK(s.table(EventKind::Pharmacy).size() == 1);
  CHECK(counts(r, "immunizations.csv").afterAsOf == 1);
  CHECK(s.table(EventKind::Immunization).size() == 1);
  for (const char* f : {"supplemental.csv", "referrals.csv"}) {
    CHECK(counts(r, f).accepted == 1);
    CHECK(counts(r, f).afterAsOf == 1);
  }
  for (EventKind k : {EventKind::Supplemental, EventKind::Referral}) CHECK(s.table(k).size() == 0);
  // Observations: dated after the date, or over a period that ends after
  // it: not read; a period that ends on it: read.
  CHECK(counts(r, "observations.csv").accepted == 3);
  CHECK(counts(r, "observations.csv").afterAsOf == 2);
  const EventTable& o = s.table(EventKind::Observation);
  REQUIRE(o.size() == 1);
  CHECK(o.endDate[0] == day("2022-06-30"));

  // Conditions: an onset after the date is not read; an abatement after it
  // is not known yet (still active); one before it stands.
  CHECK(counts(r, "conditions.csv").afterAsOf == 1);
  const EventTable& c = s.table(EventKind::Condition);
  REQUIRE(c.size() == 2);
  CHECK(((c.endDate[0] == kOpenEnd && c.endDate[1] == day("2022-05-01")) ||
         (c.endDate[1] == kOpenEnd && c.endDate[0] == day("2022-05-01"))));

  // Enrollment: M1's span from 2022-11-01 and M2's from 2022-07-01 start
  // after the date; M1's span open on it keeps its end 2022-10-31.
  CHECK(counts(r, "enrollment.csv").afterAsOf == 2);
  CHECK(counts(r, "enrollment.csv").accepted == 4);
  REQUIRE(s.enrollment.start.size() == 2);
  CHECK(s.enrollment.end[1] == day("2022-10-31"));

  // A death after the date is not known: M2 is alive; M3 died on it.
  CHECK(counts(r, "members.csv").afterAsOf == 1);
  CHECK(s.members.deathDate[1] == kNoDate);
  CHECK(s.members.deathDate[2] == day("2022-06-30"));
}
