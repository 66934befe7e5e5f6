// Turns an ANTLR parse tree into the project's AST: AstBuilder.cpp for
// declarations, code sets and expressions, TestBlockBuilder.cpp for test
// blocks. With Parser.cpp, the only files that touch ANTLR contexts.
#pragma once

#include <optional>

#include "MeasureLexer.h"
#include "MeasureParser.h"
#include "ast/Ast.h"
#include "parse/NestingLimit.h"
#include "support/Diagnostic.h"

namespace mc::parse {

class AstBuilder {
 public:
  // `parsedWithoutError`: the tree came from a parse that met no syntax
  // error (parse/Parser.cpp's first, bailing stage), so no subtree holds an
  // error node and none need be searched for one.
  AstBuilder(const SourceFile& file, Diagnostics& diags, bool parsedWithoutError = false);

  // `dropped`: names of the items hidden from the parser for nesting too
  // deeply, each kept in the droppedNames of the declaration that held it.
  ast::File build(MeasureParser::FileContext* tree, const SourceFilePtr& source,
                  const std::vector<DroppedName>& dropped);

 private:
  ast::Measure measure(MeasureParser::DeclContext* decl);
  ast::Program program(MeasureParser::ProgramDeclContext* decl);
  // Null for an include broken by a syntax error (already reported).
  std::optional<ast::ProgramInclude> include(MeasureParser::IncludeDeclContext* inc);
  std::optional<ast::ProgramFeeForService> feeForService(
      MeasureParser::ProgramFeeForServiceContext* f);
  void measureItem(MeasureParser::MeasureItemContext* item, ast::Measure& out);
  ast::StratifierDecl stratifier(MeasureParser::StratifierContext* ctx);
  ast::CodesetExpr codesetExpr(MeasureParser::CodesetExprContext* ctx);
  ast::CodesetTerm codesetTerm(MeasureParser::CodesetTermContext* ctx);
  ast::ExprPtr expr(MeasureParser::ExprContext* ctx);
  ast::ExprPtr binaryChain(MeasureParser::ExprContext* ctx);
  ast::ExprPtr term(MeasureParser::TermContext* ctx);
  ast::ExprPtr postfix(MeasureParser::PostfixContext* ctx);
  ast::ExprPtr primary(MeasureParser::PrimaryContext* ctx);
  std::unique_ptr<ast::Query> query(MeasureParser::QueryContext* ctx);
  ast::TestDecl test(MeasureParser::TestItem_Context* ctx);
  void testMember(MeasureParser::TestMemberContext* ctx, ast::TestDecl& out);
  void enrolledSpans(MeasureParser::MemberEnrolledContext* ctx, ast::TestMember& m);
  static std::string providerName(MeasureParser::ProviderRefContext* ctx);
  ast::TestEvent testEvent(MeasureParser::TestEventContext* ctx);
  // `seen`: the attributes of the event so far, to report one given twice.
  void eventAttr(MeasureParser::EventAttrContext* attr, ast::TestEvent& e,
                 std::vector<std::string>& seen);
  void otherEventAttr(MeasureParser::EventOtherContext* o, ast::TestEvent& e,
                      std::vector<std::string>& seen);

  // The subtree holds an error node or a failed rule (never, for a tree
  // parsed without error).
  bool broken(antlr4::tree::ParseTree* t) const;
  ast::ExprPtr node(ast::ExprKind kind, antlr4::ParserRuleContext* ctx);
  // `2nd date of`: n; E0008 for a wrong suffix or n below 1.
  std::int64_t ordinal(antlr4::tree::TerminalNode* node);
  SourceRange range(antlr4::ParserRuleContext* ctx) const;
  SourceRange range(antlr4::Token* token) const;
  SourceRange range(antlr4::tree::TerminalNode* node) const { return range(node->getSymbol()); }
  Days date(antlr4::tree::TerminalNode* node);
  void eventTime(MeasureParser::EventTimeContext* ctx, Days& day, Seconds& time);
  // Literal values; a value out of range is E0004 and reads as 0.
  std::int64_t integer(antlr4::tree::TerminalNode* node);
  double number(antlr4::tree::TerminalNode* node);
  // The source text from `start` to `stop`, a view into the file.
  std::string_view sourceText(antlr4::Token* start, antlr4::Token* stop) const;
  size_t byteOffset(size_t codePoint) const;

  const SourceFile& file_;
  Diagnostics& diags_;
  const bool parsedWithoutError_;
  // Byte offset of each code point; empty for an ASCII file (identity).
  std::vector<size_t> codePointStarts_;
};

// The text of a STRING token without quotes, escapes resolved.
std::string unquote(const std::string& token);
// A long literal in a message: its first digits and its length.
std::string abbreviated(const std::string& text);

}  // namespace mc::parse
