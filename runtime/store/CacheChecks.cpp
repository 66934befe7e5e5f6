// The checks of a store read from a cache (store/CacheChecks.h): one pass
// over each column that an index is read from, spread over the run's
// threads.
#include "store/CacheChecks.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "support/EventVocabulary.h"

namespace mc::store {
namespace {

// `start` has `rows + 1` rising offsets from 0 to `total`.
template <typename T>
bool offsetsSound(const Column<T>& start, size_t rows, size_t total) {
  if (start.size() != rows + 1 || start[0] != 0 || start[rows] != total) return false;
  for (size_t i = 0; i < rows; ++i)
    if (start[i + 1] < start[i]) return false;
  return true;
}

// Every value below `limit`, or equal to `none`.
template <typename T>
bool idsSound(const Column<T>& ids, size_t limit, T none) {
  for (const T id : ids)
    if (static_cast<size_t>(id) >= limit && id != none) return false;
  return true;
}

// Every value below `limit` (ids that are never absent).
template <typename T>
bool idsBelow(const Column<T>& ids, size_t limit) {
  for (const T id : ids)
    if (static_cast<size_t>(id) >= limit) return false;
  return true;
}

template <typename E>
bool enumSound(const Column<E>& values, int count) {
  for (const E v : values)
    if (static_cast<int>(v) >= count) return false;
  return true;
}

// The checks of an event table in two halves of about equal work (its
// offsets and codes; its other id and enum columns), each reading only the
// columns it checks, so that the halves can run on different threads.
std::string eventTableOffsetsProblem(const EventTable& t, size_t members, size_t codes) {
  const size_t e = t.date.size();
  if (!offsetsSound(t.memberStart, members, e)) return "member offsets";
  const bool times = t.startTime.size() == e && t.endTime.size() == e;
  if (!(times || (t.startTime.empty() && t.endTime.empty())) || t.endDate.size() != e ||
      t.principal.size() != e || t.provider.size() != e || t.toProvider.size() != e ||
      t.setting.size() != e || t.status.size() != e || t.source.size() != e ||
      t.value.size() != e || t.hasResult.size() != e || t.unit.size() != e ||
      t.daysSupply.size() != e || t.generic.size() != e || t.line.size() != e)
    return "column sizes";
  if (!offsetsSound(t.codeStart, e, t.codes.size())) return "code offsets";
  if (!idsBelow(t.codes, codes) || !idsSound(t.principal, codes, CodeDictionary::kNoCode))
    return "codes";
  return "";
}

std::string eventTableIdsProblem(const EventTable& t, size_t codes, size_t providers,
                                 size_t units) {
  const size_t e = t.date.size();
  for (const SlotCodes& slot : t.slots) {
    if (slot.start.empty() ? !slot.codes.empty() : !offsetsSound(slot.start, e, slot.codes.size()))
      return "coded field offsets";
    if (!idsBelow(slot.codes, codes)) return "coded fields";
  }
  if (!idsSound(t.provider, providers, kNoProvider) ||
      !idsSound(t.toProvider, providers, kNoProvider))
    return "providers";
  if (!idsBelow(t.unit, units)) return "units";
  if (!enumSound(t.setting, kSettingCount) || !enumSound(t.status, kStatusNameCount) ||
      !enumSound(t.source, static_cast<int>(EventSource::Ehr) + 1))
    return "settings, statuses or sources";
  return "";
}

std::string memberTablesProblem(const MemberStore& s) {
  const MemberTable& m = s.members;
  const size_t n = m.id.size();
  if (m.birthDate.size() != n || m.deathDate.size() != n || m.sex.size() != n ||
      m.race.size() != n || m.ethnicity.size() != n || m.language.size() != n ||
      m.county.size() != n || m.line.size() != n)
    return "members: column sizes";
  if (!enumSound(m.sex, static_cast<int>(Sex::U) + 1)) return "members: sex";
  const ProviderTable& p = s.providers;
  const size_t providers = p.id.size();
  if (p.kind.size() != providers || p.listed.size() != providers || p.name.size() != providers ||
      p.county.size() != providers || p.attributes.size() != providers)
    return "providers: column sizes";
  if (!enumSound(p.kind, static_cast<int>(ProviderKind::Other) + 1)) return "providers: kind";
  const EnrollmentTable& en = s.enrollment;
  const size_t spans = en.start.size();
  if (!offsetsSound(en.memberStart, n, spans) || en.end.size() != spans || en.pcp.size() != spans ||
      en.line.size() != spans)
    return "enrollment: offsets or column sizes";
  if (!idsSound(en.pcp, providers, kNoProvider)) return "enrollment: pcp";
  for (CodeId c = 0; c < s.codes.size(); ++c)
    if (static_cast<int>(s.codes.system(c)) >= kCodeSystemCount) return "codes: systems";
  return "";
}

}  // namespace

std::string unsoundColumn(const MemberStore& s, int threads) {
  // The checks in their order: the member tables, then each event table's
  // two halves. Every check runs (a sound store, the usual case, runs them
  // all anyway) and the first problem in this order is reported, so the
  // message does not depend on `threads`.
  constexpr size_t kChecks = 1 + 2 * kEventKindCount;
  std::string problems[kChecks];
  const size_t n = s.members.id.size(), providers = s.providers.id.size();
  const auto check = [&](size_t i) {
    if (i == 0) {
      problems[0] = memberTablesProblem(s);
      return;
    }
    const int k = static_cast<int>((i - 1) / 2);
    const EventTable& t = s.events[k];
    const std::string problem =
        (i - 1) % 2 == 0 ? eventTableOffsetsProblem(t, n, s.codes.size())
                         : eventTableIdsProblem(t, s.codes.size(), providers, s.units.size());
    if (!problem.empty())
      problems[i] = std::string(eventFileName(static_cast<EventKind>(k))) + ": " + problem;
  };
  std::atomic<size_t> next{0};
  const auto take = [&] {
    for (size_t i = next++; i < kChecks; i = next++) check(i);
  };
  std::vector<std::thread> helpers;
  for (int h = 1; h < std::min<int>(threads, static_cast<int>(kChecks)); ++h)
    helpers.emplace_back(take);
  take();
  for (std::thread& h : helpers) h.join();
  for (const std::string& problem : problems)
    if (!problem.empty()) return problem;
  return "";
}

}  // namespace mc::store
