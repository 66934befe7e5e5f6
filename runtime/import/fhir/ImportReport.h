// What `measurec import fhir` did, per resource type: how many resources it
// read, mapped and skipped (and why), what it noted while mapping (a code in
// an unknown system kept aside, a status rewritten), and where each problem
// is (file and JSON path). Printed by the command and written as
// import.json: nothing is dropped without being counted here.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mc::import::fhir {

struct TypeCounts {
  std::uint64_t read = 0;
  std::uint64_t mapped = 0;
  std::map<std::string, std::uint64_t> skipped;  // reason -> resources
  std::map<std::string, std::uint64_t> notes;    // remark on mapped resources -> count

  std::uint64_t skippedTotal() const;
};

// A resource skipped for a problem of its own (no subject, a bad date), with
// where it is: `case-12/Observation-3.json` and `$.effectiveDateTime`.
struct ImportProblem {
  std::string file;
  std::string path;
  std::string message;
};

class ImportReport {
 public:
  // The first kMaxProblems problems are kept with their place; all are counted.
  static constexpr size_t kMaxProblems = 200;

  TypeCounts& type(const std::string& resourceType) { return types_[resourceType]; }
  const std::map<std::string, TypeCounts>& types() const { return types_; }

  void skip(const std::string& resourceType, const std::string& reason) {
    ++types_[resourceType].skipped[reason];
  }
  void note(const std::string& resourceType, const std::string& remark) {
    ++types_[resourceType].notes[remark];
  }
  void problem(ImportProblem p);
  void unknownSystem(const std::string& systemUrl) { ++unknownSystems_[systemUrl]; }

  const std::vector<ImportProblem>& problems() const { return problems_; }
  std::uint64_t problemCount() const { return problemCount_; }
  const std::map<std::string, std::uint64_t>& unknownSystems() const { return unknownSystems_; }

  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
  double seconds = 0;
  std::map<std::string, std::uint64_t> rows;  // rows written per data file

  // import.json.
  std::string toJson() const;
  // The lines `measurec import fhir` prints: a table per resource type, the
  // skip reasons, the unknown systems and the first `maxProblems` problems.
  std::string summary(size_t maxProblems) const;

 private:
  std::map<std::string, TypeCounts> types_;
  std::map<std::string, std::uint64_t> unknownSystems_;
  std::vector<ImportProblem> problems_;
  std::uint64_t problemCount_ = 0;
};

}  // namespace mc::import::fhir
