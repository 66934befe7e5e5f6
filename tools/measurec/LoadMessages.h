// Messages about loading a data directory, the same for every command.
#pragma once

#include <string>

#include "store/DataDirectoryLoader.h"

namespace mc::cli {

// After a failed load: the bad rows (up to the loader's limit and how many
// more) or the file-level problem, and that nothing was written.
void printLoadFailure(const std::string& command, const store::LoadResult& loaded);
// After a load that went through: one line per warning (unknown providers, ...).
void printLoadWarnings(const store::LoadResult& loaded);

}  // namespace mc::cli
