// Writers of pharmacy_ranking.csv and pharmacy_home.csv (docs/data.md): the
// rows of score::pharmacyRanking and score::pharmacyHome, written by a run
// of a pharmacy program.
#pragma once

#include <optional>
#include <ostream>
#include <vector>

#include "output/ResultsDirectory.h"
#include "score/PharmacyRanking.h"
#include "store/MemberStore.h"

namespace mc::output {

// The header and one line per pharmacy, in the order given (rank order).
void writePharmacyRanking(std::ostream& out, const store::MemberStore& store,
                          const std::vector<score::PharmacyRank>& ranking);
void writePharmacyHome(std::ostream& out, const store::MemberStore& store,
                       const std::vector<score::PharmacyRank>& home);

// Both files into `dir`, from the ranking.
std::optional<OutputError> writePharmacyRankingFiles(
    const ResultsDirectory& dir, const store::MemberStore& store,
    const std::vector<score::PharmacyRank>& ranking);

}  // namespace mc::output
