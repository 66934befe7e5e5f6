// Rows appended column by column; the table is the columns themselves when
// the rows came in order, else a gather through the sorted order.
#include "store/PendingRows.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>
#include <tuple>
#include <type_traits>

#include "store/ConstantColumn.h"
#include "store/MemberOrder.h"

namespace mc::store {
namespace {

// `rows` in `order` (all of them, each once); an empty column (no times)
// stays empty.
template <typename T>
ColumnVector<T> gather(const ColumnVector<T>& rows, const std::vector<std::uint32_t>& order) {
  if (rows.empty()) return {};
  ColumnVector<T> out(order.size());
  for (size_t k = 0; k < order.size(); ++k) out[k] = rows[order[k]];
  return out;
}

// The constant of each lazy column (PendingRows::LazyColumn): what a row
// without the cell holds.
constexpr CodeId kConstantPrincipal = CodeDictionary::kNoCode;
constexpr ProviderId kConstantToProvider = kNoProvider;
constexpr Setting kConstantSetting = Setting::None;
constexpr Status kConstantStatus = 0;
constexpr EventSource kConstantSource = EventSource::None;
constexpr double kConstantValue = std::numeric_limits<double>::quiet_NaN();
constexpr UnitId kConstantUnit = UnitDictionary::kUnitless;
constexpr std::int32_t kConstantDaysSupply = 0;
constexpr std::uint8_t kConstantGeneric = 0;
constexpr std::uint8_t kConstantHasResult = 0;

// Whether each of the n values at `p` has the bits of `constant` (NaN is
// not equal to itself): one pass that the compiler vectorises.
template <typename T>
bool allAre(const T* p, size_t n, const T& constant) {
  static_assert(sizeof(T) <= 8, "a column's value fits a word");
  using Bits = std::conditional_t<
      sizeof(T) == 8, std::uint64_t,
      std::conditional_t<sizeof(T) == 4, std::uint32_t,
                         std::conditional_t<sizeof(T) == 2, std::uint16_t, std::uint8_t>>>;
  Bits c = 0, differ = 0;
  std::memcpy(&c, &constant, sizeof(T));
  for (size_t i = 0; i < n; ++i) {
    Bits v = 0;
    std::memcpy(&v, p + i, sizeof(T));
    differ |= v ^ c;
  }
  return differ == 0;
}

}  // namespace

// A row added alone (append); a batch's rows go through the sinks.
std::uint32_t PendingRows::offConstant(const PendingEvent& e, UnitId unit) {
  return (e.principal != kConstantPrincipal ? kPrincipal : 0u) |
         (e.toProvider != kConstantToProvider ? kToProvider : 0u) |
         (e.setting != kConstantSetting ? kSetting : 0u) |
         (e.status != kConstantStatus ? kStatus : 0u) |
         (e.source != kConstantSource ? kSource : 0u) |
         (allAre(&e.value, 1, kConstantValue) ? 0u : kValue) |
         (unit != kConstantUnit ? kUnit : 0u) |
         (e.daysSupply != kConstantDaysSupply ? kDaysSupply : 0u) |
         (e.generic != kConstantGeneric ? kGeneric : 0u) |
         (e.hasResult != kConstantHasResult ? kHasResult : 0u);
}

void PendingRows::makeDense(std::uint32_t columns) {
  columns &= ~dense_;
  if (columns == 0) return;
  const size_t n = size();
  if (columns & kPrincipal) principal_.assign(n, kConstantPrincipal);
  if (columns & kToProvider) toProvider_.assign(n, kConstantToProvider);
  if (columns & kSetting) setting_.assign(n, kConstantSetting);
  if (columns & kStatus) status_.assign(n, kConstantStatus);
  if (columns & kSource) source_.assign(n, kConstantSource);
  if (columns & kValue) value_.assign(n, kConstantValue);
  if (columns & kUnit) unit_.assign(n, kConstantUnit);
  if (columns & kDaysSupply) daysSupply_.assign(n, kConstantDaysSupply);
  if (columns & kGeneric) generic_.assign(n, kConstantGeneric);
  if (columns & kHasResult) hasResult_.assign(n, kConstantHasResult);
  dense_ |= columns;
}

void PendingRows::append(const PendingEvent& e) {
  makeDense(offConstant(e, e.unit));
  member_.push_back(e.member);
  date_.push_back(e.date);
  endDate_.push_back(e.endDate);
  if (!timed_ && (e.startTime != kNoTime || e.endTime != kNoTime)) {
    // The first row with a time: the rows before it had none.
    timed_ = true;
    startTime_.assign(member_.size() - 1, kNoTime);
    endTime_.assign(member_.size() - 1, kNoTime);
  }
  if (timed_) {
    startTime_.push_back(e.startTime);
    endTime_.push_back(e.endTime);
  }
  codeStart_.push_back(static_cast<std::uint32_t>(codes_.size()));
  provider_.push_back(e.provider);
  if (dense_ & kPrincipal) principal_.push_back(e.principal);
  if (dense_ & kToProvider) toProvider_.push_back(e.toProvider);
  if (dense_ & kSetting) setting_.push_back(e.setting);
  if (dense_ & kStatus) status_.push_back(e.status);
  if (dense_ & kSource) source_.push_back(e.source);
  if (dense_ & kValue) value_.push_back(e.value);
  if (dense_ & kUnit) unit_.push_back(e.unit);
  if (dense_ & kDaysSupply) daysSupply_.push_back(e.daysSupply);
  if (dense_ & kGeneric) generic_.push_back(e.generic);
  if (dense_ & kHasResult) hasResult_.push_back(e.hasResult);
  line_.push_back(e.line);
  slotStart_.push_back(static_cast<std::uint32_t>(slotCodes_.size()));
  if (member_.size() > 1) noteOrder(member_.size() - 1);
}

void PendingRows::noteOrder(size_t r) {
  if (member_[r] != member_[r - 1]) {
    grouped_ = grouped_ && member_[r] > member_[r - 1];
    runStart_ = r;
  } else if ((unsortedRuns_.empty() || unsortedRuns_.back() != runStart_) &&
             before(static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(r - 1))) {
    unsortedRuns_.push_back(static_cast<std::uint32_t>(runStart_));
  }
}

void PendingRows::reserve(size_t rows, size_t codes) {
  codes_.reserve(codes);
  member_.reserve(rows);
  date_.reserve(rows);
  endDate_.reserve(rows);
  codeStart_.reserve(rows + 1);
  principal_.reserve(rows);
  provider_.reserve(rows);
  toProvider_.reserve(rows);
  setting_.reserve(rows);
  status_.reserve(rows);
  source_.reserve(rows);
  value_.reserve(rows);
  unit_.reserve(rows);
  daysSupply_.reserve(rows);
  generic_.reserve(rows);
  hasResult_.reserve(rows);
  line_.reserve(rows);
  slotStart_.reserve(rows + 1);
}

void PendingRows::clear() {
  member_.clear();
  date_.clear();
  endDate_.clear();
  startTime_.clear();
  endTime_.clear();
  timed_ = false;
  codeStart_.assign(1, 0);
  codes_.clear();
  principal_.clear();
  provider_.clear();
  toProvider_.clear();
  setting_.clear();
  status_.clear();
  source_.clear();
  value_.clear();
  unit_.clear();
  daysSupply_.clear();
  generic_.clear();
  hasResult_.clear();
  line_.clear();
  slotStart_.assign(1, 0);
  slotCodes_.clear();
  grouped_ = true;
  runStart_ = 0;
  unsortedRuns_.clear();
  dense_ = 0;
}

// eventBefore's order. Most rows differ by date: it is compared first.
bool PendingRows::before(std::uint32_t a, std::uint32_t b) const {
  if (date_[a] != date_[b]) return date_[a] < date_[b];
  return std::make_tuple(startTimeOf(a), endDate_[a], endTimeOf(a), line_[a]) <
         std::make_tuple(startTimeOf(b), endDate_[b], endTimeOf(b), line_[b]);
}

namespace {

// Room for `count` values: on the stack for the short runs most members
// have, on the heap for longer ones.
template <typename T>
class RunBuffer {
 public:
  explicit RunBuffer(size_t count) {
    if (count > kOnStack) heap_.resize(count);
    data_ = count > kOnStack ? heap_.data() : stack_;
  }
  T& operator[](size_t i) { return data_[i]; }

 private:
  static constexpr size_t kOnStack = 64;
  T stack_[kOnStack];
  std::vector<T> heap_;
  T* data_;
};

// Rows first..first+local.size() of `column` rearranged so that row first+k
// is the one that was at first+local[k].
template <typename Column>
void permute(Column& column, size_t first, const std::vector<std::uint32_t>& local) {
  if (column.empty()) return;  // no times
  using T = typename Column::value_type;
  RunBuffer<T> moved(local.size());
  T* run = column.data() + first;
  for (size_t k = 0; k < local.size(); ++k) moved[k] = run[local[k]];
  for (size_t k = 0; k < local.size(); ++k) run[k] = moved[k];
}

// The same for a list per row (`start`: rows + 1 entries into `items`): the
// rows' items are one range, rearranged in place.
template <typename Items>
void permuteLists(ColumnVector<std::uint32_t>& start, Items& items, size_t first,
                  const std::vector<std::uint32_t>& local) {
  using T = typename Items::value_type;
  const size_t rows = local.size();
  const std::uint32_t begin = start[first], end = start[first + rows];
  if (begin == end) return;  // no row of the run has an item
  RunBuffer<std::uint32_t> oldStart(rows + 1);
  for (size_t k = 0; k <= rows; ++k) oldStart[k] = start[first + k];
  RunBuffer<T> moved(end - begin);
  size_t at = 0;
  for (size_t k = 0; k < rows; ++k) {
    start[first + k] = begin + static_cast<std::uint32_t>(at);
    for (std::uint32_t i = oldStart[local[k]]; i < oldStart[local[k] + 1]; ++i)
      moved[at++] = items[i];
  }
  for (size_t k = 0; k < at; ++k) items[begin + k] = moved[k];
}

}  // namespace

// The runs found out of order sorted: every column rearranged within each
// run, so no column is copied whole.
void PendingRows::sortMemberRuns() {
  std::vector<std::uint32_t> local;
  const size_t n = size();
  for (const std::uint32_t first : unsortedRuns_) {
    size_t last = first + 1;
    while (last < n && member_[last] == member_[first]) ++last;
    local.resize(last - first);
    std::iota(local.begin(), local.end(), 0u);
    const auto at = static_cast<std::uint32_t>(first);
    sortRun(local.begin(), local.end(),
            [&](std::uint32_t a, std::uint32_t b) { return before(at + a, at + b); });
    permute(date_, first, local);
    permute(endDate_, first, local);
    permute(startTime_, first, local);
    permute(endTime_, first, local);
    permute(principal_, first, local);
    permute(provider_, first, local);
    permute(toProvider_, first, local);
    permute(setting_, first, local);
    permute(status_, first, local);
    permute(source_, first, local);
    permute(value_, first, local);
    permute(unit_, first, local);
    permute(daysSupply_, first, local);
    permute(generic_, first, local);
    permute(hasResult_, first, local);
    permute(line_, first, local);
    permuteLists(codeStart_, codes_, first, local);
    permuteLists(slotStart_, slotCodes_, first, local);
  }
  unsortedRuns_.clear();
}

void PendingRows::appendBatch(const ColumnVector<PendingEvent>& events, bool timed,
                              const std::vector<CodeId>& codes,
                              const std::vector<std::pair<CodeSlot, CodeId>>& slotCodes,
                              const std::vector<CodeId>& codeIds,
                              const std::vector<ProviderId>& providerIds,
                              const std::vector<UnitId>& unitIds, std::int64_t lineOffset) {
  const size_t at = size();
  const size_t n = events.size();
  const size_t codeCount = codes.size(), slotCount = slotCodes.size();
  if (timed && !timed_) {
    // The first rows with a time: the rows before them had none.
    timed_ = true;
    startTime_.assign(at, kNoTime);
    endTime_.assign(at, kNoTime);
  }
  // Every column sized once (ColumnVector: resize leaves the room
  // unwritten), then written row by row: a row's fields are read once, from
  // one place, and each column's bytes are written once.
  member_.resize(at + n);
  date_.resize(at + n);
  endDate_.resize(at + n);
  if (timed_) {
    startTime_.resize(at + n);
    endTime_.resize(at + n);
  }
  codeStart_.resize(at + n + 1);
  provider_.resize(at + n);
  // A lazy column that is not dense takes the batch's values into its sink,
  // a buffer of one batch that stays in cache: the loop below writes every
  // column the same way, and the sink is checked after it.
  const std::uint32_t dense = dense_;
  const auto room = [&](std::uint32_t column, auto& values, auto& sink) {
    if (dense & column) {
      values.resize(at + n);
      return values.data() + at;
    }
    if (sink.size() < n) sink.resize(n);
    return sink.data();
  };
  CodeId* const principal = room(kPrincipal, principal_, sinks_.principal);
  ProviderId* const toProvider = room(kToProvider, toProvider_, sinks_.toProvider);
  Setting* const setting = room(kSetting, setting_, sinks_.setting);
  Status* const status = room(kStatus, status_, sinks_.status);
  EventSource* const source = room(kSource, source_, sinks_.source);
  double* const value = room(kValue, value_, sinks_.value);
  UnitId* const unit = room(kUnit, unit_, sinks_.unit);
  std::int32_t* const daysSupply = room(kDaysSupply, daysSupply_, sinks_.daysSupply);
  std::uint8_t* const generic = room(kGeneric, generic_, sinks_.generic);
  std::uint8_t* const hasResult = room(kHasResult, hasResult_, sinks_.hasResult);
  line_.resize(at + n);
  slotStart_.resize(at + n + 1);
  size_t codeAt = codes_.size(), slotAt = slotCodes_.size();
  codes_.resize(codeAt + codeCount);
  slotCodes_.resize(slotAt + slotCount);
  // The columns' and the maps' buffers in locals: a store through a byte
  // column may alias anything, and would make the compiler load every
  // vector's buffer again for each row.
  MemberIndex* const member = member_.data() + at;
  Days* const date = date_.data() + at;
  Days* const endDate = endDate_.data() + at;
  Seconds* const startTime = timed_ ? startTime_.data() + at : nullptr;
  Seconds* const endTime = timed_ ? endTime_.data() + at : nullptr;
  std::uint32_t* const codeStart = codeStart_.data() + at + 1;
  CodeId* const codesOut = codes_.data();
  ProviderId* const providerOut = provider_.data() + at;
  std::uint32_t* const line = line_.data() + at;
  std::uint32_t* const slotStart = slotStart_.data() + at + 1;
  std::pair<CodeSlot, CodeId>* const slotCodesOut = slotCodes_.data();
  const PendingEvent* const rows = events.data();
  const CodeId* const codesIn = codes.data();
  const std::pair<CodeSlot, CodeId>* const slotCodesIn = slotCodes.data();
  const CodeId* const codeId = codeIds.data();
  const ProviderId* const providerId = providerIds.data();
  const UnitId* const unitId = unitIds.data();
  const auto provider = [&](ProviderId p) {
    return p < kBatchProvider || p == kNoProvider ? p : providerId[p - kBatchProvider];
  };
  for (size_t k = 0; k < n; ++k) {
    const PendingEvent& e = rows[k];
    member[k] = e.member;
    date[k] = e.date;
    endDate[k] = e.endDate;
    if (startTime != nullptr) {
      startTime[k] = e.startTime;
      endTime[k] = e.endTime;
    }
    for (std::uint32_t c = e.codeBegin; c < e.codeEnd; ++c) codesOut[codeAt++] = codeId[codesIn[c]];
    codeStart[k] = static_cast<std::uint32_t>(codeAt);
    providerOut[k] = provider(e.provider);
    line[k] = static_cast<std::uint32_t>(static_cast<std::int64_t>(e.line) + lineOffset);
    for (std::uint32_t c = e.slotBegin; c < e.slotEnd; ++c)
      slotCodesOut[slotAt++] = {slotCodesIn[c].first, codeId[slotCodesIn[c].second]};
    slotStart[k] = static_cast<std::uint32_t>(slotAt);
    principal[k] = e.principal == CodeDictionary::kNoCode ? e.principal : codeId[e.principal];
    toProvider[k] = provider(e.toProvider);
    value[k] = e.value;
    unit[k] = unitId[e.unit];
    daysSupply[k] = e.daysSupply;
    setting[k] = e.setting;
    status[k] = e.status;
    source[k] = e.source;
    generic[k] = e.generic;
    hasResult[k] = e.hasResult;
  }
  // A sink whose values are not all the constant makes its column dense.
  const auto settle = [&](std::uint32_t column, auto& values, const auto& sink,
                          const auto& constant) {
    if ((dense & column) || allAre(sink.data(), n, constant)) return;
    values.reserve(at + n);
    values.assign(at, constant);
    values.insert(values.end(), sink.begin(), sink.begin() + static_cast<std::ptrdiff_t>(n));
    dense_ |= column;
  };
  settle(kPrincipal, principal_, sinks_.principal, kConstantPrincipal);
  settle(kToProvider, toProvider_, sinks_.toProvider, kConstantToProvider);
  settle(kSetting, setting_, sinks_.setting, kConstantSetting);
  settle(kStatus, status_, sinks_.status, kConstantStatus);
  settle(kSource, source_, sinks_.source, kConstantSource);
  settle(kValue, value_, sinks_.value, kConstantValue);
  settle(kUnit, unit_, sinks_.unit, kConstantUnit);
  settle(kDaysSupply, daysSupply_, sinks_.daysSupply, kConstantDaysSupply);
  settle(kGeneric, generic_, sinks_.generic, kConstantGeneric);
  settle(kHasResult, hasResult_, sinks_.hasResult, kConstantHasResult);
  // Each run of one member in `events` is in table order
  // (EventBatch::finishRows): only the first row against the row before it
  // and where the member changes are news.
  if (n == 0) return;
  if (at > 0) noteOrder(at);
  for (size_t r = at + 1; r < at + n; ++r) {
    if (member_[r] != member_[r - 1]) {
      grouped_ = grouped_ && member_[r] > member_[r - 1];
      runStart_ = r;
    }
  }
}

bool PendingRows::moveInto(size_t members, EventTable& out) {
  const size_t n = size();
  out = EventTable();
  const auto memberOf = [&](size_t i) { return member_[i]; };
  ColumnVector<std::uint32_t> start =
      memberOffsets<ColumnVector<std::uint32_t>>(n, members, memberOf);
  const bool grouped = grouped_;
  std::vector<std::uint32_t> order;
  if (grouped) {
    sortMemberRuns();  // the runs are the members'; none to sort when all are in order
  } else {
    order = memberOrder(n, start, memberOf,
                        [&](std::uint32_t a, std::uint32_t b) { return before(a, b); });
  }
  out.memberStart = std::move(start);
  member_ = {};
  fillSlots(grouped ? nullptr : &order, out);
  slotStart_ = {};
  slotCodes_ = {};
  // Each column in turn, its pending copy freed as soon as the table has it.
  const auto take = [&](auto& pending, auto& column) {
    column = grouped ? std::move(pending) : gather(pending, order);
    pending = {};
  };
  if (grouped) {
    out.codeStart = std::move(codeStart_);
    out.codes = std::move(codes_);
  } else {
    ColumnVector<std::uint32_t> codeStart(n + 1);
    ColumnVector<CodeId> codes(codes_.size());
    size_t at = 0;
    for (size_t k = 0; k < n; ++k) {
      codeStart[k] = static_cast<std::uint32_t>(at);
      for (std::uint32_t c = codeStart_[order[k]]; c < codeStart_[order[k] + 1]; ++c)
        codes[at++] = codes_[c];
    }
    codeStart[n] = static_cast<std::uint32_t>(at);
    out.codeStart = std::move(codeStart);
    out.codes = std::move(codes);
  }
  codeStart_ = {0};
  codes_ = {};
  // A lazy column that never left its constant: one value for every row.
  const auto takeLazy = [&](std::uint32_t lazy, auto& pending, auto& column, const auto& constant) {
    if (dense_ & lazy) {
      take(pending, column);
    } else {
      column = constantColumn(constant, n, out.constantPages);
      pending = {};
    }
  };
  take(date_, out.date);
  take(endDate_, out.endDate);
  take(startTime_, out.startTime);
  take(endTime_, out.endTime);
  takeLazy(kPrincipal, principal_, out.principal, kConstantPrincipal);
  take(provider_, out.provider);
  takeLazy(kToProvider, toProvider_, out.toProvider, kConstantToProvider);
  takeLazy(kSetting, setting_, out.setting, kConstantSetting);
  takeLazy(kStatus, status_, out.status, kConstantStatus);
  takeLazy(kSource, source_, out.source, kConstantSource);
  takeLazy(kValue, value_, out.value, kConstantValue);
  takeLazy(kUnit, unit_, out.unit, kConstantUnit);
  takeLazy(kDaysSupply, daysSupply_, out.daysSupply, kConstantDaysSupply);
  takeLazy(kGeneric, generic_, out.generic, kConstantGeneric);
  takeLazy(kHasResult, hasResult_, out.hasResult, kConstantHasResult);
  take(line_, out.line);
  slotStart_ = {0};
  timed_ = false;
  dense_ = 0;
  grouped_ = true;
  runStart_ = 0;
  unsortedRuns_.clear();
  return grouped;
}

// The codes of each coded field, in the table's order (`order`, or the
// rows' own when null); a field no row has stays empty (SlotCodes). One pass
// over the rows for every field at once: a pass per field read every row's
// range again for each.
void PendingRows::fillSlots(const std::vector<std::uint32_t>* order, EventTable& out) const {
  size_t count[kCodeSlotCount] = {};
  for (const auto& slotCode : slotCodes_) ++count[static_cast<int>(slotCode.first)];
  const size_t n = size();
  // The fields some row has (the principal is read from the codes), each
  // sized once and written by index: a push_back per row and per code cost
  // a call each.
  ColumnVector<std::uint32_t> starts[kCodeSlotCount];
  ColumnVector<CodeId> codes[kCodeSlotCount];
  std::uint32_t* start[kCodeSlotCount] = {};
  CodeId* codesOf[kCodeSlotCount] = {};
  std::uint32_t at[kCodeSlotCount] = {};
  int fields[kCodeSlotCount];
  int fieldCount = 0;
  for (int s = 0; s < kCodeSlotCount; ++s) {
    if (count[s] == 0 || static_cast<CodeSlot>(s) == CodeSlot::Principal) continue;
    starts[s].resize(n + 1);
    starts[s][0] = 0;
    codes[s].resize(count[s]);
    start[s] = starts[s].data() + 1;
    codesOf[s] = codes[s].data();
    fields[fieldCount++] = s;
  }
  if (fieldCount == 0) return;
  const std::uint32_t* const slotStart = slotStart_.data();
  const std::pair<CodeSlot, CodeId>* const slotCodes = slotCodes_.data();
  for (size_t k = 0; k < n; ++k) {
    const size_t i = order != nullptr ? (*order)[k] : k;
    for (std::uint32_t c = slotStart[i]; c < slotStart[i + 1]; ++c) {
      const int s = static_cast<int>(slotCodes[c].first);
      if (codesOf[s] != nullptr) codesOf[s][at[s]++] = slotCodes[c].second;
    }
    for (int f = 0; f < fieldCount; ++f) start[fields[f]][k] = at[fields[f]];
  }
  for (int f = 0; f < fieldCount; ++f) {
    SlotCodes& slot = out.slots[fields[f]];
    slot.start = std::move(starts[fields[f]]);
    slot.codes = std::move(codes[fields[f]]);
  }
}

}  // namespace mc::store
