// The CSV result files. Row order: output/ResultOrder.h; a member_results
// row's outcome columns: output/MemberResultCells.h.
#include "output/ResultWriters.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "output/CareGaps.h"
#include "output/MemberResultCells.h"
#include "output/RowRanges.h"
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

// Per provider rank: its provider_id as a CSV field, then `after`.
std::vector<std::string> quotedProviderIds(const ResultOrder& order, const char* after) {
  std::vector<std::string> ids(order.providerText.size());
  for (size_t rank = 0; rank < ids.size(); ++rank) {
    csv::appendField(ids[rank], order.providerText[rank]);
    ids[rank] += after;
  }
  return ids;
}

// The rows [first, last) of a file, provider by provider: next() moves to
// the next provider with rows in the range, whose rows there are
// [first(), last()).
class ProviderRows {
 public:
  ProviderRows(const SortedRows& sorted, size_t first, size_t last)
      : start_(sorted.start), end_(last), last_(first) {
    // The rank whose rows hold row `first`: the last start at or before it.
    rank_ = static_cast<size_t>(std::upper_bound(start_.begin(), start_.end(), first) -
                                start_.begin()) -
            1;
    first_ = first;
  }
  bool next() {
    if (started_) {
      ++rank_;
      first_ = last_;
    }
    started_ = true;
    while (rank_ + 1 < start_.size() && start_[rank_ + 1] <= first_) ++rank_;
    if (first_ >= end_ || rank_ + 1 >= start_.size()) return false;
    last_ = std::min(end_, start_[rank_ + 1]);
    return true;
  }
  size_t rank() const { return rank_; }
  size_t first() const { return first_; }
  size_t last() const { return last_; }

 private:
  const std::vector<size_t>& start_;
  size_t end_;
  size_t last_;
  size_t first_ = 0;
  size_t rank_ = 0;
  bool started_ = false;
};

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
  writeMemberResults(out, store, outcomes, resultOrder(store, outcomes), 1);
}

namespace {

// A member id into a row: copied as it is when no member id of the store
// needs quotes, the usual case, found in one pass over the ids' bytes (a
// few milliseconds at 1,000,000 members); else quoted where needed, id by
// id. The rows name a member once per measure (8 million ids in
// member_results.csv and gaps.csv at that size), and a check per row was
// a seventh of the write's processor time there (perf: 238 of 1,585
// samples, bench/README.md, Write).
class MemberIdField {
 public:
  explicit MemberIdField(const store::TextColumn& ids)
      : plain_(!csv::needsQuotes(std::string_view(ids.bytes(), ids.byteCount()))) {}
  // Room for 2 * id.size() + 2 bytes must be at `to` (csv::putField).
  char* put(char* to, std::string_view id) const {
    return plain_ ? csv::put(to, id) : csv::putField(to, id);
  }

 private:
  bool plain_;
};

// Per measure: ",MEASURE,what is missing" and the row's end, the part of a
// gaps.csv row after member_id.
std::vector<std::string> gapTails(const std::vector<score::MeasureOutcomes>& outcomes) {
  std::vector<std::string> tail(outcomes.size());
  for (size_t i = 0; i < outcomes.size(); ++i) {
    tail[i] = ',';
    csv::appendField(tail[i], outcomes[i].measure->id);
    tail[i] += ',';
    csv::appendField(tail[i], whatIsMissing(*outcomes[i].measure));
    tail[i] += '\n';
  }
  return tail;
}

// member_results.csv to `members` and, when `gaps` is given, gaps.csv to
// it from the same rows: a care gap is a member_results row whose cell
// says so (MemberResultCells::isGap), and both files are in provider,
// measure, member order. One ordering and one pass over the rows make
// both files, which are then written side by side.
void writeMemberRows(std::ostream& members, std::ostream* gaps, const store::MemberStore& store,
                     const std::vector<score::MeasureOutcomes>& outcomes, const ResultOrder& order,
                     int threads, const std::function<void()>& ordered) {
  members << "member_id,measure,provider_id,eligible,excluded,exception,numerator,reason\n";
  if (gaps != nullptr) *gaps << "provider_id,member_id,measure,what_is_missing\n";
  // DATA.md: an event-unit measure (one fill is one unit) writes no member
  // rows; its provider_results lines count events (and, CareGaps.h, no
  // gaps).
  MemberResultCells cells(outcomes.size(), store.memberCount(),
                          gaps != nullptr ? measuresWithGaps(outcomes) : std::vector<bool>());
  const SortedRows sorted = sortedRows(
      order, outcomes, store.memberCount(), threads,
      // sortedRows asks of the population's members only.
      [&](std::uint32_t i, std::uint32_t) { return outcomes[i].measure->unitQuery < 0; },
      [&](std::uint32_t i, std::uint32_t m) {
        const score::MeasureOutcomes& mo = outcomes[i];
        return cells.cellOf(i, *mo.measure, mo.members, m);
      });
  if (ordered) ordered();
  const std::vector<std::string> measureIds = quotedMeasureIds(outcomes);
  const std::vector<std::string> providers = quotedProviderIds(order, "");
  const std::vector<std::string> gapProviders = quotedProviderIds(order, ",");
  const std::vector<std::string> tails = gapTails(outcomes);
  const MemberIdField idField(store.members.id);
  std::vector<std::ostream*> outs = {&members};
  if (gaps != nullptr) outs.push_back(gaps);
  writeRowRanges(
      outs, sorted.rows.size(), threads,
      [&](size_t first, size_t last, RowText* texts) {
        RowText& text = texts[0];
        // ",MEASURE,PROVIDER,": a provider's rows come measure by
        // measure, so it is made again only when the measure changes.
        std::string middle;
        for (ProviderRows rows(sorted, first, last); rows.next();) {
          const std::string& provider = providers[rows.rank()];
          std::uint32_t measure = 0xffffffffu;
          for (size_t r = rows.first(); r < rows.last(); ++r) {
            prefetchMemberId(store, sorted, r);
            const ResultRow row = sorted.rows[r];
            if (cells.measureOf(row.cell) != measure) {
              measure = cells.measureOf(row.cell);
              middle.assign(1, ',');
              middle += measureIds[measure];
              middle += ',';
              middle += provider;
              middle += ',';
            }
            const std::string_view id = store.members.id[row.member];
            const std::string_view cell = cells.text(row.cell);
            char* at = text.room(2 * id.size() + 2 + middle.size() + cell.size() + 1);
            at = idField.put(at, id);
            at = csv::put(at, middle);
            at = csv::put(at, cell);
            *at++ = '\n';
            text.endAt(at);
            if (cells.isGap(row.cell)) {
              // Only with `gaps`: without, no cell is a gap.
              const std::string& gapProvider = gapProviders[rows.rank()];
              const std::string& tail = tails[measure];
              char* g = texts[1].room(gapProvider.size() + 2 * id.size() + 2 + tail.size());
              g = csv::put(g, gapProvider);
              g = idField.put(g, id);
              g = csv::put(g, tail);
              texts[1].endAt(g);
            }
          }
        }
      },
      rowsPerRange(threads));
}

}  // namespace

void writeMemberResults(std::ostream& out, const store::MemberStore& store,
                        const std::vector<score::MeasureOutcomes>& outcomes,
                        const ResultOrder& order, int threads) {
  writeMemberRows(out, nullptr, store, outcomes, order, threads, {});
}

void writeMemberResultsAndGaps(std::ostream& members, std::ostream& gaps,
                               const store::MemberStore& store,
                               const std::vector<score::MeasureOutcomes>& outcomes,
                               const ResultOrder& order, int threads,
                               const std::function<void()>& ordered) {
  writeMemberRows(members, &gaps, store, outcomes, order, threads, ordered);
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
  writeGaps(out, store, outcomes, resultOrder(store, outcomes), 1);
}

namespace {

// gaps.csv's rows in file order (the rule, and why a measure `based on`
// another writes none beside its base, are in CareGaps.h).
SortedRows gapRows(const store::MemberStore& store,
                   const std::vector<score::MeasureOutcomes>& outcomes, const ResultOrder& order,
                   int threads) {
  const std::vector<bool> withGaps = measuresWithGaps(outcomes);
  return sortedRows(
      order, outcomes, store.memberCount(), threads,
      [&](std::uint32_t i, std::uint32_t m) {
        return withGaps[i] && isCareGap(outcomes[i].members[m]);
      },
      [](std::uint32_t i, std::uint32_t) { return i; });
}

void writeGapRows(std::ostream& out, const store::MemberStore& store,
                  const std::vector<score::MeasureOutcomes>& outcomes, const ResultOrder& order,
                  const SortedRows& sorted, int threads) {
  out << "provider_id,member_id,measure,what_is_missing\n";
  const std::vector<std::string> tail = gapTails(outcomes);
  const std::vector<std::string> providers = quotedProviderIds(order, ",");
  const MemberIdField idField(store.members.id);
  writeRowRanges(
      out, sorted.rows.size(), threads,
      [&](size_t first, size_t last, RowText& text) {
        for (ProviderRows rows(sorted, first, last); rows.next();) {
          const std::string& provider = providers[rows.rank()];
          for (size_t r = rows.first(); r < rows.last(); ++r) {
            prefetchMemberId(store, sorted, r);
            const ResultRow row = sorted.rows[r];
            const std::string_view id = store.members.id[row.member];
            const std::string& end = tail[row.cell];
            char* at = text.room(provider.size() + 2 * id.size() + 2 + end.size());
            at = csv::put(at, provider);
            at = idField.put(at, id);
            at = csv::put(at, end);
            text.endAt(at);
          }
        }
      },
      rowsPerRange(threads));
}

}  // namespace

void writeGaps(std::ostream& out, const store::MemberStore& store,
               const std::vector<score::MeasureOutcomes>& outcomes, const ResultOrder& order,
               int threads) {
  writeGapRows(out, store, outcomes, order, gapRows(store, outcomes, order, threads), threads);
}

std::optional<OutputError> writeResultFiles(const ResultsDirectory& dir,
                                            const store::MemberStore& store,
                                            const std::vector<score::MeasureOutcomes>& outcomes,
                                            const std::vector<score::ProviderRate>& rates,
                                            int threads, const std::function<void()>& ordered) {
  // One order for both files: the member and provider ids are ranked once,
  // the rows ordered once, and both files made in one pass over them
  // (writeMemberRows). gaps.csv is open while member_results.csv is
  // written: the disk takes both files' blocks from the first range on,
  // instead of waiting, with the cores idle, for member_results.csv's
  // last block before gaps.csv's first.
  const ResultOrder order = resultOrder(store, outcomes);
  std::optional<OutputError> gaps;
  const std::optional<OutputError> members =
      dir.writeFile("member_results.csv", [&](std::ostream& membersOut) {
        gaps = dir.writeFile("gaps.csv", [&](std::ostream& gapsOut) {
          writeMemberResultsAndGaps(membersOut, gapsOut, store, outcomes, order, threads, ordered);
        });
      });
  if (members) return members;
  if (gaps) return gaps;
  return dir.writeFile("provider_results.csv",
                       [&](std::ostream& out) { writeProviderResults(out, store, rates); });
}

}  // namespace mc::output
