// What stops a Synthea import: a missing file or column, a record that is
// not CSV, a bad date or number. Codes E0810-E0819 (`check --explain`).
#pragma once

#include <cstdint>
#include <string>

namespace mc::import::synthea {

struct SyntheaError {
  std::string code;        // E0810..E0819
  std::string path;        // the Synthea file
  std::uint64_t line = 0;  // 0: the file itself
  int column = 0;          // 1-based character column; 0: the line
  std::string message;     // what is wrong
  std::string note;        // what to do

  // "patients.csv:3:12: error E0812: ..." + "\n  note: ..." when there is one.
  std::string format() const;
};

}  // namespace mc::import::synthea
