// scorecard.csv: the conventions of provider_results.csv (4-decimal rates,
// empty cells for what is absent).
#include "output/ScorecardWriter.h"

#include <fmt/format.h>

#include "output/ResultWriters.h"
#include "score/Attribution.h"
#include "support/CsvWriter.h"

namespace mc::output {

void writeScorecard(std::ostream& out, const store::MemberStore& store, const std::string& program,
                    const std::vector<score::ScorecardRow>& rows) {
  csv::CsvWriter w(out);
  w.row({"provider_id", "program", "domain", "measure", "rate", "points_earned", "points_possible",
         "stars", "payment", "why"});
  for (const score::ScorecardRow& r : rows) {
    w.field(std::string(score::providerIdText(store.providers, r.provider)));
    w.field(program);
    w.field(r.domain);
    w.field(r.measure);
    w.field(r.rate ? formatRate(*r.rate) : std::string());
    w.field(r.pointsEarned ? formatCount(*r.pointsEarned) : std::string());
    w.field(formatCount(r.pointsPossible));
    w.field(r.stars ? std::to_string(*r.stars) : std::string());
    w.field(r.payment ? fmt::format("{:.2f}", *r.payment) : std::string());
    w.field(r.why);
    w.endRow();
  }
}

std::optional<OutputError> writeScorecardFile(const ResultsDirectory& dir,
                                              const store::MemberStore& store,
                                              const std::string& program,
                                              const std::vector<score::ScorecardRow>& rows) {
  return dir.writeFile("scorecard.csv",
                       [&](std::ostream& out) { writeScorecard(out, store, program, rows); });
}

}  // namespace mc::output
