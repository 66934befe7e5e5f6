// The checks of a store read from a cache (store/CacheChecks.h): one pass
// over each column that an index is read from, spread over the run's
// threads.
#include "store/CacheChecks.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>
#include <thread>
#include <type_traits>
#include <vector>

#include "support/EventVocabulary.h"

namespace mc::store {
namespace {

// Whether `bad(i)` holds for any i in [0, n). Blocks of a few thousand
// are checked with no branch, so that the compiler vectorises the loop,
// and the block's result is looked at after it: a loop that returned at
// the first bad value ran a compare and a branch per value, and the checks
// of a 1M-member cache read about 160 million of them on every run.
template <typename Bad>
bool anyIndex(size_t n, Bad bad) {
  constexpr size_t kBlock = 4096;
  for (size_t at = 0; at < n; at += kBlock) {
    const size_t end = std::min(n, at + kBlock);
    std::uint32_t found = 0;
    for (size_t i = at; i < end; ++i) found |= static_cast<std::uint32_t>(bad(i));
    if (found != 0) return true;
  }
  return false;
}

// Whether `bad` holds for any of the n values at `values`.
template <typename T, typename Bad>
bool anyOf(const T* values, size_t n, Bad bad) {
  return anyIndex(n, [&](size_t i) { return bad(values[i]); });
}

// `start` has `rows + 1` rising offsets from 0 to `total`.
template <typename T>
bool offsetsSound(const Column<T>& start, size_t rows, size_t total) {
  if (start.size() != rows + 1 || start[0] != 0 || start[rows] != total) return false;
  const T* const offsets = start.data();
  return !anyIndex(rows, [&](size_t i) { return offsets[i + 1] < offsets[i]; });
}

// Every value below `limit`, or equal to `none`.
template <typename T>
bool idsSound(const Column<T>& ids, size_t limit, T none) {
  static_assert(std::is_unsigned_v<T>, "a negative id would pass the compare below");
  // A limit beyond T's range holds every value.
  if (limit > static_cast<size_t>(std::numeric_limits<T>::max())) return true;
  const T below = static_cast<T>(limit);
  return !anyOf(ids.data(), ids.size(), [&](T id) { return (id >= below) & (id != none); });
}

// Every value below `limit` (ids that are never absent).
template <typename T>
bool idsBelow(const Column<T>& ids, size_t limit) {
  static_assert(std::is_unsigned_v<T>, "a negative id would pass the compare below");
  if (limit > static_cast<size_t>(std::numeric_limits<T>::max())) return true;
  const T below = static_cast<T>(limit);
  return !anyOf(ids.data(), ids.size(), [&](T id) { return id >= below; });
}

// An enum's underlying type, or the type itself (Status is a byte).
template <typename E, bool = std::is_enum_v<E>>
struct Raw {
  using type = E;
};
template <typename E>
struct Raw<E, true> {
  using type = std::underlying_type_t<E>;
};

template <typename E>
bool enumSound(const Column<E>& values, int count) {
  using U = typename Raw<E>::type;
  if (count > static_cast<int>(std::numeric_limits<U>::max())) return true;
  const auto limit = static_cast<U>(count);
  return !anyOf(values.data(), values.size(), [&](E v) { return static_cast<U>(v) >= limit; });
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
