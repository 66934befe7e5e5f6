// The import report as JSON (import.json) and as the command's text.
#include "import/fhir/ImportReport.h"

#include <fmt/format.h>

#include <algorithm>

#include "support/Json.h"

namespace mc::import::fhir {
namespace {

void appendCountObject(std::string& out, const std::map<std::string, std::uint64_t>& counts) {
  out += "{";
  bool first = true;
  for (const auto& [name, n] : counts) {
    out += fmt::format("{}{}: {}", first ? "" : ", ", jsonString(name), n);
    first = false;
  }
  out += "}";
}

}  // namespace

std::uint64_t TypeCounts::skippedTotal() const {
  std::uint64_t n = 0;
  for (const auto& entry : skipped) n += entry.second;
  return n;
}

void ImportReport::problem(ImportProblem p) {
  ++problemCount_;
  if (problems_.size() < kMaxProblems) problems_.push_back(std::move(p));
}

std::string ImportReport::toJson() const {
  std::string out = "{\n";
  out += fmt::format("  \"files\": {},\n  \"bytes\": {},\n  \"seconds\": {:.3f},\n", files, bytes,
                     seconds);
  out += "  \"resources\": {";
  bool first = true;
  for (const auto& [name, c] : types_) {
    out += fmt::format("{}\n    {}: {{\"read\": {}, \"mapped\": {}, \"skipped\": {}, ",
                       first ? "" : ",", jsonString(name), c.read, c.mapped, c.skippedTotal());
    out += "\"skipped_why\": ";
    appendCountObject(out, c.skipped);
    out += ", \"notes\": ";
    appendCountObject(out, c.notes);
    out += "}";
    first = false;
  }
  out += "\n  },\n  \"unknown_code_systems\": ";
  appendCountObject(out, unknownSystems_);
  out += ",\n  \"rows\": ";
  appendCountObject(out, rows);
  out += fmt::format(",\n  \"problems_total\": {},\n  \"problems\": [", problemCount_);
  first = true;
  for (const ImportProblem& p : problems_) {
    out += fmt::format("{}\n    {{\"file\": {}, \"path\": {}, \"message\": {}}}", first ? "" : ",",
                       jsonString(p.file), jsonString(p.path), jsonString(p.message));
    first = false;
  }
  out += first ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string ImportReport::summary(size_t maxProblems) const {
  std::string out =
      fmt::format("  {:<22} {:>9} {:>9} {:>9}\n", "resource type", "read", "mapped", "skipped");
  for (const auto& [name, c] : types_) {
    out += fmt::format("  {:<22} {:>9} {:>9} {:>9}\n", name, c.read, c.mapped, c.skippedTotal());
  }
  for (const auto& [name, c] : types_) {
    for (const auto& [reason, n] : c.skipped)
      out += fmt::format("  skipped: {} {}: {}\n", n, name, reason);
  }
  for (const auto& [name, c] : types_) {
    for (const auto& [remark, n] : c.notes)
      out += fmt::format("  note: {} {}: {}\n", n, name, remark);
  }
  for (const auto& [url, n] : unknownSystems_)
    out += fmt::format("  unknown code system (kept in other_codes): {} code(s) of {}\n", n, url);
  for (size_t i = 0; i < problems_.size() && i < maxProblems; ++i) {
    const ImportProblem& p = problems_[i];
    out += fmt::format("  {}: {}: {}\n", p.file, p.path, p.message);
  }
  const std::uint64_t shown = std::min<std::uint64_t>(maxProblems, problems_.size());
  if (problemCount_ > shown)
    out += fmt::format("  ... {} more problem(s): see import.json\n", problemCount_ - shown);
  return out;
}

}  // namespace mc::import::fhir
