// The reject file (--reject-file): bad rows set aside, one CSV line each
// (file,line,column,value,reason,row).
#pragma once

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "store/CellParsing.h"
#include "support/CsvWriter.h"

namespace mc::store {

class RejectFile {
 public:
  // Creates (truncates) the file and writes the header; false when it
  // cannot be created (errno says why).
  bool open(const std::string& path);
  bool isOpen() const { return writer_.has_value(); }
  void add(const std::string& fileName, std::uint64_t line, const RowProblem& problem,
           std::string_view raw);
  // False when anything failed to reach the file.
  bool close();

 private:
  std::ofstream stream_;
  std::optional<csv::CsvWriter> writer_;
};

}  // namespace mc::store
