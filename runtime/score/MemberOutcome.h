// What scoring one member against one measure produced, as the engines
// (interpreter and JIT) write it: one record per member of a block, packed
// into the run's OutcomeTable afterwards.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "ir/Ir.h"
#include "store/MemberStore.h"

namespace mc::score {

// An event-unit measure's units of one member under one provider: the
// events of the unit query that provider is on (a fill's pharmacy) and how
// many of them meet the numerator.
struct UnitCount {
  store::ProviderId provider = store::kNoProvider;  // kNoProvider: UNLINKED
  std::uint32_t units = 0;
  std::uint32_t numerator = 0;
};

// A member's units per provider (an event-unit measure), in the order first
// met. Most outcomes have none, so the list is one pointer until it holds
// something: MemberOutcome stays small.
class UnitCounts {
 public:
  UnitCounts() = default;
  UnitCounts(const UnitCounts& o)
      : list_(o.list_ ? std::make_unique<std::vector<UnitCount>>(*o.list_) : nullptr) {}
  UnitCounts& operator=(const UnitCounts& o) {
    if (this != &o) list_ = o.list_ ? std::make_unique<std::vector<UnitCount>>(*o.list_) : nullptr;
    return *this;
  }
  UnitCounts(UnitCounts&&) noexcept = default;
  UnitCounts& operator=(UnitCounts&&) noexcept = default;
  ~UnitCounts() = default;

  const UnitCount* begin() const { return list_ ? list_->data() : nullptr; }
  const UnitCount* end() const { return list_ ? list_->data() + list_->size() : nullptr; }
  bool empty() const { return !list_ || list_->empty(); }
  size_t size() const { return list_ ? list_->size() : 0; }
  // The count of `provider`, added at the end when not there yet.
  UnitCount& of(store::ProviderId provider) {
    if (!list_) list_ = std::make_unique<std::vector<UnitCount>>();
    for (UnitCount& u : *list_)
      if (u.provider == provider) return u;
    list_->push_back(UnitCount{provider});
    return list_->back();
  }

 private:
  std::unique_ptr<std::vector<UnitCount>> list_;
};

// What an engine (interpreter or JIT) writes for one member and measure: its
// scratch record, a block of members at a time. The run keeps the outcomes
// packed in an OutcomeTable (score/OutcomeTable.h) instead, so the size of
// this one matters only per block: the small fields come first, packed, the
// 8-byte ones after.
struct MemberOutcome {
  bool population = false;  // in the initial population: gets a member_results row
  bool eligible = false;    // population and the eligible rule
  bool excluded = false;    // eligible and an exclusion holds
  bool numerator = false;   // eligible, not excluded, numerator holds
  // eligible, not excluded, not in the numerator, and the `exception` rule
  // holds (eCQM "Denominator Exceptions"): out of the denominator and the
  // gaps, counted apart.
  bool exception = false;
  // The deciding term of a failed population/eligible/numerator rule was
  // unknown (a comparison with a missing value) rather than false.
  bool decidingUnknown = false;
  // The rule and term that decided the outcome (for `reason`): the first
  // failing term of population/eligible/numerator, the true exclusion or
  // exception term,
  // or the numerator's last term when the member is in the numerator.
  ir::RuleKind decidingRule = ir::RuleKind::Population;
  std::int32_t decidingTerm = -1;  // index into the rule's terms; -1: the rule as a whole
  // A reward (ir::Measure::earnedOn), for a member in the numerator: the
  // date it was earned; kNoDate when that date is missing in the data (the
  // member is then counted, never written to rewards/<REWARD>.csv).
  Days earnedOn = kNoDate;
  double numeratorValue = 0;  // 0/1 for proportion measures; the weighted count for rates
  double exposure = 0;        // rate measures: the member's member years
  // Event-unit measures (ir::Measure::unitQuery), for a member who passes
  // population, eligible and exclude: the member's units per provider, in
  // the order first met; numeratorValue is then the numerator's event count.
  UnitCounts units;
};
// 72 bytes before the fields were ordered by size and the units became a
// pointer.
static_assert(sizeof(MemberOutcome) <= 40,
              "MemberOutcome: keep the small fields packed ahead of the 8-byte ones");

}  // namespace mc::score
