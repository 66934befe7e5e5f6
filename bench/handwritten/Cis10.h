// Immunizations: Children, Combination 10 (measures/2022/cbi/cis10.measure)
// written by hand.
#pragma once

#include "MeasureCodes.h"
#include "MemberFlags.h"

namespace mc::bench {

class Cis10 {
 public:
  Cis10(const ir::Measure& measure, const store::MemberStore& store, Year mp);
  void score(store::MemberIndex begin, store::MemberIndex end, MemberFlags* out) const;

 private:
  bool excluded(store::MemberIndex m, Days birth, Days second) const;
  bool numerator(store::MemberIndex m, Days birth, Days first, Days second) const;

  const store::MemberStore& store_;
  CodeMasks codes_;
  Year mp_;
};

}  // namespace mc::bench
