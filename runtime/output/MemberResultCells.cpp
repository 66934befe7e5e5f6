// Interning of member_results.csv row tails.
#include "output/MemberResultCells.h"

#include <cstring>

#include "output/ResultWriters.h"
#include "score/ProviderRates.h"
#include "support/CsvWriter.h"

namespace mc::output {

MemberResultCells::Key MemberResultCells::keyOf(std::uint32_t measureIndex,
                                                const score::OutcomeView& o) {
  Key k;
  k.measure = measureIndex;
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
  h ^= (static_cast<std::uint64_t>(k.measure) << 32 | static_cast<std::uint32_t>(k.term)) +
       0x7f4a7c159e3779b9ull + (h << 6) + (h >> 2);
  h ^= k.flags * 0xff51afd7ed558ccdull + (h << 6) + (h >> 2);
  return static_cast<std::size_t>(h);
}

std::uint32_t MemberResultCells::cellOf(std::uint32_t measureIndex, const ir::Measure& m,
                                        const score::OutcomeView& o) {
  const Key key = keyOf(measureIndex, o);
  if (lastCell_ != 0xffffffffu && key == lastKey_) return lastCell_;
  if (measureIndex >= listed_.size()) listed_.resize(measureIndex + 1);
  std::vector<std::pair<Key, std::uint32_t>>& listed = listed_[measureIndex];
  std::uint32_t cell = 0xffffffffu;
  for (const auto& [k, c] : listed) {
    if (k == key) {
      cell = c;
      break;
    }
  }
  if (cell == 0xffffffffu && listed.size() == kListed) {
    if (const auto it = index_.find(key); it != index_.end()) cell = it->second;
  }
  if (cell == 0xffffffffu) {
    cell = static_cast<std::uint32_t>(text_.size());
    if (listed.size() < kListed)
      listed.emplace_back(key, cell);
    else
      index_.emplace(key, cell);
    // The columns as writeMemberResults always wrote them.
    std::string text = o.eligible ? "1," : "0,";
    text += o.eligible && o.excluded ? "1," : "0,";
    text += o.eligible && o.exception ? "1," : "0,";
    csv::appendField(text, formatCount(score::countedNumerator(o)));
    text += ',';
    csv::appendField(text, score::reasonText(m, o));
    measure_.push_back(measureIndex);
    text_.push_back(std::move(text));
  }
  lastKey_ = key;
  lastCell_ = cell;
  return cell;
}

}  // namespace mc::output
