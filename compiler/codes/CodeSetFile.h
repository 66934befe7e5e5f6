// Code sets read from files (`codeset Hospice = file "codes/hospice.csv"`):
// a CSV of `system,code` rows, or a FHIR ValueSet in JSON as VSAC publishes
// them for the eCQMs. The kind is decided by the extension (.csv, .json).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "ast/Ast.h"
#include "support/CodeSystem.h"
#include "support/Diagnostic.h"
#include "support/SourceFile.h"

namespace mc::codes {

// The codes of one system, as the language writes them (a code, a family
// `Z30.*` or a range `lo..hi`), each with its place in the file, so that
// sema checks them like a written list and reports at file:line:column.
struct SystemCodes {
  CodeSystem system = CodeSystem::CPT;
  std::vector<ast::CodeItem> items;
};

struct CodeFile {
  SourceFilePtr source;              // the text the diagnostics point into
  std::vector<SystemCodes> systems;  // one per system, in order of first appearance
  size_t codeCount = 0;              // items over all systems
  // FHIR codes of systems measurec does not know, counted by system URL:
  // they are skipped, and sema says so.
  std::map<std::string, size_t> skipped;
  bool ok = true;  // false once an error was reported
};

// Reads `source` by its extension; false-`ok` and diagnostics in `diags`
// when the extension is neither .csv nor .json or the content is bad.
CodeFile readCodeFile(const SourceFilePtr& source, Diagnostics& diags);

// `system,code` header (any order, more columns allowed, names ignore case);
// one code, family or range per row; system names as in the language.
CodeFile readCsvCodes(const SourceFilePtr& source, Diagnostics& diags);

// A FHIR ValueSet: `expansion.contains` (nested entries too), else
// `compose.include[].concept[]`. An include that names another value set or
// a filter, and any `compose.exclude`, cannot be expanded here: an error.
CodeFile readValueSetJson(const SourceFilePtr& source, Diagnostics& diags);

}  // namespace mc::codes
