// A cache read started before the measure files are read: mapping the
// cache and checking its columns (store/CacheFile.h) runs on another
// thread while `run` reads and checks the program, the two being
// independent. Its result is taken where the run would have read the
// cache, so every message, and their order, is as without it.
#pragma once

#include <future>
#include <optional>
#include <string>

#include "store/CacheFile.h"

namespace mc::cli {

class CacheReadAhead {
 public:
  // Starts reading `data` when it is a cache file and the run has more
  // than one thread; else does nothing (the run reads it in turn).
  CacheReadAhead(const std::string& data, int threads);
  // Waits for a read still under way (a run that stopped before its load).
  ~CacheReadAhead();
  CacheReadAhead(const CacheReadAhead&) = delete;
  CacheReadAhead& operator=(const CacheReadAhead&) = delete;

  // The read of `data`, once, when one was started for that path.
  std::optional<store::CacheRead> take(const std::string& data);
  // How long the read took on its own thread (0 before take() returned
  // one): run.json's `load`, which overlapped `compile`.
  double seconds() const { return seconds_; }

 private:
  std::string data_;
  std::future<store::CacheRead> read_;
  // Written by the read's thread, read after take()'s get().
  double seconds_ = 0;
};

}  // namespace mc::cli
