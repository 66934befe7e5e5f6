// Line index of a source file, for diagnostics with carets.
#include "support/SourceFile.h"

namespace mc {

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  lineStarts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') lineStarts_.push_back(i + 1);
  }
}

std::string_view SourceFile::lineText(int line) const {
  if (line < 1 || line > lineCount()) return {};
  const size_t start = lineStarts_[line - 1];
  size_t end = line < lineCount() ? lineStarts_[line] - 1 : text_.size();
  if (end > start && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(start, end - start);
}

}  // namespace mc
