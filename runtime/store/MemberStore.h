// The columnar member store: every input file of a data directory (DATA.md),
// loaded once into flat columns. Codes and providers are interned to ints,
// dates are int32 day numbers, and each kind of event is sorted by
// (member, date) with per-member offsets (CSR), so one member's events of a
// kind are one contiguous slice.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/Column.h"
#include "store/TextColumn.h"
#include "store/TextIndex.h"
#include "support/CodeSlots.h"
#include "support/CodeSystem.h"
#include "support/Date.h"
#include "support/DateTime.h"

namespace mc::store {

using MemberIndex = std::uint32_t;
using CodeId = std::uint32_t;
using ProviderId = std::uint32_t;
inline constexpr ProviderId kNoProvider = std::numeric_limits<ProviderId>::max();

enum class Sex : std::uint8_t { F, M, U };

enum class EventKind : std::uint8_t {
  Visit,
  Pharmacy,
  Observation,
  Condition,
  Immunization,
  Supplemental,
  Referral,
  Order,  // orders.csv: a service or device order (FHIR ServiceRequest, DeviceRequest)
};
inline constexpr int kEventKindCount = 8;

// EventTable::endDate of an event whose period the data says is unknown
// (orders.csv end_date `unknown`: a medication order whose CQL
// medicationRequestPeriod is null). It is the missing date, so `o.end` is
// missing and, as a CQL null interval, the event overlaps no window: every
// "ends on or after" test is false.
inline constexpr Days kUnknownPeriodEnd = kNoDate;
const char* eventKindName(EventKind kind);  // "visit", "pharmacy", ...
const char* eventFileName(EventKind kind);  // "visits.csv", "pharmacy.csv", ...

// visits.csv `setting`; None when the cell is empty.
enum class Setting : std::uint8_t {
  None,
  Outpatient,
  Inpatient,
  Ed,
  Urgent,
  Observation,
  Telehealth,
  Snf,
  Hospice,
  Home,
  Other,
  NonAcute,      // v3 ActCode NONAC
  PreAdmission,  // PRENC
  ShortStay,     // SS
};
inline constexpr int kSettingCount = 14;
bool settingFromName(std::string_view name, Setting& out);  // "" -> None
const char* settingName(Setting s);

// Event status: an index into kStatusNames (support/EventVocabulary.h); 0 is
// the empty cell. Which statuses count is the measure's choice (a mask).
using Status = std::uint8_t;
// nullopt for a status outside the vocabulary (case-insensitive).
std::optional<Status> statusFromText(std::string_view text);

// immunizations.csv `source`.
enum class EventSource : std::uint8_t { None, Registry, Claim, Ehr };
// immunizations.csv `source` (any case; "" -> None); nullopt if unknown.
std::optional<EventSource> eventSourceFromName(std::string_view name);

enum class ProviderKind : std::uint8_t { Pcp, Pharmacy, Specialist, Hospital, Lab, Other };

// Interned (system, normalised code) pairs. Ids are dense from 0.
class CodeDictionary {
 public:
  CodeId intern(CodeSystem system, std::string_view normalizedCode);
  // kNoCode when the pair was never interned.
  CodeId find(CodeSystem system, std::string_view normalizedCode) const;
  static constexpr CodeId kNoCode = std::numeric_limits<CodeId>::max();

  size_t size() const { return systems_.size(); }
  CodeSystem system(CodeId id) const { return systems_[id]; }
  const std::string& code(CodeId id) const { return codes_[id]; }
  std::string qualified(CodeId id) const;  // "CPT:77067"
  // The dictionary whose id i is (systems[i], codes[i]) (a cache read back).
  static CodeDictionary restore(std::vector<CodeSystem> systems, std::vector<std::string> codes);

 private:
  std::vector<CodeSystem> systems_;
  std::vector<std::string> codes_;
  std::unordered_map<std::string, CodeId> index_;  // key: system byte + code
};

// The codes of one coded field of the events of a table (support/CodeSlots.h),
// laid out like EventTable::codes. `start` is empty when no event of the
// table has a code there, so that a table pays for the fields it uses only.
struct SlotCodes {
  Column<std::uint32_t> start;  // events + 1 entries, or none
  Column<CodeId> codes;

  std::uint32_t begin(std::uint32_t e) const { return start.empty() ? 0 : start[e]; }
  std::uint32_t end(std::uint32_t e) const { return start.empty() ? 0 : start[e + 1]; }
};

using UnitId = std::uint32_t;

// Interned units of values, in their canonical spelling (support/Ucum.h).
// Id 0 is '1', the unit of a value written without one (CQL: a Quantity
// without a unit has unit '1').
class UnitDictionary {
 public:
  UnitDictionary();
  UnitId intern(std::string_view unit);  // canonicalises first
  // The id of a canonical unit; kNoUnit when no value has it.
  UnitId find(std::string_view canonical) const;
  static constexpr UnitId kNoUnit = std::numeric_limits<UnitId>::max();
  static constexpr UnitId kUnitless = 0;

  size_t size() const { return names_.size(); }
  const std::string& text(UnitId id) const { return names_[id]; }
  // The dictionary whose id i is names[i], canonical already (a cache read
  // back); names[0] is '1'.
  static UnitDictionary restore(std::vector<std::string> names);

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, UnitId> index_;
};

// One kind of event, column by column. Event i of member m lies in
// [memberStart[m], memberStart[m+1]), ordered by (date, startTime, endDate, endTime, source line):
// by time within a day, a row without a time first (as rows without times always were).
struct EventTable {
  Column<std::uint32_t> memberStart;  // members + 1 entries
  Column<Days> date;                  // service / onset / fill date
  Column<Days> endDate;  // discharge / abatement; == date when none; kOpenEnd when open
  // (an order: kUnknownPeriodEnd below)
  // The time of day of `date` and of `endDate` (seconds since midnight,
  // kNoTime when the cell had none; the end's is the start's when the row
  // has no end, kNoTime when open). Both are empty when no row of the file
  // carries a time, so that data without times costs no memory.
  Column<Seconds> startTime;
  Column<Seconds> endTime;
  Column<std::uint32_t> codeStart;  // events + 1 entries, into `codes`
  Column<CodeId> codes;
  // The principal diagnosis: the first ICD-10-CM code of the line as written
  // (DATA.md), kept apart so that nothing depends on the order of `codes`.
  // CodeDictionary::kNoCode when the line has no ICD-10-CM code.
  Column<CodeId> principal;
  Column<ProviderId> provider;    // provider_id / pharmacy_id / from_provider_id
  Column<ProviderId> toProvider;  // referrals: to_provider_id; others kNoProvider
  Column<Setting> setting;
  Column<Status> status;
  Column<EventSource> source;
  Column<double> value;  // observations/supplemental value, pharmacy quantity; NaN if none
  // Coded fields by CodeSlot: the coded value (an observations.csv /
  // supplemental.csv value written SYSTEM:code). The principal diagnosis is
  // `principal` above; its entry here stays empty.
  std::array<SlotCodes, kCodeSlotCount> slots;
  // 1 when the row has a value of any kind: a number, a code or text
  // (CQL `value is not null`).
  Column<std::uint8_t> hasResult;
  Column<UnitId> unit;  // the value's unit (observations.csv `unit`); kUnitless when none
  Column<std::int32_t> daysSupply;  // pharmacy; 0 for other kinds
  Column<std::uint8_t> generic;     // pharmacy `generic`: 1 = Y, 0 = N or empty
  Column<std::uint32_t> line;       // 1-based line in the source file (0: built in memory)
  // The pages of the columns in which every row holds one value
  // (store/ConstantColumn.h), which are views of them; empty when none.
  std::vector<std::shared_ptr<const void>> constantPages;

  size_t size() const { return date.size(); }
  bool hasTimes() const { return !startTime.empty(); }
  Seconds startTimeOf(std::uint32_t e) const { return startTime.empty() ? kNoTime : startTime[e]; }
  Seconds endTimeOf(std::uint32_t e) const { return endTime.empty() ? kNoTime : endTime[e]; }
  std::uint32_t begin(MemberIndex m) const { return memberStart[m]; }
  std::uint32_t end(MemberIndex m) const { return memberStart[m + 1]; }
};

struct MemberTable {
  TextColumn id;
  Column<Days> birthDate;
  Column<Days> deathDate;  // kNoDate when none
  Column<Sex> sex;
  TextColumn race;
  TextColumn ethnicity;
  TextColumn language;  // members.csv `language`, as written; "" when none
  TextColumn county;    // members.csv `county`, as written; "" when none
  Column<std::uint32_t> line;

  size_t size() const { return id.size(); }
};

// Enrollment spans per member, sorted by (start, end), not merged.
struct EnrollmentTable {
  Column<std::uint32_t> memberStart;  // members + 1 entries
  Column<Days> start;
  Column<Days> end;        // kOpenEnd when the cell is empty
  Column<ProviderId> pcp;  // kNoProvider when empty
  Column<std::uint32_t> line;
};

struct ProviderTable {
  std::vector<std::string> id;  // indexed by ProviderId
  Column<ProviderKind> kind;
  Column<std::uint8_t> listed;  // 1 when the provider has a row in providers.csv
  std::vector<std::string> name;
  std::vector<std::string> county;
  std::vector<std::string> attributes;  // raw `attributes` cell
  // id -> ProviderId: a TextIndex id is the ProviderId, as every provider
  // is added through intern (one arena, no node or string per lookup).
  TextIndex index;

  ProviderId intern(std::string_view providerId);      // adds an unlisted provider if new
  ProviderId find(std::string_view providerId) const;  // kNoProvider if absent
  size_t size() const { return id.size(); }
};

struct MemberStore {
  MemberTable members;
  EnrollmentTable enrollment;
  ProviderTable providers;
  CodeDictionary codes;
  UnitDictionary units;
  EventTable events[kEventKindCount];

  const EventTable& table(EventKind k) const { return events[static_cast<int>(k)]; }
  size_t memberCount() const { return members.size(); }
  // kNoMember when absent.
  MemberIndex findMember(std::string_view memberId) const;
  static constexpr MemberIndex kNoMember = std::numeric_limits<MemberIndex>::max();

  // Member id -> MemberIndex (ids are interned in member order, so a
  // TextIndex id is the member's index): one arena and one slot table, no
  // node per member. Empty in a store read from a cache (findMember then
  // scans the ids).
  TextIndex memberIndex;
  // The cache file the columns are views of (store/CacheReader.h); null when
  // every column is owned. Shared so that a copy of the store keeps it too.
  std::shared_ptr<const void> mapping;
};

}  // namespace mc::store
