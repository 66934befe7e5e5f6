// What scoring one member against one measure produced, and the table of
// those outcomes for a whole run. Written by the engine (interpreter or JIT),
// read by aggregation and the result writers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
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

// One per member and measure of the run, so its size is a large part of a
// run's peak memory (35 measures x 1,000,000 members): the small fields come
// first, packed, the 8-byte ones after.
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
// In the denominator: eligible, neither excluded nor an exception. The one
// definition every count of a denominator uses.
inline bool inDenominator(const MemberOutcome& o) {
  return o.eligible && !o.excluded && !o.exception;
}
// The member's unit events over every provider.
std::uint32_t unitTotal(const MemberOutcome& o);

// Outcomes of every member for one measure, indexed by MemberIndex, plus the
// provider each member is attributed to for that measure.
struct MeasureOutcomes {
  const ir::Measure* measure = nullptr;
  int minimum = 0;  // minimum denominator (0: none)
  std::vector<MemberOutcome> members;
  std::vector<store::ProviderId> provider;  // kNoProvider: UNLINKED
};

// The short human text of `reason` in member_results.csv, e.g.
// "excluded: in_hospice(MP)" or "numerator: exists visit with Mammography during lookback";
// a term that failed by being unknown is marked: "not met: a1c < 8.0 (unknown)".
std::string reasonText(const ir::Measure& m, const MemberOutcome& o);

}  // namespace mc::score
