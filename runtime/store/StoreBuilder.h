// Builds a MemberStore from rows in any order: the CSV loader and the
// in-file test blocks both go through it, so both produce the same layout.
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/EventBatch.h"
#include "store/MemberStore.h"
#include "store/PendingRows.h"

namespace mc::store {

// EventRow::endDate of an event whose period is unknown (kNoDate itself
// means "the same day"): a value no calendar date has.
inline constexpr Days kUnknownEndRow = kNoDate + 1;

struct EventRow {
  EventKind kind = EventKind::Visit;
  MemberIndex member = 0;
  Days date = kNoDate;
  // kNoDate: same as `date`; kOpenEnd: open; kUnknownEndRow: unknown (the
  // table keeps kUnknownPeriodEnd).
  Days endDate = kNoDate;
  Seconds startTime = kNoTime;  // the time of day of `date`; kNoTime: none written
  Seconds endTime = kNoTime;    // of `endDate` (ignored when the row has no end)
  std::vector<std::pair<CodeSystem, std::string>> codes;  // normalised codes
  // The texts are borrowed: they must outlive the row's addEvent or
  // EventBatch::add (the loader's are the record's cells, so that no row
  // copies them).
  std::string_view provider;    // empty: none
  std::string_view toProvider;  // referrals only
  // The store's ids of provider and toProvider when the caller knows them
  // (the loader: providers listed in providers.csv, which it looks up to
  // check them anyway), so that EventBatch::add looks neither up again;
  // kNoProvider: not known, the text is the provider. addEvent reads the
  // texts only.
  ProviderId providerId = kNoProvider;
  ProviderId toProviderId = kNoProvider;
  Setting setting = Setting::None;
  Status status = 0;  // index into kStatusNames; 0: empty
  EventSource source = EventSource::None;
  double value = std::numeric_limits<double>::quiet_NaN();
  std::string_view unit;  // the value's unit as written; empty: none ('1'); borrowed
  std::int32_t daysSupply = 0;
  bool generic = false;
  // Codes of the event's coded fields (support/CodeSlots.h), normalised;
  // a Principal entry is ignored (the principal is read from `codes`).
  std::vector<std::pair<CodeSlot, std::pair<CodeSystem, std::string>>> slotCodes;
  // The coded fields' codes as read by an EventBatch (readSlotCodeList and
  // the like), its keys, before those of slotCodes: for EventBatch::add
  // only (the loader's rows, so that no code is made a string per row).
  std::vector<EventBatch::SlotKey> slotKeys;
  bool hasResult = false;  // a value of any kind: a number, a code or text
  std::uint32_t line = 0;
};

// An order row that states no intent (hand-written data, claims, a test
// block's `order`) is an order: orders.csv holds orders (docs/data.md). Both
// StoreBuilder::addEvent and EventBatch::add give it REQINTENT:order.
inline bool takesDefaultIntent(const EventRow& row) {
  if (row.kind != EventKind::Order) return false;
  for (const auto& slotCode : row.slotCodes)
    if (slotCode.first == CodeSlot::Intent) return false;
  return true;
}
inline constexpr const char* kDefaultIntent = "order";  // a REQINTENT code

// The one conversion of a row's fields other than its codes to a pending
// event, for pendingEvent and EventBatch::add (which gives the codes its
// own way, and writes the row where it is kept): `provider(id)`,
// `toProvider(id)` and `unit(text)` give ids (one callback per provider
// field, so that a batch can remember the last id of each); the code and
// slot ranges and the principal are left to the caller.
template <typename ProviderOf, typename ToProviderOf, typename UnitOf>
void setPendingFields(PendingEvent& e, const EventRow& row, ProviderOf provider,
                      ToProviderOf toProvider, UnitOf unit) {
  e.member = row.member;
  e.date = row.date;
  e.endDate = row.endDate == kNoDate          ? row.date
              : row.endDate == kUnknownEndRow ? kUnknownPeriodEnd
                                              : row.endDate;
  // The end reads as the start when the row has none; an open or unknown end
  // has no time.
  e.startTime = row.startTime;
  e.endTime = row.endDate == kNoDate                                     ? row.startTime
              : row.endDate == kOpenEnd || row.endDate == kUnknownEndRow ? kNoTime
                                                                         : row.endTime;
  e.provider = provider(row.provider);
  e.toProvider = toProvider(row.toProvider);
  e.setting = row.setting;
  e.status = row.status;
  e.source = row.source;
  e.value = row.value;
  e.unit = unit(row.unit);
  e.daysSupply = row.daysSupply;
  e.generic = row.generic ? 1 : 0;
  e.hasResult = row.hasResult ? 1 : 0;
  e.line = row.line;
}

// A row to a pending event for StoreBuilder::addEvent: `code(system, text)`
// gives ids, in the order EventBatch::add gives its own (the codes, the
// coded fields, the default intent); the row's codes and coded fields are
// appended to `codes` and `slotCodes`.
template <typename Codes, typename SlotCodes, typename CodeOf, typename ProviderOf, typename UnitOf>
PendingEvent pendingEvent(const EventRow& row, Codes& codes, SlotCodes& slotCodes, CodeOf code,
                          ProviderOf provider, UnitOf unit) {
  PendingEvent e;
  setPendingFields(e, row, provider, provider, unit);
  e.codeBegin = static_cast<std::uint32_t>(codes.size());
  e.principal = CodeDictionary::kNoCode;
  for (const auto& [system, text] : row.codes) {
    codes.push_back(code(system, text));
    if (system == CodeSystem::ICD10CM && e.principal == CodeDictionary::kNoCode)
      e.principal = codes.back();
  }
  e.codeEnd = static_cast<std::uint32_t>(codes.size());
  e.slotBegin = static_cast<std::uint32_t>(slotCodes.size());
  for (const auto& [slot, systemCode] : row.slotCodes)
    if (slot != CodeSlot::Principal)
      slotCodes.emplace_back(slot, code(systemCode.first, systemCode.second));
  if (takesDefaultIntent(row))
    slotCodes.emplace_back(CodeSlot::Intent, code(CodeSystem::REQINTENT, kDefaultIntent));
  e.slotEnd = static_cast<std::uint32_t>(slotCodes.size());
  return e;
}

// A member's members.csv fields, for StoreBuilder::appendIndexedMembers;
// the texts are borrowed.
struct IndexedMember {
  std::string_view id, race, ethnicity, language, county;
  Days birthDate = kNoDate, deathDate = kNoDate;
  Sex sex = Sex::U;
  std::uint32_t line = 0;
};

class StoreBuilder {
 public:
  StoreBuilder();

  // Returns the new member's index; ids must be unique (the caller checks
  // with hasMember first). Enrollment and events may be added for every
  // member indexed, its columns added or not; a table is built
  // (finishTable, finish) only once every indexed member's columns are.
  MemberIndex addMember(std::string id, Days birthDate, Sex sex, Days deathDate = kNoDate,
                        std::string race = {}, std::string ethnicity = {}, std::uint32_t line = 0);
  // Members added as addMember would add them one by one, when their ids
  // are new and distinct (else false, having added none): their ids indexed
  // at once (TextIndex::addIfAllNew: their hashes, and the order in which
  // their slots are filled), then each member's columns with
  // appendIndexedMember, in the order of `ids`, before the next addMember.
  bool indexMembers(const std::vector<std::string_view>& ids,
                    const std::vector<std::uint64_t>& hashes,
                    const std::vector<std::uint32_t>& order);
  // The columns of the first member indexed whose columns are not yet
  // added. It reads and writes the member table only, never the index: one
  // thread may add a chunk's columns while another indexes the next chunk's
  // ids (the loader's members.csv, whose serial part is then the index).
  void appendIndexedMember(std::string_view id, Days birthDate, Sex sex, Days deathDate,
                           std::string_view race, std::string_view ethnicity,
                           std::string_view language, std::string_view county, std::uint32_t line);
  // appendIndexedMember for the next `count` members in turn, member k's
  // fields given by `fields(k)` (an IndexedMember), one column at a time:
  // each text column grows once for them all (TextColumn::appendEach).
  template <typename FieldsOf>
  void appendIndexedMembers(size_t count, FieldsOf fields) {
    MemberTable& m = store_.members;
    m.id.appendEach(count, [&](size_t k) { return fields(k).id; });
    m.race.appendEach(count, [&](size_t k) { return fields(k).race; });
    m.ethnicity.appendEach(count, [&](size_t k) { return fields(k).ethnicity; });
    m.language.appendEach(count, [&](size_t k) { return fields(k).language; });
    m.county.appendEach(count, [&](size_t k) { return fields(k).county; });
    for (size_t k = 0; k < count; ++k) {
      const IndexedMember f = fields(k);
      m.birthDate.push_back(f.birthDate);
      m.deathDate.push_back(f.deathDate);
      m.sex.push_back(f.sex);
      m.line.push_back(f.line);
    }
  }
  // The optional members.csv columns used only to stratify results.
  void setLanguageAndCounty(MemberIndex member, std::string language, std::string county);
  bool hasMember(std::string_view id) const;
  MemberIndex findMember(std::string_view id) const;  // MemberStore::kNoMember if absent
  // The ids of the members added so far: id i is member i.
  const TextIndex& memberIds() const { return store_.memberIndex; }

  // end == kOpenEnd for an open span; empty pcpId for none.
  void addEnrollment(MemberIndex member, Days start, Days end, std::string_view pcpId,
                     std::uint32_t line = 0);
  // The provider's id in the store.
  ProviderId addProvider(std::string_view id, ProviderKind kind, std::string name = {},
                         std::string county = {}, std::string attributes = {});
  bool hasListedProvider(std::string_view id) const;
  void addEvent(const EventRow& row);
  // The rows of a batch of `kind`, in its order, as if each were added with
  // addEvent; `lineOffset` is added to each row's line. Empties the batch
  // (its row buffers keep their room: EventBatch::takeRows).
  void addBatch(EventKind kind, EventBatch& batch, std::int64_t lineOffset);
  // Room for about `members` members (a loader's estimate from its file),
  // and for at most `textBytes` bytes in each of their texts' columns and
  // the id index (members.csv's size: a bound, as room never written is
  // never touched), so that those buffers are not copied as they grow.
  void reserveMembers(size_t members, size_t textBytes = 0);
  // Room for about `rows` events of `kind` (a loader's estimate from its file).
  void reserveEvents(EventKind kind, size_t rows, size_t codes = 0);
  // Room for about `spans` enrollment spans (a loader's estimate from its
  // file): grown span by span, they were copied at each doubling.
  void reserveEnrollment(size_t spans) { spans_.reserve(spans); }

  // Sorts every table by (member, date, startTime, endDate, endTime, line) and builds the
  // per-member offsets, the tables on up to `threads` threads. The builder is
  // empty afterwards.
  MemberStore finish(int threads = 1);
  // Builds the table of `kind` now, as finish() would (which then leaves it
  // as it is): once every member and every row of the kind has been added.
  // It touches only that kind's rows and table, so a loader may build it on
  // one thread while another adds rows of other kinds; no row of `kind` may
  // be added afterwards. True when the rows came in the table's order and
  // their columns became the table without a copy (PendingRows::moveInto).
  bool finishTable(EventKind kind);
  // Builds the enrollment table now, as finish() would (which then leaves
  // it as it is): once every member is indexed and every span added. It
  // touches only the spans and that table, so a loader may build it on one
  // thread while others add events or members' columns; no span may be
  // added afterwards.
  void finishEnrollment();

 private:
  struct PendingSpan {
    MemberIndex member;
    Days start, end;
    ProviderId pcp;
    std::uint32_t line;
  };

  MemberStore store_;
  // Per kind, so that one kind's table can be built (finishTable) while
  // rows of other kinds are still being added.
  PendingRows rows_[kEventKindCount];
  bool tableBuilt_[kEventKindCount] = {};
  bool enrollmentBuilt_ = false;
  ColumnVector<PendingSpan> spans_;  // large: in huge pages (support/LargePages.h)
};

}  // namespace mc::store
