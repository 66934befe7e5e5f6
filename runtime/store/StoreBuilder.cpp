// Collects rows in arrival order, then sorts them into the store's columns
// with per-member offsets.
#include "store/StoreBuilder.h"

#include <algorithm>
#include <atomic>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <tuple>

#include "store/MemberOrder.h"

namespace mc::store {
namespace {

ProviderId internOptional(ProviderTable& providers, std::string_view id) {
  return id.empty() ? kNoProvider : providers.intern(id);
}

template <typename Spans>
void fillEnrollment(const Spans& spans, size_t members, EnrollmentTable& out) {
  out = EnrollmentTable{};
  const auto memberOf = [&](size_t i) { return spans[i].member; };
  ColumnVector<std::uint32_t> start =
      memberOffsets<ColumnVector<std::uint32_t>>(spans.size(), members, memberOf);
  const std::vector<std::uint32_t> order =
      memberOrder(spans.size(), start, memberOf, [&](std::uint32_t i, std::uint32_t j) {
        const auto &a = spans[i], &b = spans[j];
        return std::tie(a.start, a.end, a.line) < std::tie(b.start, b.end, b.line);
      });
  out.memberStart = std::move(start);
  out.start.reserve(order.size());
  out.end.reserve(order.size());
  out.pcp.reserve(order.size());
  out.line.reserve(order.size());
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
  if (store_.memberIndex.size() != store_.members.size())
    throw std::logic_error("addMember: members indexed but their columns not added");
  const auto index = static_cast<MemberIndex>(store_.memberIndex.intern(id));
  appendIndexedMember(id, birthDate, sex, deathDate, race, ethnicity, {}, {}, line);
  return index;
}

bool StoreBuilder::indexMembers(const std::vector<std::string_view>& ids,
                                const std::vector<std::uint64_t>& hashes,
                                const std::vector<std::uint32_t>& order) {
  // The member table is not read here: another thread may be adding the
  // columns of members indexed before (appendIndexedMember).
  return store_.memberIndex.addIfAllNew(ids, hashes, order);
}

void StoreBuilder::appendIndexedMember(std::string_view id, Days birthDate, Sex sex, Days deathDate,
                                       std::string_view race, std::string_view ethnicity,
                                       std::string_view language, std::string_view county,
                                       std::uint32_t line) {
  MemberTable& m = store_.members;
  m.id.emplace_back(id);
  m.birthDate.push_back(birthDate);
  m.deathDate.push_back(deathDate);
  m.sex.push_back(sex);
  m.race.emplace_back(race);
  m.ethnicity.emplace_back(ethnicity);
  m.language.emplace_back(language);
  m.county.emplace_back(county);
  m.line.push_back(line);
}

void StoreBuilder::setLanguageAndCounty(MemberIndex member, std::string language,
                                        std::string county) {
  store_.members.language.set(member, language);
  store_.members.county.set(member, county);
}

bool StoreBuilder::hasMember(std::string_view id) const {
  return findMember(id) != MemberStore::kNoMember;
}

MemberIndex StoreBuilder::findMember(std::string_view id) const { return store_.findMember(id); }

void StoreBuilder::addEnrollment(MemberIndex member, Days start, Days end, std::string_view pcpId,
                                 std::uint32_t line) {
  if (member >= store_.memberIndex.size()) throw std::out_of_range("addEnrollment: no such member");
  if (enrollmentBuilt_) throw std::logic_error("addEnrollment: the enrollment table is built");
  spans_.push_back({member, start, end, internOptional(store_.providers, pcpId), line});
}

ProviderId StoreBuilder::addProvider(std::string_view id, ProviderKind kind, std::string name,
                                     std::string county, std::string attributes) {
  ProviderTable& p = store_.providers;
  // The id may already be known from an enrollment pcp_id or an event.
  const ProviderId pid = p.intern(id);
  p.kind[pid] = kind;
  p.listed[pid] = 1;
  p.name[pid] = std::move(name);
  p.county[pid] = std::move(county);
  p.attributes[pid] = std::move(attributes);
  return pid;
}

bool StoreBuilder::hasListedProvider(std::string_view id) const {
  const ProviderId pid = store_.providers.find(id);
  return pid != kNoProvider && store_.providers.listed[pid] != 0;
}

void StoreBuilder::addEvent(const EventRow& row) {
  if (row.member >= store_.memberIndex.size()) throw std::out_of_range("addEvent: no such member");
  const int k = static_cast<int>(row.kind);
  if (tableBuilt_[k]) throw std::logic_error("addEvent: the table of this kind is built");
  if (!row.slotKeys.empty()) throw std::logic_error("addEvent: slot keys are a batch's");
  PendingRows& rows = rows_[k];
  rows.append(pendingEvent(
      row, rows.codes(), rows.slotCodes(),
      [&](CodeSystem system, const std::string& text) { return store_.codes.intern(system, text); },
      [&](std::string_view id) { return internOptional(store_.providers, id); },
      [&](std::string_view unit) { return store_.units.intern(unit); }));
}

void StoreBuilder::addBatch(EventKind kind, EventBatch& batch, std::int64_t lineOffset) {
  batch.finishRows();
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
  // The rows' store ids of providers are below kBatchProvider (PendingRows.h).
  if (store_.providers.size() > kBatchProvider)
    throw std::length_error("addBatch: more providers than a batch can name");
  std::vector<UnitId> units(batch.units_.size());
  for (std::uint32_t i = 0; i < units.size(); ++i)
    units[i] = store_.units.intern(batch.units_.text(i));

  const int k = static_cast<int>(kind);
  if (tableBuilt_[k]) throw std::logic_error("addBatch: the table of this kind is built");
  const EventBatch::Buffers& b = batch.b_;
  // Against the index: a member's columns may still be coming (the
  // loader adds members.csv's last columns beside the event files).
  if (!b.events.empty() && batch.maxMember_ >= store_.memberIndex.size())
    throw std::out_of_range("addBatch: no such member");
  rows_[k].appendBatch(b.events, batch.timed_, b.codes, b.slotCodes, codes, providers, units,
                       lineOffset);
  batch = EventBatch(batch.takeBuffers());  // the buffers kept for the caller
}

void StoreBuilder::reserveMembers(size_t members, size_t textBytes) {
  MemberTable& m = store_.members;
  store_.memberIndex.reserve(members, textBytes);
  m.id.reserve(members, textBytes);
  m.birthDate.reserve(members);
  m.deathDate.reserve(members);
  m.sex.reserve(members);
  m.race.reserve(members, textBytes);
  m.ethnicity.reserve(members, textBytes);
  m.language.reserve(members, textBytes);
  m.county.reserve(members, textBytes);
  m.line.reserve(members);
}

void StoreBuilder::reserveEvents(EventKind kind, size_t rows, size_t codes) {
  rows_[static_cast<int>(kind)].reserve(rows, codes);
}

bool StoreBuilder::finishTable(EventKind kind) {
  const int k = static_cast<int>(kind);
  if (tableBuilt_[k]) return false;
  if (store_.memberIndex.size() != store_.members.size())
    throw std::logic_error("finishTable: members indexed but their columns not added");
  const bool moved = rows_[k].moveInto(store_.members.size(), store_.events[k]);
  tableBuilt_[k] = true;
  return moved;
}

void StoreBuilder::finishEnrollment() {
  if (enrollmentBuilt_) return;
  // The members indexed: another thread may be adding their columns.
  fillEnrollment(spans_, store_.memberIndex.size(), store_.enrollment);
  spans_ = ColumnVector<PendingSpan>();
  enrollmentBuilt_ = true;
}

MemberStore StoreBuilder::finish(int threads) {
  const size_t members = store_.members.size();
  // Each table is built apart from the others: the largest first, taken in
  // turn by up to `threads` threads.
  std::vector<int> kinds(kEventKindCount);
  std::iota(kinds.begin(), kinds.end(), 0);
  std::stable_sort(kinds.begin(), kinds.end(),
                   [&](int a, int b) { return rows_[a].size() > rows_[b].size(); });
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
  if (!enrollmentBuilt_)
    fillEnrollment(spans_, members, store_.enrollment);
  else if (store_.enrollment.memberStart.size() != members + 1)
    throw std::logic_error("finish: members added after the enrollment table was built");
  enrollmentBuilt_ = false;
  spans_.clear();
  MemberStore out = std::move(store_);
  store_ = MemberStore{};
  return out;
}

}  // namespace mc::store
