// Breast Cancer Screening (measures/2022/cbi/bcs.measure) written by hand.
#pragma once

#include "MeasureCodes.h"
#include "MemberFlags.h"

namespace mc::bench {

class Bcs {
 public:
  Bcs(const ir::Measure& measure, const store::MemberStore& store, Year mp);
  void score(store::MemberIndex begin, store::MemberIndex end, MemberFlags* out) const;

 private:
  bool eligible(store::MemberIndex m) const;
  bool excluded(store::MemberIndex m, int age) const;
  bool numerator(store::MemberIndex m) const;

  const store::MemberStore& store_;
  CodeMasks codes_;
  Year mp_;
  Days lookback_;   // October 1 two years before the measurement year
  Days priorYear_;  // MP.start - 1 year: advanced illness
};

}  // namespace mc::bench
