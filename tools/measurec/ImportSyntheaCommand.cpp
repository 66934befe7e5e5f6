// `measurec import synthea CSV_DIR --out DIR`: a Synthea CSV export into a
// data directory, staged beside DIR and renamed into place, with import.json.
#include <fmt/format.h>

#include <iostream>

#include "Args.h"
#include "Commands.h"
#include "import/synthea/SyntheaImport.h"
#include "output/ResultsDirectory.h"

namespace mc::cli {

int importSyntheaCommand(const std::vector<std::string>& args) {
  const Args a(args, {"out"}, {});
  if (!a.ok()) return usageError("import", a.error());
  if (a.positional().size() != 1)
    return usageError("import", "import synthea takes one CSV_DIR, the Synthea export");
  if (!a.has("out")) return usageError("import", "--out is required");

  namespace sy = import::synthea;
  sy::SyntheaInput input{a.positional().front(), std::nullopt};
  std::error_code ec;
  if (!std::filesystem::is_directory(input.dir, ec)) {
    std::cerr << "measurec import: " << input.dir.string()
              << ": error E0810: not a directory\n  note: give the folder Synthea wrote its CSV "
                 "files to (output/csv)\n";
    return kExitUserError;
  }
  // The files are written into the staging directory as they are made; on
  // an error it is removed (ResultsDirectory's destructor) and DIR is
  // untouched.
  std::vector<std::string> replaceable{"import.json"};
  for (const std::string& name : sy::dataFileNames()) replaceable.push_back(name);
  output::ResultsDirectory out(*a.value("out"), replaceable);
  if (auto error = out.create()) {
    std::cerr << "measurec import: " << error->format() << "\n";
    return kExitUsage;
  }
  sy::SyntheaImport imported;
  const sy::SyntheaOutput staging{out.temporary()};
  if (auto error = sy::importSynthea(input, imported, &staging)) {
    std::cerr << "measurec import: " << error->format() << "\n  nothing was written to "
              << *a.value("out") << "\n";
    return kExitUserError;
  }
  if (auto error = out.writeFile("import.json", imported.report.json())) {
    std::cerr << "measurec import: " << error->format() << "\n";
    return kExitUserError;
  }
  if (auto error = out.commit()) {
    std::cerr << "measurec import: " << error->format() << "\n";
    return kExitUserError;
  }
  std::cout << fmt::format("measurec import synthea: {} -> {}\n", input.dir.string(),
                           out.target().string())
            << imported.report.text();
  for (const auto& [name, rows] : imported.report.written)
    std::cout << fmt::format("  wrote {:<18} {:>8} rows\n", name, rows);
  std::cout << fmt::format("  {} member(s) without an insured span: no enrollment rows\n",
                           imported.report.membersWithoutEnrollment);
  return kExitOk;
}

}  // namespace mc::cli
