// A source file held in memory, and positions inside it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mc {

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // The text of 1-based line `line`, without its line ending.
  std::string_view lineText(int line) const;
  int lineCount() const { return static_cast<int>(lineStarts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<size_t> lineStarts_;
};

using SourceFilePtr = std::shared_ptr<const SourceFile>;

// A range of source text: 1-based line and column of its first character,
// and its length in characters on that line (at least 1 when printed).
struct SourceRange {
  const SourceFile* file = nullptr;
  int line = 0;
  int column = 0;
  int length = 0;

  bool valid() const { return file != nullptr && line > 0; }
};

}  // namespace mc
