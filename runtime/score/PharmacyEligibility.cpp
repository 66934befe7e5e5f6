// The seed's pharmacy eligibility criteria, per pharmacy.
#include "score/PharmacyEligibility.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "ir/CalendarOps.h"
#include "score/Attribution.h"
#include "support/EventVocabulary.h"

namespace mc::score {

bool isPharmacyMeasure(const ir::Measure& m) {
  return m.attributionQuery >= 0 ||
         (m.unitQuery >= 0 &&
          m.queries[static_cast<size_t>(m.unitQuery)].kind == ir::EventKind::Pharmacy);
}

bool anyPharmacyMeasure(const std::vector<MeasureOutcomes>& outcomes) {
  return std::any_of(outcomes.begin(), outcomes.end(), [](const MeasureOutcomes& mo) {
    return mo.measure != nullptr && isPharmacyMeasure(*mo.measure);
  });
}

namespace {

// The first day of the month of `d`.
Days monthStart(Days d) {
  const CivilDate c = civilFromDays(d);
  return daysFromCivil(c.year, c.month, 1);
}

bool isPharmacy(const store::ProviderTable& p, store::ProviderId id) {
  return !p.listed[id] || p.kind[id] == store::ProviderKind::Pharmacy;
}

// The share of [from, to] elapsed by `last` (inclusive days): 1 when the
// window is over, 0 before it begins.
double elapsed(Days from, Days to, Days last) {
  if (last >= to) return 1.0;
  if (last < from) return 0.0;
  return static_cast<double>(last - from + 1) / static_cast<double>(to - from + 1);
}

}  // namespace

std::vector<PharmacyEligibility> pharmacyEligibility(const store::MemberStore& store,
                                                     const std::vector<MeasureOutcomes>& outcomes,
                                                     Days periodStart, Days periodEnd,
                                                     const PharmacyEligibilityRules& rules,
                                                     Days asOf) {
  const store::ProviderTable& providers = store.providers;
  std::vector<PharmacyEligibility> rows(providers.size());
  std::vector<std::uint8_t> shown(providers.size(), 0);
  for (store::ProviderId p = 0; p < providers.size(); ++p) {
    rows[p].pharmacy = p;
    shown[p] = providers.listed[p] && providers.kind[p] == store::ProviderKind::Pharmacy;
  }

  // Volume and business dates from every counted fill.
  const store::EventTable& fills = store.table(store::EventKind::Pharmacy);
  const Days secondHalf = static_cast<Days>(ir::dateAddMonths(periodStart, 6));
  for (std::uint32_t e = 0; e < fills.size(); ++e) {
    const store::ProviderId p = fills.provider[e];
    if (p == store::kNoProvider || !isPharmacy(providers, p)) continue;
    if (((kDefaultCountedStatuses >> fills.status[e]) & 1u) == 0) continue;
    shown[p] = 1;
    PharmacyEligibility& r = rows[p];
    const Days d = fills.date[e];
    if (r.firstFill == kNoDate || d < r.firstFill) r.firstFill = d;
    if (r.lastFill == kNoDate || d > r.lastFill) r.lastFill = d;
    if (d < periodStart || d > periodEnd) continue;
    ++r.fills;
    ++(d < secondHalf ? r.firstHalf : r.secondHalf);
  }

  // Qualifying members: per member, the pharmacy measures they qualify for
  // at each pharmacy.
  std::vector<const MeasureOutcomes*> measures;
  for (const MeasureOutcomes& mo : outcomes)
    if (mo.measure != nullptr && isPharmacyMeasure(*mo.measure)) measures.push_back(&mo);
  std::vector<int> count(providers.size(), 0);
  std::vector<store::ProviderId> touched;
  for (store::MemberIndex m = 0; m < store.memberCount(); ++m) {
    touched.clear();
    const auto credit = [&](store::ProviderId p) {
      if (p == store::kNoProvider || p >= providers.size()) return;
      if (count[p]++ == 0) touched.push_back(p);
    };
    for (const MeasureOutcomes* mo : measures) {
      if (m >= mo->members.size()) continue;
      if (!mo->members.population(m)) continue;
      const OutcomeView o = mo->members[m];
      if (!inDenominator(o)) continue;
      if (mo->measure->unitQuery >= 0) {
        for (const UnitCount& u : o.units)
          if (u.units > 0) credit(u.provider);
      } else if (m < mo->provider.size()) {
        credit(mo->provider[m]);
      }
    }
    for (const store::ProviderId p : touched) {
      if (count[p] >= rules.measuresAtLeast) ++rows[p].qualifyingMembers;
      count[p] = 0;
    }
  }

  // An interim run judges the criteria so far: the data ends at the as-of
  // date, so the pharmacy is in business up to its month and each volume
  // needs the share of its figure due by then.
  const Days last = asOf != kNoDate ? std::min(asOf, periodEnd) : periodEnd;
  const double fillsOver =
      static_cast<double>(rules.yearVolumeOver) * elapsed(periodStart, periodEnd, last);
  const double firstHalfOver =
      static_cast<double>(rules.halfYearVolumeOver) * elapsed(periodStart, secondHalf - 1, last);
  const double secondHalfOver =
      static_cast<double>(rules.halfYearVolumeOver) * elapsed(secondHalf, periodEnd, last);
  std::vector<PharmacyEligibility> out;
  for (store::ProviderId p = 0; p < providers.size(); ++p) {
    if (!shown[p]) continue;
    PharmacyEligibility r = rows[p];
    r.county = providers.county[p];
    r.inCounty = std::any_of(rules.counties.begin(), rules.counties.end(),
                             [&](const std::string& c) { return equalsIgnoreCase(c, r.county); });
    r.soFar = last < periodEnd;
    r.fillsOver = fillsOver;
    r.firstHalfOver = firstHalfOver;
    r.secondHalfOver = secondHalfOver;
    // A half not begun asks for nothing (its share due is 0, and 0 fills
    // are not over 0).
    r.volume = static_cast<double>(r.fills) > fillsOver &&
               static_cast<double>(r.firstHalf) > firstHalfOver &&
               (secondHalfOver == 0 || static_cast<double>(r.secondHalf) > secondHalfOver);
    // The first and last fills in the data (any date) bracket the period,
    // and the pharmacy dispensed in it: fills before and after a period
    // without any are a pharmacy that was closed during it.
    r.inBusiness = r.fills > 0 && monthStart(r.firstFill) <= monthStart(periodStart) &&
                   monthStart(r.lastFill) >= monthStart(last);
    r.members = r.qualifyingMembers >= rules.membersAtLeast;
    r.eligible = r.inCounty && r.volume && r.inBusiness && r.members;
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(),
            [&](const PharmacyEligibility& a, const PharmacyEligibility& b) {
              return providerIdText(providers, a.pharmacy) < providerIdText(providers, b.pharmacy);
            });
  return out;
}

std::string eligibilityWhy(const PharmacyEligibility& r, const PharmacyEligibilityRules& rules) {
  // The seed's criteria in its order; every one failed is named, with the
  // figures behind it (pharmacy_eligibility.csv has the rest). No commas:
  // the why is one CSV cell an analyst greps.
  std::vector<std::string> failed;
  if (!r.inCounty) {
    failed.push_back(fmt::format("not in {} county ({})", fmt::join(rules.counties, " or "),
                                 r.county.empty() ? "no county" : r.county));
  }
  if (!r.volume) {
    if (!r.soFar) {
      failed.push_back(
          fmt::format("Rx volume {} not over {} ({} and {} by half; over {} each needed)", r.fills,
                      rules.yearVolumeOver, r.firstHalf, r.secondHalf, rules.halfYearVolumeOver));
    } else {
      // The shares due so far, at one decimal: what an interim report asks.
      failed.push_back(fmt::format(
          "Rx volume {} not over {:.1f} due so far ({} and {} by half; over {:.1f} and {:.1f} "
          "due)",
          r.fills, r.fillsOver, r.firstHalf, r.secondHalf, r.firstHalfOver, r.secondHalfOver));
    }
  }
  if (!r.inBusiness)
    failed.push_back(r.fills == 0
                         ? std::string("not in business the entire period (no fills in it)")
                         : fmt::format("not in business the entire period (fills {}..{})",
                                       formatIsoDate(r.firstFill), formatIsoDate(r.lastFill)));
  if (!r.members)
    failed.push_back(fmt::format("{} members qualify for {} of {} measures; at least {} needed",
                                 r.qualifyingMembers, rules.measuresAtLeast, rules.measuresOf,
                                 rules.membersAtLeast));
  if (failed.empty()) return {};
  return fmt::format("eligibility: {}", fmt::join(failed, "; "));
}

GateResult eligibilityGate(const std::vector<PharmacyEligibility>& rows,
                           const PharmacyEligibilityRules& rules, size_t providerCount) {
  GateResult out;
  out.why = "eligibility: not a pharmacy (no fills in the data and not listed as one)";
  out.passed.assign(providerCount, 0);
  out.whyByProvider.assign(providerCount, std::string());
  for (const PharmacyEligibility& r : rows) {
    if (r.pharmacy >= providerCount) continue;
    out.passed[r.pharmacy] = r.eligible ? 1 : 0;
    out.whyByProvider[r.pharmacy] = eligibilityWhy(r, rules);
  }
  return out;
}

}  // namespace mc::score
