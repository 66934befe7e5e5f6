// pharmacy_ranking.csv and pharmacy_home.csv: counts as in scorecard.csv,
// the mean star level with 4 decimals, empty cells for what is absent.
#include "output/PharmacyRankingWriter.h"

#include <fmt/format.h>

#include "output/ResultWriters.h"
#include "score/Attribution.h"
#include "support/CsvWriter.h"

namespace mc::output {

namespace {

std::string stars(const score::PharmacyRank& r) {
  return r.overallStars ? std::to_string(*r.overallStars) : std::string();
}

}  // namespace

void writePharmacyRanking(std::ostream& out, const store::MemberStore& store,
                          const std::vector<score::PharmacyRank>& ranking) {
  csv::CsvWriter w(out);
  w.row({"rank", "provider_id", "composite", "mean_stars", "overall_stars", "eligible",
         "provider_of_the_year"});
  for (const score::PharmacyRank& r : ranking) {
    w.field(std::to_string(r.rank));
    w.field(std::string(score::providerIdText(store.providers, r.pharmacy)));
    w.field(formatCount(r.composite));
    w.field(r.meanStars ? formatRate(*r.meanStars) : std::string());
    w.field(stars(r));
    w.field(r.eligible ? "1" : "0");
    w.field(r.providerOfTheYear ? "1" : "0");
    w.endRow();
  }
}

void writePharmacyHome(std::ostream& out, const store::MemberStore& store,
                       const std::vector<score::PharmacyRank>& home) {
  csv::CsvWriter w(out);
  w.row({"provider_id", "overall_stars", "rank", "composite", "eligible"});
  for (const score::PharmacyRank& r : home) {
    w.field(std::string(score::providerIdText(store.providers, r.pharmacy)));
    w.field(stars(r));
    w.field(std::to_string(r.rank));
    w.field(formatCount(r.composite));
    w.field(r.eligible ? "1" : "0");
    w.endRow();
  }
}

std::optional<OutputError> writePharmacyRankingFiles(
    const ResultsDirectory& dir, const store::MemberStore& store,
    const std::vector<score::PharmacyRank>& ranking) {
  if (auto e = dir.writeFile("pharmacy_ranking.csv",
                             [&](std::ostream& out) { writePharmacyRanking(out, store, ranking); }))
    return e;
  const std::vector<score::PharmacyRank> home = score::pharmacyHome(ranking);
  return dir.writeFile("pharmacy_home.csv",
                       [&](std::ostream& out) { writePharmacyHome(out, store, home); });
}

}  // namespace mc::output
