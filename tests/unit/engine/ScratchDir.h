// A fresh empty directory in the system temp folder for one test, removed
// when the test ends.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

namespace mc::testing {

struct ScratchDir {
  std::filesystem::path root;

  explicit ScratchDir(const std::string& tag) {
    static std::atomic<int> counter{0};
    root = std::filesystem::temp_directory_path() /
           ("mc-" + tag + "-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(root, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string at(const std::string& relative) const { return (root / relative).string(); }
};

}  // namespace mc::testing
