// Collects rows in arrival order, then sorts them into the store's columns
// with per-member offsets.
#include "store/StoreBuilder.h"

#include <algorithm>
#include <atomic>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <tuple>

namespace mc::store {
namespace {

// CSR offsets: memberStart[m] is the first row of member m once rows are
// grouped by member; memberStart[members] is the row count.
template <typename Row>
std::vector<std::uint32_t> memberOffsets(const std::vector<Row>& rows, size_t members) {
  std::vector<std::uint32_t> start(members + 1, 0);
  for (const Row& row : rows) ++start[row.member + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  return start;
}

// The order to emit rows in: grouped by member with a counting sort, then
// each member's (short) run sorted by `less`. Stable throughout, so equal
// rows keep their arrival order.
template <typename Row, typename Less>
std::vector<std::uint32_t> memberOrder(const std::vector<Row>& rows,
                                       const Column<std::uint32_t>& memberStart, Less less) {
  std::vector<std::uint32_t> order(rows.size());
  std::vector<std::uint32_t> next(memberStart.begin(), memberStart.end() - 1);
  for (size_t i = 0; i < rows.size(); ++i)
    order[next[rows[i].member]++] = static_cast<std::uint32_t>(i);
  const auto byKey = [&](std::uint32_t a, std::uint32_t b) { return less(rows[a], rows[b]); };
  for (size_t m = 0; m + 1 < memberStart.size(); ++m) {
    const auto first = order.begin() + memberStart[m];
    const auto last = order.begin() + memberStart[m + 1];
    if (std::is_sorted(first, last, byKey)) continue;
    if (last - first <= 32) {
      for (auto i = first + 1; i != last; ++i) {  // insertion sort: stable, no allocation
        const std::uint32_t row = *i;
        auto j = i;
        for (; j != first && byKey(row, *(j - 1)); --j) *j = *(j - 1);
        *j = row;
      }
    } else {
      std::stable_sort(first, last, byKey);
    }
  }
  return order;
}

ProviderId internOptional(ProviderTable& providers, std::string_view id) {
  return id.empty() ? kNoProvider : providers.intern(id);
}

// Pending rows are private to the builder; these templates see them only
// through deduction.
// The codes of each coded field, in the table's order; a field no row has
// stays empty (SlotCodes).
template <typename PendingEvent>
void fillSlots(const std::vector<PendingEvent>& rows, const std::vector<std::uint32_t>& order,
               const std::vector<std::pair<CodeSlot, CodeId>>& slotCodes, EventTable& out) {
  bool any[kCodeSlotCount] = {};
  for (const PendingEvent& e : rows)
    for (std::uint32_t c = e.slotBegin; c < e.slotEnd; ++c)
      any[static_cast<int>(slotCodes[c].first)] = true;
  for (int s = 0; s < kCodeSlotCount; ++s) {
    if (!any[s] || static_cast<CodeSlot>(s) == CodeSlot::Principal) continue;
    SlotCodes& slot = out.slots[s];
    slot.start.reserve(rows.size() + 1);
    slot.start.push_back(0);
    for (const std::uint32_t i : order) {
      for (std::uint32_t c = rows[i].slotBegin; c < rows[i].slotEnd; ++c)
        if (static_cast<int>(slotCodes[c].first) == s) slot.codes.push_back(slotCodes[c].second);
      slot.start.push_back(static_cast<std::uint32_t>(slot.codes.size()));
    }
  }
}

template <typename PendingEvent>
void fillEventTable(const std::vector<PendingEvent>& rows, const std::vector<CodeId>& codes,
                    const std::vector<std::pair<CodeSlot, CodeId>>& slotCodes, size_t members,
                    EventTable& out) {
  const size_t n = rows.size();
  out = EventTable();
  out.memberStart = memberOffsets(rows, members);
  const std::vector<std::uint32_t> order =
      memberOrder(rows, out.memberStart, [](const PendingEvent& a, const PendingEvent& b) {
        // Within a day, by time of day (a row without one first), so that
        // `latest value` is the day's last reading.
        return std::tie(a.date, a.startTime, a.endDate, a.endTime, a.line) <
               std::tie(b.date, b.startTime, b.endDate, b.endTime, b.line);
      });
  // Each column is a vector sized once and written by index, then handed
  // to the table: a Column's push_back keeps its view bookkeeping in step
  // on every element, and this loop writes 16 columns per row.
  size_t codeCount = 0;
  for (const PendingEvent& e : rows) codeCount += e.codeEnd - e.codeBegin;
  // Time columns only for a file that carries a time in some row.
  bool timed = false;
  for (const PendingEvent& e : rows)
    timed = timed || e.startTime != kNoTime || e.endTime != kNoTime;
  std::vector<Days> date(n), endDate(n);
  std::vector<Seconds> startTime(timed ? n : 0), endTime(timed ? n : 0);
  std::vector<std::uint32_t> codeStart(n + 1), line(n);
  std::vector<CodeId> codeIds(codeCount), principal(n);
  std::vector<ProviderId> provider(n), toProvider(n);
  std::vector<Setting> setting(n);
  std::vector<Status> status(n);
  std::vector<EventSource> source(n);
  std::vector<double> value(n);
  std::vector<UnitId> unit(n);
  std::vector<std::int32_t> daysSupply(n);
  std::vector<std::uint8_t> generic(n), hasResult(n);
  size_t codeAt = 0;
  for (size_t k = 0; k < n; ++k) {
    const PendingEvent& e = rows[order[k]];
    date[k] = e.date;
    endDate[k] = e.endDate;
    if (timed) {
      startTime[k] = e.startTime;
      endTime[k] = e.endTime;
    }
    codeStart[k] = static_cast<std::uint32_t>(codeAt);
    for (std::uint32_t c = e.codeBegin; c < e.codeEnd; ++c) codeIds[codeAt++] = codes[c];
    principal[k] = e.principal;
    provider[k] = e.provider;
    toProvider[k] = e.toProvider;
    setting[k] = e.setting;
    status[k] = e.status;
    source[k] = e.source;
    value[k] = e.value;
    unit[k] = e.unit;
    daysSupply[k] = e.daysSupply;
    generic[k] = e.generic;
    hasResult[k] = e.hasResult;
    line[k] = e.line;
  }
  codeStart[n] = static_cast<std::uint32_t>(codeAt);
  out.date = std::move(date);
  out.endDate = std::move(endDate);
  out.startTime = std::move(startTime);
  out.endTime = std::move(endTime);
  out.codeStart = std::move(codeStart);
  out.codes = std::move(codeIds);
  out.principal = std::move(principal);
  out.provider = std::move(provider);
  out.toProvider = std::move(toProvider);
  out.setting = std::move(setting);
  out.status = std::move(status);
  out.source = std::move(source);
  out.value = std::move(value);
  out.unit = std::move(unit);
  out.daysSupply = std::move(daysSupply);
  out.generic = std::move(generic);
  out.hasResult = std::move(hasResult);
  out.line = std::move(line);
  fillSlots(rows, order, slotCodes, out);
}

template <typename PendingSpan>
void fillEnrollment(const std::vector<PendingSpan>& spans, size_t members, EnrollmentTable& out) {
  out = EnrollmentTable{};
  out.memberStart = memberOffsets(spans, members);
  const std::vector<std::uint32_t> order =
      memberOrder(spans, out.memberStart, [](const PendingSpan& a, const PendingSpan& b) {
        return std::tie(a.start, a.end, a.line) < std::tie(b.start, b.end, b.line);
      });
  for (const std::uint32_t i : order) {
    out.start.push_back(spans[i].start);
    out.end.push_back(spans[i].end);
    out.pcp.push_back(spans[i].pcp);
    out.line.push_back(spans[i].line);
  }
}

}  // namespace

StoreBuilder::StoreBuilder() = default;

MemberIndex StoreBuilder::addMember(std::string id, Days birthDate, Sex sex, Days deathDate,
                                    std::string race, std::string ethnicity, std::uint32_t line) {
  MemberTable& m = store_.members;
  const auto index = static_cast<MemberIndex>(m.size());
  store_.memberIndex.intern(id);
  m.id.push_back(std::move(id));
  m.birthDate.push_back(birthDate);
  m.deathDate.push_back(deathDate);
  m.sex.push_back(sex);
  m.race.push_back(std::move(race));
  m.ethnicity.push_back(std::move(ethnicity));
  m.language.emplace_back();
  m.county.emplace_back();
  m.line.push_back(line);
  return index;
}

void StoreBuilder::setLanguageAndCounty(MemberIndex member, std::string language,
                                        std::string county) {
  store_.members.language[member] = std::move(language);
  store_.members.county[member] = std::move(county);
}

bool StoreBuilder::hasMember(std::string_view id) const {
  return findMember(id) != MemberStore::kNoMember;
}

MemberIndex StoreBuilder::findMember(std::string_view id) const { return store_.findMember(id); }

void StoreBuilder::addEnrollment(MemberIndex member, Days start, Days end, std::string_view pcpId,
                                 std::uint32_t line) {
  if (member >= store_.members.size()) throw std::out_of_range("addEnrollment: no such member");
  spans_.push_back({member, start, end, internOptional(store_.providers, pcpId), line});
}

void StoreBuilder::addProvider(std::string_view id, ProviderKind kind, std::string name,
                               std::string county, std::string attributes) {
  ProviderTable& p = store_.providers;
  // The id may already be known from an enrollment pcp_id or an event.
  const ProviderId pid = p.intern(id);
  p.kind[pid] = kind;
  p.listed[pid] = 1;
  p.name[pid] = std::move(name);
  p.county[pid] = std::move(county);
  p.attributes[pid] = std::move(attributes);
}

bool StoreBuilder::hasListedProvider(std::string_view id) const {
  const ProviderId pid = store_.providers.find(id);
  return pid != kNoProvider && store_.providers.listed[pid] != 0;
}

void StoreBuilder::addEvent(const EventRow& row) {
  if (row.member >= store_.members.size()) throw std::out_of_range("addEvent: no such member");
  const int k = static_cast<int>(row.kind);
  if (tableBuilt_[k]) throw std::logic_error("addEvent: the table of this kind is built");
  pending_[k].push_back(pendingEvent(
      row, pendingCodes_[k], pendingSlotCodes_[k],
      [&](CodeSystem system, const std::string& text) { return store_.codes.intern(system, text); },
      [&](const std::string& id) { return internOptional(store_.providers, id); },
      [&](const std::string& unit) { return store_.units.intern(unit); }));
}

void StoreBuilder::addBatch(EventKind kind, EventBatch& batch, std::int64_t lineOffset) {
  // The batch's dictionaries in their order: new store ids come out in the
  // order addEvent would have made them.
  std::vector<CodeId> codes(batch.keyOfId_.size());
  for (std::uint32_t i = 0; i < codes.size(); ++i) {
    const std::string_view key = batch.keys_.text(batch.keyOfId_[i]);
    codes[i] = store_.codes.intern(static_cast<CodeSystem>(key[0]), key.substr(1));
  }
  std::vector<ProviderId> providers(batch.providers_.size());
  for (std::uint32_t i = 0; i < providers.size(); ++i)
    providers[i] = store_.providers.intern(batch.providers_.text(i));
  std::vector<UnitId> units(batch.units_.size());
  for (std::uint32_t i = 0; i < units.size(); ++i)
    units[i] = store_.units.intern(batch.units_.text(i));

  const int k = static_cast<int>(kind);
  if (tableBuilt_[k]) throw std::logic_error("addBatch: the table of this kind is built");
  const auto codeBase = static_cast<std::uint32_t>(pendingCodes_[k].size());
  const auto slotBase = static_cast<std::uint32_t>(pendingSlotCodes_[k].size());
  for (const CodeId c : batch.codes_) pendingCodes_[k].push_back(codes[c]);
  for (const auto& [slot, c] : batch.slotCodes_) pendingSlotCodes_[k].emplace_back(slot, codes[c]);
  std::vector<PendingEvent>& pending = pending_[k];
  for (PendingEvent e : batch.events_) {
    if (e.member >= store_.members.size()) throw std::out_of_range("addBatch: no such member");
    e.codeBegin += codeBase;
    e.codeEnd += codeBase;
    if (e.principal != CodeDictionary::kNoCode) e.principal = codes[e.principal];
    if (e.provider != kNoProvider) e.provider = providers[e.provider];
    if (e.toProvider != kNoProvider) e.toProvider = providers[e.toProvider];
    e.unit = units[e.unit];
    e.slotBegin += slotBase;
    e.slotEnd += slotBase;
    e.line = static_cast<std::uint32_t>(static_cast<std::int64_t>(e.line) + lineOffset);
    pending.push_back(e);
  }
  batch = EventBatch();
}

void StoreBuilder::reserveMembers(size_t members) {
  MemberTable& m = store_.members;
  store_.memberIndex.reserve(members);
  m.id.reserve(members);
  m.birthDate.reserve(members);
  m.deathDate.reserve(members);
  m.sex.reserve(members);
  m.race.reserve(members);
  m.ethnicity.reserve(members);
  m.language.reserve(members);
  m.county.reserve(members);
  m.line.reserve(members);
}

void StoreBuilder::reserveEvents(EventKind kind, size_t rows) {
  pending_[static_cast<int>(kind)].reserve(rows);
}

void StoreBuilder::finishTable(EventKind kind) {
  const int k = static_cast<int>(kind);
  if (tableBuilt_[k]) return;
  fillEventTable(pending_[k], pendingCodes_[k], pendingSlotCodes_[k], store_.members.size(),
                 store_.events[k]);
  pending_[k] = {};
  pendingCodes_[k] = {};
  pendingSlotCodes_[k] = {};
  tableBuilt_[k] = true;
}

MemberStore StoreBuilder::finish(int threads) {
  const size_t members = store_.members.size();
  // Each table is built apart from the others: the largest first, taken in
  // turn by up to `threads` threads.
  std::vector<int> kinds(kEventKindCount);
  std::iota(kinds.begin(), kinds.end(), 0);
  std::stable_sort(kinds.begin(), kinds.end(),
                   [&](int a, int b) { return pending_[a].size() > pending_[b].size(); });
  std::atomic<int> next{0};
  const auto work = [&] {
    for (int i; (i = next++) < kEventKindCount;) {
      const int k = kinds[i];
      finishTable(static_cast<EventKind>(k));
    }
  };
  std::vector<std::thread> helpers;
  for (int t = 1; t < std::min(threads, kEventKindCount); ++t) helpers.emplace_back(work);
  work();
  for (std::thread& helper : helpers) helper.join();
  for (bool& built : tableBuilt_) built = false;
  fillEnrollment(spans_, members, store_.enrollment);
  spans_.clear();
  MemberStore out = std::move(store_);
  store_ = MemberStore{};
  return out;
}

}  // namespace mc::store
