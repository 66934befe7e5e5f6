// Depth is counted per bracket level: the brackets open around a token plus,
// at each level, the prefix words still waiting for their operand. An
// operand (a name, a literal, a closed bracket) ends the prefix run of its
// level, so `not a and not b` stays at depth 1 while `not not not a` and
// `not (not (not a))` grow by one per operator.
#include "parse/NestingLimit.h"

#include <fmt/format.h>

#include "MeasureLexer.h"

namespace mc::parse {
namespace {

using L = MeasureLexer;

bool opens(size_t type) {
  return type == L::LPAREN || type == L::LBRACK || type == L::LBRACE || type == L::CODES_OPEN;
}

bool closes(size_t type) {
  return type == L::RPAREN || type == L::RBRACK || type == L::RBRACE || type == L::C_CLOSE;
}

// Tokens after which a `-` is binary: the end of an operand. Keywords that
// double as names (`year`, `value`, ...) count, as in `d.year - 2`.
bool endsOperand(size_t type) {
  switch (type) {
    case L::INT:
    case L::NUMBER:
    case L::DATE:
    case L::STRING:
    case L::QCODE:
    case L::ID:
    case L::TRUE:
    case L::FALSE:
    case L::SEX:
    case L::SOURCE:
    case L::KIND:
    case L::PERIOD:
    case L::VALUE:
    case L::STATUS:
    case L::PROVIDER:
    case L::SETTING:
    case L::COUNT:
    case L::FIRST:
    case L::LATEST:
    case L::DATES:
    case L::MINIMUM:
    case L::BORN:
    case L::DIED:
    case L::DISTINCT:
    case L::DAY:
    case L::DAYS:
    case L::MONTH:
    case L::MONTHS:
    case L::YEAR:
    case L::YEARS:
    case L::PCP:
    case L::RPAREN:
    case L::RBRACK:
    case L::RBRACE:
    case L::C_CLOSE: return true;
    default: return false;
  }
}

// Prefix words whose operand holds the rest of an expression: `not x`,
// `exists visit where value > exists ...`, `latest value of observation
// where value > latest value of ...` nest without any bracket.
bool isPrefix(size_t type, size_t previous) {
  switch (type) {
    case L::NOT:
    case L::WHERE:
    case L::LATEST:
    case L::FIRST:
    case L::EXISTS:
    case L::COUNT: return true;
    case L::MINUS: return !endsOperand(previous);
    default: return false;
  }
}

// Words that are part of a prefix construct rather than its operand: the
// event kind after `exists`/`of`, `value` after `where`/`latest`.
bool continuesPrefix(size_t previous) {
  switch (previous) {
    case L::WHERE:
    case L::LATEST:
    case L::FIRST:
    case L::OF:
    case L::VALUE:
    case L::DATE_KW:
    case L::EXISTS:
    case L::COUNT:
    case L::DISTINCT:
    case L::DATES: return true;
    default: return false;
  }
}

}  // namespace

// Tokens after which no prefix word of the level is still open: `and`/`or`
// bind looser than any prefix, and an item keyword starts a new expression
// (`exists visit` then `numerator exists visit`).
bool endsPrefixes(size_t type) {
  switch (type) {
    case L::AND:
    case L::OR:
    case L::EQ:
    case L::POPULATION:
    case L::ELIGIBLE:
    case L::EXCLUDE:
    case L::NUMERATOR:
    case L::DEFINE:
    case L::CODESET:
    case L::TEST:
    case L::GAP:
    case L::IMPORT: return true;
    default: return false;
  }
}

bool isQuery(size_t type) {
  return type == L::EXISTS || type == L::COUNT || type == L::LATEST || type == L::FIRST;
}

struct Level {
  int prefixes = 0;  // prefix words pending at this bracket level
  int queries = 0;   // of which aggregates over a query
};

bool checkNesting(const std::vector<antlr4::Token*>& tokens, const SourceFile& file,
                  Diagnostics& diags) {
  std::vector<Level> levels(1);
  int depth = 0;
  int queryDepth = 0;
  size_t previous = antlr4::Token::INVALID_TYPE;
  for (antlr4::Token* token : tokens) {
    const size_t type = token->getType();
    if (type == antlr4::Token::EOF) break;
    const bool prefix = isPrefix(type, previous);
    if (opens(type)) {
      levels.emplace_back();
      ++depth;
    } else if (closes(type) && levels.size() > 1) {
      depth -= 1 + levels.back().prefixes;
      queryDepth -= levels.back().queries;
      levels.pop_back();
    } else if (prefix) {
      ++levels.back().prefixes;
      ++depth;
      if (isQuery(type)) {
        ++levels.back().queries;
        ++queryDepth;
      }
    }
    if (!prefix &&
        (closes(type) || endsPrefixes(type) || (endsOperand(type) && !continuesPrefix(previous)))) {
      depth -= levels.back().prefixes;
      queryDepth -= levels.back().queries;
      levels.back() = Level{};
    }
    const bool tooDeep = depth > kMaxNesting;
    if (tooDeep || queryDepth > kMaxQueryNesting) {
      const std::string text = token->getText();
      const SourceRange range{&file, static_cast<int>(token->getLine()),
                              static_cast<int>(token->getCharPositionInLine()) + 1,
                              std::max(1, static_cast<int>(text.size()))};
      diags.error("E0007", range,
                  tooDeep ? fmt::format("nesting deeper than {} levels at '{}'", kMaxNesting, text)
                          : fmt::format("queries nested deeper than {} levels at '{}'",
                                        kMaxQueryNesting, text),
                  "split the expression into named definitions (`define part = ...`)");
      return false;
    }
    previous = type;
  }
  return true;
}

}  // namespace mc::parse
