#include "jit/MemberSummary.h"

#include <algorithm>

#include "jit/CalendarLowering.h"

namespace mc::jit {

namespace {

std::uint64_t nextSummaryId() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

// The rows of the block a thread scored last, of whichever summary.
struct BlockRows {
  std::uint64_t summary = 0;
  store::MemberIndex begin = 0, end = 0;
  std::vector<std::uint64_t> rows;
};
thread_local BlockRows tBlock;

}  // namespace

bool gateOf(const ir::Query& q, const ir::Filter& f, Gate& gate) {
  if (f.codeset < 0) return false;
  if (f.kind == ir::FilterKind::Codes) {
    gate = Gate{q.kind, false, f.codeset};
    return true;
  }
  if (f.kind == ir::FilterKind::Slot && f.slot == CodeSlot::Principal) {
    gate = Gate{q.kind, true, f.codeset};
    return true;
  }
  return false;
}

std::vector<Gate> measureGates(const ir::Measure& m) {
  std::vector<Gate> gates;
  for (const ir::Query& q : m.queries)
    for (const ir::Filter& f : q.filters) {
      Gate g;
      if (gateOf(q, f, g) && std::find(gates.begin(), gates.end(), g) == gates.end())
        gates.push_back(g);
    }
  return gates;
}

bool readsBirthParts(const ir::Measure& m) {
  for (const ir::Node& n : m.nodes) {
    switch (n.op) {
      case ir::Op::AgeYears:
      case ir::Op::AgeMonths: return true;
      case ir::Op::AddMonths:
      case ir::Op::YearOf:
      case ir::Op::MonthOf:
      case ir::Op::DayOf:
        if (m.nodes[static_cast<size_t>(n.a)].op == ir::Op::BirthDate) return true;
        break;
      default: break;
    }
  }
  return false;
}

namespace {

bool memoisable(const interp::Plan& plan, const ir::Node& n) {
  switch (n.op) {
    case ir::Op::Enrolled:
    case ir::Op::EnrolledYearly:
    case ir::Op::EnrolledOn:
    case ir::Op::EnrollmentStart:
    case ir::Op::EnrolledDays:
    case ir::Op::MemberMonths:
    case ir::Op::MemberYears: break;
    default: return false;
  }
  for (const ir::NodeId operand : {n.a, n.b})
    if (operand != ir::kNoNode && !plan.independent[static_cast<size_t>(operand)]) return false;
  return true;
}

}  // namespace

std::vector<ir::NodeId> memoNodes(const ir::Measure& m, const interp::Plan& plan) {
  std::vector<ir::NodeId> nodes;
  for (size_t i = 0; i < m.nodes.size(); ++i)
    if (!plan.independent[i] && memoisable(plan, m.nodes[i]))
      nodes.push_back(static_cast<ir::NodeId>(i));
  return nodes;
}

MemoKey memoKey(const ir::Measure& m, const interp::Plan& plan, ir::NodeId node) {
  const ir::Node& n = m.nodes[static_cast<size_t>(node)];
  auto value = [&](ir::NodeId operand) {
    return operand == ir::kNoNode ? 0 : plan.values[static_cast<size_t>(operand)].i;
  };
  MemoKey k;
  k.op = n.op;
  k.a = value(n.a);
  k.b = value(n.b);
  k.imm = n.imm;
  k.imm2 = n.imm2;
  k.asOf = n.op == ir::Op::MemberYears ? plan.period.asOf : 0;
  return k;
}

bool readsRows(const ir::Measure& m, const interp::Plan& plan) {
  return readsBirthParts(m) || !measureGates(m).empty() || !memoNodes(m, plan).empty();
}

MemberSummary::MemberSummary(const store::MemberStore& store)
    : store_(store), id_(nextSummaryId()) {}

std::uint32_t MemberSummary::addMemo(const MemoKey& k) {
  for (size_t i = 0; i < memos_.size(); ++i)
    if (memos_[i] == k) return static_cast<std::uint32_t>(i);
  memos_.push_back(k);
  return static_cast<std::uint32_t>(memos_.size() - 1);
}

std::uint32_t MemberSummary::add(const Gate& g, const std::uint64_t* words) {
  const size_t n = store_.codes.size() / 64 + 1;
  for (size_t b = 0; b < bits_.size(); ++b)
    if (bits_[b].kind == g.kind && bits_[b].principal == g.principal &&
        std::equal(bits_[b].codes.begin(), bits_[b].codes.end(), words))
      return static_cast<std::uint32_t>(b);
  bits_.push_back(Bit{g.kind, g.principal, std::vector<std::uint64_t>(words, words + n)});
  return static_cast<std::uint32_t>(bits_.size() - 1);
}

void MemberSummary::freeze() const {
  std::call_once(frozenOnce_, [this] {
    // The bits of each table and column side by side: an event's codes
    // touch the words of its own table only (one word for most).
    constexpr size_t kColumns = store::kEventKindCount * 2;
    auto column = [](const Bit& b) { return static_cast<size_t>(b.kind) * 2 + b.principal; };
    std::vector<std::uint32_t> count(kColumns, 0);
    for (const Bit& b : bits_) ++count[column(b)];
    columnFirst_.assign(kColumns, 0);
    columnWords_.assign(kColumns, 0);
    std::uint32_t words = 1;  // word 0: the birth date's parts
    for (size_t c = 0; c < kColumns; ++c) {
      columnFirst_[c] = words;
      columnWords_[c] = (count[c] + 63) / 64;
      words += columnWords_[c];
    }
    memoFirst_ = words;  // the memo words after the gates'
    rowWords_ = words + static_cast<std::int64_t>(memos_.size());
    const size_t w = words;
    std::vector<std::uint32_t> next(kColumns, 0);
    positions_.resize(bits_.size());
    maskOf_.assign(store_.codes.size(), 0);
    masks_.assign(w, 0);  // row 0: no gate
    for (size_t b = 0; b < bits_.size(); ++b) {
      const Bit& bit = bits_[b];
      const size_t c = column(bit);
      const std::uint32_t at = columnFirst_[c] * 64 + next[c]++;
      positions_[b] = at;
      for (size_t word = 0; word < bit.codes.size(); ++word)
        for (std::uint64_t x = bit.codes[word]; x != 0; x &= x - 1) {
          const size_t code = word * 64 + static_cast<size_t>(__builtin_ctzll(x));
          if (code >= maskOf_.size()) break;
          if (maskOf_[code] == 0) {
            maskOf_[code] = static_cast<std::uint32_t>(masks_.size() / w);
            masks_.resize(masks_.size() + w, 0);
          }
          masks_[maskOf_[code] * w + at / 64] |= std::uint64_t{1} << (at % 64);
        }
    }
    // A table and column whose bits fit one word: that word per code,
    // one load per code in fill().
    dense_.assign(kColumns, {});
    for (size_t c = 0; c < kColumns; ++c) {
      if (columnWords_[c] != 1) continue;
      dense_[c].assign(maskOf_.size(), 0);
      for (size_t code = 0; code < maskOf_.size(); ++code)
        dense_[c][code] = masks_[maskOf_[code] * w + columnFirst_[c]];
    }
    positionsData_ = positions_.data();
    frozen_.store(true, std::memory_order_release);
  });
}

std::uint64_t* MemberSummary::rows(store::MemberIndex begin, store::MemberIndex end) const {
  freeze();
  BlockRows& block = tBlock;
  if (block.summary != id_ || block.begin != begin || block.end != end) {
    block.rows.assign(static_cast<size_t>(end - begin) * static_cast<size_t>(rowWords_), 0);
    fill(begin, end, block.rows.data());
    block.summary = id_;
    block.begin = begin;
    block.end = end;
  }
  return block.rows.data();
}

// One pass over the block's events of the tables a gate reads, each code's
// bits OR-ed into the member's row on the words of the event's table and
// column alone.
void MemberSummary::fill(store::MemberIndex begin, store::MemberIndex end,
                         std::uint64_t* rows) const {
  const auto w = static_cast<size_t>(rowWords_);
  const std::int32_t* births = store_.members.birthDate.data();
  const auto memoFirst = static_cast<size_t>(memoFirst_);
  for (store::MemberIndex m = begin; m < end; ++m) {
    std::uint64_t* row = rows + static_cast<size_t>(m - begin) * w;
    row[0] = static_cast<std::uint64_t>(civilParts(births[m]));
    std::fill(row + memoFirst, row + w, kNotYet);
  }
  const size_t codeCount = maskOf_.size();
  for (size_t k = 0; k < store::kEventKindCount; ++k) {
    const store::EventTable& t = store_.events[k];
    for (const bool principal : {false, true}) {
      const size_t column = k * 2 + principal;
      const size_t words = columnWords_[column], first = columnFirst_[column];
      if (words == 0 || (principal && t.principal.empty())) continue;
      const std::uint32_t* codeStart = t.codeStart.data();
      const store::CodeId* codes = t.codes.data();
      const store::CodeId* principals = principal ? t.principal.data() : nullptr;
      if (words == 1) {
        const std::uint64_t* bits = dense_[column].data();
        for (store::MemberIndex m = begin; m < end; ++m) {
          std::uint64_t acc = 0;
          if (principal) {
            for (std::uint32_t e = t.begin(m); e < t.end(m); ++e)
              if (principals[e] < codeCount) acc |= bits[principals[e]];
          } else {
            for (std::uint32_t c = codeStart[t.begin(m)]; c < codeStart[t.end(m)]; ++c)
              acc |= bits[codes[c]];
          }
          rows[static_cast<size_t>(m - begin) * w + first] = acc;
        }
        continue;
      }
      // More than 64 gates on one table and column: the code's row in masks_.
      const std::uint32_t* maskOf = maskOf_.data();
      const std::uint64_t* masks = masks_.data();
      auto add = [&](std::uint64_t* out, store::CodeId code) {
        if (code >= codeCount) return;
        const std::uint64_t* mask = masks + maskOf[code] * w;
        for (size_t i = first; i < first + words; ++i) out[i] |= mask[i];
      };
      for (store::MemberIndex m = begin; m < end; ++m) {
        std::uint64_t* out = rows + static_cast<size_t>(m - begin) * w;
        if (principal) {
          for (std::uint32_t e = t.begin(m); e < t.end(m); ++e) add(out, principals[e]);
        } else {
          for (std::uint32_t c = codeStart[t.begin(m)]; c < codeStart[t.end(m)]; ++c)
            add(out, codes[c]);
        }
      }
    }
  }
}

}  // namespace mc::jit
