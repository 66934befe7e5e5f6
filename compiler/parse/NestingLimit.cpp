// Depth is counted per bracket level: the brackets open around a token plus,
// at each level, the prefix words still waiting for their operand. An
// operand (a name, a literal, a closed bracket) ends the prefix run of its
// level, so `not a and not b` stays at depth 1 while `not not not a` and
// `not (not (not a))` grow by one per operator.
#include "parse/NestingLimit.h"

#include <fmt/format.h>

#include "MeasureLexer.h"
#include "parse/ItemBounds.h"

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
    case L::UNIT_TEXT:
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
    case L::LOWEST:
    case L::HIGHEST:
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
    case L::LOWEST:
    case L::HIGHEST:
    case L::EXISTS:
    case L::SUM:
    case L::ORDINAL:
    case L::PDC:
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
    case L::LOWEST:
    case L::HIGHEST:
    case L::OF:
    case L::VALUE:
    case L::DATE_KW:
    case L::EXISTS:
    case L::COUNT:
    case L::DISTINCT:
    case L::SUM:
    case L::LEAST:
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
    case L::EXCEPTION:
    case L::NUMERATOR:
    case L::DEFINE:
    case L::CODESET:
    case L::TEST:
    case L::GAP:
    case L::EXPOSURE:
    case L::EARNED:  // `earned when`, `earned on` (rewards)
    case L::IMPORT: return true;
    default: return false;
  }
}

bool isQuery(size_t type) {
  return type == L::EXISTS || type == L::COUNT || type == L::LATEST || type == L::FIRST ||
         type == L::LOWEST || type == L::HIGHEST || type == L::SUM || type == L::ORDINAL ||
         type == L::PDC;
}

namespace {

enum class Role { Other, Measure, Program, Test };

struct Level {
  int prefixes = 0;  // prefix words pending at this bracket level
  int queries = 0;   // of which aggregates over a query
  Role role = Role::Other;
  size_t opener = 0;  // index of the bracket that opened the level
};

// What a brace opens: a declaration's items at the top, a test block's
// lines after `test "name"` among a measure's items.
Role roleOf(const std::vector<antlr4::Token*>& tokens, size_t index, const Level& enclosing,
            bool top, size_t declaration) {
  if (tokens[index]->getType() != L::LBRACE) return Role::Other;
  if (top) return declaration == L::PROGRAM ? Role::Program : Role::Measure;
  if (enclosing.role == Role::Measure && index >= 2 && tokens[index - 1]->getType() == L::STRING &&
      tokens[index - 2]->getType() == L::TEST)
    return Role::Test;
  return Role::Other;
}

void reportTooDeep(antlr4::Token* token, bool tooDeep, const SourceFile& file, Diagnostics& diags) {
  const std::string text = token->getText();
  const SourceRange range{&file, static_cast<int>(token->getLine()),
                          static_cast<int>(token->getCharPositionInLine()) + 1,
                          std::max(1, static_cast<int>(text.size()))};
  diags.error(
      "E0007", range,
      tooDeep ? fmt::format("nesting deeper than {} levels at '{}'", kMaxNesting, text)
              : fmt::format("queries nested deeper than {} levels at '{}'", kMaxQueryNesting, text),
      "split the expression into named definitions (`define part = ...`)");
}

// The item around the token at `at` in the innermost block that has items,
// hidden from the parser; false when there is none.
bool hideItem(const std::vector<antlr4::Token*>& tokens, const std::vector<int>& level,
              const std::vector<Level>& levels, size_t at, std::vector<DroppedName>& dropped,
              size_t& blockIndex, ItemSpan& hidden) {
  size_t b = levels.size();
  while (b > 1 && levels[b - 1].role == Role::Other) --b;
  if (b <= 1) return false;
  blockIndex = b - 1;
  const Level& block = levels[blockIndex];
  const Block kind = block.role == Role::Program ? Block::Program
                     : block.role == Role::Test  ? Block::Test
                                                 : Block::Measure;
  const std::optional<ItemSpan> span =
      itemAround(tokens, level, kind, block.opener, static_cast<int>(blockIndex), at);
  if (!span) return false;
  if (kind == Block::Measure) {
    for (std::string& name : declaredNames(tokens, *span))
      dropped.push_back({span->first, std::move(name)});
  }
  for (size_t i = span->first; i < span->end; ++i) {
    auto* writable = dynamic_cast<antlr4::WritableToken*>(tokens[i]);
    if (writable == nullptr) return false;
    writable->setChannel(antlr4::Token::HIDDEN_CHANNEL);
  }
  hidden = *span;
  return true;
}

}  // namespace

bool checkNesting(const std::vector<antlr4::Token*>& tokens, const SourceFile& file,
                  Diagnostics& diags, std::vector<DroppedName>& dropped) {
  std::vector<Level> levels(1);
  std::vector<int> level(tokens.size(), 0);  // bracket level before each token
  int depth = 0;
  int queryDepth = 0;
  size_t previous = antlr4::Token::INVALID_TYPE;
  size_t declaration = antlr4::Token::INVALID_TYPE;  // the keyword of the last top-level block
  for (size_t index = 0; index < tokens.size(); ++index) {
    antlr4::Token* token = tokens[index];
    const size_t type = token->getType();
    if (type == antlr4::Token::EOF) break;
    level[index] = static_cast<int>(levels.size()) - 1;
    if (levels.size() == 1 && (type == L::MEASURE || type == L::MODULE || type == L::PROGRAM))
      declaration = type;
    const bool prefix = isPrefix(type, previous);
    if (opens(type)) {
      const Role role = roleOf(tokens, index, levels.back(), levels.size() == 1, declaration);
      levels.push_back(Level{0, 0, role, index});
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
      levels.back().prefixes = 0;
      levels.back().queries = 0;
    }
    const bool tooDeep = depth > kMaxNesting;
    if (tooDeep || queryDepth > kMaxQueryNesting) {
      reportTooDeep(token, tooDeep, file, diags);
      size_t blockIndex = 0;
      ItemSpan hidden;
      if (!hideItem(tokens, level, levels, index, dropped, blockIndex, hidden)) return false;
      // Back to the block as it was before the item: the scan goes on after it.
      levels.resize(blockIndex + 1);
      levels.back().prefixes = 0;
      levels.back().queries = 0;
      depth = static_cast<int>(blockIndex);
      queryDepth = 0;
      for (const Level& l : levels) {
        depth += l.prefixes;
        queryDepth += l.queries;
      }
      // What follows starts an item or closes the block: no operand before
      // it matters (a `-` there is not binary).
      previous = antlr4::Token::INVALID_TYPE;
      index = hidden.end - 1;
      continue;
    }
    previous = type;
  }
  return true;
}

}  // namespace mc::parse
