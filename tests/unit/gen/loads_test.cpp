// A generated population is a valid data directory: every file loads with
// the store's loader with no rejected row, every DATA.md column (required and
// optional) is there and used, and a few events carry statuses that do not
// count.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <sstream>

#include "GenTable.h"
#include "GenTestDir.h"
#include "store/DataDirectoryLoader.h"
#include "support/EventVocabulary.h"

using namespace mc;
using mc::gen::test::GeneratedDir;

namespace {

// DATA.md "Inputs": every column of every file, required and optional.
const std::map<std::string, std::vector<std::string>> kDataMdColumns = {
    {"members.csv",
     {"member_id", "birth_date", "sex", "race", "ethnicity", "language", "county", "death_date"}},
    {"enrollment.csv", {"member_id", "start_date", "end_date", "pcp_id", "product", "plan"}},
    {"providers.csv", {"provider_id", "kind", "name", "county", "attributes"}},
    {"visits.csv",
     {"member_id", "date", "codes", "claim_id", "provider_id", "end_date", "setting",
      "discharge_status", "status", "body_site", "reason"}},
    {"pharmacy.csv",
     {"member_id", "fill_date", "days_supply", "ndc", "rxnorm", "claim_id", "pharmacy_id",
      "prescriber_id", "quantity", "generic", "status"}},
    {"observations.csv",
     {"member_id", "date", "code", "value", "unit", "provider_id", "status", "end_date", "reason",
      "category", "setting"}},
    {"conditions.csv",
     {"member_id", "onset_date", "codes", "abatement_date", "provider_id", "status", "body_site",
      "category"}},
    {"orders.csv", {"member_id", "date", "codes", "provider_id", "status", "end_date", "intent"}},
    {"immunizations.csv", {"member_id", "date", "code", "provider_id", "source", "status"}},
    {"supplemental.csv", {"member_id", "date", "codes", "provider_id", "value", "status"}},
    {"referrals.csv",
     {"member_id", "date", "from_provider_id", "referral_id", "to_provider_id", "specialty",
      "status"}},
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string cell;
  while (std::getline(in, cell, ',')) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

// Rows of a generated file (no field is quoted except provider names, which
// hold no comma).
std::vector<std::vector<std::string>> rows(const std::string& text) {
  std::vector<std::vector<std::string>> out;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(split(line));
  return out;
}

}  // namespace

TEST_CASE("every generated file loads with no rejected row", "[gen]") {
  const GeneratedDir g(3000, 11, 2);
  REQUIRE_FALSE(g.error);
  const store::LoadResult r = store::loadDataDirectory(g.dir.dir(), {});
  REQUIRE_FALSE(r.error);
  REQUIRE(r.store);
  CHECK(r.badRowCount == 0);
  CHECK(r.warnings().empty());  // every provider id is in providers.csv
  CHECK(r.store->memberCount() == 3000);
  for (const store::FileCounts& f : r.files) {
    INFO(f.file);
    CHECK(f.present);
    CHECK(f.rows > 0);
    CHECK(f.rejected == 0);
    CHECK(f.accepted == f.rows);
    CHECK(f.unknownProviders == 0);
  }
}

TEST_CASE("every DATA.md column is present and used", "[gen]") {
  const GeneratedDir g(3000, 12, 2);
  REQUIRE_FALSE(g.error);
  for (const auto& [file, columns] : kDataMdColumns) {
    INFO(file);
    const auto table = rows(g.read(file));
    REQUIRE(table.size() > 1);
    const std::vector<std::string>& header = table.front();
    for (const std::string& column : columns) {
      INFO(column);
      const auto at = std::find(header.begin(), header.end(), column);
      REQUIRE(at != header.end());
      const size_t index = static_cast<size_t>(at - header.begin());
      // Some row fills the column: an optional column that is always empty
      // would test nothing downstream.
      bool used = false;
      for (size_t i = 1; i < table.size() && !used; ++i)
        used = index < table[i].size() && !table[i][index].empty();
      CHECK(used);
    }
  }
}

TEST_CASE("a few percent of events carry a status that does not count", "[gen]") {
  const GeneratedDir g(3000, 13, 2);
  REQUIRE_FALSE(g.error);
  const store::LoadResult r = store::loadDataDirectory(g.dir.dir(), {});
  REQUIRE(r.store);
  // The eCQM side's encounters are `finished` (QI-Core's Encounter.status),
  // its orders `active`: statuses the default convention does not count and
  // the eCQMs do; the claims' share is checked below.
  for (const store::FileCounts& f : r.files) {
    if (!f.hasStatuses || f.file == "referrals.csv" || f.file == "orders.csv" ||
        f.file == "visits.csv")
      continue;
    INFO(f.file);
    const double share = static_cast<double>(f.notCountedByStatus()) / static_cast<double>(f.rows);
    CHECK(share > 0.0);
    CHECK(share < 0.10);
  }
  const store::FileCounts& visits = r.files[3];
  REQUIRE(visits.file == "visits.csv");
  CHECK(visits.byStatus[*statusIndex("cancelled")] > 0);
  CHECK(visits.byStatus[*statusIndex("entered-in-error")] > 0);
  CHECK(visits.byStatus[*statusIndex("finished")] > 0);
  // Claims (claim ids C...): a few percent not counted.
  const auto table = rows(g.read("visits.csv"));
  const std::vector<std::string>& header = table.front();
  const size_t claim =
      static_cast<size_t>(std::find(header.begin(), header.end(), "claim_id") - header.begin());
  const size_t status =
      static_cast<size_t>(std::find(header.begin(), header.end(), "status") - header.begin());
  REQUIRE(status < header.size());
  int claims = 0;
  int notCounted = 0;
  for (size_t i = 1; i < table.size(); ++i) {
    if (table[i][claim][0] != 'C') continue;
    ++claims;
    const auto s = statusIndex(table[i][status]);
    REQUIRE(s);
    if ((kDefaultCountedStatuses & (StatusMask{1} << *s)) == 0) ++notCounted;
  }
  REQUIRE(claims > 1000);
  const double share = static_cast<double>(notCounted) / claims;
  CHECK(share > 0.0);
  CHECK(share < 0.10);
}

TEST_CASE("the provider network has the kinds and counties the programs need", "[gen]") {
  const GeneratedDir g(3000, 14, 1);
  REQUIRE_FALSE(g.error);
  const std::string providers = g.read("providers.csv");
  for (const char* kind : {",pcp,", ",specialist,", ",hospital,", ",lab,", ",pharmacy,", ",other,"})
    CHECK(providers.find(kind) != std::string::npos);
  CHECK(providers.find("OB/GYN") != std::string::npos);
  CHECK(providers.find("San Bernardino") != std::string::npos);
  CHECK(providers.find("Riverside") != std::string::npos);
  CHECK(providers.find("pcmh_recognized=2022-") != std::string::npos);
  CHECK(providers.find("bh_distinction=2022-09-01") != std::string::npos);
  // The CBI fee-for-service payments: TJC certification in the period and before it.
  CHECK(providers.find("tjc_certified=2022-03-15") != std::string::npos);
  CHECK(providers.find("tjc_certified=2021-03-15") != std::string::npos);
}

// The GQ P4P participation gate (seed 000) must have PCPs to fail: one
// office in seven (index 5, 12, ...) joins the registry on July 15, so its
// first registry row is dated after the gate's 2022-07-01; the others
// submit before it.
TEST_CASE("some PCP offices join the immunization registry only in July", "[gen]") {
  const GeneratedDir g(3000, 15, 1);
  REQUIRE_FALSE(g.error);
  const mc::gen::test::GenTable t(g.read("immunizations.csv"));
  std::map<std::string, std::string> firstRegistry;  // PCP -> earliest registry date
  for (size_t i = 0; i < t.size(); ++i) {
    const std::string& p = t.at(i, "provider_id");
    if (t.at(i, "source") != "registry" || p.rfind("PCP", 0) != 0) continue;
    auto [it, fresh] = firstRegistry.emplace(p, t.at(i, "date"));
    if (!fresh) it->second = std::min(it->second, t.at(i, "date"));
  }
  // 3,000 members: 12 PCPs; PCP0006 (index 5) is the late joiner.
  REQUIRE(firstRegistry.count("PCP0006") == 1);
  CHECK(firstRegistry["PCP0006"] >= "2022-07-15");
  for (const auto& [pcp, first] : firstRegistry) {
    INFO(pcp);
    if (pcp != "PCP0006") CHECK(first <= "2022-07-01");
  }
}

// Scorecards need providers that earn nothing: one PCP office in eleven
// (index 10: PCP0011) is new to the network with a handful of linked
// members, below every minimum denominator, while the others have hundreds.
TEST_CASE("a new PCP office has only a handful of linked members", "[gen]") {
  const GeneratedDir g(3000, 16, 1);
  REQUIRE_FALSE(g.error);
  const mc::gen::test::GenTable t(g.read("enrollment.csv"));
  std::map<std::string, std::set<std::string>> panel;  // PCP -> members linked at some time
  for (size_t i = 0; i < t.size(); ++i)
    if (!t.at(i, "pcp_id").empty()) panel[t.at(i, "pcp_id")].insert(t.at(i, "member_id"));
  // 3,000 members: 12 PCPs, about 250 each.
  REQUIRE(panel.size() >= 11);
  CHECK(panel["PCP0011"].size() < 5);
  for (const auto& [pcp, members] : panel) {
    INFO(pcp);
    if (pcp != "PCP0011") CHECK(members.size() > 100);
  }
}
