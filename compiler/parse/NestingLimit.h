// A bound on how deeply a file nests, checked on the token stream before the
// ANTLR parser runs: the generated parser, the AST builder and sema all
// recurse once per level, so 5,000 nested parentheses would overflow the
// stack long before any of them could report a problem.
#pragma once

#include <antlr4-runtime.h>

#include <string>
#include <vector>

#include "support/Diagnostic.h"

namespace mc::parse {

inline constexpr int kMaxNesting = 200;
// Queries inside queries (`exists visit where value > latest value of
// observation where ...`) are ambiguous for the parser's lookahead, whose
// work grows with the cube of their depth: a tighter bound for them.
inline constexpr int kMaxQueryNesting = 16;

// A measure item left out for nesting too deeply: the index of its first
// token and a name it declared (a definition, a code set, a rule keyword),
// so that its uses are not also reported unknown.
struct DroppedName {
  size_t tokenIndex = 0;
  std::string name;
};

// Reports E0007 at the first token of an item that nests deeper than
// kMaxNesting, hides that item's tokens from the parser (the item of a
// measure, program or test block that holds the token) and goes on with the
// rest of the file, so each such item gets its own E0007. Returns false when
// an item cannot be delimited (the nesting is in a declaration's header, or
// outside any item): then nothing of the file should be parsed. A level is
// an open bracket ( [ { CPT{ or a prefix word (`not`, unary `-`, `exists`,
// `where`, `latest`, ...) whose operand has not ended yet.
bool checkNesting(const std::vector<antlr4::Token*>& tokens, const SourceFile& file,
                  Diagnostics& diags, std::vector<DroppedName>& dropped);

}  // namespace mc::parse
