// The binary cache of a loaded data directory (`measurec ingest DIR --out
// FILE.mcache`, docs/data.md "Binary cache"): written once, atomically;
// read by memory-mapping it, its numeric columns used in place. It records
// what it was built from (every input file's size and modification time) so
// that a run refuses a cache whose directory has changed since.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/DataDirectoryLoader.h"
#include "store/MemberStore.h"

namespace mc::store {

// A problem with a cache file: E0816 not a cache / corrupt / truncated /
// another version, E0817 stale (its data directory changed), E0818 cannot be
// written. (E0819, an option a cache cannot honour, is the command line's.)
struct CacheError {
  std::string code;
  std::string path;     // the cache file
  std::string message;  // what is wrong
  std::string note;     // what to do

  // "FILE: error E0817: ..." + "\n  note: ..."
  std::string format() const;
};

// One input file of the data directory as the cache saw it.
struct CacheInput {
  std::string name;  // "visits.csv"
  bool present = false;
  std::uint64_t size = 0;
  std::int64_t mtimeNs = 0;  // modification time, ns since the epoch
};

struct CacheProvenance {
  std::string directory;           // the data directory, as given to ingest
  std::string absoluteDirectory;   // where the inputs are checked
  std::vector<CacheInput> inputs;  // every DATA.md file name, in DATA.md order
  std::string rejectFile;          // ingest's --reject-file; empty: none
};

// Every DATA.md input file of `directory` as it is now.
CacheProvenance describeInputs(const std::string& directory);

// Writes `store` and the load's counts to `path` through a temporary
// sibling renamed into place: a failed write leaves no file (and an older
// cache at `path` untouched). The bytes written in `bytes`.
std::optional<CacheError> writeCache(const std::string& path, const MemberStore& store,
                                     const std::vector<FileCounts>& files,
                                     const CacheProvenance& provenance, std::uint64_t* bytes);

// True when `path` is a regular file that starts with the cache's magic
// bytes (whatever its name).
bool isCacheFile(const std::string& path);

struct CacheRead {
  std::optional<MemberStore> store;  // absent when `error` is set
  std::optional<CacheError> error;
  std::vector<FileCounts> files;  // the original load's counts
  CacheProvenance provenance;
};

// Maps `path` and checks its header (magic, versions, byte order,
// checksum, every section inside the file), then its freshness: every
// recorded input must have the same presence, size and modification time.
// The columns' checks (store/CacheChecks.h) run on up to `threads` threads.
CacheRead readCache(const std::string& path, int threads = 1);

// The LoadResult of the load the cache was built from (its counts,
// directory and warnings), with the store read from the cache.
LoadResult loadResultFromCache(CacheRead read);

}  // namespace mc::store
