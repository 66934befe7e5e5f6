// Writer of interim.csv (docs/data.md, Outputs): the interim report of a
// program run with --as-of, a line per provider and program measure.
#pragma once

#include <optional>
#include <ostream>
#include <vector>

#include "output/ResultsDirectory.h"
#include "score/Interim.h"
#include "store/MemberStore.h"

namespace mc::output {

// The header and one line per row, in the order given.
void writeInterim(std::ostream& out, const store::MemberStore& store,
                  const std::vector<score::InterimRow>& rows);

std::optional<OutputError> writeInterimFile(const ResultsDirectory& dir,
                                            const store::MemberStore& store,
                                            const std::vector<score::InterimRow>& rows);

}  // namespace mc::output
