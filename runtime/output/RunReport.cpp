// run.json text. Written by hand (no JSON library): the layout is fixed and
// small, and the key order is part of the contract.
#include "output/RunReport.h"

#include <fmt/format.h>

#include <cmath>

#include "support/Json.h"

namespace mc::output {
namespace {

std::string seconds(double s) { return std::isfinite(s) ? fmt::format("{:.6f}", s) : "null"; }

std::string stringOrNull(const std::string& s) { return s.empty() ? "null" : jsonString(s); }

// A list of strings, one per line, closed at `indent`.
std::string stringList(const std::vector<std::string>& items, const std::string& indent) {
  if (items.empty()) return "[]";
  std::string out = "[\n";
  for (size_t i = 0; i < items.size(); ++i) {
    out += indent + "  " + jsonString(items[i]) + (i + 1 < items.size() ? ",\n" : "\n");
  }
  return out + indent + "]";
}

// `afterAsOf`: an --as-of run, whose files say how many rows lay after it.
std::string fileJson(const store::FileCounts& f, bool afterAsOf) {
  std::string out;
  out += std::string("      \"present\": ") + (f.present ? "true" : "false") + ",\n";
  out += "      \"lines\": " + std::to_string(f.lines) + ",\n";
  out += "      \"rows\": " + std::to_string(f.rows) + ",\n";
  out += "      \"accepted\": " + std::to_string(f.accepted) + ",\n";
  out += "      \"rejected\": " + std::to_string(f.rejected) + ",\n";
  if (afterAsOf) out += "      \"after_as_of\": " + std::to_string(f.afterAsOf) + ",\n";
  if (f.hasStatuses) {
    out += "      \"not_counted_by_status\": " + std::to_string(f.notCountedByStatus()) + ",\n";
    std::string statuses;
    for (int i = 0; i < kStatusNameCount; ++i) {
      if ((f.counted & (StatusMask{1} << i)) != 0 || f.byStatus[i] == 0) continue;
      statuses += statuses.empty() ? "\n" : ",\n";
      statuses += "        " + jsonString(kStatusNames[i]) + ": " + std::to_string(f.byStatus[i]);
    }
    out += "      \"statuses\": {" + (statuses.empty() ? "" : statuses + "\n      ") + "},\n";
  }
  out += "      \"unknown_providers\": " + std::to_string(f.unknownProviders) + "\n";
  return out;
}

std::string inputsJson(const std::vector<store::FileCounts>& files, bool afterAsOf) {
  if (files.empty()) return "  \"inputs\": {},\n";
  std::string out = "  \"inputs\": {\n";
  for (size_t i = 0; i < files.size(); ++i) {
    out += "    " + jsonString(files[i].file) + ": {\n" + fileJson(files[i], afterAsOf);
    out += i + 1 < files.size() ? "    },\n" : "    }\n";
  }
  return out + "  },\n";
}

}  // namespace

std::string runJson(const RunReport& r) {
  std::string out = "{\n";
  out += "  \"engine\": " + jsonString(r.engine) + ",\n";
  if (!r.engineMeasures.empty()) {
    out += "  \"engine_measures\": {";
    for (size_t i = 0; i < r.engineMeasures.size(); ++i) {
      const MeasureEngineRow& e = r.engineMeasures[i];
      out += (i == 0 ? "\n" : ",\n");
      out += "    " + jsonString(e.measure) + ": {\"compiled\": " + (e.compiled ? "true" : "false");
      if (!e.compiled) out += ", \"unsupported\": " + jsonString(e.unsupported);
      out += "}";
    }
    out += "\n  },\n";
  }
  out += "  \"program\": " + jsonString(r.program) + ",\n";
  out += "  \"period\": {\n";
  out += "    \"start\": " + jsonString(r.periodStart) + ",\n";
  out += "    \"end\": " + jsonString(r.periodEnd) + "\n";
  out += "  },\n";
  out += "  \"as_of\": " + stringOrNull(r.asOf) + ",\n";
  out += "  \"threads\": " + std::to_string(r.threads) + ",\n";
  out += "  \"members\": " + std::to_string(r.members) + ",\n";
  out += "  \"measures\": " + stringList(r.measures, "  ") + ",\n";
  if (!r.rewards.empty()) {
    out += "  \"rewards\": {";
    for (size_t i = 0; i < r.rewards.size(); ++i) {
      out += (i == 0 ? "\n" : ",\n");
      out += "    " + jsonString(r.rewards[i].reward) +
             ": {\"members\": " + std::to_string(r.rewards[i].members) +
             ", \"earned_on_missing\": " + std::to_string(r.rewards[i].earnedOnMissing) + "}";
    }
    out += "\n  },\n";
  }
  out += inputsJson(r.files, !r.asOf.empty());
  out += "  \"sources\": [";
  for (size_t i = 0; i < r.sources.size(); ++i) {
    out += i == 0 ? "\n" : ",\n";
    out +=
        "    {\"path\": " + jsonString(r.sources[i].path) +
        ", \"hash\": " + jsonString(r.sources[i].hash) +
        (r.sources[i].absolute.empty() ? ""
                                       : ", \"absolute\": " + jsonString(r.sources[i].absolute)) +
        "}";
  }
  out += r.sources.empty() ? "],\n" : "\n  ],\n";
  // The figures the scorecard was computed with: a --set changes results
  // that the sources' hashes alone do not tell.
  if (!r.parameters.empty()) {
    out += "  \"parameters\": {";
    for (size_t i = 0; i < r.parameters.size(); ++i) {
      const ParameterValue& p = r.parameters[i];
      out += (i == 0 ? "\n" : ",\n");
      out += fmt::format(
          "    {}: {{\"value\": {}, \"unit\": {}, \"assumption\": {}, \"set\": {}}}",
          jsonString(p.name), std::isfinite(p.value) ? fmt::format("{}", p.value) : "null",
          jsonString(p.unit), p.assumption ? "true" : "false", p.set ? "true" : "false");
    }
    out += "\n  },\n";
  }
  out += "  \"data\": {\n";
  out += "    \"given\": " + jsonString(r.dataGiven) + ",\n";
  out += "    \"absolute\": " + jsonString(r.dataAbsolute) + "\n";
  out += "  },\n";
  out += "  \"reject_file\": " + stringOrNull(r.rejectFile) + ",\n";
  out += "  \"prior\": " + stringOrNull(r.prior) + ",\n";
  out += "  \"command_line\": " + stringList(r.commandLine, "  ") + ",\n";
  out += "  \"timings\": {\n";
  out += "    \"load\": " + seconds(r.load) + ",\n";
  out += "    \"compile\": " + seconds(r.compile) + ",\n";
  out += "    \"score\": " + seconds(r.score) + ",\n";
  out += "    \"score_engine\": " + seconds(r.scoreEngine) + ",\n";
  out += "    \"write\": " + seconds(r.write) + "\n";
  out += "  },\n";
  out += "  \"version\": " + jsonString(r.version) + "\n";
  out += "}\n";
  return out;
}

}  // namespace mc::output
