// Atomic results directory: a temporary sibling renamed into place.
#include "output/ResultsDirectory.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <ostream>
#include <system_error>

#include "output/DirectFile.h"

namespace mc::output {
namespace fs = std::filesystem;
namespace {

std::atomic<unsigned> siblingCounter{0};

// `<target><tag><pid>-<n>` that does not exist yet.
fs::path freshSibling(const fs::path& target, const char* tag) {
  for (;;) {
    fs::path p = target;
    p += std::string(tag) + std::to_string(::getpid()) + "-" + std::to_string(siblingCounter++);
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(p, ec))) return p;
  }
}

fs::path normalizedTarget(const fs::path& target) {
  fs::path p = target.lexically_normal();
  if (!p.has_filename() && p.has_parent_path()) p = p.parent_path();
  return p;
}

// What a previous run may have left in a results directory (DATA.md,
// Outputs). Anything else there is someone's file, which replacing the
// directory would delete.
bool isResultEntry(const fs::directory_entry& entry, const std::vector<std::string>& replaceable) {
  static const char* const kResultFiles[] = {"member_results.csv",
                                             "provider_results.csv",
                                             "gaps.csv",
                                             "run.json",
                                             "scorecard.csv",
                                             "strata.csv",
                                             "pharmacy_eligibility.csv",
                                             "participation.csv",
                                             "interim.csv",
                                             "pharmacy_ranking.csv",
                                             "pharmacy_home.csv",
                                             "report.html"};
  std::error_code ec;
  const std::string name = entry.path().filename().string();
  if (!replaceable.empty()) {
    if (!entry.is_regular_file(ec) || entry.is_symlink(ec)) return false;
    return std::find(replaceable.begin(), replaceable.end(), name) != replaceable.end();
  }
  if (name == "rewards" && entry.is_directory(ec) && !entry.is_symlink(ec)) {
    for (const fs::directory_entry& reward : fs::directory_iterator(entry.path(), ec)) {
      if (!reward.is_regular_file(ec) || reward.path().extension() != ".csv") return false;
    }
    return !ec;
  }
  if (!entry.is_regular_file(ec) || entry.is_symlink(ec)) return false;
  for (const char* known : kResultFiles) {
    if (name == known) return true;
  }
  return false;
}

std::optional<OutputError> checkReplaceable(const fs::path& target,
                                            const std::vector<std::string>& replaceable) {
  std::error_code ec;
  const fs::file_status st = fs::status(target, ec);
  if (!fs::exists(st)) return std::nullopt;
  if (!fs::is_directory(st)) {
    return OutputError{target.string(), "exists and is not a directory",
                       "choose another --out path, or remove the file first"};
  }
  fs::directory_iterator it(target, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (isResultEntry(*it, replaceable)) continue;
    const char* what = replaceable.empty() ? "result file" : "data file";
    const char* previous = replaceable.empty() ? "a previous run's results" : "data files";
    return OutputError{target.string(),
                       "holds '" + it->path().filename().string() + "', which is not a measurec " +
                           what + "; replacing the directory would delete it",
                       std::string("--out replaces a directory only when it is empty or holds "
                                   "nothing but ") +
                           previous + "; choose another --out path"};
  }
  if (ec) {
    return OutputError{target.string(), "cannot list the directory: " + ec.message(),
                       "check its permissions, or choose another --out path"};
  }
  return std::nullopt;
}

}  // namespace

std::string OutputError::format() const {
  std::string out = path + ": " + message;
  if (!hint.empty()) out += "\n  note: " + hint;
  return out;
}

ResultsDirectory::ResultsDirectory(fs::path target) : target_(normalizedTarget(target)) {}

ResultsDirectory::ResultsDirectory(fs::path target, std::vector<std::string> replaceable)
    : target_(normalizedTarget(target)), replaceable_(std::move(replaceable)) {}

ResultsDirectory::~ResultsDirectory() {
  if (committed_ || temp_.empty()) return;
  std::error_code ec;
  fs::remove_all(temp_, ec);
}

std::optional<OutputError> ResultsDirectory::create() {
  const fs::path name = target_.filename();
  if (target_.empty() || name == "." || name == "..") {
    return OutputError{target_.string(), "is not a usable results directory name",
                       "give --out a directory name such as results/2022"};
  }
  if (auto error = checkReplaceable(target_, replaceable_)) return error;
  std::error_code ec;
  const fs::path parent = target_.parent_path();
  if (!parent.empty()) {
    fs::create_directories(parent, ec);
    if (ec) {
      return OutputError{parent.string(), "cannot create directory: " + ec.message(),
                         "check the path and its permissions, or choose another --out"};
    }
  }
  temp_ = freshSibling(target_, ".tmp-");
  if (!fs::create_directory(temp_, ec) || ec) {
    const fs::path failed = temp_;
    temp_.clear();
    return OutputError{failed.string(),
                       "cannot create the temporary results directory: " +
                           (ec ? ec.message() : std::string("it already exists")),
                       "check that " + (parent.empty() ? std::string(".") : parent.string()) +
                           " is writable, or choose another --out"};
  }
  return std::nullopt;
}

std::optional<OutputError> ResultsDirectory::writeFile(std::string_view name,
                                                       std::string_view contents) const {
  return writeFile(name, [&](std::ostream& out) {
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  });
}

std::optional<OutputError> ResultsDirectory::writeFile(
    std::string_view name, const std::function<void(std::ostream&)>& write) const {
  const fs::path path = file(name);
  // Around the page cache where it can (output/DirectFile.h).
  DirectFileBuf file(path.string());
  if (!file.ok()) {
    return OutputError{path.string(),
                       std::string("cannot create file: ") + std::strerror(file.close()),
                       "check that the results directory is writable"};
  }
  std::ostream out(&file);
  write(out);
  out.flush();
  const int error = file.close();
  if (error != 0 || out.fail()) {
    return OutputError{path.string(),
                       std::string("cannot write file: ") + std::strerror(error != 0 ? error : EIO),
                       "check free disk space and quotas"};
  }
  return std::nullopt;
}

std::optional<OutputError> ResultsDirectory::commit() {
  if (committed_) return std::nullopt;
  if (temp_.empty()) {
    return OutputError{target_.string(), "no temporary results directory to commit",
                       "call create() before writing results"};
  }
  if (auto error = checkReplaceable(target_, replaceable_)) return error;
  std::error_code ec;
  fs::path aside;
  if (fs::exists(fs::symlink_status(target_, ec))) {
    aside = freshSibling(target_, ".old-");
    fs::rename(target_, aside, ec);
    if (ec) {
      return OutputError{target_.string(),
                         "cannot move the existing results directory aside: " + ec.message(),
                         "check permissions of the directory containing it, or choose another "
                         "--out"};
    }
  }
  fs::rename(temp_, target_, ec);
  if (ec) {
    const std::string why = ec.message();
    if (!aside.empty()) fs::rename(aside, target_, ec);  // put the old results back
    return OutputError{target_.string(), "cannot rename " + temp_.string() + " into place: " + why,
                       "check permissions of the directory containing it, or choose another "
                       "--out"};
  }
  committed_ = true;
  // The new results are in place; a leftover old copy is only clutter.
  if (!aside.empty()) fs::remove_all(aside, ec);
  return std::nullopt;
}

}  // namespace mc::output
