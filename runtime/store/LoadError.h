// What stops the load of a data directory: a problem with the directory or
// one of its files, or a bad row (DATA.md, Bad input).
#pragma once

#include <cstdint>
#include <string>

namespace mc::store {

enum class LoadErrorKind {
  Directory,       // the data directory is missing or not a directory
  MissingFile,     // a required file is absent
  UnreadableFile,  // a file exists but cannot be read
  FileFormat,      // the file cannot be read as a table: header, quotes
  RejectFile,      // the reject file cannot be created or written
  BadRow,          // one row breaks the contract
};

struct LoadError {
  LoadErrorKind kind = LoadErrorKind::BadRow;
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

}  // namespace mc::store
