// The rows of one event kind as StoreBuilder collects them, already in the
// table's column layout. Rows that arrive grouped by member in member order
// (gen's files, and most plans' extracts) become the table by sorting each
// member's short run in place and moving each column, not by copying every
// row once more into fresh memory: on a VM where the first touch of a page
// costs as much as parsing the bytes that fill it, that copy was a third of
// a 1M load. Rows in any other order are gathered through the sort, as
// before.
#pragma once

#include <cstdint>
#include <tuple>
#include <utility>
#include <vector>

#include "store/Column.h"
#include "store/MemberStore.h"

namespace mc::store {

// A row as StoreBuilder (or an EventBatch) makes it: ids instead of texts.
// PendingRows keeps its fields as columns.
struct PendingEvent {
  MemberIndex member;
  Days date;
  Days endDate;
  Seconds startTime, endTime;
  std::uint32_t codeBegin, codeEnd;  // into the codes of the builder (or batch)
  CodeId principal;                  // first ICD-10-CM code, kNoCode if none
  ProviderId provider, toProvider;
  Setting setting;
  Status status;
  EventSource source;
  double value;
  UnitId unit;
  std::int32_t daysSupply;
  std::uint8_t generic;
  std::uint8_t hasResult;
  std::uint32_t slotBegin, slotEnd;  // into the slot codes of the builder (or batch)
  std::uint32_t line;
};

// The table's order within a member: by date, then time of day (a row
// without one first, so that `latest value` is the day's last reading),
// end, and line (which keeps equal rows stable). PendingRows::before is the
// same order over columns.
inline bool eventBefore(const PendingEvent& a, const PendingEvent& b) {
  if (a.date != b.date) return a.date < b.date;
  return std::tie(a.startTime, a.endDate, a.endTime, a.line) <
         std::tie(b.startTime, b.endDate, b.endTime, b.line);
}

// A batch's provider id (PendingEvent::provider, toProvider) at or above
// this is one of its own, kBatchProvider + i mapping through the commit's
// providerIds[i] (a provider the batch met by its text); below it, the
// store's id itself (a provider the loader found listed). kNoProvider is
// none. A store never has as many providers.
inline constexpr ProviderId kBatchProvider = 0x80000000u;

class PendingRows {
 public:
  // One row whose codes (codeBegin..codeEnd) and slot codes
  // (slotBegin..slotEnd) are the last ones appended to codes() and
  // slotCodes(): PendingEvent's ranges are ignored, the rows' codes are
  // consecutive.
  void append(const PendingEvent& e);
  ColumnVector<CodeId>& codes() { return codes_; }
  ColumnVector<std::pair<CodeSlot, CodeId>>& slotCodes() { return slotCodes_; }

  size_t size() const { return date_.size(); }
  const ColumnVector<MemberIndex>& members() const { return member_; }
  // Room for about `rows` rows with `codes` codes in all: no page is
  // touched until a row is written.
  void reserve(size_t rows, size_t codes = 0);
  size_t codeCount() const { return codes_.size(); }
  // No rows, the room kept: a loader hands a committed chunk's buffers to
  // the next chunk's parse rather than freeing them and touching fresh
  // pages again.
  void clear();

  // The rows of an EventBatch after these, as they lie: `events`, each run
  // of one member's rows in table order (EventBatch::finishRows), with its
  // own ids; their codes and slot codes in `codes` and `slotCodes` by the
  // events' ranges, each code of either the code of one row; `timed`: a row
  // has a start or end time. Code and unit ids through `codeIds` and
  // `unitIds`, the batch's own provider ids through `providerIds`
  // (kBatchProvider), lines plus `lineOffset`.
  // The commit of a chunk (serial) turns its rows into the builder's
  // columns in one copy, reading them front to back once: no columns of
  // the batch's own in between, and no pass to count them first.
  void appendBatch(const ColumnVector<PendingEvent>& events, bool timed,
                   const std::vector<CodeId>& codes,
                   const std::vector<std::pair<CodeSlot, CodeId>>& slotCodes,
                   const std::vector<CodeId>& codeIds, const std::vector<ProviderId>& providerIds,
                   const std::vector<UnitId>& unitIds, std::int64_t lineOffset);

  // Each run of consecutive rows of one member sorted in table order, in
  // place. Rows with distinct lines have one table order whatever order
  // they arrive in, so a chunk's batch sorts its runs on its parse thread
  // and the table's build then finds its members' runs sorted but for those
  // that run over a chunk's end. The order is checked as rows are added,
  // while the row before is in cache: only the runs found out of order are
  // read again.
  void sortMemberRuns();
  // Every run of one member's consecutive rows in table order.
  bool runsSorted() const { return unsortedRuns_.empty(); }

  // The table of these rows, sorted by (member, date, startTime, endDate,
  // endTime, line), stable, with the per-member offsets for `members`
  // members. Leaves the rows empty. Returns true when the rows came grouped
  // by member in member order: each member's run was then sorted in place
  // and the columns were moved into the table, not copied.
  bool moveInto(size_t members, EventTable& out);

 private:
  bool before(std::uint32_t a, std::uint32_t b) const;
  // Row r (r > 0) against the row before it: grouped_, runStart_ and
  // unsortedRuns_.
  void noteOrder(size_t r);
  Seconds startTimeOf(size_t i) const { return timed_ ? startTime_[i] : kNoTime; }
  Seconds endTimeOf(size_t i) const { return timed_ ? endTime_[i] : kNoTime; }
  void fillSlots(const std::vector<std::uint32_t>* order, EventTable& out) const;

  // The columns that stay empty while every row holds the column's
  // constant (kConstant*): a file without the cell never fills them, and
  // the table gets a ConstantColumn. A bit of dense_ per column, set from
  // the first row off the constant on (the rows before it then filled).
  enum LazyColumn : std::uint32_t {
    kPrincipal = 1u << 0,
    kToProvider = 1u << 1,
    kSetting = 1u << 2,
    kStatus = 1u << 3,
    kSource = 1u << 4,
    kValue = 1u << 5,
    kUnit = 1u << 6,
    kDaysSupply = 1u << 7,
    kGeneric = 1u << 8,
    kHasResult = 1u << 9,
  };
  // The lazy columns in which `e` (its unit `unit`, a store id) is off the
  // constant.
  static std::uint32_t offConstant(const PendingEvent& e, UnitId unit);
  // Makes the columns of `columns` dense: the rows so far filled with the
  // constant.
  void makeDense(std::uint32_t columns);
  std::uint32_t dense_ = 0;
  // One batch's values of each lazy column that is not dense
  // (appendBatch), checked once the batch is written.
  struct Sinks {
    std::vector<CodeId> principal;
    std::vector<ProviderId> toProvider;
    std::vector<Setting> setting;
    std::vector<Status> status;
    std::vector<EventSource> source;
    std::vector<double> value;
    std::vector<UnitId> unit;
    std::vector<std::int32_t> daysSupply;
    std::vector<std::uint8_t> generic, hasResult;
  };
  Sinks sinks_;

  ColumnVector<MemberIndex> member_;
  ColumnVector<Days> date_, endDate_;
  // Both empty until a row carries a time; then both as long as the others
  // (the table keeps no time columns for a file without times).
  ColumnVector<Seconds> startTime_, endTime_;
  bool timed_ = false;
  ColumnVector<std::uint32_t> codeStart_{0};  // rows + 1 entries, into codes_
  ColumnVector<CodeId> codes_;
  ColumnVector<CodeId> principal_;
  ColumnVector<ProviderId> provider_, toProvider_;
  ColumnVector<Setting> setting_;
  ColumnVector<Status> status_;
  ColumnVector<EventSource> source_;
  ColumnVector<double> value_;
  ColumnVector<UnitId> unit_;
  ColumnVector<std::int32_t> daysSupply_;
  ColumnVector<std::uint8_t> generic_, hasResult_;
  ColumnVector<std::uint32_t> line_;
  ColumnVector<std::uint32_t> slotStart_{0};  // rows + 1 entries, into slotCodes_
  ColumnVector<std::pair<CodeSlot, CodeId>> slotCodes_;
  // Kept up to date by every row added, so that building the table needs
  // no pass over the rows to learn them.
  // No row's member before the member of the row before; the first row of
  // the last run of one member; the first rows of the runs out of order,
  // ascending.
  bool grouped_ = true;
  size_t runStart_ = 0;
  std::vector<std::uint32_t> unsortedRuns_;
};

}  // namespace mc::store
