// The eCQM side of a generated population (EcqmCare.cpp): it draws from its
// own stream, so the rows every other program reads are the same whatever
// it writes (here: with and without the edge profile); its dates carry times
// that keep their day; the edge profile makes the boundaries common.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "GenTable.h"
#include "GenTestDir.h"
#include "store/DataDirectoryLoader.h"

using namespace mc;
using mc::gen::test::GeneratedDir;
using mc::gen::test::GenTable;

namespace {

constexpr std::uint64_t kMembers = 3000;
constexpr std::uint64_t kSeed = 58;

// A row's cells of `columns`, joined.
std::string firstCells(const GenTable& t, size_t row, const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& c : columns) out += t.at(row, c) + ",";
  return out;
}

int countOf(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the eCQM side leaves the other modules' rows as they were", "[gen]") {
  const GeneratedDir plain(kMembers, kSeed, 2);
  const GeneratedDir edge(kMembers, kSeed, 2, 2022, true);
  REQUIRE_FALSE(plain.error);
  REQUIRE_FALSE(edge.error);
  // Files the eCQM side does not write: the same bytes.
  for (const char* f : {"members.csv", "enrollment.csv", "providers.csv", "pharmacy.csv",
                        "immunizations.csv", "supplemental.csv", "referrals.csv"}) {
    INFO(f);
    CHECK(plain.read(f) == edge.read(f));
  }
  // Files it adds rows and cells to: the other modules' rows, in the shared
  // layout's columns, are the same, in the same order.
  auto others = [](const GeneratedDir& g, const char* file, const std::vector<std::string>& columns,
                   auto isOther) {
    const GenTable t(g.read(file));
    std::vector<std::string> rows;
    for (size_t i = 0; i < t.size(); ++i)
      if (isOther(t, i)) rows.push_back(firstCells(t, i, columns));
    return rows;
  };
  const auto claim = [](const GenTable& t, size_t i) { return t.at(i, "claim_id")[0] == 'C'; };
  const std::vector<std::string> visitColumns = {
      "member_id", "claim_id",         "date",   "end_date",  "setting", "provider_id",
      "codes",     "discharge_status", "status", "body_site", "reason"};
  const auto plainVisits = others(plain, "visits.csv", visitColumns, claim);
  CHECK(plainVisits.size() > 10000);
  CHECK(plainVisits == others(edge, "visits.csv", visitColumns, claim));

  const std::set<std::string> otherCodes = {"LOINC:4548-4",  "LOINC:10524-7", "LOINC:8480-6",
                                            "LOINC:8462-4",  "LOINC:75626-2", "LOINC:75624-7",
                                            "LOINC:88037-7", "LOINC:75889-6", "LOINC:5671-3",
                                            "LOINC:10368-9", "LOINC:77307-7"};
  const auto otherReading = [&](const GenTable& t, size_t i) {
    return otherCodes.count(t.at(i, "code")) != 0;
  };
  const std::vector<std::string> observationColumns = {
      "member_id", "date", "code", "value", "unit", "provider_id", "status", "end_date", "reason"};
  const auto plainReadings = others(plain, "observations.csv", observationColumns, otherReading);
  CHECK(plainReadings.size() > 1000);
  CHECK(plainReadings == others(edge, "observations.csv", observationColumns, otherReading));

  const auto otherCondition = [](const GenTable& t, size_t i) {
    return t.at(i, "codes").rfind("SNOMEDCT:", 0) != 0;
  };
  const std::vector<std::string> conditionColumns = {
      "member_id", "onset_date", "abatement_date", "codes", "provider_id", "status", "body_site"};
  const auto plainConditions = others(plain, "conditions.csv", conditionColumns, otherCondition);
  CHECK(plainConditions.size() > 500);
  CHECK(plainConditions == others(edge, "conditions.csv", conditionColumns, otherCondition));
}

TEST_CASE("eCQM rows carry times that keep their day, and load with no rejected row", "[gen]") {
  for (const bool edgeProfile : {false, true}) {
    INFO("edge " << edgeProfile);
    const GeneratedDir g(kMembers, kSeed, 2, 2022, edgeProfile);
    REQUIRE_FALSE(g.error);
    const store::LoadResult r = store::loadDataDirectory(g.dir.dir(), {});
    REQUIRE_FALSE(r.error);
    REQUIRE(r.store);
    CHECK(r.badRowCount == 0);
    for (const char* f : {"visits.csv", "observations.csv", "orders.csv"}) {
      INFO(f);
      const GenTable t(g.read(f));
      int timed = 0;
      for (size_t i = 0; i < t.size(); ++i) {
        const std::string& d = t.at(i, "date");
        if (d.size() <= 10) continue;
        ++timed;
        // YYYY-MM-DDThh:mm:ss: the day first, as a day-only cell writes it.
        REQUIRE(d.size() == 19);
        CHECK(d[10] == 'T');
        CHECK(d.substr(0, 4) >= "1900");
      }
      CHECK(timed > 100);
    }
  }
}

TEST_CASE("the edge profile makes the eCQM boundaries common", "[gen]") {
  const GeneratedDir plain(kMembers, kSeed, 2);
  const GeneratedDir edge(kMembers, kSeed, 2, 2022, true);
  REQUIRE_FALSE(plain.error);
  REQUIRE_FALSE(edge.error);
  const std::string visits = edge.read("visits.csv");
  const std::string observations = edge.read("observations.csv");
  const std::string orders = edge.read("orders.csv");
  // Midnight and the last second of the day.
  for (const char* t : {"T00:00:00", "T23:59:59"}) {
    INFO(t);
    CHECK(countOf(visits + observations, t) > 5 * (countOf(plain.read("visits.csv"), t) + 10));
  }
  // Events on the first and the last day of the period.
  CHECK(countOf(visits, ",2022-12-31T") > 2 * countOf(plain.read("visits.csv"), ",2022-12-31T"));
  CHECK(countOf(visits, ",2022-01-01T") > 2 * countOf(plain.read("visits.csv"), ",2022-01-01T"));
  // Medication orders without a known end, open observation ends, an end
  // equal to its start.
  CHECK(countOf(orders, ",unknown,") > 10);
  // Orders of every kind of intent: unstated, order, and ones that are not.
  const GenTable o(orders);
  std::set<std::string> intents;
  for (size_t i = 0; i < o.size(); ++i) intents.insert(o.at(i, "intent"));
  for (const char* intent : {"", "order", "plan", "proposal", "original-order"}) {
    INFO("intent '" << intent << "'");
    CHECK(intents.count(intent) == 1);
  }
  const GenTable v(visits);
  int sameEnd = 0;
  int openEnd = 0;
  std::set<std::string> statuses;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v.at(i, "claim_id")[0] != 'E') continue;
    statuses.insert(v.at(i, "status"));
    if (v.at(i, "end_date").empty()) ++openEnd;
    if (v.at(i, "date").size() > 10 && v.at(i, "end_date") == v.at(i, "date")) ++sameEnd;
  }
  CHECK(sameEnd > 50);
  CHECK(openEnd > 50);
  for (const char* s : {"finished", "completed", "cancelled", "entered-in-error", "not-done",
                        "in-progress", "planned", ""}) {
    INFO("status '" << s << "'");
    CHECK(statuses.count(s) == 1);
  }
}
