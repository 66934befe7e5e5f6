// Proportion of Days Covered: Statins
// (measures/2016/pharmacy-p4p/pdc_sta.measure) written by hand.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "MeasureCodes.h"
#include "MemberFlags.h"

namespace mc::bench {

class PdcSta {
 public:
  PdcSta(const ir::Measure& measure, const store::MemberStore& store, Year mp);
  void score(store::MemberIndex begin, store::MemberIndex end, MemberFlags* out) const;

 private:
  bool excluded(store::MemberIndex m) const;
  struct Fill {
    Days date;
    std::int32_t daysSupply;
    std::uint32_t drug;
  };
  // Per-member work space, reused from member to member.
  struct Scratch {
    std::vector<Fill> fills;
    std::vector<std::pair<std::uint32_t, std::int64_t>> onHand;  // drug, first day without
    std::vector<std::pair<std::int64_t, std::int64_t>> spans;    // covered days, clipped
  };
  bool adherent(store::MemberIndex m, Scratch& w) const;
  std::uint32_t drugOf(const store::EventTable& p, std::uint32_t e) const;

  const store::MemberStore& store_;
  CodeMasks codes_;
  Year mp_;
  // Per code id: a statin code's drug group or itself (PdcSta.cpp), bound
  // once per run as the code sets are.
  std::vector<std::uint32_t> drugOfCode_;
};

}  // namespace mc::bench
