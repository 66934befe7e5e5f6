// Bad rows written as CSV, with the row's own text last so it can be fixed
// and pasted back.
#include "store/RejectFile.h"

namespace mc::store {

bool RejectFile::open(const std::string& path) {
  stream_.open(path, std::ios::binary | std::ios::trunc);
  if (!stream_) return false;
  writer_.emplace(stream_);
  writer_->row({"file", "line", "column", "value", "reason", "row"});
  return true;
}

void RejectFile::add(const std::string& fileName, std::uint64_t line, const RowProblem& problem,
                     std::string_view raw) {
  writer_->row(
      {fileName, std::to_string(line), problem.column, problem.value, problem.message, raw});
}

bool RejectFile::close() {
  writer_.reset();
  stream_.close();
  return !stream_.fail();
}

}  // namespace mc::store
