// The outcomes of every member for one measure, packed: a run keeps one per
// measure (35 measures x 1,000,000 members), so its size is most of a run's
// peak memory beyond the store. A member's flags, deciding rule and deciding
// term fit in 2 bytes; the values only some measure kinds have live in side
// columns that only those measures get, decided from the ir::Measure when
// the table is made.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ir/Ir.h"
#include "score/MemberOutcome.h"
#include "score/ZeroedColumn.h"
#include "store/MemberStore.h"
#include "support/Date.h"
#include "support/LargePages.h"

namespace mc::score {

// A member's units per provider as read from a table (or a MemberOutcome):
// the same reading interface as UnitCounts, without owning the list.
class UnitsView {
 public:
  UnitsView() = default;
  explicit UnitsView(const UnitCounts& u) : first_(u.begin()), last_(u.end()) {}
  const UnitCount* begin() const { return first_; }
  const UnitCount* end() const { return last_; }
  bool empty() const { return first_ == last_; }
  size_t size() const { return static_cast<size_t>(last_ - first_); }

 private:
  const UnitCount* first_ = nullptr;
  const UnitCount* last_ = nullptr;
};

// One member's outcome for one measure, read back: the fields of
// MemberOutcome under the same names, by value (units excepted: a view of
// the table's list, valid while the table is). Made from a MemberOutcome
// too, so that what reads a table also reads an engine's record.
struct OutcomeView {
  bool population = false;
  bool eligible = false;
  bool excluded = false;
  bool numerator = false;
  bool exception = false;
  bool decidingUnknown = false;
  ir::RuleKind decidingRule = ir::RuleKind::Population;
  std::int32_t decidingTerm = -1;
  Days earnedOn = kNoDate;
  double numeratorValue = 0;
  double exposure = 0;
  UnitsView units;

  OutcomeView() = default;
  // Implicit on purpose: every reader of outcomes takes an OutcomeView.
  OutcomeView(const MemberOutcome& o)  // NOLINT(google-explicit-constructor)
      : population(o.population),
        eligible(o.eligible),
        excluded(o.excluded),
        numerator(o.numerator),
        exception(o.exception),
        decidingUnknown(o.decidingUnknown),
        decidingRule(o.decidingRule),
        decidingTerm(o.decidingTerm),
        earnedOn(o.earnedOn),
        numeratorValue(o.numeratorValue),
        exposure(o.exposure),
        units(o.units) {}
};

// The packed part of a member's outcome, 16 bits: the six flags, the
// deciding rule, and the deciding term + 1 (0: the rule as a whole, -1).
// A term index up to kMaxTerm fits; a measure with a rule of more terms
// keeps its members' deciding terms in a column of their own
// (OutcomeColumns::term) and leaves the word's term bits 0. Half of a
// 32-bit word: the tables are most of a run's fresh memory beyond the
// store (35 x 1,000,000 words), faulted in and read through by every
// writer.
struct PackedOutcome {
  std::uint16_t bits = 0;  // all zero: MemberOutcome{} (not in the population)

  static constexpr std::uint32_t kPopulation = 1u << 0;
  static constexpr std::uint32_t kEligible = 1u << 1;
  static constexpr std::uint32_t kExcluded = 1u << 2;
  static constexpr std::uint32_t kNumerator = 1u << 3;
  static constexpr std::uint32_t kException = 1u << 4;
  static constexpr std::uint32_t kUnknown = 1u << 5;
  static constexpr int kRuleShift = 6;
  static constexpr int kTermShift = 9;
  static constexpr int kWordBits = 16;
  // The largest deciding term that fits (a rule of 127 terms).
  static constexpr std::int32_t kMaxTerm =
      static_cast<std::int32_t>((1u << (kWordBits - kTermShift)) - 2);
  static constexpr std::uint32_t kRuleMask = (1u << (kTermShift - kRuleShift)) - 1;
};
static_assert(sizeof(PackedOutcome) * 8 == PackedOutcome::kWordBits,
              "PackedOutcome: one 16-bit word per member and measure");
static_assert(ir::kRuleKinds <= (1 << (PackedOutcome::kTermShift - PackedOutcome::kRuleShift)),
              "PackedOutcome: every RuleKind fits in its bits");

// Calls visit(m) for each m in [0, n) whose packed word (OutcomeTable::Flat)
// is in the population, in order. A pass over every member of a table
// (ProviderRates, the result order) passes most of them over: at a million
// members of the CBI program one in six is in a measure's population, at no
// pattern a branch predictor learns. So the population bits of 64 members
// are gathered into one mask first, with no branch, and only its set bits
// visited (bench/README.md, "the population scan").
template <typename Visit>
void forEachInPopulation(const std::uint16_t* packed, size_t n, Visit&& visit) {
  static_assert(PackedOutcome::kPopulation == 1, "the mask takes bit 0 of each word");
  size_t base = 0;
  for (; base + 64 <= n; base += 64) {
    std::uint64_t mask = 0;
    for (unsigned j = 0; j < 64; ++j)
      mask |= static_cast<std::uint64_t>(packed[base + j] & PackedOutcome::kPopulation) << j;
    for (; mask != 0; mask &= mask - 1) visit(base + static_cast<size_t>(__builtin_ctzll(mask)));
  }
  for (; base < n; ++base)
    if ((packed[base] & PackedOutcome::kPopulation) != 0) visit(base);
}

// Which side columns a measure's outcomes need, from what the engines write
// (the interpreter's evaluate and the JIT's, which match it):
//  - numeratorValue: a rate measure's weighted count, an event-unit
//    measure's numerator events; a member-unit proportion writes 1 exactly
//    when `numerator` holds, else 0, so it needs no column;
//  - exposure: rate measures only (member years), else 0;
//  - earnedOn: rewards only, else kNoDate;
//  - units: event-unit measures only, else none;
//  - term: a measure with a rule of more than PackedOutcome::kMaxTerm + 1
//    terms (none shipped has one), the deciding term + 1.
struct OutcomeColumns {
  bool value = false;
  bool exposure = false;
  bool earnedOn = false;
  bool units = false;
  bool term = false;
};
OutcomeColumns columnsOf(const ir::Measure& m);

// A table's columns from member `first` on, for an engine that packs its
// outcomes itself (the JIT's compiled code, jit/Lowering.cpp, which stores
// member first + k's packed word at packed[k], and so on): null where the
// table has no such column. Every field is one pointer, in this order: the
// lowering addresses them by slot.
struct OutcomeSink {
  std::uint16_t* packed = nullptr;  // PackedOutcome::bits
  double* value = nullptr;
  double* exposure = nullptr;
  Days* earnedOn = nullptr;
};
inline constexpr int kSinkPacked = 0;
inline constexpr int kSinkValue = 1;
inline constexpr int kSinkExposure = 2;
inline constexpr int kSinkEarnedOn = 3;
static_assert(offsetof(OutcomeSink, earnedOn) == kSinkEarnedOn * sizeof(void*) &&
                  offsetof(OutcomeSink, exposure) == kSinkExposure * sizeof(void*) &&
                  offsetof(OutcomeSink, value) == kSinkValue * sizeof(void*),
              "OutcomeSink: one pointer per slot");

// What an engine that packs its own outcomes found without a place in the
// table (the same cases set() aborts on), as bits: OutcomeTable::lost names
// the first.
struct LostOutcome {
  static constexpr std::uint32_t kTerm = 1u << 0;
  static constexpr std::uint32_t kFlags = 1u << 1;
  static constexpr std::uint32_t kValue = 1u << 2;
  static constexpr std::uint32_t kExposure = 1u << 3;
  static constexpr std::uint32_t kEarnedOn = 1u << 4;
};

class OutcomeTable {
 public:
  OutcomeTable() = default;
  // `members` default outcomes (not in the population), with the columns
  // `measure` needs.
  OutcomeTable(const ir::Measure& measure, size_t members);
  // The given outcomes, packed (tests and small hand-built runs).
  OutcomeTable(const ir::Measure& measure, std::vector<MemberOutcome> outcomes);

  // Faults the table's zeroed columns in now (ZeroedColumn::populate):
  // the score phase does it on every thread before the member passes.
  void populate() noexcept;

  size_t size() const { return packed_.size(); }
  bool empty() const { return packed_.empty(); }
  const OutcomeColumns& columns() const { return columns_; }
  // In the population: the one flag most readers ask first, without reading
  // the rest (most members are outside most measures' populations). A
  // member outside it has no other flag set (set() checks it).
  bool population(size_t member) const {
    return (packed_[member].bits & PackedOutcome::kPopulation) != 0;
  }
  // Inline: every reader of a run's outcomes reads each member through it,
  // and most read only the flags (the compiler drops the other loads).
  OutcomeView operator[](size_t member) const {
    const std::uint32_t bits = packed_[member].bits;
    OutcomeView v;
    v.population = (bits & PackedOutcome::kPopulation) != 0;
    v.eligible = (bits & PackedOutcome::kEligible) != 0;
    v.excluded = (bits & PackedOutcome::kExcluded) != 0;
    v.numerator = (bits & PackedOutcome::kNumerator) != 0;
    v.exception = (bits & PackedOutcome::kException) != 0;
    v.decidingUnknown = (bits & PackedOutcome::kUnknown) != 0;
    v.decidingRule =
        static_cast<ir::RuleKind>((bits >> PackedOutcome::kRuleShift) & PackedOutcome::kRuleMask);
    const std::int32_t termPlusOne =
        columns_.term ? termPlusOne_[member]
                      : static_cast<std::int32_t>(bits >> PackedOutcome::kTermShift);
    v.decidingTerm = termPlusOne - 1;
    v.numeratorValue = columns_.value ? value_[member] : v.numerator ? 1.0 : 0.0;
    if (columns_.exposure) v.exposure = exposure_[member];
    if (columns_.earnedOn) v.earnedOn = earnedOn_[member];
    if (columns_.units) v.units = UnitsView(units_[member]);
    return v;
  }
  // Packs `o` as member `member`'s outcome (its units are moved). A value
  // the table has no column for (a numerator value other than 0/1 on a
  // proportion measure, a term index that does not fit, a flag set outside
  // the population, ...) is an internal error: it aborts naming the measure
  // rather than lose the value. Safe
  // from several threads at once for different members.
  void set(size_t member, MemberOutcome&& o);
  void set(size_t member, const MemberOutcome& o) { set(member, MemberOutcome(o)); }
  // outcomes[0 .. n) as members first .. first+n-1 (their units moved): the
  // engines' block at once, with the same checks.
  void set(size_t first, MemberOutcome* outcomes, size_t n);

  // The packed words and the numeric side columns (null where the table
  // has none), read-only: for a pass over every member that reads only
  // flags and counts (ProviderRates), so that its loop tests no column's
  // presence per member.
  struct Flat {
    const std::uint16_t* packed = nullptr;  // PackedOutcome::bits
    const double* value = nullptr;
    const double* exposure = nullptr;
  };
  Flat flat() const;

  // The columns from member `first` on (OutcomeSink); the caller writes
  // only members of its own, as set() does.
  OutcomeSink sink(size_t first);
  // `what` (LostOutcome bits, not 0) had no place in the table: the
  // internal error of set(), for an engine that packs its own outcomes.
  [[noreturn]] void lost(std::uint32_t what) const;

  class Iterator {
   public:
    Iterator(const OutcomeTable* t, size_t i) : table_(t), i_(i) {}
    OutcomeView operator*() const { return (*table_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }
    bool operator==(const Iterator& o) const { return i_ == o.i_; }

   private:
    const OutcomeTable* table_;
    size_t i_;
  };
  Iterator begin() const { return {this, 0}; }
  Iterator end() const { return {this, size()}; }

  // Bytes held (capacity), for tests of the footprint.
  size_t bytes() const;

 private:
  [[noreturn]] void lost(const char* what) const;

  std::string measureId_;  // for the internal-error message
  OutcomeColumns columns_;
  // Zero bytes are the default outcome and a 0 value: made without a write
  // (score/ZeroedColumn.h).
  ZeroedColumn<PackedOutcome> packed_;
  ZeroedColumn<double> value_;
  ZeroedColumn<double> exposure_;
  ZeroedColumn<std::int32_t> termPlusOne_;  // 0: -1, the default outcome's
  // Large at a million members: in huge pages (support/LargePages.h).
  std::vector<Days, LargePageAllocator<Days>> earnedOn_;
  std::vector<UnitCounts, LargePageAllocator<UnitCounts>> units_;
};

// The provider each member is attributed to for one measure. Every measure
// attributed to the linked PCP shares one column of the run; a measure
// attributed by pharmacy (ir::Measure::attributionQuery) has its own.
class ProviderColumn {
 public:
  ProviderColumn() = default;
  // Reads `shared` (the run's linked PCPs), kept alive by every measure's
  // column.
  explicit ProviderColumn(std::shared_ptr<const std::vector<store::ProviderId>> shared)
      : shared_(std::move(shared)) {}
  // An own column (tests and hand-built runs).
  ProviderColumn(std::vector<store::ProviderId> own)  // NOLINT(google-explicit-constructor)
      : own_(std::move(own)) {}

  size_t size() const { return shared_ ? shared_->size() : own_.size(); }
  const store::ProviderId* data() const { return shared_ ? shared_->data() : own_.data(); }
  store::ProviderId operator[](size_t member) const {
    return shared_ ? (*shared_)[member] : own_[member];
  }
  bool shared() const { return shared_ != nullptr; }
  // Gives the column its own `members` entries, each kNoProvider, then
  // written with set().
  void makeOwn(size_t members);
  // An own column only; safe from several threads at once for different
  // members.
  void set(size_t member, store::ProviderId p) { own_[member] = p; }
  void push_back(store::ProviderId p) { own_.push_back(p); }

 private:
  std::shared_ptr<const std::vector<store::ProviderId>> shared_;
  std::vector<store::ProviderId> own_;
};

}  // namespace mc::score
