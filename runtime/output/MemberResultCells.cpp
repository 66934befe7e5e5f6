// Interning of member_results.csv row tails.
#include "output/MemberResultCells.h"

#include <cstring>
#include <stdexcept>

#include "output/CareGaps.h"
#include "output/ResultWriters.h"
#include "score/ProviderRates.h"
#include "support/CsvWriter.h"

namespace mc::output {

MemberResultCells::MemberResultCells(std::size_t measureCount, std::size_t memberCount,
                                     std::vector<bool> gapMeasures)
    : measures_(measureCount) {
  for (std::size_t i = 0; i < gapMeasures.size() && i < measureCount; ++i)
    measures_[i].writesGaps = gapMeasures[i];
  while ((std::size_t{1} << measureBits_) < measureCount) ++measureBits_;
  measureMask_ = static_cast<std::uint32_t>((std::uint64_t{1} << measureBits_) - 1);
  // A measure has at most one distinct outcome per member.
  if (measureBits_ >= 32 || memberCount > (std::uint64_t{1} << (32 - measureBits_)))
    throw std::length_error("member_results.csv: too many measures x members for 32-bit cells");
}

MemberResultCells::Key MemberResultCells::keyOf(const score::OutcomeView& o) {
  Key k;
  k.term = o.decidingTerm;
  k.flags = static_cast<std::uint32_t>(o.population) | static_cast<std::uint32_t>(o.eligible) << 1 |
            static_cast<std::uint32_t>(o.excluded) << 2 |
            static_cast<std::uint32_t>(o.exception) << 3 |
            static_cast<std::uint32_t>(o.numerator) << 4 |
            static_cast<std::uint32_t>(o.decidingUnknown) << 5 |
            static_cast<std::uint32_t>(o.decidingRule) << 8;
  const double numerator = score::countedNumerator(o);
  std::memcpy(&k.numerator, &numerator, sizeof numerator);
  return k;
}

std::size_t MemberResultCells::KeyHash::operator()(const Key& k) const {
  std::uint64_t h = k.numerator * 0x9e3779b97f4a7c15ull;
  h ^= static_cast<std::uint32_t>(k.term) + 0x7f4a7c159e3779b9ull + (h << 6) + (h >> 2);
  h ^= k.flags * 0xff51afd7ed558ccdull + (h << 6) + (h >> 2);
  return static_cast<std::size_t>(h);
}

std::uint32_t MemberResultCells::cellOf(std::uint32_t measureIndex, const ir::Measure& m,
                                        const score::OutcomeView& o) {
  MeasureCells& cells = measures_[measureIndex];
  const Key key = keyOf(o);
  std::uint32_t local = cells.lastCell;
  if (local == 0xffffffffu || !(key == cells.lastKey)) {
    local = 0xffffffffu;
    for (const auto& [k, c] : cells.listed) {
      if (k == key) {
        local = c;
        break;
      }
    }
    if (local == 0xffffffffu && cells.listed.size() == kListed) {
      if (const auto it = cells.index.find(key); it != cells.index.end()) local = it->second;
    }
    if (local == 0xffffffffu) {
      local = static_cast<std::uint32_t>(cells.text.size());
      if (cells.listed.size() < kListed)
        cells.listed.emplace_back(key, local);
      else
        cells.index.emplace(key, local);
      // The columns as writeMemberResults always wrote them.
      std::string text = o.eligible ? "1," : "0,";
      text += o.eligible && o.excluded ? "1," : "0,";
      text += o.eligible && o.exception ? "1," : "0,";
      csv::appendField(text, formatCount(score::countedNumerator(o)));
      text += ',';
      csv::appendField(text, score::reasonText(m, o));
      cells.text.push_back(std::move(text));
      cells.gap.push_back(cells.writesGaps && isCareGap(o) ? 1 : 0);
    }
    cells.lastKey = key;
    cells.lastCell = local;
  }
  return local << measureBits_ | measureIndex;
}

}  // namespace mc::output
