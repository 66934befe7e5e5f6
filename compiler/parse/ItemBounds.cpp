// An item starts with its keyword at the start of a line, as the parser's
// resynchronisation defines it (SyntaxErrors.cpp), and ends before the next
// such keyword outside any bracket the item opened, or before the brace
// that closes its block. Brackets are matched by kind: an item that leaves
// a parenthesis open ends at the block's closing brace, not at the end of
// the file.
#include "parse/ItemBounds.h"

#include "MeasureLexer.h"

namespace mc::parse {
namespace {

using L = MeasureLexer;

bool visible(antlr4::Token* token) { return token->getChannel() == antlr4::Token::DEFAULT_CHANNEL; }

bool isWord(size_t type) { return type == L::ID || (type >= L::MEASURE && type <= L::UNIT); }

bool isRuleKeyword(size_t type) {
  return type == L::POPULATION || type == L::ELIGIBLE || type == L::EXCLUDE ||
         type == L::EXCEPTION || type == L::NUMERATOR;
}

// The next visible token after `index`, or nullptr.
antlr4::Token* nextVisible(const std::vector<antlr4::Token*>& tokens, size_t index) {
  for (size_t i = index + 1; i < tokens.size(); ++i)
    if (visible(tokens[i])) return tokens[i];
  return nullptr;
}

// True when the token at `index` is the first one of its line. Hidden
// tokens count: they are whole items, and a line that starts after
// one starts after it whether the parser sees it or not. (Skipping them
// would also cost a walk over every item hidden before.)
bool firstOnLine(const std::vector<antlr4::Token*>& tokens, size_t index) {
  return index == 0 || tokens[index - 1]->getLine() < tokens[index]->getLine();
}

bool startsItem(const std::vector<antlr4::Token*>& tokens, Block block, size_t index) {
  if (!firstOnLine(tokens, index)) return false;
  const size_t type = tokens[index]->getType();
  switch (block) {
    case Block::Program:
      return type == L::SOURCE || type == L::PERIOD || type == L::INCLUDE || type == L::DOMAIN ||
             type == L::EXPLORATORY || type == L::PARAMETER || type == L::GATE ||
             type == L::IMPROVEMENT || type == L::REWARDS;
    // member, period, expect, or an event line (`visit 2022-01-01 ...`).
    case Block::Test: return isWord(type);
    case Block::Measure: break;
  }
  switch (type) {
    case L::SOURCE:
    case L::KIND:
    case L::PERIOD:
    case L::IMPORT:
    case L::CODESET:
    case L::DEFINE:
    case L::POPULATION:
    case L::ELIGIBLE:
    case L::EXCLUDE:
    case L::EXCEPTION:
    case L::NUMERATOR:
    case L::GAP:
    case L::STRATIFY:
    case L::BASED:
    case L::EXPOSURE:
    case L::TEST: return true;
    case L::COUNT: {  // `count status final, amended`
      antlr4::Token* next = nextVisible(tokens, index);
      return next != nullptr && next->getType() == L::STATUS;
    }
    case L::ATTRIBUTE: {  // `attribute to pharmacy of ...`
      antlr4::Token* next = nextVisible(tokens, index);
      return next != nullptr && next->getType() == L::TO;
    }
    case L::UNIT: {  // `unit each pharmacy ...`
      antlr4::Token* next = nextVisible(tokens, index);
      return next != nullptr && next->getType() == L::EACH;
    }
    case L::EARNED: {  // `earned when ...`, `earned on ...` (rewards)
      antlr4::Token* next = nextVisible(tokens, index);
      return next != nullptr && (next->getType() == L::WHEN || next->getType() == L::ON);
    }
    default: return false;
  }
}

size_t closerOf(size_t opener) {
  switch (opener) {
    case L::LPAREN: return L::RPAREN;
    case L::LBRACK: return L::RBRACK;
    case L::LBRACE: return L::RBRACE;
    case L::CODES_OPEN: return L::C_CLOSE;
    default: return antlr4::Token::INVALID_TYPE;
  }
}

bool isCloser(size_t type) {
  return type == L::RPAREN || type == L::RBRACK || type == L::RBRACE || type == L::C_CLOSE;
}

}  // namespace

std::optional<ItemSpan> itemAround(const std::vector<antlr4::Token*>& tokens,
                                   const std::vector<int>& level, Block block, size_t opener,
                                   int blockLevel, size_t at) {
  ItemSpan span;
  bool found = false;
  for (size_t i = at + 1; i-- > opener + 1;) {
    if (visible(tokens[i]) && level[i] == blockLevel && startsItem(tokens, block, i)) {
      span.first = i;
      found = true;
      break;
    }
  }
  if (!found) return std::nullopt;
  // The closers the item still waits for, innermost last.
  std::vector<size_t> open;
  for (size_t i = span.first;; ++i) {
    antlr4::Token* token = tokens[i];
    const size_t type = token->getType();
    if (type == antlr4::Token::EOF) {
      span.end = i;
      break;
    }
    if (!visible(token)) continue;
    if (i > at && open.empty() && startsItem(tokens, block, i)) {
      span.end = i;
      break;
    }
    if (const size_t closer = closerOf(type); closer != antlr4::Token::INVALID_TYPE) {
      open.push_back(closer);
    } else if (isCloser(type)) {
      size_t match = open.size();
      while (match > 0 && open[match - 1] != type) --match;
      if (match > 0) {
        open.resize(match - 1);
      } else if (type == L::RBRACE) {
        // The brace of the block: the item ends before it.
        span.end = i;
        break;
      }
    }
  }
  if (span.end <= at) return std::nullopt;
  return span;
}

std::vector<std::string> declaredNames(const std::vector<antlr4::Token*>& tokens, ItemSpan span) {
  std::vector<std::string> names;
  for (size_t i = span.first; i < span.end; ++i) {
    const size_t type = tokens[i]->getType();
    if (!visible(tokens[i]) || !firstOnLine(tokens, i)) continue;
    if (isRuleKeyword(type)) names.push_back(tokens[i]->getText());
    if (type == L::DEFINE || type == L::CODESET) {
      antlr4::Token* name = nextVisible(tokens, i);
      if (name != nullptr && name->getTokenIndex() < span.end && isWord(name->getType()))
        names.push_back(name->getText());
    }
  }
  return names;
}

}  // namespace mc::parse
