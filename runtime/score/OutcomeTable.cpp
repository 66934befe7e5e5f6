// Packing and reading back a measure's outcomes.
#include "score/OutcomeTable.h"

#include <cstdio>
#include <cstdlib>
#include <limits>

namespace mc::score {

using P = PackedOutcome;

namespace {

// The cascade stops at the population stage for a member outside it, so no
// other flag is set: readers skip such members on population() alone.
bool flagsFollowPopulation(const MemberOutcome& o) {
  return o.population | !(o.eligible | o.excluded | o.numerator | o.exception);
}

// `o`'s packed word; its term bits 0 where the table keeps terms in a
// column of their own (`termBits` false).
std::uint16_t packed(const MemberOutcome& o, bool termBits = true) {
  const std::uint32_t term = termBits ? static_cast<std::uint32_t>(o.decidingTerm + 1) : 0;
  return static_cast<std::uint16_t>(static_cast<std::uint32_t>(o.population) * P::kPopulation |
                                    static_cast<std::uint32_t>(o.eligible) * P::kEligible |
                                    static_cast<std::uint32_t>(o.excluded) * P::kExcluded |
                                    static_cast<std::uint32_t>(o.numerator) * P::kNumerator |
                                    static_cast<std::uint32_t>(o.exception) * P::kException |
                                    static_cast<std::uint32_t>(o.decidingUnknown) * P::kUnknown |
                                    static_cast<std::uint32_t>(o.decidingRule) << P::kRuleShift |
                                    term << P::kTermShift);
}

}  // namespace

OutcomeColumns columnsOf(const ir::Measure& m) {
  OutcomeColumns c;
  const bool eventUnit = m.unitQuery >= 0;
  c.value = ir::isRate(m.kind) || eventUnit;
  c.exposure = ir::isRate(m.kind);
  c.earnedOn = m.isReward();
  c.units = eventUnit;
  for (const ir::Rule& r : m.rules)
    c.term |= static_cast<std::int64_t>(r.terms.size()) - 1 > P::kMaxTerm;
  return c;
}

OutcomeTable::OutcomeTable(const ir::Measure& measure, size_t members)
    : measureId_(measure.id), columns_(columnsOf(measure)), packed_(members) {
  if (columns_.value) value_ = ZeroedColumn<double>(members);
  if (columns_.exposure) exposure_ = ZeroedColumn<double>(members);
  if (columns_.earnedOn) earnedOn_.resize(members, kNoDate);
  if (columns_.units) units_.resize(members);
  if (columns_.term) termPlusOne_ = ZeroedColumn<std::int32_t>(members);
}

void OutcomeTable::populate() noexcept {
  packed_.populate();
  value_.populate();
  exposure_.populate();
  termPlusOne_.populate();
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

void OutcomeTable::lost(std::uint32_t what) const {
  if (what & LostOutcome::kTerm) lost("deciding term");
  if (what & LostOutcome::kFlags) lost("flags outside the population");
  if (what & LostOutcome::kValue) lost("numerator value");
  if (what & LostOutcome::kExposure) lost("exposure");
  lost("earned-on date");
}

OutcomeTable::Flat OutcomeTable::flat() const {
  Flat f;
  if (!packed_.empty()) f.packed = &packed_.data()->bits;
  if (columns_.value) f.value = value_.data();
  if (columns_.exposure) f.exposure = exposure_.data();
  return f;
}

OutcomeSink OutcomeTable::sink(size_t first) {
  static_assert(sizeof(PackedOutcome) == sizeof(std::uint16_t), "a packed word is its bits");
  OutcomeSink s;
  s.packed = &packed_.data()[first].bits;
  if (columns_.value) s.value = value_.data() + first;
  if (columns_.exposure) s.exposure = exposure_.data() + first;
  if (columns_.earnedOn) s.earnedOn = earnedOn_.data() + first;
  return s;
}

void OutcomeTable::set(size_t member, MemberOutcome&& o) {
  const std::int32_t maxTerm =
      columns_.term ? std::numeric_limits<std::int32_t>::max() - 1 : PackedOutcome::kMaxTerm;
  if (o.decidingTerm < -1 || o.decidingTerm > maxTerm) lost("deciding term");
  if (!flagsFollowPopulation(o)) lost("flags outside the population");
  const std::uint16_t bits = packed(o, !columns_.term);
  if (columns_.term) termPlusOne_[member] = o.decidingTerm + 1;
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

void OutcomeTable::set(size_t first, MemberOutcome* outcomes, size_t n) {
  const OutcomeColumns& c = columns_;
  if (c.value || c.exposure || c.earnedOn || c.units || c.term) {
    for (size_t k = 0; k < n; ++k) set(first + k, std::move(outcomes[k]));
    return;
  }
  // A member-unit proportion measure (most of a run): the packed words
  // only, and what has no column checked once for the block, without a
  // branch per member.
  bool fits = true;
  PackedOutcome* out = packed_.data() + first;
  for (size_t k = 0; k < n; ++k) {
    const MemberOutcome& o = outcomes[k];
    fits &= flagsFollowPopulation(o) & (o.decidingTerm >= -1) &
            (o.decidingTerm <= PackedOutcome::kMaxTerm) &
            (o.numeratorValue == (o.numerator ? 1.0 : 0.0)) & (o.exposure == 0) &
            (o.earnedOn == kNoDate) & o.units.empty();
    out[k].bits = packed(o);
  }
  // One of them has no place: the one-at-a-time path names it and aborts.
  if (!fits)
    for (size_t k = 0; k < n; ++k) set(first + k, std::move(outcomes[k]));
}

size_t OutcomeTable::bytes() const {
  return packed_.size() * sizeof(PackedOutcome) + value_.size() * sizeof(double) +
         exposure_.size() * sizeof(double) + termPlusOne_.size() * sizeof(std::int32_t) +
         earnedOn_.capacity() * sizeof(Days) + units_.capacity() * sizeof(UnitCounts);
}

void ProviderColumn::makeOwn(size_t members) {
  shared_.reset();
  own_.assign(members, store::kNoProvider);
}

}  // namespace mc::score
