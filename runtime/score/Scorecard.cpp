// Program scoring; the rules are listed in Scorecard.h.
#include "score/Scorecard.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "score/Attribution.h"
#include "score/Improvement.h"

namespace mc::score {

int starsFor(double percent, const std::vector<double>& thresholds, bool lowerIsBetter) {
  int stars = 1;
  for (double t : thresholds)
    if (meetsThreshold(percent, t, lowerIsBetter)) ++stars;
  return stars;
}

// rate * 100 in doubles puts 29 of 50 at 57.99999999999999, below a
// printed 58%: a percent within half a level (MembersNeeded.h: 0.0001
// percent) of the threshold is on it, as the interim report counts.
bool meetsThreshold(double percent, double threshold, bool lowerIsBetter) {
  constexpr double kHalfLevel = 0.00005;
  return lowerIsBetter ? percent <= threshold + kHalfLevel : percent >= threshold - kHalfLevel;
}

int tierReached(double rate, const std::vector<std::pair<double, double>>& tiers,
                bool lowerIsBetter) {
  int reached = -1;
  for (size_t i = 0; i < tiers.size(); ++i)
    if (lowerIsBetter ? rate <= tiers[i].first : rate >= tiers[i].first)
      reached = static_cast<int>(i);
  return reached;
}

namespace {

struct Totals {
  double possible = 0;
  double earned = 0;
  bool earnedKnown = true;
  double payment = 0;
  bool paid = false;
};

void add(Totals& t, const ScorecardRow& r) {
  t.possible += r.pointsPossible;
  if (r.pointsEarned)
    t.earned += *r.pointsEarned;
  else
    t.earnedKnown = false;
  if (r.payment) {
    t.payment += *r.payment;
    t.paid = true;
  }
}

ScorecardRow totalRow(store::ProviderId provider, std::string domain, const Totals& t,
                      std::string why) {
  ScorecardRow r;
  r.provider = provider;
  r.domain = std::move(domain);
  r.pointsPossible = t.possible;
  if (t.earnedKnown) r.pointsEarned = t.earned;
  // A sum over lines some of which are not scored would pass for a total.
  if (t.paid && t.earnedKnown) r.payment = t.payment;
  r.why = t.earnedKnown ? std::move(why) : "total: some points not scored yet";
  return r;
}

// The lines of improvement domain `d` for one provider: one per measure of
// the domains it names, its points shared among those the provider
// qualifies for.
std::vector<ScorecardRow> improvementLines(const ProgramScoring& program, int d,
                                           store::ProviderId provider,
                                           const std::vector<const ProviderRate*>& rows) {
  const ir::ProgramDomain& domain = program.domains[static_cast<size_t>(d)];
  std::vector<std::pair<const ProviderRate*, const MeasureScoring*>> covered;
  for (const ProviderRate* r : rows) {
    for (const MeasureScoring& ms : program.measures) {
      if (ms.measure != r->measure || ms.exploratory) continue;
      if (std::find(domain.over.begin(), domain.over.end(), ms.domain) != domain.over.end())
        covered.emplace_back(r, &ms);
    }
  }
  size_t qualifying = 0;
  for (const auto& c : covered) qualifying += c.first->qualifies;
  std::vector<ScorecardRow> out;
  for (const auto& [r, ms] : covered) {
    ScorecardRow row;
    row.provider = provider;
    row.domain = domain.name;
    row.measure = r->measure->id;
    row.rate = r->rate;
    row.pointsPossible = r->qualifies ? domain.points / static_cast<double>(qualifying) : 0;
    row.pointsEarned = 0;
    if (provider == store::kNoProvider) {
      row.why = "unlinked: no provider to pay";
    } else if (!r->qualifies) {
      row.why = "below minimum denominator";
    } else if (!r->rate) {
      row.why = "no rate";
    } else {
      ImprovementInput in;
      in.rate = *r->rate;
      in.goal = ms->goal;
      in.baseline = baselineOf(program.prior, provider, r->measure->id, in.prior);
      in.byPercent = domain.byPercent;
      in.lowerIsBetter = ir::lowerIsBetter(r->measure->kind);
      const ImprovementVerdict verdict = judgeImprovement(in);
      if (verdict.earned) row.pointsEarned = row.pointsPossible;
      row.why = verdict.why;
    }
    if (program.pointValue) row.payment = *row.pointsEarned * *program.pointValue;
    out.push_back(std::move(row));
  }
  return out;
}

// The lines of one provider: `rows` are its provider_results rows.
void scoreProvider(const ProgramScoring& program,
                   const std::map<const ir::Measure*, const MeasureScoring*>& byMeasure,
                   store::ProviderId provider, const std::vector<const ProviderRate*>& rows,
                   std::vector<ScorecardRow>& out) {
  // A `points varies` domain shares its points among the measures this
  // provider qualifies for.
  std::vector<int> qualifying(program.domains.size(), 0);
  for (const ProviderRate* r : rows) {
    const MeasureScoring* ms = byMeasure.at(r->measure);
    if (ms->domain >= 0 && !ms->exploratory && r->qualifies) ++qualifying[ms->domain];
  }
  const bool unlinked = provider == store::kNoProvider;
  const size_t first = out.size();
  std::vector<Totals> domainTotals(program.domains.size());
  Totals programTotal;
  for (const ProviderRate* r : rows) {
    const MeasureScoring& ms = *byMeasure.at(r->measure);
    const bool lower = ir::lowerIsBetter(r->measure->kind);
    ScorecardRow row;
    row.provider = provider;
    row.measure = r->measure->id;
    row.rate = r->rate;
    const ir::ProgramDomain* domain =
        ms.domain >= 0 ? &program.domains[static_cast<size_t>(ms.domain)] : nullptr;
    if (domain != nullptr) row.domain = domain->name;
    if (ms.exploratory) row.domain = "exploratory";
    const std::optional<double> percent = r->rate && !ir::isRate(r->measure->kind)
                                              ? std::optional<double>(*r->rate * 100)
                                              : std::nullopt;
    if (percent && !ms.stars.empty()) row.stars = starsFor(*percent, ms.stars, lower);

    if (domain != nullptr && !ms.exploratory) {
      row.pointsPossible = !domain->varies ? ms.points
                           : r->qualifies
                               ? domain->points / qualifying[static_cast<size_t>(ms.domain)]
                               : 0;
    }
    if (ms.exploratory) {
      row.pointsEarned = 0;
      row.why = "exploratory: not paid";
    } else if (unlinked) {
      row.pointsEarned = 0;
      row.why = "unlinked: no provider to pay";
    } else if (!r->qualifies) {
      row.pointsEarned = 0;
      row.why = "below minimum denominator";
    } else if (!ms.payment && ms.tiers.empty()) {
      row.why = "no payment threshold or benchmark tiers: points not scored";
    } else if (!r->rate || (ms.payment && !percent)) {
      row.pointsEarned = 0;
      row.why = "no rate";
    } else if (ms.payment && !meetsThreshold(*percent, *ms.payment, lower)) {
      row.pointsEarned = 0;
      row.why = "below payment threshold";
    } else if (ms.tiers.empty()) {
      row.pointsEarned = row.pointsPossible;
      row.why = "meets payment threshold";
    } else {
      const int tier = tierReached(*r->rate, ms.tiers, lower);
      row.pointsEarned =
          tier < 0 ? 0 : row.pointsPossible * ms.tiers[static_cast<size_t>(tier)].second / 100;
      row.why = tier < 0 ? "below the first benchmark tier"
                         : fmt::format("benchmark tier {} of {}: {:g}% of the points", tier + 1,
                                       ms.tiers.size(), ms.tiers[static_cast<size_t>(tier)].second);
    }
    if (row.pointsEarned && program.pointValue)
      row.payment = *row.pointsEarned * *program.pointValue;
    if (ms.domain >= 0) add(domainTotals[static_cast<size_t>(ms.domain)], row);
    add(programTotal, row);
    out.push_back(std::move(row));
  }
  for (size_t d = 0; d < program.domains.size(); ++d) {
    if (!program.domains[d].improvement) continue;
    for (ScorecardRow& row : improvementLines(program, static_cast<int>(d), provider, rows)) {
      add(domainTotals[d], row);
      add(programTotal, row);
      out.push_back(std::move(row));
    }
  }
  // Fee-for-service lines earn dollars, not points: only their payment
  // counts towards the totals.
  Totals feeTotal;
  if (!unlinked) {
    for (const FeeForServiceResult& f : program.feeForService) {
      const FeeForServiceLine line = f.lineOf(provider);
      ScorecardRow row;
      row.provider = provider;
      row.domain = kFeeForServiceDomain;
      row.measure = f.id;
      row.pointsEarned = 0;  // dollars only: no points, earned or possible
      row.payment = line.payment;
      row.why = line.why;
      for (Totals* t : {&feeTotal, &programTotal}) {
        t->payment += line.payment;
        t->paid = true;
      }
      out.push_back(std::move(row));
    }
  }
  for (size_t d = 0; d < program.domains.size(); ++d)
    out.push_back(totalRow(provider, program.domains[d].name, domainTotals[d], "domain total"));
  if (!unlinked && !program.feeForService.empty())
    out.push_back(totalRow(provider, kFeeForServiceDomain, feeTotal, "fee-for-service total"));
  out.push_back(totalRow(provider, "", programTotal, "program total"));
  if (program.pharmacyPayout && !unlinked && out.back().pointsEarned) {
    const PharmacyPayout& pay = *program.pharmacyPayout;
    ScorecardRow& total = out.back();
    const std::uint64_t claims =
        provider < pay.claims.size() ? pay.claims[provider] : std::uint64_t{0};
    total.payment = pay.payout(provider, *total.pointsEarned);
    total.why = fmt::format("payout: {:g}% ({:g} of {:g} points) x ${:.4f} a claim x {} claims",
                            pay.performancePercent(*total.pointsEarned), *total.pointsEarned,
                            pay.programPoints, pay.valuePerClaim(), claims);
  }
  // An unlinked line is paid nothing already and says so.
  if (unlinked) return;
  for (const GateResult& gate : program.gates) {
    if (gate.passes(provider)) continue;
    for (size_t i = first; i < out.size(); ++i) {
      // No dollars, whether or not the points could be scored.
      out[i].payment = 0.0;
      out[i].why = gate.whyFor(provider);
    }
    return;  // the first gate failed names the reason
  }
}

}  // namespace

std::vector<ScorecardRow> scorecard(const ProgramScoring& program,
                                    const std::vector<ProviderRate>& rates) {
  std::map<const ir::Measure*, bool> inProgram;
  for (const MeasureScoring& ms : program.measures) inProgram[ms.measure] = true;
  // Each provider with its rates, in the order of `rates`.
  std::vector<std::pair<store::ProviderId, std::vector<const ProviderRate*>>> providers;
  std::vector<const ProviderRate*> rows;
  for (size_t i = 0; i < rates.size(); ++i) {
    if (inProgram.count(rates[i].measure) != 0) rows.push_back(&rates[i]);
    const bool last = i + 1 == rates.size() || rates[i + 1].provider != rates[i].provider;
    if (last && !rows.empty()) {
      providers.emplace_back(rates[i].provider, std::move(rows));
      rows.clear();
    }
  }
  // A provider a fee-for-service payment names is scored even without
  // members in the program's measures: the payment is not theirs.
  std::set<store::ProviderId> seen;
  for (const auto& entry : providers) seen.insert(entry.first);
  const size_t withRates = providers.size();
  for (const FeeForServiceResult& f : program.feeForService)
    for (store::ProviderId p : f.holders)
      if (seen.insert(p).second) providers.emplace_back(p, std::vector<const ProviderRate*>{});
  if (program.providers != nullptr && providers.size() > withRates) {
    std::stable_sort(providers.begin(), providers.end(), [&](const auto& a, const auto& b) {
      return providerIdText(*program.providers, a.first) <
             providerIdText(*program.providers, b.first);
    });
  }
  std::map<const ir::Measure*, const MeasureScoring*> byMeasure;
  for (const MeasureScoring& ms : program.measures) byMeasure[ms.measure] = &ms;
  // Room for every line at once: a provider's measures, then its domain,
  // fee-for-service and program totals and fee lines (improvement lines
  // beyond these grow it). At 3,000 providers x 35 measures the card is
  // 18 MB, copied at each doubling when it grew line by line.
  size_t lines = 0;
  for (const auto& entry : providers)
    lines += entry.second.size() + program.domains.size() + 2 * program.feeForService.size() + 2;
  std::vector<ScorecardRow> out;
  out.reserve(lines);
  for (const auto& [provider, its] : providers)
    scoreProvider(program, byMeasure, provider, its, out);
  return out;
}

std::vector<std::string> improvementMeasures(const ProgramScoring& program) {
  std::vector<std::string> out;
  for (const ir::ProgramDomain& d : program.domains) {
    if (!d.improvement) continue;
    for (const MeasureScoring& ms : program.measures) {
      if (ms.exploratory || ms.measure == nullptr) continue;
      if (std::find(d.over.begin(), d.over.end(), ms.domain) == d.over.end()) continue;
      if (std::find(out.begin(), out.end(), ms.measure->id) == out.end())
        out.push_back(ms.measure->id);
    }
  }
  return out;
}

}  // namespace mc::score
