// The CSV result files. Rows are sorted on integer ranks of the provider,
// measure and member id strings, so a sort of millions of rows compares ints.
#include "output/ResultWriters.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <numeric>

#include "output/CareGaps.h"
#include "score/Attribution.h"
#include "support/CsvWriter.h"
#include "support/OneLine.h"

namespace mc::output {
namespace {

// Positions of `count` items in the string order of their keys; equal keys
// share a rank.
std::vector<std::uint32_t> stringRanks(size_t count,
                                       const std::function<std::string_view(size_t)>& key) {
  std::vector<std::uint32_t> order(count);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
  std::vector<std::uint32_t> rank(count);
  std::uint32_t r = 0;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0 && key(order[i]) != key(order[i - 1])) r = static_cast<std::uint32_t>(i);
    rank[order[i]] = r;
  }
  return rank;
}

store::ProviderId providerOf(const score::MeasureOutcomes& mo, size_t member) {
  return member < mo.provider.size() ? mo.provider[member] : store::kNoProvider;
}

struct RowRef {
  std::uint32_t providerRank;
  std::uint32_t measure;  // index into outcomes, after measure-id order
  std::uint32_t memberRank;
  std::uint32_t member;

  bool operator<(const RowRef& o) const {
    if (providerRank != o.providerRank) return providerRank < o.providerRank;
    if (measure != o.measure) return measure < o.measure;
    return memberRank < o.memberRank;
  }
};

// (measure, member) pairs for which `keep` holds, sorted by provider_id,
// measure id, member_id. RowRef::measure is the index into `outcomes`.
std::vector<RowRef> sortedRows(
    const store::MemberStore& store, const std::vector<score::MeasureOutcomes>& outcomes,
    const std::function<bool(const ir::Measure&, const score::MemberOutcome&)>& keep) {
  const store::ProviderTable& providers = store.providers;
  // Rank slot providers.size() stands for UNLINKED.
  const std::vector<std::uint32_t> providerRank = stringRanks(providers.size() + 1, [&](size_t p) {
    return p == providers.size()
               ? score::kUnlinked
               : score::providerIdText(providers, static_cast<store::ProviderId>(p));
  });
  const std::vector<std::uint32_t> memberRank = stringRanks(
      store.memberCount(), [&](size_t m) { return std::string_view(store.members.id[m]); });
  // Measures in id order, ties in input order: sort position is the key.
  std::vector<std::uint32_t> measureOrder(outcomes.size());
  std::iota(measureOrder.begin(), measureOrder.end(), 0u);
  std::stable_sort(measureOrder.begin(), measureOrder.end(), [&](std::uint32_t a, std::uint32_t b) {
    return outcomes[a].measure->id < outcomes[b].measure->id;
  });

  std::vector<RowRef> rows;
  for (std::uint32_t pos = 0; pos < measureOrder.size(); ++pos) {
    const score::MeasureOutcomes& mo = outcomes[measureOrder[pos]];
    const size_t n = std::min(mo.members.size(), store.memberCount());
    for (size_t m = 0; m < n; ++m) {
      if (!keep(*mo.measure, mo.members[m])) continue;
      const store::ProviderId p = providerOf(mo, m);
      const size_t slot = p < providers.size() ? p : providers.size();
      rows.push_back({providerRank[slot], pos, memberRank[m], static_cast<std::uint32_t>(m)});
    }
  }
  std::sort(rows.begin(), rows.end());
  for (RowRef& r : rows) r.measure = measureOrder[r.measure];
  return rows;
}

const char* bit(bool b) { return b ? "1" : "0"; }

}  // namespace

std::string formatRate(double rate) {
  if (!std::isfinite(rate)) return {};
  return fmt::format("{:.4f}", rate);
}

std::string formatCount(double value) {
  if (!std::isfinite(value)) return {};
  if (std::floor(value) == value && std::fabs(value) < 9.0e15) {
    return fmt::format("{}", static_cast<long long>(value));
  }
  return fmt::format("{:.4f}", value);
}

std::string whatIsMissing(const ir::Measure& measure) {
  std::string gap = oneLine(measure.gap);
  if (!gap.empty()) return gap;
  const ir::Rule& numerator = measure.rule(ir::RuleKind::Numerator);
  std::string label = numerator.terms.empty() ? std::string() : oneLine(numerator.terms[0].label);
  if (label.empty()) label = ir::ruleName(ir::RuleKind::Numerator);
  return "numerator: " + label;
}

void writeMemberResults(std::ostream& out, const store::MemberStore& store,
                        const std::vector<score::MeasureOutcomes>& outcomes) {
  csv::CsvWriter w(out);
  w.row({"member_id", "measure", "provider_id", "eligible", "excluded", "exception", "numerator",
         "reason"});
  // DATA.md: an event-unit measure (one fill is one unit) writes no member
  // rows; its provider_results lines count events.
  const auto rows =
      sortedRows(store, outcomes, [](const ir::Measure& m, const score::MemberOutcome& o) {
        return o.population && m.unitQuery < 0;
      });
  for (const RowRef& r : rows) {
    const score::MeasureOutcomes& mo = outcomes[r.measure];
    const score::MemberOutcome& o = mo.members[r.member];
    w.field(store.members.id[r.member]);
    w.field(mo.measure->id);
    w.field(score::providerIdText(store.providers, providerOf(mo, r.member)));
    w.field(bit(o.eligible));
    w.field(bit(o.eligible && o.excluded));
    w.field(bit(o.eligible && o.exception));
    w.field(formatCount(score::countedNumerator(o)));
    w.field(score::reasonText(*mo.measure, o));
    w.endRow();
  }
}

void writeProviderResults(std::ostream& out, const store::MemberStore& store,
                          const std::vector<score::ProviderRate>& rates) {
  std::vector<const score::ProviderRate*> rows;
  for (const score::ProviderRate& r : rates) rows.push_back(&r);
  std::stable_sort(
      rows.begin(), rows.end(), [&](const score::ProviderRate* a, const score::ProviderRate* b) {
        const std::string_view pa = score::providerIdText(store.providers, a->provider);
        const std::string_view pb = score::providerIdText(store.providers, b->provider);
        if (pa != pb) return pa < pb;
        return a->measure->id < b->measure->id;
      });
  csv::CsvWriter w(out);
  w.row({"provider_id", "measure", "denominator", "numerator", "rate", "qualifies"});
  for (const score::ProviderRate* r : rows) {
    w.field(score::providerIdText(store.providers, r->provider));
    w.field(r->measure->id);
    w.field(formatCount(r->denominator));
    w.field(formatCount(r->numerator));
    w.field(r->rate ? formatRate(*r->rate) : std::string());
    w.field(bit(r->qualifies));
    w.endRow();
  }
}

void writeGaps(std::ostream& out, const store::MemberStore& store,
               const std::vector<score::MeasureOutcomes>& outcomes) {
  csv::CsvWriter w(out);
  w.row({"provider_id", "member_id", "measure", "what_is_missing"});
  // The rule (and why a measure `based on` another writes none beside its
  // base) is in CareGaps.h.
  const std::vector<bool> withGaps = measuresWithGaps(outcomes);
  std::map<const ir::Measure*, bool> gapsOf;
  for (size_t i = 0; i < outcomes.size(); ++i) gapsOf[outcomes[i].measure] = withGaps[i];
  const auto rows =
      sortedRows(store, outcomes, [&](const ir::Measure& m, const score::MemberOutcome& o) {
        return gapsOf.at(&m) && isCareGap(o);
      });
  std::vector<std::string> missing(outcomes.size());  // per measure, computed once
  for (size_t i = 0; i < outcomes.size(); ++i) missing[i] = whatIsMissing(*outcomes[i].measure);
  for (const RowRef& r : rows) {
    const score::MeasureOutcomes& mo = outcomes[r.measure];
    w.field(score::providerIdText(store.providers, providerOf(mo, r.member)));
    w.field(store.members.id[r.member]);
    w.field(mo.measure->id);
    w.field(missing[r.measure]);
    w.endRow();
  }
}

std::optional<OutputError> writeResultFiles(const ResultsDirectory& dir,
                                            const store::MemberStore& store,
                                            const std::vector<score::MeasureOutcomes>& outcomes,
                                            const std::vector<score::ProviderRate>& rates) {
  if (auto e = dir.writeFile("member_results.csv", [&](std::ostream& out) {
        writeMemberResults(out, store, outcomes);
      })) {
    return e;
  }
  if (auto e = dir.writeFile("provider_results.csv",
                             [&](std::ostream& out) { writeProviderResults(out, store, rates); })) {
    return e;
  }
  return dir.writeFile("gaps.csv", [&](std::ostream& out) { writeGaps(out, store, outcomes); });
}

}  // namespace mc::output
