// The text of a member_results.csv row after provider_id (eligible,
// excluded, exception, numerator, reason) for each distinct outcome of a
// measure. A run writes millions of rows but each measure has few distinct
// outcomes, so each reason is formatted once, not once per row.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "score/Outcome.h"
#include "score/OutcomeTable.h"

namespace mc::output {

class MemberResultCells {
 public:
  // Cells for the measures at indexes [0, measureCount) of the run's
  // outcomes, of at most `memberCount` members each. `gapMeasures` (per
  // measure index, output/CareGaps.h's measuresWithGaps; none when empty)
  // says whose cells may be care gaps.
  MemberResultCells(std::size_t measureCount, std::size_t memberCount,
                    std::vector<bool> gapMeasures = {});

  // The cell of outcome `o` of measure `m` (the measure at `measureIndex` of
  // the run's outcomes). Each measure's cells are its own: two threads may
  // ask for cells at once, as long as not of the same measure.
  std::uint32_t cellOf(std::uint32_t measureIndex, const ir::Measure& m,
                       const score::OutcomeView& o);
  // The cell of member `member` of the measure's outcomes `table`: that of
  // table[member], found by the member's packed word alone when the word is
  // all of the outcome a cell shows (a table without a value column nor a
  // column of deciding terms), as a writer asks for millions of rows.
  std::uint32_t cellOf(std::uint32_t measureIndex, const ir::Measure& m,
                       const score::OutcomeTable& table, std::size_t member) {
    if (table.columns().value || table.columns().term)
      return cellOf(measureIndex, m, table[member]);
    const std::uint32_t bits = table.flat().packed[member];
    BitsCell& slot = measures_[measureIndex].byBits[(bits * 0x9e3779b1u) >> (32 - kByBitsLog2)];
    if (slot.cell == kNoCell || slot.bits != bits)
      slot = {bits, cellOf(measureIndex, m, table[member])};
    return slot.cell;
  }
  std::uint32_t measureOf(std::uint32_t cell) const { return cell & measureMask_; }
  // CSV text, quoted where needed, without the leading comma.
  std::string_view text(std::uint32_t cell) const {
    return measures_[cell & measureMask_].text[cell >> measureBits_];
  }
  // Whether the row of this cell is a care gap (isCareGap, of a measure
  // that writes gaps): a cell is one outcome, so gaps.csv's rows are
  // member_results.csv's rows whose cell says so, in the same order.
  bool isGap(std::uint32_t cell) const {
    return measures_[cell & measureMask_].gap[cell >> measureBits_] != 0;
  }

 private:
  // Everything the cell's text depends on.
  struct Key {
    std::int32_t term = 0;
    std::uint32_t flags = 0;      // outcome booleans and the deciding rule
    std::uint64_t numerator = 0;  // bits of the counted numerator

    bool operator==(const Key& o) const {
      return term == o.term && flags == o.flags && numerator == o.numerator;
    }
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const;
  };
  static Key keyOf(const score::OutcomeView& o);

  // A measure's first cells, searched in order: a measure has a handful
  // of distinct outcomes, and a short scan costs less than a hash lookup
  // per row. A measure with many (a rate's values) has the rest in index.
  static constexpr std::size_t kListed = 16;
  static constexpr std::uint32_t kNoCell = 0xffffffffu;
  // A few of a measure's packed words and their cells, by a hash of the word.
  static constexpr unsigned kByBitsLog2 = 6;
  struct BitsCell {
    std::uint32_t bits = 0;
    std::uint32_t cell = kNoCell;
  };
  struct MeasureCells {
    std::vector<std::pair<Key, std::uint32_t>> listed;
    std::unordered_map<Key, std::uint32_t, KeyHash> index;
    std::vector<std::string> text;  // per cell of the measure
    std::vector<char> gap;          // per cell: a care gap
    std::array<BitsCell, std::size_t{1} << kByBitsLog2> byBits{};
    bool writesGaps = false;
    // Consecutive members often share an outcome: the last lookup is kept.
    Key lastKey;
    std::uint32_t lastCell = 0xffffffffu;
  };
  // A cell is the measure's own number of it above the measure index, so
  // that measures number their cells apart and a row's cell is still 32 bits.
  std::vector<MeasureCells> measures_;
  unsigned measureBits_ = 0;
  std::uint32_t measureMask_ = 0;
};

}  // namespace mc::output
