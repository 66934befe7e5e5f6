// Compiled measure code kept on disk between runs (issue 15: compiling the
// CBI program costs about as much as scoring 100,000 members), one object
// file per measure, named by a key of everything that shapes the code: the
// measure's LLVM IR as lowered (its bitcode), the measurec and LLVM versions, the target
// and the optimisation settings. A file that is absent, unreadable, cut
// short or altered is a miss, never an error: the measure is compiled again
// and the file rewritten.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mc::jit {

class ObjectCache {
 public:
  // `dir` empty: no cache (every load misses, store does nothing).
  explicit ObjectCache(std::string dir) : dir_(std::move(dir)) {}

  // $MEASUREC_JIT_CACHE ("off": none), else $XDG_CACHE_HOME/measurec/jit,
  // else $HOME/.cache/measurec/jit; empty when none of them is set.
  static std::string defaultDir();

  // 32 hex digits of the IR (text or bitcode) and the rest of what shapes the object
  // (`settings`: versions, target, optimisation levels).
  static std::string key(std::string_view irText, std::string_view settings);

  // The object stored under `key`; nullopt when absent or not intact.
  std::optional<std::string> load(const std::string& key) const;
  // Best effort (a full disk, a read-only directory: no cache, no error);
  // written to a temporary file and renamed, so that a reader never sees
  // half a file.
  void store(const std::string& key, std::string_view object) const;

  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

}  // namespace mc::jit
