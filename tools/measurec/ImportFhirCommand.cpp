// `measurec import fhir PATH... --out DIR`: FHIR R4 JSON (bundles, loose
// resources, folders of them) into a DATA.md data directory, staged beside
// DIR and renamed into place, with import.json, the report of what was
// mapped and what was skipped and why.
#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "Args.h"
#include "Commands.h"
#include "import/fhir/FhirImport.h"
#include "output/ResultsDirectory.h"

namespace mc::cli {
namespace {

constexpr size_t kProblemsPrinted = 20;

std::vector<std::string> importedFileNames() {
  std::vector<std::string> names{"import.json"};
  for (const auto& layout : import::fhir::kDataTables) names.emplace_back(layout.name);
  return names;
}

}  // namespace

int importFhirCommand(const std::vector<std::string>& args) {
  const Args a(args, {"out"}, {});
  if (!a.ok()) return usageError("import", a.error());
  if (!a.has("out")) return usageError("import", "--out DIR is required");
  if (a.positional().empty()) return usageError("import", "give at least one FHIR file or folder");

  output::ResultsDirectory out(*a.value("out"), importedFileNames());
  if (auto error = out.create()) {
    std::cerr << "measurec import fhir: " << error->format() << "\n";
    return kExitUsage;
  }
  const auto started = std::chrono::steady_clock::now();
  import::fhir::FhirImport fhir;
  // Rows are written as each file is read: memory holds one file's rows.
  if (auto error = fhir.streamTo(out.temporary())) {
    std::cerr << "measurec import fhir: " << *error << "\n";
    return kExitUserError;
  }
  for (const std::string& path : a.positional()) fhir.addPath(path);
  if (!fhir.errors().empty()) {
    for (const auto& e : fhir.errors()) std::cerr << e.format() << "\n";
    std::cerr << fmt::format("measurec import fhir: {} error(s); nothing was written to {}\n",
                             fhir.errors().size(), out.target().string());
    return kExitUserError;
  }
  fhir.finish();
  if (auto error = fhir.tables().write(out.temporary())) {
    std::cerr << "measurec import fhir: " << *error << "\n";
    return kExitUserError;
  }
  auto& report = fhir.report();
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (auto error = out.writeFile("import.json", report.toJson())) {
    std::cerr << "measurec import fhir: " << error->format() << "\n";
    return kExitUserError;
  }
  if (auto error = out.commit()) {
    std::cerr << "measurec import fhir: " << error->format() << "\n";
    return kExitUserError;
  }
  const double mb = static_cast<double>(report.bytes) / (1024.0 * 1024.0);
  std::cout << fmt::format(
      "measurec import fhir: {} file(s), {:.1f} MB in {:.2f} s ({:.0f} MB/s) -> {}\n", report.files,
      mb, report.seconds, report.seconds > 0 ? mb / report.seconds : 0.0, out.target().string());
  std::cout << report.summary(kProblemsPrinted);
  std::string rows;
  for (const auto& [file, n] : report.rows) rows += fmt::format(" {} {}", file, n);
  std::cout << "  rows:" << rows << "\n";
  return kExitOk;
}

}  // namespace mc::cli
