// Staging beside the target keeps the rename on one file system, so it is
// atomic: readers see the old file or the new one, never half of either.
#include "output/StagedFile.h"

#include <unistd.h>

#include <filesystem>
#include <system_error>

namespace mc::output {

StagedFile::StagedFile(std::string path) : path_(std::move(path)) {
  if (!path_.empty()) staging_ = path_ + ".tmp-" + std::to_string(::getpid());
}

StagedFile::~StagedFile() {
  if (committed_ || staging_.empty()) return;
  std::error_code ec;
  std::filesystem::remove(staging_, ec);
}

std::string StagedFile::commit() {
  committed_ = true;
  if (staging_.empty()) return {};
  std::error_code ec;
  std::filesystem::rename(staging_, path_, ec);
  return ec ? ec.message() : std::string();
}

}  // namespace mc::output
