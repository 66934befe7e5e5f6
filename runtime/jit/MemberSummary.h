// What the compiled measures of a program share per member, made once per
// block of members rather than by each measure: a row of 64-bit words.
//
// Word 0: the birth date's year, month and day (jit/CalendarLowering.h
// civilParts), which every `age at` and `birth date + N years` needs; each
// measure converted the birth date itself (about 40 instructions, 35 times).
//
// Then the code summary: one bit per gate, a gate being (event table, codes
// or principal, code set), set when the member has an event of that table
// with a code (its principal code) in that set. A query that needs such a code (`with S`,
// `with principal S`) over a member whose bit is 0 keeps no event, so its
// compiled code skips the scan (jit/Lowering.cpp). The bit is a necessary
// condition only (the query's other filters are not in it): exact.
//
// Most members have none of a measure's rare codes (asthma, a pregnancy),
// and most of the compiled code's instructions were scans that found
// nothing, every measure scanning the same events again; one pass per
// block over each member's codes answers them all (bench/README.md, "JIT
// in wall time, 2026-12-01").
//
// Last, one word per memoised enrollment question (memoNodes): kNotYet
// until the first measure asks it of the member, then its answer.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "interp/Plan.h"
#include "ir/Ir.h"
#include "store/MemberStore.h"

namespace mc::jit {

// What a query's gate asks (a measure's gates, in a fixed order, are what
// its compiled code numbers them by: measureGates).
struct Gate {
  ir::EventKind kind = ir::EventKind::Visit;
  bool principal = false;  // the principal diagnosis; else any of the event's codes
  std::int32_t set = -1;   // the measure's code set
  bool operator==(const Gate& o) const {
    return kind == o.kind && principal == o.principal && set == o.set;
  }
};

// The gate query q's filter f asks, if any: a Codes filter or a principal
// Slot filter with a code set (`with any principal` has none: not gated).
bool gateOf(const ir::Query& q, const ir::Filter& f, Gate& gate);
// The measure's distinct gates, in the order of its queries and filters.
std::vector<Gate> measureGates(const ir::Measure& m);
// Whether the lowering reads the birth date's parts from the row (ages,
// months added to the birth date, its year, month or day); with gates, whether
// the measure's compiled code reads the rows at all.
bool readsBirthParts(const ir::Measure& m);

// The enrollment questions kept per member in the row: enrolled over,
// enrolled each 12 months, enrolled on, enrollment start, enrolled days,
// member months and member years over a member-independent window. Most
// measures ask a member the same ones (`enrolled on MP.end`, continuous
// enrollment over MP, member months during MP); the first measure to ask
// a member computes the answer (the helper call) and the others read it.
// The memoised nodes of the measure, in node order.
std::vector<ir::NodeId> memoNodes(const ir::Measure& m, const interp::Plan& plan);
// A memoised node's question: its op, its window's member-independent
// values, its parameters and the period's as-of day (member years).
struct MemoKey {
  ir::Op op = ir::Op::Enrolled;
  std::int64_t a = 0, b = 0, imm = 0, imm2 = 0, asOf = 0;
  bool operator==(const MemoKey& o) const {
    return op == o.op && a == o.a && b == o.b && imm == o.imm && imm2 == o.imm2 && asOf == o.asOf;
  }
};
MemoKey memoKey(const ir::Measure& m, const interp::Plan& plan, ir::NodeId node);
// A memo word not yet computed for the member (no helper's answer: not a
// truth value, count or date, and a NaN payload no arithmetic makes).
inline constexpr std::uint64_t kNotYet = 0x7FFFFFFFFFFFFFFEull;

// Whether the measure's compiled code reads the rows at all.
bool readsRows(const ir::Measure& m, const interp::Plan& plan);

// The gates and memoised questions of the measures compiled for one store,
// and the rows of a block of members. Gates and questions are added while
// the measures are compiled (one thread), then read by every thread: the
// first block scored freezes the summary (nothing is added after that; the
// compiler starts a new one). A thread's rows are its own: compiled code
// writes the memo words of the block it scores.
class MemberSummary {
 public:
  explicit MemberSummary(const store::MemberStore& store);

  const store::MemberStore& store() const { return store_; }
  bool frozen() const { return frozen_.load(std::memory_order_acquire); }
  // The id of gate `g` whose set's bitset (interp::CodeSetBinding::words,
  // codes.size() / 64 + 1 words) is `words`; a gate with the same table,
  // column and codes as an earlier one shares its id (and bit).
  std::uint32_t add(const Gate& g, const std::uint64_t* words);
  // Read by compiled code when it runs, once the summary is frozen: the
  // 64-bit words per member (the rows' stride), and where the array of each
  // gate id's bit in a row is (the bits of a table and column are side by
  // side, placed when the summary freezes).
  const std::int64_t* rowWords() const { return &rowWords_; }
  // The id of a memoised question (the same question of two measures: one
  // id); its word in a row is *memoFirst() + the id.
  std::uint32_t addMemo(const MemoKey& k);
  const std::int64_t* memoFirst() const { return &memoFirst_; }
  const std::uint32_t* const* positions() const { return &positionsData_; }
  // Members [begin, end)'s rows, rowWords() words each, member begin first:
  // the calling thread's own, made on its first call for the block and kept
  // for the next measure scored over the same block, which reads the memo
  // words the measures before it wrote.
  std::uint64_t* rows(store::MemberIndex begin, store::MemberIndex end) const;

 private:
  struct Bit {
    ir::EventKind kind;
    bool principal;
    std::vector<std::uint64_t> codes;
  };
  void freeze() const;
  void fill(store::MemberIndex begin, store::MemberIndex end, std::uint64_t* rows) const;

  const store::MemberStore& store_;
  const std::uint64_t id_;  // tells this summary's block rows from another's
  std::vector<Bit> bits_;
  // Made once by freeze(): the row's words and each gate id's bit; per
  // code id, its row in masks_ (0: no gate's set has the code); masks_:
  // rowWords_ words per row (row 0 empty), the bits of every gate whose set
  // has the code; per table and column ([kind * 2 + principal]), the first
  // word and the number of words of its gates' bits.
  mutable std::once_flag frozenOnce_;
  mutable std::atomic<bool> frozen_{false};
  mutable std::int64_t rowWords_ = 0;
  std::vector<MemoKey> memos_;
  mutable std::int64_t memoFirst_ = 0;
  mutable std::vector<std::uint32_t> positions_;
  mutable const std::uint32_t* positionsData_ = nullptr;
  mutable std::vector<std::uint32_t> maskOf_;
  mutable std::vector<std::uint64_t> masks_;
  mutable std::vector<std::uint32_t> columnFirst_, columnWords_;
  // Per table and column whose bits are one word: that word per code id.
  mutable std::vector<std::vector<std::uint64_t>> dense_;
};

}  // namespace mc::jit
