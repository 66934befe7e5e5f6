// One Synthea CSV file read row by row, by column name: the required columns
// are checked once, cells are read as text, dates and counts, and every
// problem becomes a SyntheaError naming file:line:column.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/synthea/SyntheaError.h"
#include "support/CsvReader.h"
#include "support/Date.h"
#include "support/DateTime.h"

namespace mc::import::synthea {

class SyntheaTable {
 public:
  // Opens `dir/name` (or `text` when given: tests) and checks that every
  // column of `required` is in its header.
  std::optional<SyntheaError> open(const std::filesystem::path& dir, const std::string& name,
                                   const std::vector<std::string>& required);
  std::optional<SyntheaError> openText(const std::string& name, std::string text,
                                       const std::vector<std::string>& required);

  // Reads the next record into the table; false at the end or on an error
  // (error() then holds it).
  bool next();
  const std::optional<SyntheaError>& error() const { return error_; }
  bool hasColumn(std::string_view name) const;

  std::string_view text(std::string_view column) const;
  // A Synthea date or timestamp (`2023-01-27` or `2023-01-27T16:17:47Z`) as
  // its calendar date (Synthea writes UTC). Empty: kNoDate when `optional`,
  // else an error. A bad date sets error() and returns nullopt.
  std::optional<Days> date(std::string_view column, bool optional);
  // The same with the timestamp's time of day (kNoTime for a date alone),
  // as written (docs/data.md "Times of day").
  std::optional<DayTime> when(std::string_view column, bool optional);
  // A whole number of 0 or more (DISPENSES); nullopt and error() otherwise.
  std::optional<long> count(std::string_view column);

  std::uint64_t line() const { return record_.line; }
  std::uint64_t rowsRead() const { return rows_; }
  const std::string& path() const { return path_; }

 private:
  std::optional<SyntheaError> checkHeader(const std::vector<std::string>& required);
  int columnIndex(std::string_view name) const;
  int characterColumn(std::string_view field) const;
  SyntheaError cellError(std::string code, std::string_view column, std::string message,
                         std::string note) const;

  csv::CsvReader reader_;
  csv::Record record_;
  std::string path_;
  std::uint64_t rows_ = 0;
  std::optional<SyntheaError> error_;
};

}  // namespace mc::import::synthea
