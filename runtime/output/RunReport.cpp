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

}  // namespace

std::string runJson(const RunReport& r) {
  std::string out = "{\n";
  out += "  \"engine\": " + jsonString(r.engine) + ",\n";
  out += "  \"program\": " + jsonString(r.program) + ",\n";
  out += "  \"period\": {\n";
  out += "    \"start\": " + jsonString(r.periodStart) + ",\n";
  out += "    \"end\": " + jsonString(r.periodEnd) + "\n";
  out += "  },\n";
  out += "  \"as_of\": " + stringOrNull(r.asOf) + ",\n";
  out += "  \"threads\": " + std::to_string(r.threads) + ",\n";
  out += "  \"members\": " + std::to_string(r.members) + ",\n";
  if (r.measures.empty()) {
    out += "  \"measures\": [],\n";
  } else {
    out += "  \"measures\": [\n";
    for (size_t i = 0; i < r.measures.size(); ++i) {
      out += "    " + jsonString(r.measures[i]) + (i + 1 < r.measures.size() ? ",\n" : "\n");
    }
    out += "  ],\n";
  }
  if (r.files.empty()) {
    out += "  \"inputs\": {},\n";
  } else {
    out += "  \"inputs\": {\n";
    for (size_t i = 0; i < r.files.size(); ++i) {
      const store::FileCounts& f = r.files[i];
      out += "    " + jsonString(f.file) + ": {\n";
      out += std::string("      \"present\": ") + (f.present ? "true" : "false") + ",\n";
      out += "      \"rows\": " + std::to_string(f.rows) + ",\n";
      out += "      \"accepted\": " + std::to_string(f.accepted) + ",\n";
      out += "      \"rejected\": " + std::to_string(f.rejected) + "\n";
      out += i + 1 < r.files.size() ? "    },\n" : "    }\n";
    }
    out += "  },\n";
  }
  out += "  \"timings\": {\n";
  out += "    \"load\": " + seconds(r.load) + ",\n";
  out += "    \"compile\": " + seconds(r.compile) + ",\n";
  out += "    \"score\": " + seconds(r.score) + ",\n";
  out += "    \"write\": " + seconds(r.write) + "\n";
  out += "  },\n";
  out += "  \"version\": " + jsonString(r.version) + "\n";
  out += "}\n";
  return out;
}

}  // namespace mc::output
