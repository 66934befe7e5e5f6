// Names of the store's enums (as written in DATA.md), the code dictionary and
// the id lookups.
#include "store/MemberStore.h"

#include <cctype>
#include <optional>

#include "store/NameLookup.h"
#include "support/EventVocabulary.h"
#include "support/Ucum.h"

namespace mc::store {
namespace {

struct EventKindInfo {
  const char* name;
  const char* file;
};

constexpr EventKindInfo kEventKinds[kEventKindCount] = {
    {"visit", "visits.csv"},
    {"pharmacy", "pharmacy.csv"},
    {"observation", "observations.csv"},
    {"condition", "conditions.csv"},
    {"immunization", "immunizations.csv"},
    {"supplemental", "supplemental.csv"},
    {"referral", "referrals.csv"},
    {"order", "orders.csv"},
};

static_assert(kSettingNameCount == kSettingCount, "EventVocabulary names every Setting");
static_assert(kSourceNameCount == static_cast<int>(EventSource::Ehr) + 1,
              "EventVocabulary names every EventSource");

std::string dictionaryKey(CodeSystem system, std::string_view code) {
  std::string key;
  key.reserve(code.size() + 1);
  key += static_cast<char>(system);
  key += code;
  return key;
}

}  // namespace

const char* eventKindName(EventKind kind) { return kEventKinds[static_cast<int>(kind)].name; }
const char* eventFileName(EventKind kind) { return kEventKinds[static_cast<int>(kind)].file; }

namespace {

constexpr NameLookup kSettingLookup(kSettingNames);
constexpr NameLookup kSourceLookup(kSourceNames);
constexpr NameLookup kStatusLookup(kStatusNames);

}  // namespace

bool settingFromName(std::string_view name, Setting& out) {
  const int index = kSettingLookup.find(name);
  if (index == kSettingLookup.kAbsent) return false;
  out = static_cast<Setting>(index);
  return true;
}

std::optional<EventSource> eventSourceFromName(std::string_view name) {
  const int index = kSourceLookup.find(name);
  if (index == kSourceLookup.kAbsent) return std::nullopt;
  return static_cast<EventSource>(index);
}

const char* settingName(Setting s) { return kSettingNames[static_cast<int>(s)]; }

std::optional<Status> statusFromText(std::string_view text) {
  const int index = kStatusLookup.find(text);
  if (index == kStatusLookup.kAbsent) return std::nullopt;
  return static_cast<Status>(index);
}

// Id 0 (kUnitless) is interned first.
UnitDictionary::UnitDictionary() { intern(mc::kUnitless); }

UnitId UnitDictionary::intern(std::string_view unit) {
  std::string canonical = canonicalUnit(unit);
  auto it = index_.find(canonical);
  if (it != index_.end()) return it->second;
  const auto id = static_cast<UnitId>(names_.size());
  names_.push_back(canonical);
  index_.emplace(std::move(canonical), id);
  return id;
}

UnitId UnitDictionary::find(std::string_view canonical) const {
  auto it = index_.find(std::string(canonical));
  return it == index_.end() ? kNoUnit : it->second;
}

UnitDictionary UnitDictionary::restore(std::vector<std::string> names) {
  UnitDictionary d;
  d.names_ = std::move(names);
  d.index_.clear();
  for (size_t i = 0; i < d.names_.size(); ++i)
    d.index_.emplace(d.names_[i], static_cast<UnitId>(i));
  return d;
}

CodeDictionary CodeDictionary::restore(std::vector<CodeSystem> systems,
                                       std::vector<std::string> codes) {
  CodeDictionary d;
  d.index_.reserve(codes.size());
  for (size_t i = 0; i < codes.size(); ++i)
    d.index_.emplace(dictionaryKey(systems[i], codes[i]), static_cast<CodeId>(i));
  d.systems_ = std::move(systems);
  d.codes_ = std::move(codes);
  return d;
}

CodeId CodeDictionary::intern(CodeSystem system, std::string_view normalizedCode) {
  std::string key = dictionaryKey(system, normalizedCode);
  // Look up before inserting: emplace would build a node on every call.
  if (const auto it = index_.find(key); it != index_.end()) return it->second;
  const auto id = static_cast<CodeId>(systems_.size());
  index_.emplace(std::move(key), id);
  systems_.push_back(system);
  codes_.emplace_back(normalizedCode);
  return id;
}

CodeId CodeDictionary::find(CodeSystem system, std::string_view normalizedCode) const {
  const auto it = index_.find(dictionaryKey(system, normalizedCode));
  return it == index_.end() ? kNoCode : it->second;
}

std::string CodeDictionary::qualified(CodeId id) const {
  return std::string(codeSystemName(systems_[id])) + ":" + codes_[id];
}

ProviderId ProviderTable::intern(std::string_view providerId) {
  const ProviderId pid = index.intern(providerId);
  if (pid < id.size()) return pid;
  id.emplace_back(providerId);
  kind.push_back(ProviderKind::Other);
  listed.push_back(0);
  name.emplace_back();
  county.emplace_back();
  attributes.emplace_back();
  return pid;
}

ProviderId ProviderTable::find(std::string_view providerId) const {
  const std::uint32_t pid = index.find(providerId);
  return pid == TextIndex::kAbsent ? kNoProvider : pid;
}

MemberIndex MemberStore::findMember(std::string_view memberId) const {
  // A store read from a cache has no index: a run looks no member up, and
  // explain one, so a scan costs less than building the index would.
  if (memberIndex.empty()) {
    for (MemberIndex m = 0; m < members.id.size(); ++m)
      if (members.id[m] == memberId) return m;
    return kNoMember;
  }
  const std::uint32_t m = memberIndex.find(memberId);
  return m == TextIndex::kAbsent ? kNoMember : m;
}

}  // namespace mc::store
