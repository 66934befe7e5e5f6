// import.json and the printed summary of a Synthea import.
#include "import/synthea/ImportReport.h"

#include <fmt/format.h>

#include "support/Json.h"

namespace mc::import::synthea {

std::uint64_t FileReport::skippedTotal() const {
  std::uint64_t n = 0;
  for (const auto& [why, rows] : skipped) n += rows;
  return n;
}

FileReport& ImportReport::file(const std::string& name) {
  for (FileReport& f : files)
    if (f.file == name) return f;
  files.push_back(FileReport{name, 0, 0, {}, {}});
  return files.back();
}

const FileReport* ImportReport::find(const std::string& name) const {
  for (const FileReport& f : files)
    if (f.file == name) return &f;
  return nullptr;
}

namespace {

std::string reasons(const std::map<std::string, std::uint64_t>& m) {
  std::string out = "{";
  for (const auto& [why, rows] : m) {
    if (out.size() > 1) out += ", ";
    out += fmt::format("{}: {}", jsonString(why), rows);
  }
  return out + "}";
}

}  // namespace

std::string ImportReport::json() const {
  std::string out =
      fmt::format("{{\n  \"importer\": \"synthea-csv\",\n  \"source\": {},\n", jsonString(source));
  out += "  \"files\": [";
  for (size_t i = 0; i < files.size(); ++i) {
    const FileReport& f = files[i];
    out += fmt::format(
        "{}\n    {{\"file\": {}, \"read\": {}, \"mapped\": {}, \"skipped\": {}, "
        "\"skipped_why\": {}, \"notes\": {}}}",
        i == 0 ? "" : ",", jsonString(f.file), f.read, f.mapped, f.skippedTotal(),
        reasons(f.skipped), reasons(f.notes));
  }
  out += "\n  ],\n  \"written\": {";
  for (size_t i = 0; i < written.size(); ++i)
    out += fmt::format("{}{}: {}", i == 0 ? "" : ", ", jsonString(written[i].first),
                       written[i].second);
  out += fmt::format("}},\n  \"members_without_enrollment\": {}\n}}\n", membersWithoutEnrollment);
  return out;
}

std::string ImportReport::text() const {
  std::string out;
  for (const FileReport& f : files) {
    out += fmt::format("  {:<22} {:>8} read {:>8} mapped {:>8} skipped\n", f.file, f.read, f.mapped,
                       f.skippedTotal());
    for (const auto& [why, rows] : f.skipped)
      out += fmt::format("    skipped {:>8}: {}\n", rows, why);
    for (const auto& [why, rows] : f.notes)
      out += fmt::format("    note    {:>8}: {}\n", rows, why);
  }
  return out;
}

}  // namespace mc::import::synthea
