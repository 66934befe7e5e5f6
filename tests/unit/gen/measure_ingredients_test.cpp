// The events each CBI measure (MEASURES.md) and pharmacy measure reads are
// in a generated population: the seed's codes, and the pairs of events that
// pairing rules look for (a visit 1-14 days after a discharge, a readmission
// within 30 days, the specialist visit within 90 days of a referral, early
// and late refills, an HbA1c of exactly 9.0).
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <sstream>

#include "GenTable.h"
#include "GenTestDir.h"
#include "support/Date.h"

using namespace mc;
using mc::gen::test::GeneratedDir;

namespace {

using Row = std::map<std::string, std::string>;

std::vector<Row> table(const std::string& text) {
  const gen::test::GenTable t(text);
  std::vector<Row> rows(t.size());
  for (size_t i = 0; i < t.size(); ++i)
    for (const auto& column : t.columns()) rows[i][column.first] = t.at(i, column.first);
  return rows;
}

std::set<std::string> codesOf(const std::vector<Row>& rows, const char* column) {
  std::set<std::string> out;
  for (const Row& r : rows) {
    std::stringstream in(r.at(column));
    std::string code;
    while (in >> code) out.insert(code);
  }
  return out;
}

Days day(const std::string& iso) { return *parseIsoDate(iso); }

struct Population {
  GeneratedDir dir{4000, 21, 2};
  std::vector<Row> visits = table(dir.read("visits.csv"));
  std::vector<Row> pharmacy = table(dir.read("pharmacy.csv"));
  std::vector<Row> referrals = table(dir.read("referrals.csv"));
  std::vector<Row> observations = table(dir.read("observations.csv"));
  std::set<std::string> codes;

  Population() {
    for (const auto& [file, column] :
         std::vector<std::pair<const char*, const char*>>{{"visits.csv", "codes"},
                                                          {"observations.csv", "code"},
                                                          {"conditions.csv", "codes"},
                                                          {"immunizations.csv", "code"},
                                                          {"supplemental.csv", "codes"}}) {
      for (const std::string& c : codesOf(table(dir.read(file)), column)) codes.insert(c);
    }
    for (const Row& r : pharmacy)
      codes.insert(r.at("rxnorm").empty() ? "NDC:" + r.at("ndc") : "RXNORM:" + r.at("rxnorm"));
  }
};

const Population& population() {
  static const Population p;
  return p;
}

}  // namespace

TEST_CASE("the seed's codes of every CBI measure occur", "[gen]") {
  const std::map<std::string, std::vector<std::string>> byMeasure = {
      {"FVA", {"CPT:99188", "CDT:D1206"}},
      {"DEV", {"CPT:96110"}},
      {"UAU",
       {"HCPCS:G0442", "HCPCS:H0049", "HCPCS:H0050", "LOINC:88037-7", "LOINC:75889-6",
        "LOINC:75624-7", "LOINC:75626-2"}},
      {"WCC", {"ICD10CM:Z68.51", "ICD10CM:Z68.52", "ICD10CM:Z68.53", "ICD10CM:Z68.54"}},
      {"BCS", {"CPT:77067", "ICD10CM:Z90.13"}},
      {"CCS", {"HCPCS:Q0091", "CPT:87624", "ICD10CM:Z90.710", "ICD10CM:Z90.712"}},
      {"WCV", {"CPT:99393", "CPT:99394", "CPT:99395", "ICD10CM:Z00.121", "ICD10CM:Z00.00"}},
      {"HBD9",
       {"CPT:83036", "CPT:3044F", "CPT:3046F", "CPT:3051F", "CPT:3052F", "LOINC:4548-4",
        "ICD10CM:E11.9"}},
      {"IMA", {"CVX:114", "CVX:115", "CVX:165"}},
      {"CIS10",
       {"CVX:20", "CVX:10", "CVX:03", "CVX:49", "CVX:08", "CVX:21", "CVX:133", "CVX:119", "CVX:116",
        "CVX:83", "CVX:161", "CVX:110", "CVX:94"}},
      {"CDF", {"HCPCS:G8431", "HCPCS:G8510"}},
      {"W15", {"CPT:99381", "CPT:99391", "CPT:99392", "ICD10CM:Z00.110", "ICD10CM:Z00.111"}},
      {"ACES", {"HCPCS:G9919", "HCPCS:G9920"}},
      {"CHL", {"CPT:87491", "ICD10CM:Z30.011", "CPT:81025"}},
      {"CBP",
       {"ICD10CM:I10", "CPT:3074F", "CPT:3075F", "CPT:3077F", "CPT:3078F", "CPT:3079F", "CPT:3080F",
        "LOINC:8480-6", "LOINC:8462-4"}},
      {"AIS", {"CVX:115", "CVX:113", "CVX:187", "CVX:150"}},
      {"LSC", {"CPT:83655", "LOINC:10368-9"}},
      {"TBRA", {"ICD10CM:Z11.1"}},
      {"AMR", {"ICD10CM:J45.40", "ICD10CM:J45.909", "RXNORM:895994", "RXNORM:2123111"}},
      {"ACS", {"ICD10CM:E11.10", "ICD10CM:J44.1", "ICD10CM:I50.9"}},
      {"PEV", {"ICD10CM:J06.9", "HCPCS:S9083"}},
      {"PCR", {"ICD10CM:Z51.11"}},
      {"pharmacy", {"RXNORM:860975", "RXNORM:314076", "RXNORM:314231"}},
      {"rewards", {"PLAN:NURSE_ADVICE_CALL"}},
  };
  const Population& p = population();
  for (const auto& [measure, codes] : byMeasure) {
    INFO(measure);
    for (const std::string& code : codes) {
      INFO(code);
      CHECK(p.codes.count(code) == 1);
    }
  }
}

TEST_CASE("discharges are followed by visits, readmissions and ED visits", "[gen]") {
  const Population& p = population();
  std::map<std::string, std::vector<const Row*>> byMember;
  for (const Row& v : p.visits) byMember[v.at("member_id")].push_back(&v);
  int postDischarge = 0, day14 = 0, readmitted = 0, observationStays = 0;
  for (const auto& [member, visits] : byMember) {
    for (const Row* stay : visits) {
      if (stay->at("setting") == "observation") ++observationStays;
      if (stay->at("setting") != "inpatient" || stay->at("end_date").empty()) continue;
      const Days discharge = day(stay->at("end_date"));
      CHECK(discharge >= day(stay->at("date")));
      CHECK_FALSE(stay->at("discharge_status").empty());
      for (const Row* v : visits) {
        const Days gap = day(v->at("date")) - discharge;
        if (v->at("setting") == "outpatient" && gap >= 1 && gap <= 14) ++postDischarge;
        if (v->at("setting") == "outpatient" && gap == 14) ++day14;
        if (v->at("setting") == "inpatient" && gap >= 1 && gap <= 30) ++readmitted;
      }
    }
  }
  CHECK(postDischarge > 10);
  CHECK(day14 > 0);
  CHECK(readmitted > 3);
  CHECK(observationStays > 3);
}

TEST_CASE("referrals go from the linked PCP to a specialist seen within 90 days or not", "[gen]") {
  const Population& p = population();
  int seen = 0, late = 0;
  for (const Row& r : p.referrals) {
    CHECK(r.at("from_provider_id").rfind("PCP", 0) == 0);
    CHECK(r.at("to_provider_id").rfind("SPC", 0) == 0);
    CHECK_FALSE(r.at("specialty").empty());
    CHECK_FALSE(r.at("referral_id").empty());
    for (const Row& v : p.visits) {
      if (v.at("member_id") != r.at("member_id") || v.at("provider_id") != r.at("to_provider_id"))
        continue;
      const Days gap = day(v.at("date")) - day(r.at("date"));
      if (gap >= 0 && gap <= 90) ++seen;
      if (gap > 90) ++late;
    }
  }
  CHECK(seen > 10);
  CHECK(late > 0);
}

TEST_CASE("refills come early and late; fills carry supply, quantity and the generic flag",
          "[gen]") {
  const Population& p = population();
  std::map<std::pair<std::string, std::string>, std::vector<const Row*>> byDrug;
  int brand = 0;
  for (const Row& f : p.pharmacy) {
    CHECK_FALSE(f.at("days_supply").empty());
    CHECK_FALSE(f.at("quantity").empty());
    CHECK_FALSE(f.at("pharmacy_id").empty());
    brand += f.at("generic") == "N";
    byDrug[{f.at("member_id"), f.at("rxnorm")}].push_back(&f);
  }
  CHECK(brand > 0);
  int early = 0, late = 0;
  for (const auto& [key, fills] : byDrug) {
    for (size_t i = 1; i < fills.size(); ++i) {
      const Days gap = day(fills[i]->at("fill_date")) - day(fills[i - 1]->at("fill_date"));
      const int supply = std::stoi(fills[i - 1]->at("days_supply"));
      if (gap < supply) ++early;
      if (gap > supply + 4) ++late;
    }
  }
  CHECK(early > 10);
  CHECK(late > 10);
}

TEST_CASE("HbA1c results spread around 9.0, some exactly 9.0", "[gen]") {
  const Population& p = population();
  int above = 0, exactly = 0, below = 0;
  for (const Row& o : p.observations) {
    if (o.at("code") != "LOINC:4548-4") continue;
    const double v = std::stod(o.at("value"));
    above += v > 9.0;
    exactly += o.at("value") == "9.0";
    below += v < 9.0;
  }
  CHECK(above > 5);
  CHECK(exactly > 0);
  CHECK(below > 5);
}
