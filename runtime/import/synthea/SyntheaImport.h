// `measurec import synthea`: a Synthea CSV export into a DATA.md data
// directory. The mapping, file by file, is in docs/data.md ("Importing a
// Synthea export"); what each file gave is in the ImportReport.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "import/synthea/ImportReport.h"
#include "import/synthea/SyntheaError.h"

namespace mc::import::synthea {

// Where the Synthea files are: a directory, or (tests) texts by file name,
// a name absent from `texts` being a missing file.
struct SyntheaInput {
  std::filesystem::path dir;
  std::optional<std::map<std::string, std::string>> texts;
};

// One data file of the output, complete with its header.
struct DataFileText {
  std::string name;  // "visits.csv"
  std::string text;
  std::uint64_t rows = 0;
};

struct SyntheaImport {
  std::vector<DataFileText> files;  // every DATA.md input file, in DATA.md order
  ImportReport report;
};

// The Synthea files the importer reads; all must be there. payers.csv and
// organizations.csv name payers and sites; they are read when present.
const std::vector<std::string>& requiredSyntheaFiles();
// The data files an import writes (every DATA.md input file), in order.
std::vector<std::string> dataFileNames();

// Where the data files go as they are made: a directory (the command's
// staging directory), appended to whenever a file's text reaches
// `flushBytes`, so that a large export is never held whole in memory.
struct SyntheaOutput {
  std::filesystem::path dir;
  std::size_t flushBytes = std::size_t{1} << 20;
};

// Maps the whole export; an error stops it (nothing is returned then; the
// files already written to `writeTo` are the caller's to discard). Without
// `writeTo` the files' texts are returned whole; with it they are written
// there and `files` keeps only names and row counts.
std::optional<SyntheaError> importSynthea(const SyntheaInput& input, SyntheaImport& out,
                                          const SyntheaOutput* writeTo = nullptr);

}  // namespace mc::import::synthea
