// Fee-for-service payments; the rule is in FeeForService.h.
#include "score/FeeForService.h"

#include <fmt/format.h>

#include <algorithm>

#include "store/ProviderAttributes.h"

namespace mc::score {

FeeForServiceLine FeeForServiceResult::lineOf(store::ProviderId p) const {
  if (p < byProvider.size() && !byProvider[p].why.empty()) return byProvider[p];
  return {0, none};
}

FeeForServiceResult checkFeeForService(const store::MemberStore& store,
                                       const ir::ProgramFeeForService& payment, Days periodStart,
                                       Days periodEnd, Days asOf) {
  FeeForServiceResult out;
  out.id = payment.id;
  out.dollars = payment.dollars;
  std::string names;
  for (size_t i = 0; i < payment.attributes.size(); ++i)
    names += (i == 0                               ? ""
              : i + 1 == payment.attributes.size() ? " or "
                                                   : ", ") +
             payment.attributes[i];
  out.none = "no " + names + " attribute";
  out.byProvider.resize(store.providers.size());
  std::vector<store::ProviderAttribute> dated;
  std::string problem, todo;
  for (size_t p = 0; p < store.providers.size(); ++p) {
    // The loader refused any cell that does not parse.
    if (!store::parseProviderAttributes(store.providers.attributes[p], dated, problem, todo))
      continue;
    const store::ProviderAttribute* inPeriod = nullptr;
    const store::ProviderAttribute* notYet = nullptr;  // in the period, after asOf
    const store::ProviderAttribute* outside = nullptr;
    for (const store::ProviderAttribute& a : dated) {
      if (std::find(payment.attributes.begin(), payment.attributes.end(), a.name) ==
          payment.attributes.end())
        continue;
      const bool in = a.date >= periodStart && a.date <= periodEnd;
      const store::ProviderAttribute*& slot =
          !in ? outside : (asOf != kNoDate && a.date > asOf ? notYet : inPeriod);
      if (slot == nullptr || a.date < slot->date) slot = &a;
    }
    FeeForServiceLine& line = out.byProvider[p];
    if (inPeriod != nullptr) {
      line = {payment.dollars, fmt::format("{} received {}: paid once", inPeriod->name,
                                           formatIsoDate(inPeriod->date))};
    } else if (notYet != nullptr) {
      line = {0, fmt::format("{} received {}, after the as-of date {}: not known yet", notYet->name,
                             formatIsoDate(notYet->date), formatIsoDate(asOf))};
    } else if (outside != nullptr) {
      line = {0, fmt::format("{} received {}, outside the period {}..{}: one-time, it counts "
                             "in the year of its date",
                             outside->name, formatIsoDate(outside->date),
                             formatIsoDate(periodStart), formatIsoDate(periodEnd))};
    } else {
      continue;
    }
    out.holders.push_back(static_cast<store::ProviderId>(p));
  }
  return out;
}

}  // namespace mc::score
