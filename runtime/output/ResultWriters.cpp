// The CSV result files. Row order: output/ResultOrder.h; a member_results
// row's outcome columns: output/MemberResultCells.h.
#include "output/ResultWriters.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <future>

#include "output/CareGaps.h"
#include "output/MemberResultCells.h"
#include "output/RowBuffer.h"
#include "score/Attribution.h"
#include "support/CsvWriter.h"
#include "support/OneLine.h"

namespace mc::output {
namespace {

const char* bit(bool b) { return b ? "1" : "0"; }

// Each outcome's measure id as a CSV field.
std::vector<std::string> quotedMeasureIds(const std::vector<score::MeasureOutcomes>& outcomes) {
  std::vector<std::string> ids(outcomes.size());
  for (size_t i = 0; i < outcomes.size(); ++i) csv::appendField(ids[i], outcomes[i].measure->id);
  return ids;
}

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
  writeMemberResults(out, store, outcomes, resultOrder(store, outcomes));
}

void writeMemberResults(std::ostream& out, const store::MemberStore& store,
                        const std::vector<score::MeasureOutcomes>& outcomes,
                        const ResultOrder& order) {
  RowBuffer text(out);
  text.append("member_id,measure,provider_id,eligible,excluded,exception,numerator,reason\n");
  // DATA.md: an event-unit measure (one fill is one unit) writes no member
  // rows; its provider_results lines count events.
  MemberResultCells cells;
  const SortedRows sorted = sortedRows(
      order, outcomes, store.memberCount(),
      [&](std::uint32_t i, std::uint32_t m) {
        const score::MeasureOutcomes& mo = outcomes[i];
        return mo.members.population(m) && mo.measure->unitQuery < 0;
      },
      [&](std::uint32_t i, std::uint32_t m) {
        const score::MeasureOutcomes& mo = outcomes[i];
        return cells.cellOf(i, *mo.measure, mo.members[m]);
      });
  const std::vector<std::string> measureIds = quotedMeasureIds(outcomes);
  for (size_t rank = 0; rank + 1 < sorted.start.size(); ++rank) {
    std::string provider;
    csv::appendField(provider, order.providerText[rank]);
    for (size_t r = sorted.start[rank]; r < sorted.start[rank + 1]; ++r) {
      prefetchMemberId(store, sorted, r);
      const ResultRow row = sorted.rows[r];
      text.appendField(store.members.id[row.member]);
      text.append(',');
      text.append(measureIds[cells.measureOf(row.cell)]);
      text.append(',');
      text.append(provider);
      text.append(',');
      text.append(cells.text(row.cell));
      text.endRow();
    }
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
  writeGaps(out, store, outcomes, resultOrder(store, outcomes));
}

void writeGaps(std::ostream& out, const store::MemberStore& store,
               const std::vector<score::MeasureOutcomes>& outcomes, const ResultOrder& order) {
  RowBuffer text(out);
  text.append("provider_id,member_id,measure,what_is_missing\n");
  // The rule (and why a measure `based on` another writes none beside its
  // base) is in CareGaps.h.
  const std::vector<bool> withGaps = measuresWithGaps(outcomes);
  // Per measure, once: ",MEASURE,what is missing".
  std::vector<std::string> tail(outcomes.size());
  for (size_t i = 0; i < outcomes.size(); ++i) {
    tail[i] = ',';
    csv::appendField(tail[i], outcomes[i].measure->id);
    tail[i] += ',';
    csv::appendField(tail[i], whatIsMissing(*outcomes[i].measure));
  }
  const SortedRows sorted = sortedRows(
      order, outcomes, store.memberCount(),
      [&](std::uint32_t i, std::uint32_t m) {
        const score::OutcomeTable& t = outcomes[i].members;
        return withGaps[i] && t.population(m) && isCareGap(t[m]);
      },
      [](std::uint32_t i, std::uint32_t) { return i; });
  for (size_t rank = 0; rank + 1 < sorted.start.size(); ++rank) {
    std::string provider;
    csv::appendField(provider, order.providerText[rank]);
    provider += ',';
    for (size_t r = sorted.start[rank]; r < sorted.start[rank + 1]; ++r) {
      prefetchMemberId(store, sorted, r);
      const ResultRow row = sorted.rows[r];
      text.append(provider);
      text.appendField(store.members.id[row.member]);
      text.append(tail[row.cell]);
      text.endRow();
    }
  }
}

std::optional<OutputError> writeResultFiles(const ResultsDirectory& dir,
                                            const store::MemberStore& store,
                                            const std::vector<score::MeasureOutcomes>& outcomes,
                                            const std::vector<score::ProviderRate>& rates) {
  // One order for both files: the member and provider ids are ranked once.
  const ResultOrder order = resultOrder(store, outcomes);
  // The two large files are written side by side (each reads the outcomes
  // only): their rows are formatted on two cores.
  auto gaps = std::async(std::launch::async, [&] {
    return dir.writeFile("gaps.csv",
                         [&](std::ostream& out) { writeGaps(out, store, outcomes, order); });
  });
  auto members = dir.writeFile("member_results.csv", [&](std::ostream& out) {
    writeMemberResults(out, store, outcomes, order);
  });
  auto gapsError = gaps.get();
  if (members) return members;
  if (gapsError) return gapsError;
  return dir.writeFile("provider_results.csv",
                       [&](std::ostream& out) { writeProviderResults(out, store, rates); });
}

}  // namespace mc::output
