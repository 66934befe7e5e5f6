// The rest of the score phase, with the run's own code.
#include "ScorePhaseRest.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>

#include "interp/CodeSetBinding.h"
#include "interp/Interpreter.h"
#include "interp/Plan.h"
#include "score/Attribution.h"
#include "score/ProviderRates.h"
#include "score/Strata.h"

namespace mc::bench {

double scorePhaseRest(const std::vector<const ir::Measure*>& measures,
                      const std::vector<std::vector<MemberFlags>>& flags,
                      const store::MemberStore& store, Year mp, int threads) {
  const auto started = std::chrono::steady_clock::now();
  const size_t members = store.memberCount();
  const interp::Period period{mp.start, mp.end};
  auto pcp = std::make_shared<std::vector<store::ProviderId>>(members);
  for (store::MemberIndex m = 0; m < members; ++m) (*pcp)[m] = score::linkedPcp(store, m, mp.end);
  std::vector<score::MeasureOutcomes> outcomes(measures.size());
  for (size_t i = 0; i < measures.size(); ++i) {
    const interp::CodeSetBinding binding(*measures[i], store.codes);
    const interp::Plan plan = interp::makePlan(*measures[i], store, binding, period);
    score::MeasureOutcomes& mo = outcomes[i];
    mo.measure = measures[i];
    mo.members = score::OutcomeTable(*measures[i], members);
    mo.provider = score::ProviderColumn(pcp);
    for (size_t m = 0; m < members; ++m) {
      const MemberFlags& f = flags[i][m];
      score::MemberOutcome o;
      o.population = f.population;
      o.eligible = f.eligible;
      o.excluded = f.excluded;
      o.numerator = f.numerator;
      o.numeratorValue = f.numerator;
      mo.members.set(m, std::move(o));
    }
    if (measures[i]->attributionQuery < 0) continue;
    mo.provider.makeOwn(members);
    auto attribute = [&](size_t begin, size_t end) {
      interp::Interpreter interp(*measures[i], store, binding, plan);
      for (size_t m = begin; m < end; ++m)
        mo.provider.set(m, mo.members[m].population
                               ? interp.pharmacyOf(static_cast<store::MemberIndex>(m)).pharmacy
                               : store::kNoProvider);
    };
    const size_t workers = static_cast<size_t>(std::max(1, threads));
    std::vector<std::thread> pool;
    const size_t chunk = (members + workers - 1) / workers;
    for (size_t begin = 0; begin < members; begin += chunk)
      pool.emplace_back(attribute, begin, std::min(members, begin + chunk));
    for (std::thread& t : pool) t.join();
  }
  const auto rates = score::providerRates(store, outcomes);
  const auto strata = score::strataRates(store, outcomes, mp.end);
  (void)rates;
  (void)strata;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace mc::bench
