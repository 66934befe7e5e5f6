// The subcommands of measurec, each taking the arguments after its name.
#pragma once

#include <string>
#include <vector>

#include "driver/Compilation.h"

namespace mc::cli {

int checkCommand(const std::vector<std::string>& args);
int testCommand(const std::vector<std::string>& args);
int runCommand(const std::vector<std::string>& args);
int explainCommand(const std::vector<std::string>& args);
int irCommand(const std::vector<std::string>& args);
int genCommand(const std::vector<std::string>& args);
int diffCommand(const std::vector<std::string>& args);
int importCommand(const std::vector<std::string>& args);
int importFhirCommand(const std::vector<std::string>& args);
int importSyntheaCommand(const std::vector<std::string>& args);
int ingestCommand(const std::vector<std::string>& args);

// Prints the compilation's diagnostics to stderr (errors, and warnings when
// `warnings`); returns true when there are no errors.
bool reportDiagnostics(const Compilation& c, bool warnings);

}  // namespace mc::cli
