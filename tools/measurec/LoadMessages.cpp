// What the command line says about loading a data directory: why a load
// stopped (every bad row, up to a limit, or the file-level problem) and the
// warnings of a load that went through. Shared by run and explain.
#include "LoadMessages.h"

#include <fmt/format.h>

#include <iostream>

namespace mc::cli {

// What stopped the load, in words that match what happened.
static const char* stopReason(store::LoadErrorKind kind) {
  switch (kind) {
    case store::LoadErrorKind::Directory:
    case store::LoadErrorKind::MissingFile: return "the data directory is incomplete";
    case store::LoadErrorKind::UnreadableFile: return "a data file cannot be read";
    case store::LoadErrorKind::FileFormat:
      return "a data file cannot be read as a table of rows (its header or its quoting); a "
             "reject file cannot set that aside";
    case store::LoadErrorKind::RejectFile: return "the reject file cannot be written";
    case store::LoadErrorKind::BadRow: break;
  }
  return "bad rows";
}

void printLoadFailure(const std::string& command, const store::LoadResult& loaded) {
  // Only run writes results (and ingest a cache); the other commands stop
  // before they show any.
  const bool writes = command == "run" || command == "ingest";
  if (loaded.error->kind != store::LoadErrorKind::BadRow) {
    std::cerr << "error: " << loaded.error->format() << "\n";
    std::cerr << fmt::format("measurec {}: {}{}\n", command, stopReason(loaded.error->kind),
                             writes ? "; nothing was written" : "");
    return;
  }
  for (const store::LoadError& e : loaded.badRows) std::cerr << "error: " << e.format() << "\n";
  if (loaded.badRowCount > loaded.badRows.size())
    std::cerr << fmt::format("and {} more bad rows\n", loaded.badRowCount - loaded.badRows.size());
  std::cerr << fmt::format("measurec {}: {} bad row(s){}\n", command, loaded.badRowCount,
                           writes ? "; nothing was written (fix them, or use --reject-file PATH "
                                    "to set bad rows aside and go on)"
                                  : "; fix them first");
}

void printLoadWarnings(const store::LoadResult& loaded) {
  for (const std::string& warning : loaded.warnings()) std::cerr << "warning: " << warning << "\n";
}

}  // namespace mc::cli
