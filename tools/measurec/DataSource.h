// What `--data` names: a member data directory (docs/data.md) or a binary
// cache of one (`measurec ingest`), told apart by the cache's magic bytes,
// not by the name. Shared by run and explain.
#pragma once

#include <string>

#include "CacheReadAhead.h"
#include "store/DataDirectoryLoader.h"
#include "support/Date.h"

namespace mc::cli {

// E0819: a cache holds all of its directory's rows, the bad ones already
// set aside: an --as-of run (which reads only the rows known on a date) and
// --reject-file cannot apply to it. Prints the error and returns the exit
// code when `data` is a cache and either is given; kExitOk otherwise.
int checkCacheOptions(const std::string& command, const std::string& data, Days asOf,
                      const std::string& rejectFile);

// Loads `data` into `out`: from the cache when it is one (out.directory is
// then the directory the cache was built from; `cacheRejectFile` the reject
// file of its ingest), else from the directory with `options`. Prints why
// it failed and returns the exit code, or kExitOk. A cache already read by
// `ahead` is not read again.
int loadData(const std::string& command, const std::string& data, const store::LoadOptions& options,
             store::LoadResult& out, std::string* cacheRejectFile = nullptr,
             CacheReadAhead* ahead = nullptr);

}  // namespace mc::cli
