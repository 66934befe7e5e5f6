// A file that replaces its path only when the run succeeded (the reject
// file): written to a temporary sibling, renamed into place by commit(), and
// removed otherwise, so a failed run leaves an existing file as it was.
#pragma once

#include <string>

namespace mc::output {

class StagedFile {
 public:
  // Empty `path`: nothing is staged (staging() is empty, commit() succeeds).
  explicit StagedFile(std::string path);
  // Removes the staging file unless commit() was called.
  ~StagedFile();
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;

  const std::string& path() const { return path_; }
  const std::string& staging() const { return staging_; }  // `<path>.tmp-<pid>`

  // Renames the staging file into place. Empty on success, else why not; the
  // staging file is then kept (it holds the only copy) for the message to name.
  std::string commit();

 private:
  std::string path_;
  std::string staging_;
  bool committed_ = false;
};

}  // namespace mc::output
