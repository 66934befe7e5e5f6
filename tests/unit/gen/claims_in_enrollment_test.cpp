// A plan's claims start with enrollment: every generated event lies inside
// one of the member's enrollment spans and not after death, except the two
// deliberate kinds (a condition's onset, a state registry immunization).
// And the hospital stays the ACS measure counts carry principal diagnoses of
// the PQI composite it ships, never dehydration (PQI 10, not in it).
#include <catch2/catch.hpp>
#include <map>
#include <sstream>
#include <vector>

#include "GenTable.h"
#include "GenTestDir.h"
#include "support/Date.h"

using namespace mc;
using mc::gen::test::GeneratedDir;
using mc::gen::test::GenTable;

namespace {

// The day of a date cell; the eCQM rows' cells may carry a time after it.
Days day(const std::string& iso) { return *parseIsoDate(iso.substr(0, 10)); }

struct Coverage {
  std::vector<std::pair<Days, Days>> spans;
  Days death = kOpenEnd;
  bool covers(Days d) const {
    if (d > death) return false;
    for (const auto& [from, to] : spans)
      if (from <= d && d <= to) return true;
    return false;
  }
};

}  // namespace

TEST_CASE("every claim and record lies inside the member's enrollment", "[gen]") {
  const GeneratedDir dir(3000, 7, 2);
  REQUIRE_FALSE(dir.error);
  std::map<std::string, Coverage> coverage;
  const GenTable enrollment(dir.read("enrollment.csv"));
  for (size_t i = 0; i < enrollment.size(); ++i) {
    const std::string& end = enrollment.at(i, "end_date");
    coverage[enrollment.at(i, "member_id")].spans.emplace_back(day(enrollment.at(i, "start_date")),
                                                               end.empty() ? kOpenEnd : day(end));
  }
  const GenTable members(dir.read("members.csv"));
  for (size_t i = 0; i < members.size(); ++i)
    if (!members.at(i, "death_date").empty())
      coverage[members.at(i, "member_id")].death = day(members.at(i, "death_date"));

  int registryBefore = 0;
  for (const auto& [file, column] :
       std::vector<std::pair<const char*, const char*>>{{"visits.csv", "date"},
                                                        {"pharmacy.csv", "fill_date"},
                                                        {"observations.csv", "date"},
                                                        {"supplemental.csv", "date"},
                                                        {"referrals.csv", "date"},
                                                        {"immunizations.csv", "date"},
                                                        {"orders.csv", "date"}}) {
    const GenTable rows(dir.read(file));
    REQUIRE(rows.size() > 0);
    int outside = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      const Days d = day(rows.at(i, column));
      if (coverage.at(rows.at(i, "member_id")).covers(d)) continue;
      if (std::string(file) == "immunizations.csv" && rows.at(i, "source") == "registry") {
        ++registryBefore;
        continue;
      }
      ++outside;
      INFO(file << " line " << i + 2 << ": " << rows.at(i, "member_id") << " "
                << rows.at(i, column));
      CHECK(outside == 0);
      if (outside > 3) break;
    }
  }
  // The deliberate exception occurs: shots from before a child joined.
  CHECK(registryBefore > 0);
}

TEST_CASE("ambulatory care sensitive stays use PQI composite diagnoses, not dehydration", "[gen]") {
  const GeneratedDir dir(4000, 3, 2);
  REQUIRE_FALSE(dir.error);
  const GenTable visits(dir.read("visits.csv"));
  int stays = 0, heartFailure = 0;
  for (size_t i = 0; i < visits.size(); ++i) {
    if (visits.at(i, "setting") != "inpatient") continue;
    ++stays;
    std::stringstream codes(visits.at(i, "codes"));
    std::string code;
    while (codes >> code) {
      INFO(code);
      CHECK(code.rfind("ICD10CM:E86", 0) != 0);
      heartFailure += code == "ICD10CM:I11.0";
    }
  }
  CHECK(stays > 50);
  CHECK(heartFailure > 0);
}
