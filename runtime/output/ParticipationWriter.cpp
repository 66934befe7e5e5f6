// participation.csv: one line per PCP, gate and month.
#include "output/ParticipationWriter.h"

#include <string>

#include "score/Attribution.h"
#include "support/CsvWriter.h"

namespace mc::output {

void writeParticipation(std::ostream& out, const store::MemberStore& store,
                        const std::vector<score::ParticipationRow>& rows) {
  csv::CsvWriter w(out);
  w.row({"provider_id", "gate", "month", "submissions", "submitted", "gate_met"});
  for (const score::ParticipationRow& r : rows) {
    w.field(std::string(score::providerIdText(store.providers, r.provider)));
    w.field(r.gate);
    w.field(r.month);
    w.field(std::to_string(r.submissions));
    w.field(r.submissions > 0 ? "1" : "0");
    w.field(r.met ? "1" : "0");
    w.endRow();
  }
}

std::optional<OutputError> writeParticipationFile(
    const ResultsDirectory& dir, const store::MemberStore& store,
    const std::vector<score::ParticipationRow>& rows) {
  return dir.writeFile("participation.csv",
                       [&](std::ostream& out) { writeParticipation(out, store, rows); });
}

}  // namespace mc::output
