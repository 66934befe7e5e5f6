// Diagnostics: user-caused problems as values, each with a stable code and a
// source range. The catalogue of codes lives in DiagnosticCodes.cpp.
#pragma once

#include <string>
#include <vector>

#include "support/SourceFile.h"

namespace mc {

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  std::string code;  // stable: E0xxx errors, W0xxx warnings
  Severity severity = Severity::Error;
  SourceRange range;
  std::string message;  // what is wrong
  std::string note;     // what to do (may be empty)
};

class Diagnostics {
 public:
  void error(std::string code, SourceRange range, std::string message, std::string note = {});
  void warning(std::string code, SourceRange range, std::string message, std::string note = {});
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void append(const Diagnostics& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  bool hasErrors() const;
  size_t errorCount() const;
  size_t warningCount() const;
  // Orders by file, line, column, code: the order `check` prints them in.
  void sort();
  // Drops the diagnostics for which `drop` is true.
  template <typename Pred>
  void removeIf(Pred drop) {
    std::vector<Diagnostic> kept;
    for (Diagnostic& d : items_)
      if (!drop(d)) kept.push_back(std::move(d));
    items_ = std::move(kept);
  }

 private:
  std::vector<Diagnostic> items_;
};

// Long description of a diagnostic code for `measurec check --explain CODE`;
// empty when the code is unknown.
std::string explainDiagnosticCode(const std::string& code);
std::vector<std::string> allDiagnosticCodes();

// `file:line:col: error E0203: message` + the source line + a caret line +
// `  note: ...`.
std::string formatDiagnostic(const Diagnostic& d);
// One JSON object per diagnostic, in an array.
std::string formatDiagnosticsJson(const std::vector<Diagnostic>& ds);

}  // namespace mc
