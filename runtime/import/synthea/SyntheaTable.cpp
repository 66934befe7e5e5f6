// Reading a Synthea CSV file through the one CSV reader of measurec.
#include "import/synthea/SyntheaTable.h"

#include <fmt/format.h>

#include <charconv>

namespace mc::import::synthea {

std::optional<SyntheaError> SyntheaTable::open(const std::filesystem::path& dir,
                                               const std::string& name,
                                               const std::vector<std::string>& required) {
  path_ = (dir / name).string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(dir / name, ec)) {
    return SyntheaError{"E0810",
                        path_,
                        0,
                        0,
                        "Synthea file missing",
                        "export with Synthea's CSV exporter (exporter.csv.export = true); "
                        "the importer needs every file it maps"};
  }
  if (!reader_.openFile(path_)) {
    return SyntheaError{
        "E0810", path_, 0, 0, "cannot read the file: " + reader_.error(), "check its permissions"};
  }
  return checkHeader(required);
}

std::optional<SyntheaError> SyntheaTable::openText(const std::string& name, std::string text,
                                                   const std::vector<std::string>& required) {
  path_ = name;
  reader_.openText(std::move(text));
  return checkHeader(required);
}

std::optional<SyntheaError> SyntheaTable::checkHeader(const std::vector<std::string>& required) {
  if (!reader_.readHeader()) {
    return SyntheaError{"E0811",
                        path_,
                        1,
                        0,
                        reader_.error().empty() ? "empty file: no header row" : reader_.error(),
                        "a Synthea CSV file starts with its header row"};
  }
  for (const std::string& column : required) {
    if (reader_.column(column) == csv::CsvReader::kNoColumn) {
      return SyntheaError{"E0811",
                          path_,
                          1,
                          0,
                          fmt::format("missing column '{}'", column),
                          fmt::format("the header must name {}", fmt::join(required, ", "))};
    }
  }
  return std::nullopt;
}

bool SyntheaTable::next() {
  switch (reader_.next(record_)) {
    case csv::ReadStatus::End: return false;
    case csv::ReadStatus::Error:
      error_ = SyntheaError{"E0813", path_,           reader_.errorLine(),
                            0,       reader_.error(), "close the quoted field"};
      return false;
    case csv::ReadStatus::Record: break;
  }
  ++rows_;
  if (!record_.problem.empty()) {
    error_ = SyntheaError{"E0813",
                          path_,
                          record_.line,
                          0,
                          std::string(record_.problem),
                          "quote a field that holds a comma or a quote (RFC 4180)"};
    return false;
  }
  return true;
}

bool SyntheaTable::hasColumn(std::string_view name) const { return columnIndex(name) >= 0; }

int SyntheaTable::columnIndex(std::string_view name) const { return reader_.column(name); }

std::string_view SyntheaTable::text(std::string_view column) const {
  const int i = columnIndex(column);
  if (i < 0 || static_cast<size_t>(i) >= record_.size()) return {};
  return record_[static_cast<size_t>(i)];
}

int SyntheaTable::characterColumn(std::string_view field) const {
  const char* begin = record_.raw.data();
  if (field.data() >= begin && field.data() <= begin + record_.raw.size())
    return static_cast<int>(field.data() - begin) + 1;
  return 0;  // an unescaped quoted field: its position is not kept
}

SyntheaError SyntheaTable::cellError(std::string code, std::string_view column, std::string message,
                                     std::string note) const {
  return SyntheaError{std::move(code),    path_,
                      record_.line,       characterColumn(text(column)),
                      std::move(message), std::move(note)};
}

std::optional<Days> SyntheaTable::date(std::string_view column, bool optional) {
  const std::optional<DayTime> w = when(column, optional);
  if (!w) return std::nullopt;
  return w->day;
}

std::optional<DayTime> SyntheaTable::when(std::string_view column, bool optional) {
  const std::string_view cell = text(column);
  if (cell.empty()) {
    if (optional) return DayTime{};
    error_ = cellError("E0812", column, fmt::format("column '{}': empty date", column),
                       "Synthea writes every START and BIRTHDATE; the export is damaged");
    return std::nullopt;
  }
  const std::optional<DayTime> day = parseIsoDayTime(cell);
  if (!day) {
    error_ =
        cellError("E0812", column, fmt::format("column '{}': '{}' is not a date", column, cell),
                  "Synthea writes YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, a calendar date");
    return std::nullopt;
  }
  return day;
}

std::optional<long> SyntheaTable::count(std::string_view column) {
  const std::string_view cell = text(column);
  long value = -1;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (cell.empty() || ec != std::errc() || end != cell.data() + cell.size() || value < 0) {
    error_ = cellError("E0814", column,
                       fmt::format("column '{}': '{}' is not a whole number", column, cell),
                       "a count of 0 or more");
    return std::nullopt;
  }
  return value;
}

}  // namespace mc::import::synthea
