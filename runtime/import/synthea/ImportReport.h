// What a Synthea import did, per Synthea file: rows read, mapped, skipped and
// why, and the rows written per data file. Printed by the command and
// written as import.json beside the data.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mc::import::synthea {

struct FileReport {
  std::string file;  // "encounters.csv"
  std::uint64_t read = 0;
  std::uint64_t mapped = 0;
  std::map<std::string, std::uint64_t> skipped;  // why -> rows
  std::map<std::string, std::uint64_t> notes;    // mapped, with a remark -> rows

  std::uint64_t skippedTotal() const;
};

struct ImportReport {
  std::string source;                                          // the CSV directory
  std::vector<FileReport> files;                               // in the order read
  std::vector<std::pair<std::string, std::uint64_t>> written;  // data file -> rows
  std::uint64_t membersWithoutEnrollment = 0;

  FileReport& file(const std::string& name);  // added on first use
  const FileReport* find(const std::string& name) const;
  std::string json() const;
  // One line per Synthea file ("  encounters.csv  604 read, 604 mapped, 0
  // skipped"), then each reason.
  std::string text() const;
};

}  // namespace mc::import::synthea
