// `measurec import synthea`: a Synthea CSV export into a DATA.md data
// directory. The mapping, file by file, is in docs/data.md ("Importing a
// Synthea export"); what each file gave is in the ImportReport.
#pragma once

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

// Maps the whole export; an error stops it (nothing is returned then).
std::optional<SyntheaError> importSynthea(const SyntheaInput& input, SyntheaImport& out);

}  // namespace mc::import::synthea
