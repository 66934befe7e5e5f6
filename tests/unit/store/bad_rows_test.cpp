// Bad input: missing files and columns, each kind of bad row, reject files.
#include <catch2/catch.hpp>

#include "TempDataDir.h"
#include "store/DataDirectoryLoader.h"
#include "support/CsvReader.h"

using namespace mc;
using namespace mc::store;
using mc::store::test::TempDataDir;

namespace {

constexpr const char* kMembers =
    "member_id,birth_date,sex,death_date\n"
    "M1,1980-04-02,F,\n"
    "M2,1975-09-30,M,\n";
constexpr const char* kEnrollment =
    "member_id,start_date,end_date,pcp_id\n"
    "M1,2022-01-01,,P1\n";

void writeMinimal(const TempDataDir& dir) {
  dir.write("members.csv", kMembers);
  dir.write("enrollment.csv", kEnrollment);
}

LoadOptions rejectingTo(const std::string& path) {
  LoadOptions options;
  options.rejectFile = path;
  return options;
}

const FileCounts& counts(const LoadResult& r, const std::string& file) {
  for (const FileCounts& f : r.files) {
    if (f.file == file) return f;
  }
  FAIL("no counts for " << file);
  return r.files.front();
}

// One bad row: the file and its text, and what the error must say.
struct BadRow {
  const char* file;
  const char* text;
  std::uint64_t line;
  const char* column;
  const char* value;
  const char* message;  // a substring of the message
};

const BadRow kBadRows[] = {
    {"members.csv", "member_id,birth_date,sex\nM1,1980-04-02,F\nM2,1980-02-30,M\n", 3, "birth_date",
     "1980-02-30", "no such calendar date"},
    {"members.csv", "member_id,birth_date,sex\nM1,04/02/1980,F\n", 2, "birth_date", "04/02/1980",
     "not a date"},
    {"members.csv", "member_id,birth_date,sex\nM1,1980-04-02,X\n", 2, "sex", "X", "unknown sex"},
    {"members.csv", "member_id,birth_date,sex\nM1,1980-04-02,\n", 2, "sex", "", "unknown sex"},
    {"members.csv", "member_id,birth_date,sex\n,1980-04-02,F\n", 2, "member_id", "", "empty value"},
    {"members.csv", "member_id,birth_date,sex\nM1,1980-04-02,F\nM1,1981-01-01,F\n", 3, "member_id",
     "M1", "duplicate member_id"},
    {"members.csv", "member_id,birth_date,sex,death_date\nM1,1980-04-02,F,1970-01-01\n", 2,
     "death_date", "1970-01-01", "before birth_date"},
    {"members.csv", "member_id,birth_date,sex\nM1,1980-04-02\n", 2, "", "",
     "the row has 2 fields but the header has 3"},
    {"members.csv", "member_id,birth_date,sex\nM1,1980-04-02,F,extra\n", 2, "", "",
     "the row has 4 fields"},
    {"enrollment.csv", "member_id,start_date,end_date,pcp_id\nM9,2022-01-01,,\n", 2, "member_id",
     "M9", "member_id absent from members.csv"},
    {"enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2022-06-01,2022-05-31,\n", 2,
     "end_date", "2022-05-31", "end_date is before start_date"},
    {"enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,,,\n", 2, "start_date", "",
     "empty value"},
    {"providers.csv", "provider_id,kind\nP1,doctor\n", 2, "kind", "doctor",
     "unknown provider kind"},
    {"providers.csv", "provider_id,kind\nP1,pcp\nP1,lab\n", 3, "provider_id", "P1",
     "duplicate provider_id"},
    // An attribute is dated: a fee-for-service payment is paid in its year.
    {"providers.csv", "provider_id,kind,attributes\nP1,pcp,pcmh_recognized=yes\n", 2, "attributes",
     "pcmh_recognized=yes", "attribute pcmh_recognized has 'yes', which is not a date"},
    {"providers.csv", "provider_id,kind,attributes\nP1,pcp,pcmh_recognized\n", 2, "attributes",
     "pcmh_recognized", "has no date"},
    {"visits.csv", "member_id,date,codes\nM1,2022-01-01,CPT:99213\nM3,2022-01-01,CPT:99213\n", 3,
     "member_id", "M3", "member_id absent from members.csv"},
    {"visits.csv", "member_id,date,codes\nM1,2022-01-01,ICD9:250.00\n", 2, "codes", "ICD9:250.00",
     "unknown code system 'ICD9'"},
    {"visits.csv", "member_id,date,codes\nM1,2022-01-01,CPT:99213 99214\n", 2, "codes", "99214",
     "SYSTEM:CODE"},
    {"visits.csv", "member_id,date,codes\nM1,2022-01-01,\n", 2, "codes", "", "empty value"},
    {"visits.csv", "member_id,date,codes\nM1,2022-01-01,\"CPT:99213,CPT:3044F\"\n", 2, "codes",
     "CPT:99213,CPT:3044F", "a comma inside a code"},
    {"visits.csv", "member_id,date,codes\nM1,2022-01-01, ; \n", 2, "codes", " ; ", "no code"},
    {"visits.csv", "member_id,date,codes,setting\nM1,2022-01-01,CPT:99213,ER\n", 2, "setting", "ER",
     "unknown setting"},
    {"visits.csv", "member_id,date,codes,end_date\nM1,2022-01-05,CPT:99223,2022-01-04\n", 2,
     "end_date", "2022-01-04", "end_date is before date"},
    {"visits.csv", "member_id,date,codes\nM1,2022-1-5,CPT:99213\n", 2, "date", "2022-1-5",
     "not a date"},
    {"pharmacy.csv", "member_id,fill_date,days_supply,ndc\nM1,2022-01-01,-30,00002322730\n", 2,
     "days_supply", "-30", "negative"},
    {"pharmacy.csv", "member_id,fill_date,days_supply,ndc\nM1,2022-01-01,30.5,00002322730\n", 2,
     "days_supply", "30.5", "not a whole number"},
    {"pharmacy.csv", "member_id,fill_date,days_supply,ndc\nM1,2022-01-01,,00002322730\n", 2,
     "days_supply", "", "empty value"},
    {"pharmacy.csv", "member_id,fill_date,days_supply,ndc,rxnorm\nM1,2022-01-01,30,,\n", 2, "ndc",
     "", "neither ndc nor rxnorm"},
    {"pharmacy.csv", "member_id,fill_date,days_supply,ndc\nM1,2022-01-01,30,RXNORM:197361\n", 2,
     "ndc", "RXNORM:197361", "holds NDC codes"},
    {"pharmacy.csv",
     "member_id,fill_date,days_supply,ndc,quantity\nM1,2022-01-01,30,00002322730,sixty\n", 2,
     "quantity", "sixty", "not a number"},
    {"pharmacy.csv",
     "member_id,fill_date,days_supply,ndc,generic\nM1,2022-01-01,30,00002322730,X\n", 2, "generic",
     "X", "Y or N"},
    {"conditions.csv",
     "member_id,onset_date,codes,abatement_date\nM1,2022-03-01,ICD10CM:E11.9,2022-02-01\n", 2,
     "abatement_date", "2022-02-01", "abatement_date is before onset_date"},
    {"observations.csv", "member_id,date,code,value\nM1,2022-03-01,4548-4,7\n", 2, "code", "4548-4",
     "SYSTEM:CODE"},
    {"observations.csv", "member_id,date,end_date,code\nM1,2022-03-01,2022-02-28,LOINC:71007-9\n",
     2, "end_date", "2022-02-28", "end_date is before date"},
    {"immunizations.csv", "member_id,date,code,source\nM1,2022-03-01,CVX:141,fax\n", 2, "source",
     "fax", "unknown source"},
    {"immunizations.csv", "member_id,date,code\nM1,2022-13-01,CVX:141\n", 2, "date", "2022-13-01",
     "no such calendar date"},
    {"supplemental.csv", "member_id,date,codes\nM1,2022-03-01,plna:x\n", 2, "codes", "plna:x",
     "unknown code system 'plna'"},
    {"referrals.csv", "member_id,date,from_provider_id\nM1,2022-03-01,\n", 2, "from_provider_id",
     "", "empty value"},
    // Codes whose shape is wrong for their system (checkCodeShape).
    {"visits.csv", "member_id,date,codes\nM1,2022-01-01,CPT:99213 CPT:8749\n", 2, "codes",
     "CPT:8749", "'8749' is not a CPT code"},
    {"visits.csv", "member_id,date,codes\nM1,2022-01-01,ICD10CM:Z9.013\n", 2, "codes",
     "ICD10CM:Z9.013", "not a ICD10CM code"},
    {"conditions.csv", "member_id,onset_date,codes\nM1,2022-03-01,ICD10CM:250.00\n", 2, "codes",
     "ICD10CM:250.00", "not a ICD10CM code"},
    {"supplemental.csv", "member_id,date,codes\nM1,2022-03-01,PLAN:NURSE-CALL\n", 2, "codes",
     "PLAN:NURSE-CALL", "not a PLAN code"},
    {"observations.csv", "member_id,date,code\nM1,2022-03-01,LOINC:4548-5\n", 2, "code",
     "LOINC:4548-5", "not a LOINC code"},
    {"immunizations.csv", "member_id,date,code\nM1,2022-03-01,CVX:1410\n", 2, "code", "CVX:1410",
     "not a CVX code"},
    {"pharmacy.csv", "member_id,fill_date,days_supply,ndc\nM1,2022-01-01,30,0002-3227\n", 2, "ndc",
     "0002-3227", "not a NDC code"},
    // A 10-digit NDC without hyphens: which segment to pad is unknown.
    {"pharmacy.csv", "member_id,fill_date,days_supply,ndc\nM1,2022-01-01,30,0002322730\n", 2, "ndc",
     "0002322730", "'0002322730' is a 10-digit NDC without hyphens, so it is ambiguous"},
    {"pharmacy.csv", "member_id,fill_date,days_supply,ndc\nM1,2022-01-01,30,NDC:0002322730\n", 2,
     "ndc", "NDC:0002322730", "10-digit NDC without hyphens, so it is ambiguous"},
    {"supplemental.csv", "member_id,date,codes\nM1,2022-03-01,PLAN:X NDC:0002322730\n", 2, "codes",
     "NDC:0002322730", "10-digit NDC without hyphens, so it is ambiguous"},
    {"pharmacy.csv", "member_id,fill_date,days_supply,ndc\nM1,2022-01-01,30,000232273\n", 2, "ndc",
     "000232273", "not a NDC code"},
    {"pharmacy.csv", "member_id,fill_date,days_supply,ndc\nM1,2022-01-01,30,0002-322-30\n", 2,
     "ndc", "0002-322-30", "not a NDC code"},
    {"pharmacy.csv", "member_id,fill_date,days_supply,rxnorm\nM1,2022-01-01,30,RXNORM:19736A\n", 2,
     "rxnorm", "RXNORM:19736A", "not a RXNORM code"},
    // UNLINKED is the results' name for members without a linked PCP.
    {"enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2022-01-01,,UNLINKED\n", 2,
     "pcp_id", "UNLINKED", "UNLINKED is reserved for members with no linked PCP"},
    {"providers.csv", "provider_id,kind\nUNLINKED,pcp\n", 2, "provider_id", "UNLINKED",
     "UNLINKED is reserved"},
    {"visits.csv", "member_id,date,codes,provider_id\nM1,2022-01-01,CPT:99213,UNLINKED\n", 2,
     "provider_id", "UNLINKED", "UNLINKED is reserved"},
    {"pharmacy.csv",
     "member_id,fill_date,days_supply,ndc,pharmacy_id\nM1,2022-01-01,30,00002322730,UNLINKED\n", 2,
     "pharmacy_id", "UNLINKED", "UNLINKED is reserved"},
    {"referrals.csv", "member_id,date,from_provider_id,to_provider_id\nM1,2022-03-01,P1,UNLINKED\n",
     2, "to_provider_id", "UNLINKED", "UNLINKED is reserved"},
    // ALL is strata.csv's provider id for the plan-wide lines.
    {"providers.csv", "provider_id,kind\nALL,pcp\n", 2, "provider_id", "ALL",
     "ALL is reserved for the plan-wide lines of strata.csv"},
    {"enrollment.csv", "member_id,start_date,end_date,pcp_id\nM1,2022-01-01,,ALL\n", 2, "pcp_id",
     "ALL", "ALL is reserved"},
};

}  // namespace

TEST_CASE("each kind of bad row stops the load at its line, column and value", "[loader]") {
  for (const BadRow& bad : kBadRows) {
    INFO(bad.file << ": " << bad.text);
    TempDataDir dir;
    writeMinimal(dir);
    dir.write(bad.file, bad.text);
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    CHECK_FALSE(r.store);
    REQUIRE(r.error);
    CHECK(r.error->path == dir.file(bad.file));
    CHECK(r.error->line == bad.line);
    CHECK(r.error->column == bad.column);
    CHECK(r.error->value == bad.value);
    CHECK(r.error->message.find(bad.message) != std::string::npos);
    CHECK_FALSE(r.error->hint.empty());
    CHECK(r.error->kind == LoadErrorKind::BadRow);
    CHECK(counts(r, bad.file).rejected == 1);
    REQUIRE_FALSE(r.badRows.empty());
    CHECK(r.badRows.front().format() == r.error->format());
  }
}

TEST_CASE("the same bad rows go to the reject file and the load goes on", "[loader]") {
  for (const BadRow& bad : kBadRows) {
    INFO(bad.file << ": " << bad.text);
    TempDataDir dir;
    writeMinimal(dir);
    dir.write(bad.file, bad.text);
    const LoadResult r = loadDataDirectory(dir.dir(), rejectingTo(dir.file("rejects.csv")));
    REQUIRE_FALSE(r.error);
    REQUIRE(r.store);
    const FileCounts& c = counts(r, bad.file);
    CHECK(c.rejected == 1);
    CHECK(c.accepted + c.rejected == c.rows);

    csv::CsvReader rejects;
    REQUIRE(rejects.openFile(dir.file("rejects.csv")));
    REQUIRE(rejects.readHeader());
    CHECK(rejects.header() ==
          std::vector<std::string>{"file", "line", "column", "value", "reason", "row"});
    csv::Record row;
    REQUIRE(rejects.next(row) == csv::ReadStatus::Record);
    CHECK(row[0] == bad.file);
    CHECK(row[1] == std::to_string(bad.line));
    CHECK(row[2] == bad.column);
    CHECK(row[3] == bad.value);
    CHECK(row[4].find(bad.message) != std::string_view::npos);
    CHECK(row[5].size() > 0);
    // A rejected member takes its enrollment with it; nothing else follows.
    // (A row without a member id leaves M1 merely absent.)
    const bool idLess = std::string(bad.column) == "member_id" && *bad.value == '\0';
    while (rejects.next(row) == csv::ReadStatus::Record) {
      CHECK(row[0] == "enrollment.csv");
      CHECK(row[4] ==
            (idLess ? std::string("member_id absent from members.csv")
                    : "member M1 was rejected (members.csv:" + std::to_string(bad.line) + ")"));
    }
  }
}

TEST_CASE("a missing required file is an error naming its path", "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  SECTION("members.csv") {
    dir.remove("members.csv");
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    REQUIRE(r.error);
    CHECK_FALSE(r.store);
    CHECK(r.error->path == dir.file("members.csv"));
    CHECK(r.error->kind == LoadErrorKind::MissingFile);
    CHECK(r.error->line == 0);
    CHECK(r.error->format() == dir.file("members.csv") +
                                   ": required file is missing\n  note: a data directory holds "
                                   "at least members.csv and enrollment.csv (docs/data.md)");
  }
  SECTION("enrollment.csv") {
    dir.remove("enrollment.csv");
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    REQUIRE(r.error);
    CHECK(r.error->path == dir.file("enrollment.csv"));
    CHECK(r.error->message == "required file is missing");
  }
  SECTION("the directory itself") {
    const LoadResult r = loadDataDirectory(dir.file("nope"), {});
    REQUIRE(r.error);
    CHECK(r.error->path == dir.file("nope"));
    CHECK(r.error->message == "no such directory");
    CHECK(r.error->kind == LoadErrorKind::Directory);
    CHECK(r.files.size() == 11);
  }
}

TEST_CASE("a missing required column is an error naming file and column", "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  SECTION("members.csv without sex") {
    dir.write("members.csv", "member_id,birth_date,gender\nM1,1980-04-02,F\n");
    const LoadResult r = loadDataDirectory(dir.dir(), rejectingTo(dir.file("rejects.csv")));
    REQUIRE(r.error);
    CHECK(r.error->path == dir.file("members.csv"));
    CHECK(r.error->line == 1);
    CHECK(r.error->column == "sex");
    CHECK(r.error->format() ==
          dir.file("members.csv") +
              ":1: column 'sex': missing required column\n  note: the header row of members.csv "
              "must name member_id, birth_date, sex (docs/data.md)");
  }
  SECTION("enrollment.csv without pcp_id") {
    dir.write("enrollment.csv", "member_id,start_date,end_date\nM1,2022-01-01,\n");
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    REQUIRE(r.error);
    CHECK(r.error->column == "pcp_id");
  }
  SECTION("visits.csv without codes") {
    dir.write("visits.csv", "member_id,date,code\n");
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    REQUIRE(r.error);
    CHECK(r.error->path == dir.file("visits.csv"));
    CHECK(r.error->column == "codes");
  }
  SECTION("pharmacy.csv without ndc and rxnorm") {
    dir.write("pharmacy.csv", "member_id,fill_date,days_supply\n");
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    REQUIRE(r.error);
    CHECK(r.error->column == "ndc");
    CHECK(r.error->message.find("rxnorm") != std::string::npos);
  }
  SECTION("referrals.csv without from_provider_id") {
    dir.write("referrals.csv", "member_id,date,to_provider_id\n");
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    REQUIRE(r.error);
    CHECK(r.error->column == "from_provider_id");
  }
}

TEST_CASE("LoadError::format omits empty parts", "[loader]") {
  LoadError e;
  e.path = "data/visits.csv";
  e.line = 12;
  e.column = "date";
  e.value = "2022-13-01";
  e.message = "no such calendar date";
  e.hint = "dates are YYYY-MM-DD (e.g. 2022-03-31)";
  CHECK(e.format() ==
        "data/visits.csv:12: column 'date': value '2022-13-01': no such calendar date\n"
        "  note: dates are YYYY-MM-DD (e.g. 2022-03-31)");
  e.value.clear();
  e.hint.clear();
  CHECK(e.format() == "data/visits.csv:12: column 'date': no such calendar date");
  e.column.clear();
  e.line = 0;
  CHECK(e.format() == "data/visits.csv: no such calendar date");
  e.value = std::string("a\nb") + std::string(200, 'x');
  const std::string shown = e.format();
  CHECK(shown.find('\n') == std::string::npos);
  CHECK(shown.size() < 150);
}

TEST_CASE("reject mode: counts, quoting and cascading member rejections", "[loader]") {
  TempDataDir dir;
  dir.write("members.csv",
            "member_id,birth_date,sex\n"
            "M1,1980-04-02,F\n"
            "M2,1975-02-30,M\n"
            "M3,1990-01-01,U\n");
  dir.write("enrollment.csv",
            "member_id,start_date,end_date,pcp_id\n"
            "M1,2022-01-01,,P1\n"
            "M2,2022-01-01,,P1\n"
            "M3,2022-01-01,,\n");
  dir.write("visits.csv",
            "member_id,date,codes,setting\n"
            "M1,2022-02-01,CPT:99213,outpatient\n"
            "M2,2022-02-01,CPT:99213,outpatient\n"
            "M3,2022-02-01,\"CPT:99213, ICD10CM:Z00.00\",outpatient\n"
            "M3,2022-02-02,\"CPT:99213;ICD10CM:Z00.00\",\"say \"\"hi\"\"\"\n"
            "M1,2022-03-01,CPT:99214,ed\n");
  const std::string rejectPath = dir.file("rejects.csv");
  const LoadResult r = loadDataDirectory(dir.dir(), rejectingTo(rejectPath));
  REQUIRE_FALSE(r.error);
  REQUIRE(r.store);
  for (const FileCounts& f : r.files) CHECK(f.accepted + f.rejected == f.rows);
  CHECK(counts(r, "members.csv").rows == 3);
  CHECK(counts(r, "members.csv").rejected == 1);
  CHECK(counts(r, "enrollment.csv").rejected == 1);
  CHECK(counts(r, "visits.csv").rows == 5);
  CHECK(counts(r, "visits.csv").accepted == 2);
  CHECK(counts(r, "visits.csv").rejected == 3);

  const MemberStore& s = *r.store;
  CHECK(s.memberCount() == 2);
  CHECK(s.findMember("M2") == MemberStore::kNoMember);
  CHECK(s.table(EventKind::Visit).size() == 2);
  CHECK(s.table(EventKind::Visit).memberStart == std::vector<std::uint32_t>{0, 2, 2});

  const std::string rejects = dir.read("rejects.csv");
  CHECK(rejects ==
        "file,line,column,value,reason,row\n"
        "members.csv,3,birth_date,1975-02-30,no such calendar date,\"M2,1975-02-30,M\"\n"
        "enrollment.csv,3,member_id,M2,member M2 was rejected (members.csv:3),"
        "\"M2,2022-01-01,,P1\"\n"
        "visits.csv,3,member_id,M2,member M2 was rejected (members.csv:3),"
        "\"M2,2022-02-01,CPT:99213,outpatient\"\n"
        "visits.csv,4,codes,\"CPT:99213,\",a comma inside a code,"
        "\"M3,2022-02-01,\"\"CPT:99213, ICD10CM:Z00.00\"\",outpatient\"\n"
        "visits.csv,5,setting,\"say \"\"hi\"\"\",unknown setting,"
        "\"M3,2022-02-02,\"\"CPT:99213;ICD10CM:Z00.00\"\",\"\"say \"\"\"\"hi\"\"\"\"\"\"\"\n");
}

TEST_CASE("rows of a rejected member are rejected for that reason, in both modes", "[loader]") {
  TempDataDir dir;
  dir.write("members.csv", "member_id,birth_date,sex\nM1,1980-04-02,F\nM11,1980-04-02,Q\n");
  dir.write("enrollment.csv",
            "member_id,start_date,end_date,pcp_id\nM1,2022-01-01,,\nM11,2022-01-01,,\n");
  dir.write("visits.csv",
            "member_id,date,codes\nM11,2022-03-01,CPT:99213\nM12,2022-03-01,CPT:99213\n");
  const std::string rejectPath = dir.file("rejects.csv");
  const LoadResult r = loadDataDirectory(dir.dir(), rejectingTo(rejectPath));
  REQUIRE(r.store);
  CHECK(r.store->memberCount() == 1);
  CHECK(dir.read("rejects.csv") ==
        "file,line,column,value,reason,row\n"
        "members.csv,3,sex,Q,unknown sex,\"M11,1980-04-02,Q\"\n"
        "enrollment.csv,3,member_id,M11,member M11 was rejected (members.csv:3),"
        "\"M11,2022-01-01,,\"\n"
        "visits.csv,2,member_id,M11,member M11 was rejected (members.csv:3),"
        "\"M11,2022-03-01,CPT:99213\"\n"
        "visits.csv,3,member_id,M12,member_id absent from members.csv,"
        "\"M12,2022-03-01,CPT:99213\"\n");

  // Without a reject file the same reasons are reported, all at once.
  const LoadResult stop = loadDataDirectory(dir.dir(), {});
  REQUIRE(stop.error);
  CHECK_FALSE(stop.store);
  CHECK(stop.error->column == "sex");
  CHECK(stop.badRowCount == 4);
  REQUIRE(stop.badRows.size() == 4);
  CHECK(stop.badRows[1].format() == dir.file("enrollment.csv") +
                                        ":3: column 'member_id': value 'M11': member M11 was "
                                        "rejected (members.csv:3)\n  note: fix the member's row "
                                        "in members.csv; its rows in other files follow it");
  CHECK(stop.badRows[2].message == "member M11 was rejected (members.csv:3)");
  CHECK(stop.badRows[3].message == "member_id absent from members.csv");
}

TEST_CASE("without a reject file every bad row is counted and the first 20 reported", "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  std::string visits = "member_id,date,codes\n";
  for (int i = 0; i < 25; ++i) visits += "M1,2022-02-3" + std::to_string(i % 10) + ",CPT:99213\n";
  dir.write("visits.csv", visits);
  dir.write("immunizations.csv",
            "member_id,date,code\nM1,2022-02-01,CVX:03\nM1,2022-02-01,CPT:9\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.error);
  CHECK_FALSE(r.store);
  CHECK(r.error->kind == LoadErrorKind::BadRow);
  CHECK(counts(r, "visits.csv").rows == 25);
  CHECK(counts(r, "visits.csv").rejected == 25);
  CHECK(counts(r, "immunizations.csv").rejected == 1);
  CHECK(r.badRowCount == 26);
  REQUIRE(r.badRows.size() == kMaxReportedBadRows);
  CHECK(r.badRows.front().line == 2);
  CHECK(r.badRows.back().line == 21);
}

TEST_CASE("an unterminated quote stops the load at the line it opens, reject file or not",
          "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  dir.write("visits.csv",
            "member_id,date,codes\n"
            "M1,2022-02-01,CPT:99213\n"
            "M1,2022-02-02,\"CPT:99213\n"
            "M1,2022-02-03,CPT:99213\n"
            "M1,2022-02-04,CPT:99213\n");
  const std::string expected =
      dir.file("visits.csv") +
      ":3: the quoted field opened on line 3 is never closed: the rest of the file would be read "
      "as one field\n  note: a field that starts with a quote runs to the next quote; close it, "
      "or write a quote that belongs to the value twice (\"\") inside a quoted field";
  SECTION("stop") {
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    REQUIRE(r.error);
    CHECK(r.error->kind == LoadErrorKind::FileFormat);
    CHECK(r.error->format() == expected);
    CHECK(r.badRowCount == 0);
  }
  SECTION("reject") {
    const LoadResult r = loadDataDirectory(dir.dir(), rejectingTo(dir.file("rejects.csv")));
    REQUIRE(r.error);
    CHECK_FALSE(r.store);
    CHECK(r.error->format() == expected);
    CHECK(counts(r, "visits.csv").rejected == 0);
  }
}

TEST_CASE("a row that runs over several lines says a quote may be unmatched", "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  dir.write("visits.csv",
            "member_id,date,codes\n"
            "M1,2022-02-02,\"CPT:99213\n"
            "M1,2022-02-03,CPT:99213\n"
            "M1,2022-02-04,\"CPT:99213\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.error);
  CHECK(r.error->line == 2);
  CHECK(r.error->hint.find("runs over several lines from line 2: a quote in it may be unmatched") !=
        std::string::npos);
}

TEST_CASE("a bad row that a stray quote ran over several lines names them, reject file too",
          "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  // The quote opened on line 3 closes on line 5: rows 4 and 5 are inside the
  // setting of row 3, which is one bad row with the right number of fields.
  dir.write("visits.csv",
            "member_id,date,codes,setting\n"
            "M1,2022-02-01,CPT:99213,outpatient\n"
            "M1,2022-02-02,CPT:99213,\"outpatient\n"
            "M1,2022-02-03,CPT:99213,outpatient\n"
            "M1,2022-02-04,CPT:99213,outpatient\"\n"
            "M1,2022-02-05,CPT:99213,outpatient\n");
  const LoadResult stopped = loadDataDirectory(dir.dir(), {});
  REQUIRE(stopped.error);
  CHECK(stopped.error->line == 3);
  CHECK(stopped.error->column == "setting");
  CHECK(stopped.error->message == "unknown setting (the row runs over lines 3-5)");
  CHECK(stopped.error->hint.find("a quote in it may be unmatched") != std::string::npos);

  const LoadResult r = loadDataDirectory(dir.dir(), rejectingTo(dir.file("rejects.csv")));
  REQUIRE_FALSE(r.error);
  CHECK(counts(r, "visits.csv").rejected == 1);
  CHECK(counts(r, "visits.csv").lines == 6);
  CHECK(dir.read("rejects.csv").find("visits.csv,3,setting,") != std::string::npos);
  CHECK(dir.read("rejects.csv").find("unknown setting (the row runs over lines 3-5)") !=
        std::string::npos);
}

TEST_CASE("a member's second row does not stand in for a bad first one", "[loader]") {
  TempDataDir dir;
  dir.write("members.csv",
            "member_id,birth_date,sex\n"
            "M1,1980-04-02,F\n"
            "M2,1975-02-30,M\n"
            "M2,1975-02-03,M\n");
  dir.write("enrollment.csv",
            "member_id,start_date,end_date,pcp_id\n"
            "M1,2022-01-01,,P1\n"
            "M2,2022-01-01,,P1\n");
  const LoadResult r = loadDataDirectory(dir.dir(), rejectingTo(dir.file("rejects.csv")));
  REQUIRE_FALSE(r.error);
  REQUIRE(r.store);
  CHECK(r.store->memberCount() == 1);
  CHECK(counts(r, "members.csv").rejected == 2);
  const std::string rejects = dir.read("rejects.csv");
  CHECK(rejects.find("members.csv,4,member_id,M2,duplicate member_id") != std::string::npos);
  CHECK(rejects.find("member M2 was rejected (members.csv:3)") != std::string::npos);
}

TEST_CASE("a provider's second row does not stand in for a bad first one", "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  dir.write("providers.csv",
            "provider_id,kind\n"
            "P1,pcp\n"
            "P2,doctor\n"
            "P2,pcp\n");
  const LoadResult r = loadDataDirectory(dir.dir(), rejectingTo(dir.file("rejects.csv")));
  REQUIRE_FALSE(r.error);
  REQUIRE(r.store);
  CHECK(counts(r, "providers.csv").rejected == 2);
  const ProviderId p2 = r.store->providers.find("P2");
  CHECK((p2 == kNoProvider || !r.store->providers.listed[p2]));
  CHECK(dir.read("rejects.csv").find("providers.csv,4,provider_id,P2,duplicate provider_id") !=
        std::string::npos);
}

TEST_CASE("a column named twice in a header is a file error naming both positions", "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  dir.write("visits.csv", "member_id,date,codes,date\nM1,2022-01-01,CPT:99213,2022-01-02\n");
  const LoadResult r = loadDataDirectory(dir.dir(), rejectingTo(dir.file("rejects.csv")));
  REQUIRE(r.error);
  CHECK(r.error->kind == LoadErrorKind::FileFormat);
  CHECK(r.error->format() == dir.file("visits.csv") +
                                 ":1: column 'date': the header names this column twice: columns "
                                 "2 and 4\n  note: rename or remove one of them; each column is "
                                 "named once");
}

TEST_CASE("text after a closing quote is a bad row", "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  dir.write("visits.csv", "member_id,date,codes\nM1,2022-02-01,\"CPT:99213\"x\n");
  const LoadResult r = loadDataDirectory(dir.dir(), {});
  REQUIRE(r.error);
  CHECK(r.error->line == 2);
  CHECK(r.error->message.find("closing quote") != std::string::npos);
}

TEST_CASE("empty, junk and unreadable files are errors, not crashes", "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  SECTION("an empty required file") {
    dir.write("members.csv", "");
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    REQUIRE(r.error);
    CHECK(r.error->path == dir.file("members.csv"));
    CHECK(r.error->message.find("empty") != std::string::npos);
    CHECK(r.error->kind == LoadErrorKind::FileFormat);
  }
  SECTION("an empty optional file") {
    dir.write("visits.csv", "");
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    REQUIRE(r.error);
    CHECK(r.error->path == dir.file("visits.csv"));
  }
  SECTION("binary junk") {
    std::string junk;
    for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 7919) % 256);
    dir.write("visits.csv", junk);
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    CHECK(r.error);
    const LoadResult rejected = loadDataDirectory(dir.dir(), rejectingTo(dir.file("rejects.csv")));
    CHECK((rejected.error || rejected.store));
  }
  SECTION("a huge line") {
    dir.write("visits.csv",
              "member_id,date,codes\nM1,2022-01-01," + std::string(1 << 22, 'C') + "\n");
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    REQUIRE(r.error);
    CHECK(r.error->column == "codes");
    CHECK(r.error->format().size() < 400);
  }
  SECTION("a directory where a file should be") {
    dir.remove("enrollment.csv");
    std::filesystem::create_directory(dir.file("enrollment.csv"));
    const LoadResult r = loadDataDirectory(dir.dir(), {});
    REQUIRE(r.error);
    CHECK(r.error->message.find("cannot read") != std::string::npos);
    CHECK(r.error->kind == LoadErrorKind::UnreadableFile);
  }
  SECTION("a reject file that cannot be created") {
    const LoadResult r =
        loadDataDirectory(dir.dir(), rejectingTo(dir.file("no/such/dir/rejects.csv")));
    REQUIRE(r.error);
    CHECK(r.error->path == dir.file("no/such/dir/rejects.csv"));
    CHECK(r.error->kind == LoadErrorKind::RejectFile);
    CHECK(r.badRowCount == 0);
  }
}

TEST_CASE("a staged reject file is written to its staging path, messages name the final one",
          "[loader]") {
  TempDataDir dir;
  writeMinimal(dir);
  dir.write("visits.csv", "member_id,date,codes\nM1,2022-13-01,CPT:99213\n");
  dir.write("rejects.csv", "an earlier run's rejects\n");
  LoadOptions options;
  options.rejectFile = dir.file("rejects.csv");
  options.rejectFileStaging = dir.file("rejects.csv.tmp-1");
  const LoadResult r = loadDataDirectory(dir.dir(), options);
  REQUIRE(r.store);
  CHECK(dir.read("rejects.csv") == "an earlier run's rejects\n");
  CHECK(dir.read("rejects.csv.tmp-1").find("visits.csv,2,date,2022-13-01") != std::string::npos);

  options.rejectFileStaging = dir.file("no/such/dir/rejects.csv.tmp-1");
  const LoadResult failed = loadDataDirectory(dir.dir(), options);
  REQUIRE(failed.error);
  CHECK(failed.error->path == dir.file("rejects.csv"));
  CHECK(failed.error->kind == LoadErrorKind::RejectFile);
}
