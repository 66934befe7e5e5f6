// pharmacy_eligibility.csv.
#include "output/PharmacyEligibilityWriter.h"

#include <fmt/format.h>

#include "score/Attribution.h"
#include "support/CsvWriter.h"

namespace mc::output {

void writePharmacyEligibility(std::ostream& out, const store::MemberStore& store,
                              const std::vector<score::PharmacyEligibility>& rows) {
  csv::CsvWriter w(out);
  w.row({"pharmacy_id", "county", "in_county", "fills", "fills_first_half", "fills_second_half",
         "volume", "first_fill", "last_fill", "in_business", "qualifying_members", "members",
         "eligible"});
  const auto bit = [](bool b) { return b ? "1" : "0"; };
  const auto date = [](Days d) { return d == kNoDate ? std::string() : formatIsoDate(d); };
  for (const score::PharmacyEligibility& r : rows) {
    w.field(score::providerIdText(store.providers, r.pharmacy));
    w.field(r.county);
    w.field(bit(r.inCounty));
    w.field(fmt::format("{}", r.fills));
    w.field(fmt::format("{}", r.firstHalf));
    w.field(fmt::format("{}", r.secondHalf));
    w.field(bit(r.volume));
    w.field(date(r.firstFill));
    w.field(date(r.lastFill));
    w.field(bit(r.inBusiness));
    w.field(fmt::format("{}", r.qualifyingMembers));
    w.field(bit(r.members));
    w.field(bit(r.eligible));
    w.endRow();
  }
}

std::optional<OutputError> writePharmacyEligibilityFile(
    const ResultsDirectory& dir, const store::MemberStore& store,
    const std::vector<score::PharmacyEligibility>& rows) {
  return dir.writeFile("pharmacy_eligibility.csv",
                       [&](std::ostream& out) { writePharmacyEligibility(out, store, rows); });
}

}  // namespace mc::output
