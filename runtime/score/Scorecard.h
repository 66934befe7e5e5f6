// Program scoring (scorecard.csv): each provider's rate per program measure
// turned into stars, points and dollars by the program's domains, points,
// star and payment thresholds and parameters (docs/language.md, programs).
//
// What is scored so far (issue 13, foundation):
// - stars from the printed thresholds (percent; lower is better for the
//   inverse kinds);
// - points possible: a measure's points, or in a `points N varies` domain
//   N shared equally among the measures the provider qualifies for;
// - points earned: the share of the highest benchmark tier the rate
//   reaches, or all of them at or above the payment threshold (which also
//   gates the tiers); a measure with neither is not scored and says why;
// - payment: points earned x the `point_value` parameter, when the program
//   has one; in a pharmacy program (PharmacyProgram.h), the program line's
//   payment is the pharmacy payout (PharmacyPayout.h) and the measure and
//   domain lines carry points and stars only;
// - gates: a provider failing a participation gate is paid nothing; its
//   lines keep their points and carry the gate's why;
// - fee-for-service payments (score/FeeForService.h): a line per payment
//   for every linked provider (domain `Fee-For-Service`, no points), paid
//   or not and why, then their total; included in the program total
//   dollars, and removed with the rest by a failed gate;
// - performance improvement (an `improvement` domain): a line per measure of
//   the domains it names; its points are shared equally among those the
//   provider qualifies for, and a measure earns its share by meeting its
//   plan goal or improving on the prior year (score/Improvement.h).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ir/Ir.h"
#include "score/FeeForService.h"
#include "score/Gate.h"
#include "score/PharmacyPayout.h"
#include "score/PriorResults.h"
#include "score/ProviderRates.h"

namespace mc::score {

// What scoring needs of a program measure (ir::ProgramMeasure without the
// measure's rules, which the run keeps elsewhere).
struct MeasureScoring {
  const ir::Measure* measure = nullptr;
  int domain = -1;
  double points = 0;
  bool exploratory = false;
  std::vector<double> stars;
  std::optional<double> payment;
  std::vector<std::pair<double, double>> tiers;  // (rate reached, share %)
  std::optional<double> goal = {};               // plan goal (performance improvement)
};

struct ProgramScoring {
  std::string program;
  std::vector<ir::ProgramDomain> domains;
  std::vector<MeasureScoring> measures;
  std::optional<double> pointValue;  // the `point_value` parameter (dollars a point)
  std::optional<double> p4pPool;     // the `p4p_pool` parameter (the pharmacy P4P dollars)
  // A pharmacy program's payout (set by addPharmacyProgram): the program
  // line of each pharmacy is paid by it.
  std::optional<PharmacyPayout> pharmacyPayout;
  // The program's gates, checked against the run's data: a provider failing
  // one keeps its points but is paid 0, and each of its lines says why.
  std::vector<GateResult> gates;
  // The program's fee-for-service payments, checked against the run's data.
  std::vector<FeeForServiceResult> feeForService;
  // Orders the providers only a fee-for-service payment brings (no rates)
  // among the others by provider_id; without it they come last.
  const store::ProviderTable* providers = nullptr;
  // `run --prior DIR`: last year's lines, the baseline of performance
  // improvement; absent without --prior (improvement by the plan goal only).
  std::optional<PriorRates> prior = {};
};

// The measures an improvement domain of `program` scores (those of the
// domains it is `over`), in program order, each once.
std::vector<std::string> improvementMeasures(const ProgramScoring& program);

// The domain of the fee-for-service lines and of their total.
inline constexpr const char* kFeeForServiceDomain = "Fee-For-Service";

struct ScorecardRow {
  store::ProviderId provider = store::kNoProvider;
  std::string domain;   // empty: the program total, or a measure outside domains
  std::string measure;  // empty: a total line
  std::optional<double> rate;
  std::optional<double> pointsEarned;  // absent when it cannot be scored yet
  double pointsPossible = 0;
  std::optional<int> stars;
  std::optional<double> payment;  // dollars
  std::string why;
};

// Stars 1..5 of a rate in percent against the thresholds of stars 2..5
// (lower bounds, increasing; for `lowerIsBetter` upper bounds, decreasing).
int starsFor(double percent, const std::vector<double>& thresholds, bool lowerIsBetter);

// True when `percent` reaches the payment threshold (at or above it; at or
// below it for `lowerIsBetter`).
bool meetsThreshold(double percent, double threshold, bool lowerIsBetter);

// The index of the highest benchmark tier `rate` reaches (at or above; at or
// below for `lowerIsBetter`), or -1 below the first.
int tierReached(double rate, const std::vector<std::pair<double, double>>& tiers,
                bool lowerIsBetter);

// The scorecard rows: per provider (in the order of `rates`, which
// providerRates sorts by provider_id), its measure lines by measure id,
// its fee-for-service lines in program order, then a total line per domain
// in program order, the fee-for-service total, then the program total.
std::vector<ScorecardRow> scorecard(const ProgramScoring& program,
                                    const std::vector<ProviderRate>& rates);

}  // namespace mc::score
