// Repeated pages: one shared memory file per pattern (kRepeatWindow bytes,
// filled once per process), mapped read-only at every window of an address
// range reserved for the column. A read of the file's pages faults in 16 of
// them at a time and allocates nothing; they are the same physical pages for
// every column of that pattern.
#include "store/ConstantColumn.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace mc::store {
namespace {

// The pattern files of the process, by pattern: a few (a table's constant
// columns hold one of NaN, all ones or zero), kept open for later columns.
class PatternFiles {
 public:
  // The descriptor of the file of `pattern` (a window of it repeated), or
  // -1 when it cannot be made.
  int fileOf(const void* element, std::size_t size) {
    const std::string key(static_cast<const char*>(element), size);
    const std::lock_guard<std::mutex> lock(lock_);
    const auto known = files_.find(key);
    if (known != files_.end()) return known->second;
    const int fd = make(element, size);
    if (fd >= 0) files_.emplace(key, fd);
    return fd;
  }

 private:
  static int make(const void* element, std::size_t size) {
    const int fd = ::memfd_create("measurec-constant-column", MFD_CLOEXEC);
    if (fd < 0) return -1;
    if (::ftruncate(fd, static_cast<off_t>(kRepeatWindow)) != 0) {
      ::close(fd);
      return -1;
    }
    void* window = ::mmap(nullptr, kRepeatWindow, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (window == MAP_FAILED) {
      ::close(fd);
      return -1;
    }
    auto* bytes = static_cast<char*>(window);
    // The element, then the bytes filled so far doubled until the window is.
    std::memcpy(bytes, element, size);
    for (std::size_t filled = size; filled < kRepeatWindow; filled *= 2)
      std::memcpy(bytes + filled, bytes, std::min(filled, kRepeatWindow - filled));
    ::munmap(window, kRepeatWindow);
    return fd;
  }

  std::mutex lock_;
  std::map<std::string, int> files_;
};

PatternFiles& patternFiles() {
  static PatternFiles files;
  return files;
}

}  // namespace

std::shared_ptr<const void> repeatedPages(const void* element, std::size_t size, std::size_t bytes,
                                          const void*& data) {
  if (size == 0 || kRepeatWindow % size != 0 || bytes == 0) return nullptr;
  const int fd = patternFiles().fileOf(element, size);
  if (fd < 0) return nullptr;
  const std::size_t total = (bytes + kRepeatWindow - 1) / kRepeatWindow * kRepeatWindow;
  // The range first, unusable, so that the windows land side by side.
  void* range =
      ::mmap(nullptr, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (range == MAP_FAILED) return nullptr;
  auto* start = static_cast<char*>(range);
  for (std::size_t at = 0; at < total; at += kRepeatWindow) {
    if (::mmap(start + at, kRepeatWindow, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED) {
      ::munmap(range, total);
      return nullptr;
    }
  }
  data = range;
  return std::shared_ptr<const void>(
      range, [total](const void* p) { ::munmap(const_cast<void*>(p), total); });
}

}  // namespace mc::store
