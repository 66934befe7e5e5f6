// The text of a member_results.csv row after provider_id (eligible,
// excluded, exception, numerator, reason) for each distinct outcome of a
// measure. A run writes millions of rows but each measure has few distinct
// outcomes, so each reason is formatted once, not once per row.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "score/Outcome.h"

namespace mc::output {

class MemberResultCells {
 public:
  // The cell of outcome `o` of measure `m` (the measure at `measureIndex` of
  // the run's outcomes).
  std::uint32_t cellOf(std::uint32_t measureIndex, const ir::Measure& m,
                       const score::OutcomeView& o);
  std::uint32_t measureOf(std::uint32_t cell) const { return measure_[cell]; }
  // CSV text, quoted where needed, without the leading comma.
  std::string_view text(std::uint32_t cell) const { return text_[cell]; }

 private:
  // Everything the cell's text depends on.
  struct Key {
    std::uint32_t measure = 0;
    std::int32_t term = 0;
    std::uint32_t flags = 0;      // outcome booleans and the deciding rule
    std::uint64_t numerator = 0;  // bits of the counted numerator

    bool operator==(const Key& o) const {
      return measure == o.measure && term == o.term && flags == o.flags && numerator == o.numerator;
    }
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const;
  };
  static Key keyOf(std::uint32_t measureIndex, const score::OutcomeView& o);

  // A measure's first cells, searched in order: a measure has a handful
  // of distinct outcomes, and a short scan costs less than a hash lookup
  // per row. A measure with many (a rate's values) has the rest in index_.
  static constexpr std::size_t kListed = 16;
  std::vector<std::vector<std::pair<Key, std::uint32_t>>> listed_;  // per measure index
  std::unordered_map<Key, std::uint32_t, KeyHash> index_;
  std::vector<std::uint32_t> measure_;  // per cell
  std::vector<std::string> text_;       // per cell
  // Consecutive members often share an outcome: the last lookup is kept.
  Key lastKey_;
  std::uint32_t lastCell_ = 0xffffffffu;
};

}  // namespace mc::output
