// measurec: compile, check, test and run health-plan quality measures.
#include <pthread.h>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "Args.h"
#include "Commands.h"
#include "Usage.h"

#ifndef MEASUREC_VERSION
#define MEASUREC_VERSION "dev"
#endif

namespace {

int dispatch(std::vector<std::string> args) {
  using namespace mc::cli;
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << overallUsage();
    return args.empty() ? kExitUsage : kExitOk;
  }
  if (args[0] == "help") {  // `measurec help run` = `measurec run --help`
    const char* text = args.size() > 1 ? commandUsage(args[1]) : nullptr;
    std::cout << (text != nullptr ? text : overallUsage());
    return kExitOk;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      const char* text = commandUsage(command);
      if (text == nullptr) break;  // an unknown command is reported below
      std::cout << text;
      return kExitOk;
    }
  }
  try {
    if (command == "check") return checkCommand(args);
    if (command == "test") return testCommand(args);
    if (command == "run") return runCommand(args);
    if (command == "explain") return explainCommand(args);
    if (command == "ir") return irCommand(args);
    if (command == "gen") return genCommand(args);
    if (command == "diff") return diffCommand(args);
    if (command == "import") return importCommand(args);
    if (command == "ingest") return ingestCommand(args);
    if (command == "version" || command == "--version") {
      std::cout << "measurec " << MEASUREC_VERSION << "\n";
      return kExitOk;
    }
    std::cerr << "measurec: unknown command '" << command << "'\n" << overallUsage();
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "measurec: internal error: " << e.what()
              << "\n  note: this is a bug in measurec; please report it with the command line\n";
    return kExitInternal;
  }
}

struct Call {
  std::vector<std::string> args;
  int exitCode = mc::cli::kExitInternal;
};

void* runCall(void* p) {
  auto* call = static_cast<Call*>(p);
  call->exitCode = dispatch(std::move(call->args));
  return nullptr;
}

// check bounds how deeply a spec may nest and walks long chains without
// recursion; the commands still run on a thread with a large stack (only the
// pages touched are committed), so that a deep but legal spec never meets
// the main thread's 8 MB limit.
constexpr size_t kStackBytes = size_t{512} << 20;

}  // namespace

int main(int argc, char** argv) {
  Call call{std::vector<std::string>(argv + 1, argv + argc)};
  pthread_attr_t attr;
  pthread_t thread;
  if (pthread_attr_init(&attr) == 0 && pthread_attr_setstacksize(&attr, kStackBytes) == 0 &&
      pthread_create(&thread, &attr, runCall, &call) == 0) {
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
    return call.exitCode;
  }
  return dispatch(std::move(call.args));  // no thread: the main thread's stack
}
