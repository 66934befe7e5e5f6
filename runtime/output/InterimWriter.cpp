// interim.csv: one line per provider and program measure.
#include "output/InterimWriter.h"

#include <string>

#include "output/ResultWriters.h"
#include "score/Attribution.h"
#include "support/CsvWriter.h"

namespace mc::output {

namespace {

std::string countOrEmpty(const std::optional<std::int64_t>& n) {
  return n ? std::to_string(*n) : std::string();
}

}  // namespace

void writeInterim(std::ostream& out, const store::MemberStore& store,
                  const std::vector<score::InterimRow>& rows) {
  csv::CsvWriter w(out);
  w.row({"provider_id", "measure", "denominator", "numerator", "rate", "next_level",
         "members_needed", "open_gaps", "why"});
  for (const score::InterimRow& row : rows) {
    const score::ProviderRate& r = *row.rate;
    w.field(std::string(score::providerIdText(store.providers, r.provider)));
    w.field(r.measure->id);
    w.field(formatCount(r.denominator));
    w.field(formatCount(r.numerator));
    w.field(r.rate ? formatRate(*r.rate) : std::string());
    w.field(row.nextLevel);
    w.field(countOrEmpty(row.membersNeeded));
    w.field(countOrEmpty(row.openGaps));
    w.field(row.why);
    w.endRow();
  }
}

std::optional<OutputError> writeInterimFile(const ResultsDirectory& dir,
                                            const store::MemberStore& store,
                                            const std::vector<score::InterimRow>& rows) {
  return dir.writeFile("interim.csv", [&](std::ostream& out) { writeInterim(out, store, rows); });
}

}  // namespace mc::output
