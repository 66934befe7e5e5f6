// The PQA proportion of days covered; the rules are in Pdc.h.
#include "interp/Pdc.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace mc::interp {

double PdcResult::proportion() const {
  if (treatmentDays <= 0) return std::nan("");
  return static_cast<double>(coveredDays) / static_cast<double>(treatmentDays);
}

Days pdcIndexDate(const std::vector<PdcFill>& fills, Days periodStart, Days periodEnd) {
  for (const PdcFill& f : fills)
    if (f.date >= periodStart && f.date <= periodEnd) return f.date;
  return kNoDate;
}

namespace {

// Marks, among the fills [begin, end) of one date, every fill of a drug that
// another fill of that drug on the date outdoes (larger days supply, or the
// same and listed first): PQA counts one claim per drug and date.
void markDuplicates(const std::vector<PdcFill>& fills, size_t begin, size_t end,
                    std::vector<PdcSpan>& spans) {
  if (end - begin < 2) return;
  std::vector<size_t> order;
  for (size_t i = begin; i < end; ++i) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (fills[a].drug != fills[b].drug) return fills[a].drug < fills[b].drug;
    if (fills[a].daysSupply != fills[b].daysSupply)
      return fills[a].daysSupply > fills[b].daysSupply;
    return a < b;
  });
  for (size_t k = 1; k < order.size(); ++k)
    if (fills[order[k]].drug == fills[order[k - 1]].drug) spans[order[k]].duplicate = true;
}

}  // namespace

PdcResult proportionOfDaysCovered(const std::vector<PdcFill>& fills, Days indexDate,
                                  Days treatmentEnd) {
  PdcResult r;
  r.indexDate = indexDate;
  r.treatmentEnd = treatmentEnd;
  r.spans.resize(fills.size());
  if (indexDate == kNoDate || treatmentEnd == kNoDate || treatmentEnd < indexDate) return r;
  r.treatmentDays = static_cast<std::int64_t>(treatmentEnd) - indexDate + 1;

  for (size_t i = 0; i < fills.size();) {
    size_t j = i;
    while (j < fills.size() && fills[j].date == fills[i].date) ++j;
    markDuplicates(fills, i, j, r.spans);
    i = j;
  }
  // The day after the supply on hand runs out, per drug: the earliest day a
  // new fill of that drug can start.
  std::unordered_map<std::uint32_t, std::int64_t> onHandUntil;
  std::vector<std::pair<std::int64_t, std::int64_t>> inPeriod;  // clipped spans
  for (size_t i = 0; i < fills.size(); ++i) {
    const PdcFill& f = fills[i];
    PdcSpan& s = r.spans[i];
    s.event = f.event;
    s.late = f.date > treatmentEnd;
    if (s.duplicate || f.daysSupply <= 0 || s.late) continue;
    auto [it, fresh] = onHandUntil.try_emplace(f.drug, f.date);
    const std::int64_t start = std::max<std::int64_t>(f.date, it->second);
    const std::int64_t last = start + f.daysSupply - 1;
    it->second = last + 1;
    s.shifted = start > f.date;
    s.from = start;
    s.to = last;
    const std::int64_t lo = std::max<std::int64_t>(start, indexDate);
    const std::int64_t hi = std::min<std::int64_t>(last, treatmentEnd);
    if (lo <= hi) inPeriod.emplace_back(lo, hi);
  }
  // The union of the spans: sorted by start, one sweep.
  std::sort(inPeriod.begin(), inPeriod.end());
  std::int64_t coveredTo = std::int64_t{indexDate} - 1;
  for (const auto& [lo, hi] : inPeriod) {
    if (hi <= coveredTo) continue;
    r.coveredDays += hi - std::max(lo, coveredTo + 1) + 1;
    coveredTo = hi;
  }
  return r;
}

}  // namespace mc::interp
