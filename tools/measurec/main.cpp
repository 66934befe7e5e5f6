// measurec: compile, check, test and run health-plan quality measures.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "Args.h"
#include "Commands.h"

#ifndef MEASUREC_VERSION
#define MEASUREC_VERSION "dev"
#endif

namespace {

const char* kUsage = R"(measurec — a compiler and runtime for health-plan quality measures

usage:
  measurec check   [PATH...] [--format text|json] [--werror] [--explain CODE]
  measurec test    [PATH...]
  measurec run     --program FILE|DIR | --measure FILE...  --data DIR --out DIR
                   [--period YYYY | --period-start DATE --period-end DATE]
                   [--threads N] [--reject-file PATH] [--engine interp]
  measurec explain --member ID --measure ID --data DIR (--program FILE|DIR | PATH...)
                   [--period YYYY]
  measurec ir      FILE
  measurec version

PATH is a .measure file or a directory searched for them (default: .).
Exit codes: 0 success, 1 user error (bad spec, bad data), 2 usage, 3 internal error.
The language is described in docs/language.md.
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace mc::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? kExitUsage : kExitOk;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return kExitOk;
    }
  }
  try {
    if (command == "check") return checkCommand(args);
    if (command == "test") return testCommand(args);
    if (command == "run") return runCommand(args);
    if (command == "explain") return explainCommand(args);
    if (command == "ir") return irCommand(args);
    if (command == "version" || command == "--version") {
      std::cout << "measurec " << MEASUREC_VERSION << "\n";
      return kExitOk;
    }
    std::cerr << "measurec: unknown command '" << command << "'\n" << kUsage;
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "measurec: internal error: " << e.what()
              << "\n  note: this is a bug in measurec; please report it with the command line\n";
    return kExitInternal;
  }
}
