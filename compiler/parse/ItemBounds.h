// Where a measure item, program item or test line begins and ends in the
// token stream, found without the parser: a file that nests too deeply
// loses only the item that does (NestingLimit.cpp hides its tokens), and
// the parser then checks the rest of the file.
#pragma once

#include <antlr4-runtime.h>

#include <optional>
#include <string>
#include <vector>

namespace mc::parse {

// The block whose items are delimited: its items start with different words.
enum class Block { Measure, Program, Test };

// Tokens [first, end) of one item.
struct ItemSpan {
  size_t first = 0;
  size_t end = 0;
};

// The item of `block` (opened by the brace at token `opener`) that holds the
// token at `at`. `level[i]` is the bracket level before token i; items start
// at `blockLevel`, as the first token of a line. Empty when no item start
// lies between the brace and `at`, or the item ends before `at`.
std::optional<ItemSpan> itemAround(const std::vector<antlr4::Token*>& tokens,
                                   const std::vector<int>& level, Block block, size_t opener,
                                   int blockLevel, size_t at);

// The names an item of a measure declared, as the rest of the file uses
// them: `define NAME`, `codeset NAME`, a rule's keyword (`numerator`). Also
// those of items swallowed by an unclosed bracket within the span.
std::vector<std::string> declaredNames(const std::vector<antlr4::Token*>& tokens, ItemSpan span);

}  // namespace mc::parse
