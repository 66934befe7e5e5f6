// Messages are built from three things: the token found, the token before
// it, and the set of tokens the parser could have accepted; the enclosing
// rule contexts tell which block is left open.
#include "parse/SyntaxErrors.h"

#include <fmt/format.h>

#include "MeasureLexer.h"
#include "MeasureParser.h"
#include "support/ClosestName.h"
#include "support/CodeSystem.h"

namespace mc::parse {
namespace {

using L = MeasureLexer;
using P = MeasureParser;

// Keywords that also serve as names (the grammar's `ident` rule).
const size_t kIdentKeywords[] = {
    L::SOURCE,     L::KIND,      L::PERIOD,      L::VALUE,     L::STATUS,      L::PROVIDER,
    L::SETTING,    L::COUNT,     L::FIRST,       L::LATEST,    L::LOWEST,      L::HIGHEST,
    L::DATES,      L::MINIMUM,   L::BORN,        L::DIED,      L::FILE_KW,     L::DISTINCT,
    L::DAY,        L::MONTH,     L::YEAR,        L::DAYS,      L::MONTHS,      L::YEARS,
    L::EACH,       L::PRINCIPAL, L::SUM,         L::LEAST,     L::APART,       L::ENROLLMENT,
    L::START,      L::EXPOSURE,  L::AS,          L::ATTRIBUTE, L::TO,          L::UNIT,
    L::PDC,        L::DOMAIN,    L::POINTS,      L::VARIES,    L::EXPLORATORY, L::PARAMETER,
    L::ASSUMPTION, L::PRINTED,   L::STARS,       L::PAYMENT,   L::TIERS,       L::GATE,
    L::HAS,        L::FROM,      L::IMPROVEMENT, L::GOAL,      L::EARNED,      L::WHEN,
    L::REWARDS,    L::FEE,       L::FOR,         L::SERVICE,   L::PAYS,        L::REPLACES,
    L::ANY,        L::DISCHARGE, L::SITE,        L::REASON,    L::EXCEPTION,   L::CATEGORY,
    L::END_KW,     L::TIME_KW,   L::INTENT};

const size_t kMeasureItemStarts[] = {
    L::SOURCE,   L::KIND,      L::PERIOD,    L::IMPORT, L::CODESET,  L::DEFINE,   L::POPULATION,
    L::ELIGIBLE, L::EXCLUDE,   L::NUMERATOR, L::GAP,    L::TEST,     L::STRATIFY, L::BASED,
    L::EXPOSURE, L::ATTRIBUTE, L::UNIT,      L::EARNED, L::EXCEPTION};

const size_t kTestItemStarts[] = {L::MEMBER, L::PERIOD, L::EXPECT};

// The lexer lists every word token before its punctuation
// (grammar/MeasureLexer.g4: keywords above LBRACE).
bool isKeyword(size_t type) { return type >= L::MEASURE && type < L::LBRACE; }

bool isWord(size_t type) { return type == L::ID || isKeyword(type); }

// A token type in words, for "expected ...".
std::string typeInWords(size_t type, const antlr4::dfa::Vocabulary& vocab) {
  switch (type) {
    case antlr4::Token::EOF: return "the end of the file";
    case L::ID: return "a name";
    case L::INT: return "a whole number";
    case L::NUMBER: return "a number";
    case L::DATE: return "a date (YYYY-MM-DD)";
    case L::DATETIME: return "a date with a time of day (YYYY-MM-DDThh:mm)";
    case L::STRING: return "a text in double quotes";
    case L::QCODE: return "a code such as CPT:77067";
    case L::CODES_OPEN: return "a code list such as CPT{77067}";
    case L::C_CODE: return "a code";
    // Literals that two lexer modes share have no name in the vocabulary.
    case L::C_COMMA:
    case L::COMMA: return "','";
    case L::C_RANGE:
    case L::RANGE: return "'..'";
    case L::C_CLOSE:
    case L::RBRACE: return "'}'";
    case L::LBRACE: return "'{'";
    case L::UNKNOWN_CHAR:
    case L::C_UNKNOWN: return "a character";
    default: break;
  }
  const std::string literal(vocab.getLiteralName(type));
  return literal.empty() ? "another token" : literal;
}

bool containsAll(const antlr4::misc::IntervalSet& set, std::initializer_list<size_t> types) {
  for (size_t t : types)
    if (!set.contains(t)) return false;
  return true;
}

std::string joinOr(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " or " : ", ";
    out += parts[i];
  }
  return out;
}

// The innermost open block around the parser's position: its kind in words
// and the token that opened it.
struct OpenBlock {
  const char* what = nullptr;
  antlr4::Token* opener = nullptr;
};

OpenBlock innermostBlock(antlr4::RuleContext* ctx, bool bracesOnly) {
  for (; ctx != nullptr; ctx = dynamic_cast<antlr4::RuleContext*>(ctx->parent)) {
    auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(ctx);
    if (rule == nullptr) continue;
    if (auto* t = dynamic_cast<P::TestItem_Context*>(rule))
      return {"test block", t->LBRACE() ? t->LBRACE()->getSymbol() : t->getStart()};
    if (auto* c = dynamic_cast<P::CodeListContext*>(rule))
      return {"code list", c->CODES_OPEN() ? c->CODES_OPEN()->getSymbol() : c->getStart()};
    if (auto* m = dynamic_cast<P::MeasureDeclContext*>(rule))
      return {"measure", m->LBRACE() ? m->LBRACE()->getSymbol() : m->getStart()};
    if (auto* m = dynamic_cast<P::ModuleDeclContext*>(rule))
      return {"module", m->LBRACE() ? m->LBRACE()->getSymbol() : m->getStart()};
    if (auto* p = dynamic_cast<P::ProgramDeclContext*>(rule))
      return {"program", p->LBRACE() ? p->LBRACE()->getSymbol() : p->getStart()};
    if (bracesOnly) continue;
    if (auto* p = dynamic_cast<P::ParenExprContext*>(rule)) return {"parenthesis", p->getStart()};
    if (auto* p = dynamic_cast<P::CodesetParenContext*>(rule))
      return {"parenthesis", p->getStart()};
    if (auto* i = dynamic_cast<P::IntervalLitContext*>(rule)) return {"interval", i->getStart()};
  }
  return {};
}

bool inTestBlock(antlr4::RuleContext* ctx) {
  for (; ctx != nullptr; ctx = dynamic_cast<antlr4::RuleContext*>(ctx->parent))
    if (dynamic_cast<P::TestItem_Context*>(ctx) != nullptr) return true;
  return false;
}

// Starts a new item: a keyword that opens a measure item, a declaration or
// (in a test block) a test line. Used to spot a block left open.
bool startsItem(size_t type) {
  for (size_t t : kMeasureItemStarts)
    if (t == type) return true;
  return type == L::MEASURE || type == L::MODULE || type == L::PROGRAM;
}

// Tokens that can end a complete line: after them, a token on the next line
// is extraneous rather than a sign of something missing.
bool completes(size_t type) {
  switch (type) {
    case L::RBRACE:
    case L::C_CLOSE:
    case L::RPAREN:
    case L::RBRACK:
    case L::STRING:
    case L::INT:
    case L::NUMBER:
    case L::DATE:
    case L::ID:
    case L::QCODE:
    case L::TRUE:
    case L::FALSE: return true;
    default: return false;
  }
}

// The token the parser saw before `token`: an item hidden for nesting too
// deeply (NestingLimit.cpp) lies between them in the stream.
antlr4::Token* previousToken(antlr4::Parser* parser, antlr4::Token* token) {
  const size_t index = token->getTokenIndex();
  if (index == INVALID_INDEX) return nullptr;
  for (size_t i = index; i-- > 0;) {
    antlr4::Token* before = parser->getTokenStream()->get(i);
    if (before->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return before;
  }
  return nullptr;
}

// "did you mean" for a misspelt keyword among the expected ones.
std::string keywordSuggestion(antlr4::Token* found, const antlr4::misc::IntervalSet& expected,
                              const antlr4::dfa::Vocabulary& vocab) {
  if (found->getType() != L::ID) return {};
  std::vector<std::string> keywords;
  for (size_t t : expected.toList()) {
    if (!isKeyword(t)) continue;
    std::string literal(vocab.getLiteralName(t));
    if (literal.size() > 2) keywords.push_back(literal.substr(1, literal.size() - 2));
  }
  const std::string close = closestName(found->getText(), keywords);
  return close.empty() ? std::string() : fmt::format("did you mean '{}'?", close);
}

// A name right before a word the parser cannot fit after a complete
// expression (it goes on to the next item there), where the name is a misspelt word that opens an
// expression term (`exist visit with X`, `latst date of ...`): the parser read the typo as a name
// and stumbles only on the next word, which is not the mistake. Then "did you mean" belongs to the
// name.
std::string termKeywordSuggestion(antlr4::Token* before, antlr4::Token* found,
                                  const antlr4::misc::IntervalSet& expected) {
  if (before == nullptr || before->getType() != L::ID || !isWord(found->getType()) ||
      found->getLine() != before->getLine())
    return {};
  // After a complete expression: inside it (an operator could follow), or
  // back in the item loop when the expression ended at the name.
  if (!containsAll(expected, {L::AND, L::OR}) &&
      !containsAll(expected, {L::POPULATION, L::NUMERATOR, L::DEFINE}))
    return {};
  static const std::vector<std::string> kTermWords = {"age",     "enrolled", "enrollment", "exists",
                                                      "count",   "latest",   "first",      "lowest",
                                                      "highest", "sum",      "member"};
  const std::string close = closestName(before->getText(), kTermWords);
  return close.empty() ? std::string() : fmt::format("did you mean '{}'?", close);
}

}  // namespace

std::string expectedInWords(const antlr4::misc::IntervalSet& expected,
                            const antlr4::dfa::Vocabulary& vocab) {
  if (expected.isEmpty()) return {};
  std::vector<std::string> parts;
  antlr4::misc::IntervalSet rest = expected;
  auto take = [&](std::initializer_list<size_t> types) {
    for (size_t t : types) rest.remove(t);
  };
  const bool expression = containsAll(expected, {L::NOT, L::EXISTS, L::INT, L::LPAREN});
  const bool measureItem = containsAll(expected, {L::POPULATION, L::NUMERATOR, L::DEFINE});
  const bool testItem = containsAll(expected, {L::MEMBER, L::EXPECT});
  if (measureItem) {
    parts.push_back("a measure item (population, numerator, define, codeset, test, ...)");
    for (size_t t : kMeasureItemStarts) rest.remove(t);
    rest.remove(static_cast<size_t>(L::COUNT));  // `count status ...` (not a resync point)
  }
  if (testItem) {
    parts.push_back("a test line (member, period, an event such as 'visit 2022-01-01', expect)");
    for (size_t t : kTestItemStarts) rest.remove(t);
  }
  if (expression || testItem) {
    if (expression) parts.push_back("an expression");
    for (const size_t t : {L::NOT,   L::AGE,     L::ENROLLED,   L::EXISTS, L::COUNT,  L::LATEST,
                           L::FIRST, L::MINUS,   L::INT,        L::NUMBER, L::DATE,   L::TRUE,
                           L::FALSE, L::DATE_KW, L::SEX,        L::ID,     L::LBRACK, L::LPAREN,
                           L::SUM,   L::ORDINAL, L::ENROLLMENT, L::MEMBER, L::LOWEST, L::HIGHEST})
      rest.remove(t);
    for (size_t t : kIdentKeywords) rest.remove(t);
  }
  if (containsAll(expected, {L::MEASURE, L::MODULE, L::PROGRAM})) {
    parts.push_back("a declaration (measure, module, program)");
    take({L::MEASURE, L::MODULE, L::PROGRAM});
  }
  // The start of a value where a full expression is not allowed (`age at`).
  if (!expression && containsAll(rest, {L::INT, L::DATE, L::LPAREN, L::ID})) {
    parts.push_back("a value (a name, a number, a date or '(')");
    for (const size_t t :
         {L::INT, L::NUMBER, L::DATE, L::TRUE, L::FALSE, L::DATE_KW, L::SEX, L::LBRACK, L::LPAREN})
      rest.remove(t);
  }
  if (rest.contains(static_cast<size_t>(L::ID))) {
    parts.push_back("a name");
    rest.remove(static_cast<size_t>(L::ID));
    for (size_t t : kIdentKeywords) rest.remove(t);
  }
  // Operators that may continue an expression: say so once.
  if (containsAll(rest, {L::AND, L::OR})) {
    parts.push_back("an operator ('and', 'or', '=', ...)");
    for (const size_t t : {L::AND, L::OR, L::IN, L::IS, L::EQ, L::NE, L::LT, L::LE, L::GT, L::GE,
                           L::PLUS, L::MINUS, L::STAR, L::SLASH, L::DOT})
      rest.remove(t);
  }
  if (containsAll(rest, {L::WITH, L::DURING, L::BEFORE, L::AFTER})) {
    parts.push_back("a query filter (with, during, before, after, ...)");
    for (const size_t t : {L::WITH, L::DURING, L::ON, L::BEFORE, L::AFTER, L::IN, L::BY, L::WHERE})
      rest.remove(t);
  }
  for (size_t t : rest.toList()) parts.push_back(typeInWords(t, vocab));
  if (parts.size() > 5) return {};
  return joinOr(parts);
}

std::string tokenInWords(antlr4::Token* token) {
  const size_t type = token->getType();
  if (type == antlr4::Token::EOF) return "the end of the file";
  std::string text = token->getText();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  if (type == L::STRING) return "the text " + text;
  return "'" + text + "'";
}

SourceRange SyntaxErrorStrategy::rangeOf(antlr4::Token* token) const {
  SourceRange r{&file_, static_cast<int>(token->getLine()),
                static_cast<int>(token->getCharPositionInLine()) + 1, 1};
  if (token->getType() != antlr4::Token::EOF && token->getStopIndex() >= token->getStartIndex() &&
      token->getStopIndex() != INVALID_INDEX)
    r.length = static_cast<int>(token->getStopIndex() - token->getStartIndex() + 1);
  return r;
}

// Just after `token`: where something missing belongs.
SourceRange SyntaxErrorStrategy::rangeAfter(antlr4::Token* token) const {
  SourceRange r = rangeOf(token);
  const std::string text = token->getText();
  if (text.find('\n') == std::string::npos) r.column += static_cast<int>(text.size());
  r.length = 1;
  return r;
}

void SyntaxErrorStrategy::report(antlr4::Parser* parser, antlr4::Token* found,
                                 const antlr4::misc::IntervalSet& expected,
                                 antlr4::RuleContext* ctx, bool extraneous) {
  const size_t type = found->getType();
  if (type == L::UNKNOWN_CHAR || type == L::C_UNKNOWN) {
    diags_.error("E0002", rangeOf(found), "unexpected character '" + found->getText() + "'",
                 "remove it; strings are written in double quotes");
    return;
  }
  antlr4::Token* before = previousToken(parser, found);
  // A block left open: the file ends, or a new item or declaration starts,
  // while the parser still waits for the block's closing brace.
  const bool wantsClose = expected.contains(static_cast<size_t>(L::RBRACE)) ||
                          expected.contains(static_cast<size_t>(L::C_CLOSE));
  if (type == antlr4::Token::EOF && codeListLeftOpen_) return;
  if (type == antlr4::Token::EOF || (wantsClose && startsItem(type))) {
    const OpenBlock block = innermostBlock(ctx, type != antlr4::Token::EOF);
    if (block.what != nullptr &&
        (type == antlr4::Token::EOF || type == L::MEASURE || type == L::MODULE ||
         type == L::PROGRAM || std::string(block.what) == "test block")) {
      const char* closer = std::string(block.what) == "parenthesis" ? "')'"
                           : std::string(block.what) == "interval"  ? "']'"
                                                                    : "'}'";
      diags_.error("E0001", before != nullptr ? rangeAfter(before) : rangeOf(found),
                   fmt::format("the {} opened at line {} is not closed", block.what,
                               block.opener->getLine()),
                   fmt::format("add {} to close it before {}", closer, tokenInWords(found)));
      return;
    }
  }
  // A code list left open swallows the next lines as codes: the parser only
  // notices lines later. Point at the end of the line that opened it.
  if (const OpenBlock list = innermostBlock(ctx, true); list.what != nullptr &&
                                                        std::string(list.what) == "code list" &&
                                                        found->getLine() > list.opener->getLine()) {
    antlr4::TokenStream* tokens = parser->getTokenStream();
    size_t i = list.opener->getTokenIndex();
    while (i + 1 < found->getTokenIndex() &&
           tokens->get(i + 1)->getLine() == list.opener->getLine())
      ++i;
    codeListLeftOpen_ = true;
    diags_.error(
        "E0001", rangeAfter(tokens->get(i)),
        fmt::format("the code list opened at line {} is not closed", list.opener->getLine()),
        "add '}' at the end of the list");
    return;
  }
  std::string what = expectedInWords(expected, parser->getVocabulary());
  if (before != nullptr && (before->getType() == L::RANGE || before->getType() == L::C_RANGE))
    what = "the end of the range";
  if (before != nullptr && before->getType() == L::C_COMMA) what = "a code";
  if (before != nullptr && what == "a name" &&
      (before->getType() == L::EXISTS || before->getType() == L::COUNT ||
       before->getType() == L::OF || before->getType() == L::DATES))
    what = "an event kind (visit, pharmacy, observation, condition, ...)";
  if (const std::string misspelt = termKeywordSuggestion(before, found, expected);
      !misspelt.empty()) {
    diags_.error("E0001", rangeOf(before), "unexpected " + tokenInWords(before), misspelt);
    return;
  }
  const std::string suggestion = keywordSuggestion(found, expected, parser->getVocabulary());
  if (!suggestion.empty()) {
    diags_.error("E0001", rangeOf(found), "unexpected " + tokenInWords(found), suggestion);
    return;
  }
  std::string note;
  if (type == L::LBRACE && before != nullptr && before->getType() == L::ID) {
    // `cpt{77067}`: the data read systems in any case, a measure only in capitals.
    const std::optional<CodeSystem> system = codeSystemFromName(before->getText());
    const bool lowerCase = system && before->getText() != codeSystemName(*system);
    note = lowerCase
               ? fmt::format("code systems are written in capitals in a measure: {}{{...}}",
                             codeSystemName(*system))
               : "a code list is written with its system glued to the brace: CPT{77061..77067}";
  }

  // Something missing at the end of a line belongs after the last token, not
  // at the start of the next line.
  // (Unless the token found is simply one too many after a complete line.)
  const bool atLineEnd = before != nullptr && found->getLine() > before->getLine();
  if (atLineEnd && !what.empty() && (!extraneous || !completes(before->getType()))) {
    diags_.error("E0001", rangeAfter(before),
                 fmt::format("expected {} after {}", what, tokenInWords(before)),
                 note.empty() ? fmt::format("the line ends before it") : note);
    return;
  }
  if (note.empty() && extraneous) note = "remove it";
  std::string message = "unexpected " + tokenInWords(found);
  if (!what.empty()) {
    message = before != nullptr && !extraneous
                  ? fmt::format("expected {} after {}, found {}", what, tokenInWords(before),
                                tokenInWords(found))
                  : fmt::format("unexpected {}; expected {}", tokenInWords(found), what);
  }
  diags_.error("E0001", rangeOf(found), message, note);
}

void SyntaxErrorStrategy::reportError(antlr4::Parser* parser,
                                      const antlr4::RecognitionException& e) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  antlr4::Token* found = e.getOffendingToken();
  if (auto* nva = dynamic_cast<const antlr4::NoViableAltException*>(&e)) {
    // The parser looked ahead past the token where things went wrong; the
    // first token it could not fit is the start of that lookahead when the
    // rule accepts nothing there.
    if (nva->getStartToken() != nullptr && nva->getStartToken()->getType() == antlr4::Token::EOF)
      found = nva->getStartToken();
  }
  if (found == nullptr) found = parser->getCurrentToken();
  report(parser, found, e.getExpectedTokens(), parser->getContext(), false);
}

// At the entry of a block's item loop (`measure X "t" {` then items), the
// default strategy gives up on the whole block when the first token does
// not fit; a wrong first item should cost that item only. So a bad token
// there is reported and skipped as it is at later iterations.
void SyntaxErrorStrategy::sync(antlr4::Parser* parser) {
  antlr4::RuleContext* ctx = parser->getContext();
  const bool block = dynamic_cast<P::MeasureDeclContext*>(ctx) != nullptr ||
                     dynamic_cast<P::ModuleDeclContext*>(ctx) != nullptr ||
                     dynamic_cast<P::ProgramDeclContext*>(ctx) != nullptr ||
                     dynamic_cast<P::TestItem_Context*>(ctx) != nullptr;
  if (!block || inErrorRecoveryMode(parser)) return DefaultErrorStrategy::sync(parser);
  const antlr4::atn::ATN& atn = parser->getATN();
  antlr4::atn::ATNState* state = atn.states[parser->getState()];
  if (state->getStateType() != antlr4::atn::ATNState::STAR_LOOP_ENTRY)
    return DefaultErrorStrategy::sync(parser);
  const antlr4::misc::IntervalSet next = atn.nextTokens(state);
  const size_t la = parser->getTokenStream()->LA(1);
  if (next.contains(antlr4::Token::EPSILON) || next.contains(la)) return;
  if (singleTokenDeletion(parser) != nullptr) return;
  reportUnwantedToken(parser);
  consumeUntil(parser, parser->getExpectedTokens().Or(getErrorRecoverySet(parser)));
}

void SyntaxErrorStrategy::reportUnwantedToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  report(parser, parser->getCurrentToken(), getExpectedTokens(parser), parser->getContext(), true);
}

void SyntaxErrorStrategy::reportMissingToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  report(parser, parser->getCurrentToken(), getExpectedTokens(parser), parser->getContext(), false);
}

// Resynchronise at a token that starts a line and opens a measure item, a
// declaration or (inside a test block) a test line, or at a closing brace
// or the end of the file. Requiring the start of a line keeps `count`,
// `period` or `source` used as names inside an expression from stopping
// the recovery halfway.
antlr4::misc::IntervalSet SyntaxErrorStrategy::getErrorRecoverySet(antlr4::Parser* parser) {
  antlr4::misc::IntervalSet set;
  set.add(antlr4::Token::EOF);
  set.add(L::RBRACE);
  set.add(L::MEASURE);
  set.add(L::MODULE);
  set.add(L::PROGRAM);
  for (size_t t : kMeasureItemStarts) set.add(t);
  if (inTestBlock(parser->getContext())) {
    for (size_t t : kTestItemStarts) set.add(t);
  }
  return set;
}

// Never deletes the keyword that starts the next item as "extraneous" (which
// the default strategy does when the token after it happens to fit, as in
// `define x = a >=` followed by `population sex = F`): recovery stops there.
antlr4::Token* SyntaxErrorStrategy::singleTokenDeletion(antlr4::Parser* parser) {
  antlr4::Token* t = parser->getCurrentToken();
  antlr4::Token* before = previousToken(parser, t);
  const bool firstOnLine = before == nullptr || before->getLine() < t->getLine();
  if (firstOnLine && (startsItem(t->getType()) || t->getType() == L::RBRACE)) return nullptr;
  return DefaultErrorStrategy::singleTokenDeletion(parser);
}

// Skips to a token of `set`; a keyword that opens an item counts only at
// the start of a line, and inside a test block any word starting a line
// (an event line) counts too.
void SyntaxErrorStrategy::consumeUntil(antlr4::Parser* parser,
                                       const antlr4::misc::IntervalSet& set) {
  const bool testBlock = inTestBlock(parser->getContext());
  for (;;) {
    antlr4::Token* t = parser->getCurrentToken();
    const size_t type = t->getType();
    if (type == antlr4::Token::EOF) return;
    antlr4::Token* before = previousToken(parser, t);
    const bool firstOnLine = before == nullptr || before->getLine() < t->getLine();
    const bool itemKeyword = startsItem(type) || type == L::MEMBER || type == L::EXPECT;
    if (set.contains(type) && (!itemKeyword || firstOnLine)) return;
    if (testBlock && firstOnLine && isWord(type)) return;
    parser->consume();
  }
}

}  // namespace mc::parse
