// `measurec import`: the importers, one subcommand per source format.
#include "Args.h"
#include "Commands.h"

namespace mc::cli {

int importCommand(const std::vector<std::string>& args) {
  if (args.empty()) return usageError("import", "name the format: import fhir PATH... --out DIR");
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "fhir") return importFhirCommand(rest);
  return usageError("import", "unknown format '" + args[0] + "' (known: fhir)");
}

}  // namespace mc::cli
