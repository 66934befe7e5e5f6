// Loads a member data directory (DATA.md) into a MemberStore, with the
// DATA.md treatment of bad rows: stop at the first one with an error naming
// file:line, column and value, or, with a reject file, write each bad row
// there with its reason and count it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/MemberStore.h"

namespace mc::store {

struct FileCounts {
  std::string file;  // "visits.csv"
  bool present = false;
  std::uint64_t rows = 0;  // data rows read (header excluded)
  std::uint64_t accepted = 0;
  std::uint64_t rejected = 0;
};

struct LoadError {
  std::string path;        // full path of the file
  std::uint64_t line = 0;  // 0 when the problem is the file itself
  std::string column;      // empty when not about one column
  std::string value;
  std::string message;  // what is wrong
  std::string hint;     // what to do

  // "DIR/visits.csv:12: column 'date': value '2022-13-01': not a date (YYYY-MM-DD)"
  // + "\n  note: <hint>" when there is a hint.
  std::string format() const;
};

struct LoadOptions {
  // Empty: the first bad row stops the load. Otherwise bad rows are written
  // to this CSV (file,line,column,value,reason,row) and the load goes on.
  std::string rejectFile;
};

struct LoadResult {
  std::optional<MemberStore> store;  // absent when `error` is set
  std::optional<LoadError> error;
  std::vector<FileCounts> files;  // every known input file, in DATA.md order
};

LoadResult loadDataDirectory(const std::string& directory, const LoadOptions& options);

}  // namespace mc::store
