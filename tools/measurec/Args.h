// Command-line arguments of one measurec command: options with values,
// flags and positional paths. Usage mistakes are reported, not thrown.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mc::cli {

class Args {
 public:
  // `valued` options take a value (`--data DIR` or `--data=DIR`); `flags` do
  // not; `repeatable` valued options may be given more than once.
  Args(const std::vector<std::string>& argv, std::set<std::string> valued,
       std::set<std::string> flags, std::set<std::string> repeatable = {});

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  bool has(const std::string& name) const {
    return values_.count(name) != 0 || flagsSet_.count(name) != 0;
  }
  std::optional<std::string> value(const std::string& name) const;
  std::vector<std::string> values(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::multimap<std::string, std::string> values_;
  std::set<std::string> flagsSet_;
  std::vector<std::string> positional_;
  std::string error_;
};

// A number given on the command line: the whole text is a decimal integer
// (digits only, no sign, spaces or suffix) within [min, max]; else nullopt.
std::optional<long> parseWholeNumber(std::string_view text, long min, long max);

// Exit codes (DESIGN.md): 0 success, 1 user error, 2 usage, 3 internal error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUserError = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 3;

// Prints "measurec COMMAND: MESSAGE" and a pointer to --help; returns kExitUsage.
int usageError(const std::string& command, const std::string& message);

}  // namespace mc::cli
