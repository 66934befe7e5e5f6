// One call in, a parsed AST (and syntax diagnostics) out. The only door to
// the ANTLR-generated parser; no ANTLR type appears in this header.
#pragma once

#include "ast/Ast.h"
#include "support/Diagnostic.h"

namespace mc::parse {

// Parses a whole file. Syntax errors are added to `diags` (E0001, E0002;
// E0006 leaves the AST empty). The returned AST holds the items that parsed;
// a measure item, test block or declaration with a syntax error, and an item
// that nests too deeply (E0007), is dropped (its name is kept in
// Measure::droppedNames), so sema can check the rest of the file. Nesting
// too deep outside any item (in a declaration's header) leaves the AST
// empty.
ast::File parseFile(const SourceFilePtr& source, Diagnostics& diags);

}  // namespace mc::parse
