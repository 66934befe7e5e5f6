// The data directory an import writes (DATA.md inputs): every file with its
// header. A row is written once its member is known (a Patient of the
// import), so that events of a patient never imported can be counted and
// left out (the loader would reject a row whose member is not in
// members.csv). Streaming (the command): after each input file the rows of
// known members are written and dropped, so memory holds one file's rows,
// not the import's; a 10,000-patient import is as light as one patient.
// Without streaming (tests) every row is kept and written at the end,
// sorted by member.
//
// Beyond DATA.md's columns, event files carry two of their own (extra
// columns are allowed and ignored by the loader): `other_codes`, codes of
// the resource that have no DATA.md system, written `URI|code` (FHIR's token
// form), or that have the wrong shape for their system; and `fhir_id`,
// `Type/id` of the resource the row came from.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/DataFiles.h"

namespace mc::import::fhir {

// The files an import writes: the shared layout's (support/DataFiles.h)
// and orders.csv, which only the FHIR import fills.
using DataTable = DataFile;
inline constexpr int kDataTableCount = kDataFileCount + 1;
static_assert(static_cast<int>(DataFile::Orders) == kDataFileCount,
              "orders.csv comes after the shared files");

struct DataTableLayout {
  const char* name;
  std::string header;  // the shared layout's, plus the import's own columns (importedLayout)
};
// In DataTable order.
extern const DataTableLayout kDataTables[kDataTableCount];

// One row from one resource: its member and the other fields, in the
// layout's column order, already written as CSV (a 10,000-patient import
// holds millions of rows: one string each, not one per field).
struct ImportedRow {
  std::string member;
  std::uint64_t resource = 0;  // the serial number of the resource it came from
  const char* type = "";       // its resource type
  std::uint32_t folder = 0;    // its folder when a loose file (ResourceMapper), else 0
  std::string fields;          // CSV text of the fields after member_id, without the leading comma

  void setFields(std::initializer_list<std::string_view> values);
};

class DataTables {
 public:
  void add(DataTable table, ImportedRow row);
  std::vector<ImportedRow>& rows(DataTable table) { return rows_[static_cast<int>(table)]; }
  const std::vector<ImportedRow>& rows(DataTable table) const {
    return rows_[static_cast<int>(table)];
  }

  // From now on, rows are written into `dir` (which exists) by flush():
  // every file is created with its header. Empty on success.
  std::optional<std::string> streamTo(const std::filesystem::path& dir);
  bool streaming() const { return streaming_; }
  // When streaming: writes the rows `known` accepts (by member; a
  // providers.csv row always) and drops them from memory; the others wait
  // for a later flush or write().
  void flush(const std::function<bool(const std::string& member)>& known);
  // Rows of `table` written by flush() so far.
  std::uint64_t flushed(DataTable table) const { return flushed_[static_cast<int>(table)]; }

  // Writes the rows held, sorted by member id (stable: a member's rows keep
  // their input order): when streaming, after the flushed rows, and closes
  // the files; otherwise every file into `dir` (which exists). Empty on
  // success.
  std::optional<std::string> write(const std::filesystem::path& dir);

 private:
  std::vector<ImportedRow> rows_[kDataTableCount];
  bool streaming_ = false;
  std::ofstream files_[kDataTableCount];
  std::filesystem::path paths_[kDataTableCount];
  std::uint64_t flushed_[kDataTableCount] = {};
};

}  // namespace mc::import::fhir
