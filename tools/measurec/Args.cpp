// Parsing of `--name value`, `--name=value`, flags and positional arguments.
#include "Args.h"

#include <fmt/format.h>

#include <iostream>

namespace mc::cli {

Args::Args(const std::vector<std::string>& argv, std::set<std::string> valued,
           std::set<std::string> flags, std::set<std::string> repeatable) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> inlineValue;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      inlineValue = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (flags.count(name) != 0) {
      if (inlineValue) error_ = fmt::format("--{} takes no value", name);
      flagsSet_.insert(name);
    } else if (valued.count(name) != 0) {
      std::string v;
      if (inlineValue) {
        v = *inlineValue;
      } else if (i + 1 < argv.size()) {
        v = argv[++i];
      } else {
        error_ = fmt::format("--{} needs a value", name);
        return;
      }
      if (values_.count(name) != 0 && repeatable.count(name) == 0) {
        error_ = fmt::format("--{} is given twice", name);
        return;
      }
      values_.emplace(name, v);
    } else {
      error_ = fmt::format("unknown option '{}'", a);
      return;
    }
  }
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Args::values(const std::string& name) const {
  std::vector<std::string> out;
  auto [b, e] = values_.equal_range(name);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

std::optional<long> parseWholeNumber(std::string_view text, long min, long max) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  long value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value < min || value > max) return std::nullopt;
  return value;
}

int usageError(const std::string& command, const std::string& message) {
  std::cerr << fmt::format("measurec {}: {}\n  note: run 'measurec {} --help' for usage\n", command,
                           message, command);
  return kExitUsage;
}

}  // namespace mc::cli
