// `measurec import FORMAT ...`: hands the arguments to the importer of FORMAT
// (fhir, synthea).
#include <fmt/format.h>

#include "Args.h"
#include "Commands.h"

namespace mc::cli {

int importCommand(const std::vector<std::string>& args) {
  if (args.empty())
    return usageError("import",
                      "name the format: import fhir PATH... --out DIR, or import "
                      "synthea CSV_DIR --out DIR");
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "fhir") return importFhirCommand(rest);
  if (args[0] == "synthea") return importSyntheaCommand(rest);
  return usageError("import", fmt::format("unknown format '{}' (known: fhir, synthea)", args[0]));
}

}  // namespace mc::cli
