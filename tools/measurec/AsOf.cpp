// `run --as-of DATE`; see AsOf.h.
#include "AsOf.h"

#include <fmt/format.h>

#include <iostream>

namespace mc::cli {

int resolveAsOf(const std::string& command, const Args& args, const interp::Period& period,
                Days& out) {
  out = kNoDate;
  const auto text = args.value("as-of");
  if (!text) return kExitOk;
  const std::optional<Days> date = parseIsoDate(*text);
  if (!date)
    return usageError(
        command,
        fmt::format("--as-of takes a date YYYY-MM-DD such as 2022-06-30, not '{}'", *text));
  // The period stays the program's: an interim report is of that year, to date.
  if (*date < period.start || *date > period.end)
    return usageError(command,
                      fmt::format("--as-of {} lies outside the measurement period {}..{}; "
                                  "give a date inside it, or another --period",
                                  *text, formatIsoDate(period.start), formatIsoDate(period.end)));
  out = *date;
  return kExitOk;
}

score::GateResult gateAsOf(score::GateResult gate, const ir::ProgramGate& g, Days asOf) {
  if (asOf != kNoDate && asOf < g.onOrBefore)
    gate.why += fmt::format(" (so far: as of {})", formatIsoDate(asOf));
  return gate;
}

void printAsOfSummary(Days asOf, const interp::Period& period,
                      const std::vector<store::FileCounts>& files) {
  std::string parts;
  for (const store::FileCounts& f : files) {
    if (f.afterAsOf == 0) continue;
    parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", f.afterAsOf, f.file);
  }
  std::cout << fmt::format(
      "as of {}: rates year to date over {}..{}; rows after that date not read: {} (per file in "
      "run.json); enrollment spans open on it keep their recorded end (coverage is known ahead)\n",
      formatIsoDate(asOf), formatIsoDate(period.start), formatIsoDate(period.end),
      parts.empty() ? "none" : parts);
}

void printInterimSummary(const std::vector<score::InterimRow>& rows) {
  size_t withLevel = 0, withinReach = 0;
  for (const score::InterimRow& r : rows) {
    if (r.nextLevel.empty()) continue;
    ++withLevel;
    withinReach += r.membersNeeded && *r.membersNeeded <= score::kWithinReach;
  }
  std::cout << fmt::format(
      "interim: {} of {} provider measure line(s) with a next level are within {} member(s) of "
      "it (interim.csv)\n",
      withinReach, withLevel, score::kWithinReach);
}

}  // namespace mc::cli
