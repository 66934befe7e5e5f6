// The sections of report.html, each appending its HTML to `out`
// (HtmlReport.h says what the page holds). Internal to runtime/output.
#pragma once

#include <string>

#include "output/HtmlReport.h"

namespace mc::output::report {

// "P0001 Family Clinic": the provider id and, when providers.csv names it,
// its name; escaped.
std::string providerLabel(const store::MemberStore& store, store::ProviderId provider);
// A rate as the page shows it: "73.5%" for a proportion, "412.3 per 1,000
// member years" for a rate measure; "-" when absent.
std::string rateText(const ir::Measure& measure, const std::optional<double>& rate);

// ReportTotals.cpp: providers scored, earning points or not, points and
// dollars, per domain. Program runs only.
void programTotals(const HtmlReportInput& in, std::string& out);
// ReportScorecards.cpp: a collapsible scorecard per provider.
void providerScorecards(const HtmlReportInput& in, const HtmlReportLimits& limits,
                        std::string& out);
// ReportMeasures.cpp: per measure its plan-wide rate, the chart of provider
// rates against the program's figures, and the star spread.
void measureCharts(const HtmlReportInput& in, std::string& out);
// ReportGaps.cpp: the providers with the most care gaps, per measure.
void careGapLists(const HtmlReportInput& in, const HtmlReportLimits& limits, std::string& out);
// ReportStrata.cpp: the plan-wide strata of stratified measures.
void strataTable(const HtmlReportInput& in, std::string& out);
// ReportPharmacyRanking.cpp: overall stars, Provider of the Year, Pharmacy
// Home. Pharmacy programs only.
void pharmacyRanking(const HtmlReportInput& in, std::string& out);
// ReportInterim.cpp: the lines within reach of their next level. Interim
// (--as-of) program runs only.
void interimReach(const HtmlReportInput& in, const HtmlReportLimits& limits, std::string& out);
// ReportRewards.cpp: the members per reward. Runs with rewards only.
void memberRewards(const HtmlReportInput& in, std::string& out);

}  // namespace mc::output::report
