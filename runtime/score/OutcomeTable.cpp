// Packing and reading back a measure's outcomes.
#include "score/OutcomeTable.h"

#include <cstdio>
#include <cstdlib>

namespace mc::score {

namespace {

constexpr std::uint32_t kPopulation = 1u << 0;
constexpr std::uint32_t kEligible = 1u << 1;
constexpr std::uint32_t kExcluded = 1u << 2;
constexpr std::uint32_t kNumerator = 1u << 3;
constexpr std::uint32_t kException = 1u << 4;
constexpr std::uint32_t kUnknown = 1u << 5;
constexpr std::uint32_t kRuleMask =
    (1u << (PackedOutcome::kTermShift - PackedOutcome::kRuleShift)) - 1;

}  // namespace

OutcomeColumns columnsOf(const ir::Measure& m) {
  OutcomeColumns c;
  const bool eventUnit = m.unitQuery >= 0;
  c.value = ir::isRate(m.kind) || eventUnit;
  c.exposure = ir::isRate(m.kind);
  c.earnedOn = m.isReward();
  c.units = eventUnit;
  return c;
}

OutcomeTable::OutcomeTable(const ir::Measure& measure, size_t members)
    : measureId_(measure.id), columns_(columnsOf(measure)), packed_(members) {
  if (columns_.value) value_.resize(members, 0);
  if (columns_.exposure) exposure_.resize(members, 0);
  if (columns_.earnedOn) earnedOn_.resize(members, kNoDate);
  if (columns_.units) units_.resize(members);
}

OutcomeTable::OutcomeTable(const ir::Measure& measure, std::vector<MemberOutcome> outcomes)
    : OutcomeTable(measure, outcomes.size()) {
  for (size_t m = 0; m < outcomes.size(); ++m) set(m, std::move(outcomes[m]));
}

void OutcomeTable::lost(const char* what) const {
  std::fprintf(stderr,
               "measurec: internal error: measure %s: an outcome's %s has no place in its "
               "outcome table (score/OutcomeTable.h); please report this\n",
               measureId_.c_str(), what);
  std::abort();
}

void OutcomeTable::set(size_t member, MemberOutcome&& o) {
  if (o.decidingTerm < -1 || o.decidingTerm > PackedOutcome::kMaxTerm) lost("deciding term");
  std::uint32_t bits = 0;
  if (o.population) bits |= kPopulation;
  if (o.eligible) bits |= kEligible;
  if (o.excluded) bits |= kExcluded;
  if (o.numerator) bits |= kNumerator;
  if (o.exception) bits |= kException;
  if (o.decidingUnknown) bits |= kUnknown;
  bits |= static_cast<std::uint32_t>(o.decidingRule) << PackedOutcome::kRuleShift;
  bits |= static_cast<std::uint32_t>(o.decidingTerm + 1) << PackedOutcome::kTermShift;
  // Each value without a column must be the one reading back gives.
  if (columns_.value)
    value_[member] = o.numeratorValue;
  else if (o.numeratorValue != (o.numerator ? 1.0 : 0.0))
    lost("numerator value");
  if (columns_.exposure)
    exposure_[member] = o.exposure;
  else if (o.exposure != 0)
    lost("exposure");
  if (columns_.earnedOn)
    earnedOn_[member] = o.earnedOn;
  else if (o.earnedOn != kNoDate)
    lost("earned-on date");
  if (columns_.units)
    units_[member] = std::move(o.units);
  else if (!o.units.empty())
    lost("units");
  packed_[member].bits = bits;
}

OutcomeView OutcomeTable::operator[](size_t member) const {
  const std::uint32_t bits = packed_[member].bits;
  OutcomeView v;
  v.population = (bits & kPopulation) != 0;
  v.eligible = (bits & kEligible) != 0;
  v.excluded = (bits & kExcluded) != 0;
  v.numerator = (bits & kNumerator) != 0;
  v.exception = (bits & kException) != 0;
  v.decidingUnknown = (bits & kUnknown) != 0;
  v.decidingRule = static_cast<ir::RuleKind>((bits >> PackedOutcome::kRuleShift) & kRuleMask);
  v.decidingTerm = static_cast<std::int32_t>(bits >> PackedOutcome::kTermShift) - 1;
  v.numeratorValue = columns_.value ? value_[member] : v.numerator ? 1.0 : 0.0;
  if (columns_.exposure) v.exposure = exposure_[member];
  if (columns_.earnedOn) v.earnedOn = earnedOn_[member];
  if (columns_.units) v.units = UnitsView(units_[member]);
  return v;
}

size_t OutcomeTable::bytes() const {
  return packed_.capacity() * sizeof(PackedOutcome) + value_.capacity() * sizeof(double) +
         exposure_.capacity() * sizeof(double) + earnedOn_.capacity() * sizeof(Days) +
         units_.capacity() * sizeof(UnitCounts);
}

void ProviderColumn::makeOwn(size_t members) {
  shared_.reset();
  own_.assign(members, store::kNoProvider);
}

}  // namespace mc::score
