// `measurec import fhir`: reads FHIR R4 JSON — bundles (transaction,
// collection, searchset, ...), single resources, and folders of them,
// recursively — into the rows of a DATA.md data directory and a report.
//
// A file that cannot be read or is not JSON is an error (E0801, E0802) that
// names the file: the import then writes nothing. A resource that cannot be
// mapped (no subject, a date without a day, an unknown type) is skipped,
// counted in the report and listed with its file and JSON path.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "import/fhir/DataTables.h"
#include "import/fhir/ImportReport.h"

namespace mc::import::fhir {

struct ImportError {
  std::string code;  // E0801...
  std::string file;
  std::string message;
  std::string hint;

  // "FILE: error E0802: message" + "\n  note: hint".
  std::string format() const;
};

class FhirImport {
 public:
  FhirImport();
  ~FhirImport();
  FhirImport(const FhirImport&) = delete;
  FhirImport& operator=(const FhirImport&) = delete;

  // Writes the data files into `dir` as the import goes (after each file,
  // the rows of known patients), instead of holding every row until
  // tables().write(): memory stays bounded by one file. Call before the
  // first input. Empty on success.
  std::optional<std::string> streamTo(const std::filesystem::path& dir);
  // Reads a file, or every *.json file under a folder (in path order).
  void addPath(const std::filesystem::path& input);
  // Reads JSON text named `file` (tests, and addPath's files).
  void addText(const std::string& file, std::string_view json);
  // Ends the import: enrollment of patients without a Coverage, rows of
  // patients not in the import left out. Call once, after the last input.
  void finish();

  const std::vector<ImportError>& errors() const { return errors_; }
  const ImportReport& report() const { return report_; }
  ImportReport& report() { return report_; }
  const DataTables& tables() const { return tables_; }
  DataTables& tables() { return tables_; }

 private:
  class Reader;
  void addFile(const std::filesystem::path& file);

  DataTables tables_;
  ImportReport report_;
  std::vector<ImportError> errors_;
  std::unique_ptr<Reader> reader_;
};

}  // namespace mc::import::fhir
