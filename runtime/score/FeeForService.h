// One-time fee-for-service payments of a program (`fee for service PCMH
// "..." pays 2500 dollars when provider has pcmh_recognized or
// tjc_certified`): which providers are paid in the run's period, and why.
//
// One-time: a provider is paid in the program year whose period holds the
// date the plan received a qualifying attribute (providers.csv
// `attributes`, DATA.md). An attribute dated outside the period was or will
// be paid in its own year: this run pays 0 for it and says so. With several
// qualifying attributes the earliest dated inside the period pays, once.
#pragma once

#include <string>
#include <vector>

#include "ir/Ir.h"
#include "store/MemberStore.h"

namespace mc::score {

struct FeeForServiceLine {
  double payment = 0;  // dollars: the payment, or 0
  std::string why;     // "pcmh_recognized received 2022-05-01: paid once"
};

struct FeeForServiceResult {
  std::string id;  // the payment's ID (scorecard.csv `measure`)
  double dollars = 0;
  // Indexed by ProviderId: the line of each provider holding a qualifying
  // attribute; `why` empty for the others.
  std::vector<FeeForServiceLine> byProvider;
  // The providers holding a qualifying attribute (dated in or out of the
  // period), in ProviderId order: each gets a line even without rates.
  std::vector<store::ProviderId> holders;

  std::string none;  // the why of a provider holding none: "no pcmh_recognized or ..."

  // A provider's line; one holding no qualifying attribute is paid 0.
  FeeForServiceLine lineOf(store::ProviderId p) const;
};

// `periodStart`..`periodEnd`: the run's measurement period (inclusive).
// `asOf` (an interim report, `run --as-of`): an attribute dated after it is
// not known yet and pays nothing, saying so; kNoDate: the whole period.
FeeForServiceResult checkFeeForService(const store::MemberStore& store,
                                       const ir::ProgramFeeForService& payment, Days periodStart,
                                       Days periodEnd, Days asOf = kNoDate);

}  // namespace mc::score
