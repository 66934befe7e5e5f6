// The data directory an import writes (DATA.md inputs): every file with its
// header, rows kept per member until the end so that events of a patient
// never imported can be counted and left out (the loader would reject a row
// whose member is not in members.csv), and rows sorted by member.
//
// Beyond DATA.md's columns, event files carry two of their own (extra
// columns are allowed and ignored by the loader): `other_codes`, codes of
// the resource that have no DATA.md system, written `URI|code` (FHIR's token
// form), or that have the wrong shape for their system; and `fhir_id`,
// `Type/id` of the resource the row came from.
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mc::import::fhir {

enum class DataTable {
  Members,
  Enrollment,
  Providers,
  Visits,
  Pharmacy,
  Observations,
  Conditions,
  Immunizations,
  Supplemental,
  Referrals,
  Orders,
};
inline constexpr int kDataTableCount = 11;

struct DataTableLayout {
  const char* name;
  const char* header;
  int columns;
};
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

  // Writes every file into `dir` (which exists), rows sorted by member id
  // (stable: a member's rows keep their input order). Empty on success.
  std::optional<std::string> write(const std::filesystem::path& dir) const;

 private:
  std::vector<ImportedRow> rows_[kDataTableCount];
};

}  // namespace mc::import::fhir
