// Syntax errors in the language's own words. An ANTLR error strategy that
// reports what was expected where ("expected the end of the range after
// '..'", "the test block opened at line 39 is not closed"), never a grammar
// token name, suggests the keyword for a misspelt one, and resynchronises
// at the next measure item, rule or block instead of at whatever token
// could follow the broken rule, so one mistake yields one diagnostic.
#pragma once

#include <antlr4-runtime.h>

#include "support/Diagnostic.h"

namespace mc::parse {

class SyntaxErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  SyntaxErrorStrategy(const SourceFile& file, Diagnostics& diags) : file_(file), diags_(diags) {}

  void reportError(antlr4::Parser* parser, const antlr4::RecognitionException& e) override;
  void sync(antlr4::Parser* parser) override;

 protected:
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;
  antlr4::misc::IntervalSet getErrorRecoverySet(antlr4::Parser* parser) override;
  antlr4::Token* singleTokenDeletion(antlr4::Parser* parser) override;
  void consumeUntil(antlr4::Parser* parser, const antlr4::misc::IntervalSet& set) override;

 private:
  // Reports at `offending`, having expected `expected`, in rule `ctx`.
  void report(antlr4::Parser* parser, antlr4::Token* offending,
              const antlr4::misc::IntervalSet& expected, antlr4::RuleContext* ctx, bool extraneous);
  SourceRange rangeOf(antlr4::Token* token) const;
  SourceRange rangeAfter(antlr4::Token* token) const;

  const SourceFile& file_;
  Diagnostics& diags_;
  // An open code list swallows the braces after it; the blocks around it
  // are then "not closed" only as a consequence, so that is not repeated.
  bool codeListLeftOpen_ = false;
};

// Words for a set of expected tokens: "a code", "a name or '('", "an
// expression", "the end of the file". Empty when the set is too large to
// help.
std::string expectedInWords(const antlr4::misc::IntervalSet& expected,
                            const antlr4::dfa::Vocabulary& vocabulary);

// A found token in words: "'and'", "the end of the file", "the code 7706".
std::string tokenInWords(antlr4::Token* token);

}  // namespace mc::parse
