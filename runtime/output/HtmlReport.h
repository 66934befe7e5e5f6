// report.html (DATA.md, Outputs; docs/data.md): one self-contained page per
// results directory for a reader without a spreadsheet. The run header, the
// program totals, per measure the providers' rates against the program's
// tiers, stars and payment threshold (inline SVG) and the star spread, a
// pharmacy program's ranking (overall stars, Provider of the Year, Pharmacy
// Home), on an interim run the lines within reach of their next level, a
// scorecard per provider with the why of each line, the members
// per member reward, the providers with the most care gaps, and the
// plan-wide strata.
//
// Self-contained: inline CSS and SVG and one small inline script (a filter
// over the provider scorecards); no URL at all, so it opens offline and
// from an e-mail attachment. Every name and title is escaped. Long lists
// are capped (the page of a 20,000-member run stays a few megabytes) and say
// how many entries they left out and which CSV file has them all.
//
// The scorecard section is generic over score::ScorecardRow: a line is
// shown with its domain, measure, rate, points, stars, payment and why
// whatever rule produced it; total lines are those without a measure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "output/ResultsDirectory.h"
#include "output/RunReport.h"
#include "score/Interim.h"
#include "score/Outcome.h"
#include "score/PharmacyRanking.h"
#include "score/ProviderRates.h"
#include "score/Scorecard.h"
#include "score/Strata.h"
#include "store/MemberStore.h"

namespace mc::output {

struct HtmlReportInput {
  const RunReport* run = nullptr;  // the header: program, period, as_of, members, timings
  std::string programTitle;        // empty: the program id alone (or a --measure run)
  const store::MemberStore* store = nullptr;
  const std::vector<score::MeasureOutcomes>* outcomes = nullptr;
  const std::vector<score::ProviderRate>* rates = nullptr;
  // A program run: its figures and scorecard rows. Null for a run of
  // measure files: the page then has no scorecard section.
  const score::ProgramScoring* scoring = nullptr;
  const std::vector<score::ScorecardRow>* scorecard = nullptr;
  const std::vector<score::StratumRate>* strata = nullptr;  // may be null
  // A pharmacy program's ranking (pharmacy_ranking.csv); null otherwise.
  const std::vector<score::PharmacyRank>* pharmacyRanking = nullptr;
  // An interim (--as-of) program run's interim.csv rows; null otherwise.
  const std::vector<score::InterimRow>* interim = nullptr;
  // The run's threads, for the passes over every member's outcomes (the
  // page is the same for any count).
  int threads = 1;
};

// How many entries the long lists show at most.
struct HtmlReportLimits {
  size_t providerScorecards = 200;
  size_t gapProviders = 25;
  size_t interimLines = 50;
};

std::string htmlReport(const HtmlReportInput& input, const HtmlReportLimits& limits = {});

// The page in two parts: its sections (every figure below the run's header),
// which a run makes while its large result files are still being written,
// and the page around them, made after, when the header's write time is
// known. htmlReport(in) is htmlReportPage(in, htmlReportSections(in)).
std::string htmlReportSections(const HtmlReportInput& input, const HtmlReportLimits& limits = {});
std::string htmlReportPage(const HtmlReportInput& input, std::string_view sections);

// report.html: the page around `sections` (htmlReportSections of the same
// input).
std::optional<OutputError> writeHtmlReportFile(const ResultsDirectory& dir,
                                               const HtmlReportInput& input,
                                               std::string_view sections);

}  // namespace mc::output
