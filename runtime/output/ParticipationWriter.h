// Writer of participation.csv (DATA.md, Outputs): the monthly participation
// indicator of each of a program's gates.
#pragma once

#include <optional>
#include <ostream>
#include <vector>

#include "output/ResultsDirectory.h"
#include "score/Participation.h"
#include "store/MemberStore.h"

namespace mc::output {

// The header and one line per row, in the order given.
void writeParticipation(std::ostream& out, const store::MemberStore& store,
                        const std::vector<score::ParticipationRow>& rows);

std::optional<OutputError> writeParticipationFile(const ResultsDirectory& dir,
                                                  const store::MemberStore& store,
                                                  const std::vector<score::ParticipationRow>& rows);

}  // namespace mc::output
