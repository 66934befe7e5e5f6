// Writing the imported data directory.
#include "import/fhir/DataTables.h"

#include <algorithm>
#include <fstream>

#include "support/CsvWriter.h"

namespace mc::import::fhir {

namespace {

// The shared layout's columns, then the import's own on event files:
// kImportedEventColumns, and the optional DATA.md columns only FHIR fills
// (docs/data.md): a condition's or procedure's body site, an observation's
// end, the reason it was not done, an observation's or condition's category and an observation's
// encounter setting. orders.csv is the FHIR import's alone.
DataTableLayout importedLayout(DataFile file) {
  if (file == DataFile::Orders)
    return {"orders.csv",
            "member_id,date,codes,provider_id,status,other_codes,fhir_id,end_date,intent"};
  std::string header = layoutOf(file).header;
  if (isCodedEventFile(file)) header += std::string(",") + kImportedEventColumns;
  if (file == DataFile::Visits || file == DataFile::Conditions) header += ",body_site";
  if (file == DataFile::Observations) header += ",end_date,reason";
  if (file == DataFile::Observations || file == DataFile::Conditions) header += ",category";
  if (file == DataFile::Observations) header += ",setting";
  return {layoutOf(file).name, std::move(header)};
}

}  // namespace

const DataTableLayout kDataTables[kDataTableCount] = {
    importedLayout(DataTable::Members),      importedLayout(DataTable::Enrollment),
    importedLayout(DataTable::Providers),    importedLayout(DataTable::Visits),
    importedLayout(DataTable::Pharmacy),     importedLayout(DataTable::Observations),
    importedLayout(DataTable::Conditions),   importedLayout(DataTable::Immunizations),
    importedLayout(DataTable::Supplemental), importedLayout(DataTable::Referrals),
    importedLayout(DataTable::Orders),
};

void ImportedRow::setFields(std::initializer_list<std::string_view> values) {
  fields.clear();
  bool first = true;
  for (const std::string_view v : values) {
    if (!first) fields += ',';
    first = false;
    csv::appendField(fields, v);
  }
}

void DataTables::add(DataTable table, ImportedRow row) {
  rows_[static_cast<int>(table)].push_back(std::move(row));
}

namespace {

void appendRow(std::string& text, const ImportedRow& row) {
  csv::appendField(text, row.member);
  text += ',';
  text += row.fields;
  text += '\n';
}

}  // namespace

std::optional<std::string> DataTables::streamTo(const std::filesystem::path& dir) {
  for (int t = 0; t < kDataTableCount; ++t) {
    paths_[t] = dir / kDataTables[t].name;
    files_[t].open(paths_[t], std::ios::binary);
    if (!files_[t]) return paths_[t].string() + ": cannot be created";
    files_[t] << kDataTables[t].header << '\n';
  }
  streaming_ = true;
  return std::nullopt;
}

void DataTables::flush(const std::function<bool(const std::string& member)>& known) {
  if (!streaming_) return;
  for (int t = 0; t < kDataTableCount; ++t) {
    std::vector<ImportedRow>& rows = rows_[t];
    if (rows.empty()) continue;
    const bool always = static_cast<DataTable>(t) == DataTable::Providers;
    std::string text;
    size_t kept = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (always || known(rows[i].member)) {
        appendRow(text, rows[i]);
        ++flushed_[t];
      } else {
        if (kept != i) rows[kept] = std::move(rows[i]);  // never a self-move
        ++kept;
      }
    }
    rows.resize(kept);
    files_[t] << text;
  }
}

std::optional<std::string> DataTables::write(const std::filesystem::path& dir) {
  for (int t = 0; t < kDataTableCount; ++t) {
    const DataTableLayout& layout = kDataTables[t];
    std::vector<const ImportedRow*> order;
    order.reserve(rows_[t].size());
    for (const ImportedRow& row : rows_[t]) order.push_back(&row);
    std::stable_sort(order.begin(), order.end(), [](const ImportedRow* a, const ImportedRow* b) {
      return a->member < b->member;
    });
    std::filesystem::path path = dir / layout.name;
    std::ofstream opened;
    if (streaming_) path = paths_[t];
    std::ofstream& file = streaming_ ? files_[t] : opened;
    std::string text;
    if (!streaming_) {
      file.open(path, std::ios::binary);
      if (!file) return path.string() + ": cannot be created";
      text = layout.header + "\n";
    }
    for (const ImportedRow* row : order) {
      appendRow(text, *row);
      if (text.size() >= (1u << 20)) {
        file << text;
        text.clear();
      }
    }
    file << text;
    file.flush();
    if (!file) return path.string() + ": could not be written completely (disk full?)";
    file.close();
  }
  streaming_ = false;
  return std::nullopt;
}

}  // namespace mc::import::fhir
