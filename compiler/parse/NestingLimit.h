// A bound on how deeply a file nests, checked on the token stream before the
// ANTLR parser runs: the generated parser, the AST builder and sema all
// recurse once per level, so 5,000 nested parentheses would overflow the
// stack long before any of them could report a problem.
#pragma once

#include <antlr4-runtime.h>

#include <vector>

#include "support/Diagnostic.h"

namespace mc::parse {

inline constexpr int kMaxNesting = 200;
// Queries inside queries (`exists visit where value > latest value of
// observation where ...`) are ambiguous for the parser's lookahead, whose
// work grows with the cube of their depth: a tighter bound for them.
inline constexpr int kMaxQueryNesting = 16;

// Reports E0007 at the first token that nests deeper than kMaxNesting and
// returns false; true when the file stays within the limit. A level is an
// open bracket ( [ { CPT{ or a prefix word (`not`, unary `-`, `exists`,
// `where`, `latest`, ...) whose operand has not ended yet.
bool checkNesting(const std::vector<antlr4::Token*>& tokens, const SourceFile& file,
                  Diagnostics& diags);

}  // namespace mc::parse
