// `count status ...`: the event statuses that count in a unit's queries.
#include <fmt/format.h>

#include "sema/Checker.h"
#include "support/EventVocabulary.h"

namespace mc::sema {

void Checker::checkCountedStatuses(const ast::Measure& m) {
  for (size_t i = 0; i < m.countedStatuses.size(); ++i) {
    const ast::StatusSetDecl& set = m.countedStatuses[i];
    if (i > 0) {
      diags_.error("E0307", set.range,
                   fmt::format("{} {} has two 'count status' items",
                               m.isModule ? "module" : "measure", m.id),
                   fmt::format("list every status that counts in the one at line {}",
                               m.countedStatuses[0].range.line));
      continue;
    }
    for (size_t k = 0; k < set.names.size(); ++k) {
      const auto index = statusIndex(set.names[k]);
      if (index && *index != 0) continue;
      std::vector<std::string> names(kStatusNames + 1, kStatusNames + kStatusNameCount);
      diags_.error(
          "E0113", set.nameRanges[k], fmt::format("unknown status '{}'", set.names[k]),
          didYouMean(set.names[k], names,
                     "statuses are the FHIR event statuses of docs/data.md, e.g. completed, "
                     "final, amended, corrected, preliminary"));
    }
  }
}

// The statuses that count in the queries of `unit`: its `count status`
// list, or the convention (kDefaultCountedStatuses). The empty status cell
// means completed, so it counts exactly when `completed` does.
StatusMask Checker::countedStatusesOf(const ast::Measure& unit) {
  auto it = unitStatuses_.find(&unit);
  if (it != unitStatuses_.end()) return it->second;
  StatusMask mask = kDefaultCountedStatuses;
  if (!unit.countedStatuses.empty()) {
    mask = 0;
    for (const std::string& name : unit.countedStatuses.front().names) {
      const auto index = statusIndex(name);
      if (index && *index != 0) mask |= StatusMask{1} << *index;
    }
    const StatusMask completed = StatusMask{1} << *statusIndex("completed");
    mask = (mask & completed) != 0 ? mask | StatusMask{1} : mask & ~StatusMask{1};
  }
  unitStatuses_.emplace(&unit, mask);
  return mask;
}

}  // namespace mc::sema
