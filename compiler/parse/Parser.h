// One call in, a parsed AST (and syntax diagnostics) out. The only door to
// the ANTLR-generated parser; no ANTLR type appears in this header.
#pragma once

#include "ast/Ast.h"
#include "support/Diagnostic.h"

namespace mc::parse {

// Parses a whole file. Syntax errors are added to `diags` (code E0001 or
// E0002); the returned AST then holds only what was read before sema would
// be misled, so callers skip semantic checks of a file with syntax errors.
ast::File parseFile(const SourceFilePtr& source, Diagnostics& diags);

}  // namespace mc::parse
