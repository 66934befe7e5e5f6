// The usage text of measurec and of each of its commands (`--help`).
#pragma once

#include <string>

namespace mc::cli {

// The overview of every command.
const char* overallUsage();
// The usage, flags and an example of one command; nullptr for an unknown one.
const char* commandUsage(const std::string& command);

}  // namespace mc::cli
