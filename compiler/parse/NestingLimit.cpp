// Depth is counted per bracket level: the brackets open around a token plus,
// at each level, the prefix operators still waiting for their operand. An
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

}  // namespace

bool checkNesting(const std::vector<antlr4::Token*>& tokens, const SourceFile& file,
                  Diagnostics& diags) {
  std::vector<int> prefixRuns{0};  // per bracket level, prefix operators pending
  int depth = 0;
  size_t previous = antlr4::Token::INVALID_TYPE;
  for (antlr4::Token* token : tokens) {
    const size_t type = token->getType();
    if (type == antlr4::Token::EOF) break;
    if (opens(type)) {
      prefixRuns.push_back(0);
      ++depth;
    } else if (closes(type) && prefixRuns.size() > 1) {
      depth -= 1 + prefixRuns.back();
      prefixRuns.pop_back();
    } else if (type == L::NOT || (type == L::MINUS && !endsOperand(previous))) {
      ++prefixRuns.back();
      ++depth;
    }
    if (closes(type) || (endsOperand(type) && !opens(type))) {
      depth -= prefixRuns.back();
      prefixRuns.back() = 0;
    }
    if (depth > kMaxNesting) {
      const std::string text = token->getText();
      const SourceRange range{&file, static_cast<int>(token->getLine()),
                              static_cast<int>(token->getCharPositionInLine()) + 1,
                              std::max(1, static_cast<int>(text.size()))};
      diags.error("E0007", range,
                  fmt::format("nesting deeper than {} levels at '{}'", kMaxNesting, text),
                  "split the expression into named definitions (`define part = ...`)");
      return false;
    }
    previous = type;
  }
  return true;
}

}  // namespace mc::parse
