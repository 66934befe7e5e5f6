// Performance improvement, one measure of one provider (score/Improvement.h).
#include "score/Improvement.h"

#include <fmt/format.h>

#include <cmath>

namespace mc::score {

namespace {

// Rates as provider_results.csv writes them.
std::string rateText(double rate) { return fmt::format("{:.4f}", rate); }

// The relative change to one decimal, cut toward zero so that a change just
// short of the mark never reads as reaching it (after sub-ulp noise: 0.7
// over 0.5 is 40.0%, not 39.9%).
std::string percentText(double percent) {
  return fmt::format("{:.1f}", std::trunc(percent * 10 + 1e-6) / 10);
}

// Sub-ulp noise of a division must not decide the boundary: 0.546 over
// 0.52 is 5%.
constexpr double kTolerance = 1e-9;

}  // namespace

ImprovementVerdict judgeImprovement(const ImprovementInput& in) {
  if (in.goal && (in.lowerIsBetter ? in.rate <= *in.goal : in.rate >= *in.goal))
    return {true, "met plan goal " + rateText(*in.goal)};
  const std::string goalPart =
      in.goal ? "below plan goal " + rateText(*in.goal) : std::string("no plan goal");
  std::string priorPart;
  switch (in.baseline) {
    case PriorBaseline::NotGiven: priorPart = "no --prior results: plan goal only"; break;
    case PriorBaseline::Absent:
    case PriorBaseline::NoRate: priorPart = "no prior-year rate"; break;
    case PriorBaseline::NotQualifying:
      priorPart = "prior-year line below minimum denominator";
      break;
    case PriorBaseline::Rate: {
      const double gain = in.lowerIsBetter ? in.prior - in.rate : in.rate - in.prior;
      const std::string prior = rateText(in.prior);
      if (in.prior == 0) {
        if (gain > 0) return {true, "improved over prior " + prior + " (from zero)"};
        priorPart = "no improvement over prior " + prior;
        break;
      }
      const double percent = gain / in.prior * 100;
      if (percent >= in.byPercent - kTolerance) {
        // At the mark within the tolerance: say the mark, not 4.9%.
        return {true, fmt::format("improved {}% over prior {}",
                                  percentText(std::max(percent, in.byPercent)), prior)};
      }
      priorPart = gain > 0 ? fmt::format("improved {}% over prior {} (short of {:g}%)",
                                         percentText(percent), prior, in.byPercent)
                           : "no improvement over prior " + prior;
      break;
    }
  }
  return {false, priorPart + "; " + goalPart};
}

PriorBaseline baselineOf(const std::optional<PriorRates>& prior, store::ProviderId provider,
                         const std::string& measure, double& priorRate) {
  if (!prior) return PriorBaseline::NotGiven;
  const auto it = prior->find({provider, measure});
  if (it == prior->end()) return PriorBaseline::Absent;
  if (!it->second.qualifies) return PriorBaseline::NotQualifying;
  if (!it->second.rate) return PriorBaseline::NoRate;
  priorRate = *it->second.rate;
  return PriorBaseline::Rate;
}

}  // namespace mc::score
