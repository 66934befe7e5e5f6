// strata.csv: the same conventions as provider_results.csv (4-decimal rates,
// an empty rate for a zero denominator), plus the reference rate and the
// disparity percent of score/Strata.h.
#include "output/StrataWriter.h"

#include <fmt/format.h>

#include <cmath>

#include "output/ResultWriters.h"
#include "score/Attribution.h"
#include "support/CsvWriter.h"

namespace mc::output {

std::string formatPercent(double percent) {
  if (!std::isfinite(percent)) return {};
  // -0.00 reads as a disparity; a group at the reference rate is 0.00.
  const std::string text = fmt::format("{:.2f}", percent);
  return text == "-0.00" ? "0.00" : text;
}

void writeStrata(std::ostream& out, const store::MemberStore& store,
                 const std::vector<score::StratumRate>& rows) {
  csv::CsvWriter w(out);
  w.row({"provider_id", "measure", "stratifier", "stratum", "denominator", "numerator", "rate",
         "reference_rate", "disparity_pct"});
  auto optional = [](const std::optional<double>& v, std::string (*format)(double)) {
    return v ? format(*v) : std::string();
  };
  for (const score::StratumRate& r : rows) {
    w.field(r.planWide ? score::kPlanWide : score::providerIdText(store.providers, r.provider));
    w.field(r.measure->id);
    w.field(stratifierName(r.measure->stratifiers[static_cast<size_t>(r.stratifier)].kind));
    w.field(r.stratum);
    w.field(std::to_string(r.denominator));
    w.field(formatCount(r.numerator));
    w.field(optional(r.rate, formatRate));
    w.field(optional(r.referenceRate, formatRate));
    w.field(optional(r.disparityPercent, formatPercent));
    w.endRow();
  }
}

bool anyStratified(const std::vector<score::MeasureOutcomes>& outcomes) {
  for (const score::MeasureOutcomes& mo : outcomes)
    if (!mo.measure->stratifiers.empty()) return true;
  return false;
}

std::optional<OutputError> writeStrataFile(const ResultsDirectory& dir,
                                           const store::MemberStore& store,
                                           const std::vector<score::MeasureOutcomes>& outcomes,
                                           const std::vector<score::StratumRate>& rows) {
  if (!anyStratified(outcomes)) return std::nullopt;
  return dir.writeFile("strata.csv", [&](std::ostream& out) { writeStrata(out, store, rows); });
}

}  // namespace mc::output
