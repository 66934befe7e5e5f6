// The results directory (`--out DIR`), written atomically (DATA.md, Outputs):
// files go into a temporary directory beside DIR, which is renamed into place
// only when everything succeeded, so a failed run leaves no half-written DIR.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace mc::output {

struct OutputError {
  std::string path;     // the file or directory concerned
  std::string message;  // what went wrong
  std::string hint;     // what to do

  // "PATH: message" + "\n  note: hint" when there is a hint.
  std::string format() const;
};

class ResultsDirectory {
 public:
  // Nothing happens on disk until create().
  explicit ResultsDirectory(std::filesystem::path target);
  // A staged directory of other files (`measurec gen` writes a data
  // directory): an existing target is replaced only when it holds nothing
  // but files named in `replaceable`.
  ResultsDirectory(std::filesystem::path target, std::vector<std::string> replaceable);
  // Removes the temporary directory unless commit() succeeded.
  ~ResultsDirectory();
  ResultsDirectory(const ResultsDirectory&) = delete;
  ResultsDirectory& operator=(const ResultsDirectory&) = delete;

  // Creates `<target>.tmp-<pid>-<n>` beside the target (and the target's
  // parent directories). Refuses a target that is a file,
  // or a directory holding anything but a previous run's result files
  // (member_results.csv, provider_results.csv, gaps.csv, run.json,
  // scorecard.csv, strata.csv, pharmacy_eligibility.csv, participation.csv,
  // report.html, rewards/*.csv): commit() would delete it.
  std::optional<OutputError> create();

  const std::filesystem::path& target() const { return target_; }
  const std::filesystem::path& temporary() const { return temp_; }  // empty before create()
  std::filesystem::path file(std::string_view name) const { return temp_ / std::string(name); }

  std::optional<OutputError> writeFile(std::string_view name, std::string_view contents) const;
  // Opens `name` in the temporary directory, lets `write` fill it, and checks
  // that every byte reached the disk.
  std::optional<OutputError> writeFile(std::string_view name,
                                       const std::function<void(std::ostream&)>& write) const;

  // Renames the temporary directory into place. An existing target is moved
  // aside first and deleted only after the rename succeeded; on failure it
  // is put back.
  std::optional<OutputError> commit();
  bool committed() const { return committed_; }

 private:
  std::filesystem::path target_;
  std::vector<std::string> replaceable_;  // empty: a previous run's result files
  std::filesystem::path temp_;
  bool committed_ = false;
};

}  // namespace mc::output
