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
#include <utility>
#include <vector>

#include "store/EventBatch.h"
#include "store/MemberStore.h"

namespace mc::store {

class PendingRows {
 public:
  // One row whose codes (codeBegin..codeEnd) and slot codes
  // (slotBegin..slotEnd) are the last ones appended to codes() and
  // slotCodes(): PendingEvent's ranges are ignored, the rows' codes are
  // consecutive.
  void append(const PendingEvent& e);
  std::vector<CodeId>& codes() { return codes_; }
  std::vector<std::pair<CodeSlot, CodeId>>& slotCodes() { return slotCodes_; }

  size_t size() const { return date_.size(); }
  // Room for about `rows` rows: no page is touched until a row is written.
  void reserve(size_t rows);

  // The table of these rows, sorted by (member, date, startTime, endDate,
  // endTime, line), stable, with the per-member offsets for `members`
  // members. Leaves the rows empty. Returns true when the rows came grouped
  // by member in member order: each member's run was then sorted in place
  // and the columns were moved into the table, not copied.
  bool moveInto(size_t members, EventTable& out);

 private:
  bool before(std::uint32_t a, std::uint32_t b) const;
  bool groupedByMember() const;
  void sortEachMember(const std::vector<std::uint32_t>& start);
  template <typename T>
  void permute(std::vector<T>& column, size_t first, const std::vector<std::uint32_t>& local);
  template <typename T>
  void permuteLists(std::vector<std::uint32_t>& start, std::vector<T>& items, size_t first,
                    const std::vector<std::uint32_t>& local);
  Seconds startTimeOf(size_t i) const { return timed_ ? startTime_[i] : kNoTime; }
  Seconds endTimeOf(size_t i) const { return timed_ ? endTime_[i] : kNoTime; }
  void fillSlots(const std::vector<std::uint32_t>* order, EventTable& out) const;

  std::vector<MemberIndex> member_;
  std::vector<Days> date_, endDate_;
  // Both empty until a row carries a time; then both as long as the others
  // (the table keeps no time columns for a file without times).
  std::vector<Seconds> startTime_, endTime_;
  bool timed_ = false;
  std::vector<std::uint32_t> codeStart_{0};  // rows + 1 entries, into codes_
  std::vector<CodeId> codes_;
  std::vector<CodeId> principal_;
  std::vector<ProviderId> provider_, toProvider_;
  std::vector<Setting> setting_;
  std::vector<Status> status_;
  std::vector<EventSource> source_;
  std::vector<double> value_;
  std::vector<UnitId> unit_;
  std::vector<std::int32_t> daysSupply_;
  std::vector<std::uint8_t> generic_, hasResult_;
  std::vector<std::uint32_t> line_;
  std::vector<std::uint32_t> slotStart_{0};  // rows + 1 entries, into slotCodes_
  std::vector<std::pair<CodeSlot, CodeId>> slotCodes_;
  // Room for one member's run while it is sorted (sortEachMember).
  std::vector<std::uint64_t> scratch_;
  std::vector<std::uint32_t> oldStart_;
};

}  // namespace mc::store
