// The cache read ahead of the front end: tools/measurec/CacheReadAhead.h.
#include "CacheReadAhead.h"

#include <chrono>

namespace mc::cli {

CacheReadAhead::CacheReadAhead(const std::string& data, int threads) {
  if (threads < 2 || !store::isCacheFile(data)) return;
  data_ = data;
  read_ = std::async(std::launch::async, [this, data, threads] {
    const auto started = std::chrono::steady_clock::now();
    store::CacheRead read = store::readCache(data, threads);
    seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return read;
  });
}

CacheReadAhead::~CacheReadAhead() {
  if (read_.valid()) read_.wait();
}

std::optional<store::CacheRead> CacheReadAhead::take(const std::string& data) {
  if (!read_.valid() || data != data_) return std::nullopt;
  return read_.get();
}

}  // namespace mc::cli
