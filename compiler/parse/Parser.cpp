// Runs the ANTLR lexer and parser over a source file, turning their errors
// into diagnostics, then hands the tree to the AST builder.
#include "parse/Parser.h"

#include <antlr4-runtime.h>

#include <algorithm>

#include "MeasureLexer.h"
#include "MeasureParser.h"
#include "parse/AstBuilder.h"
#include "parse/NestingLimit.h"
#include "parse/SyntaxErrors.h"
#include "support/Utf8.h"

namespace mc::parse {
namespace {

// Collects syntax errors as diagnostics instead of printing them.
class DiagnosticErrorListener : public antlr4::BaseErrorListener {
 public:
  DiagnosticErrorListener(const SourceFile& file, Diagnostics& diags)
      : file_(file), diags_(diags) {}

  void syntaxError(antlr4::Recognizer*, antlr4::Token* offending, size_t line,
                   size_t charPositionInLine, const std::string& msg, std::exception_ptr) override {
    SourceRange range{&file_, static_cast<int>(line), static_cast<int>(charPositionInLine) + 1, 1};
    std::string message = msg;
    if (offending != nullptr) {
      const std::string text = offending->getText();
      if (offending->getType() != antlr4::Token::EOF) {
        range.length = std::max<int>(1, static_cast<int>(text.size()));
      }
      const size_t type = offending->getType();
      if (type == MeasureLexer::UNKNOWN_CHAR || type == MeasureLexer::C_UNKNOWN) {
        diags_.error("E0002", range, "unexpected character '" + text + "'",
                     "remove it; strings are written in double quotes");
        return;
      }
      message = shorten(msg);
    }
    diags_.error("E0001", range, "syntax error: " + message, hintFor(message));
  }

 private:
  // ANTLR lists every token it could accept; past a handful the list does
  // not help, so keep the first part of the message only.
  static std::string shorten(const std::string& msg) {
    const size_t expecting = msg.find(" expecting {");
    if (expecting != std::string::npos) {
      const size_t commas = std::count(msg.begin() + expecting, msg.end(), ',');
      if (commas > 5) return msg.substr(0, expecting);
    }
    return msg;
  }
  static std::string hintFor(const std::string& message) {
    if (message.find("'{'") != std::string::npos)
      return "a code list is written with its system glued to the brace: CPT{77061..77067}";
    return {};
  }

  const SourceFile& file_;
  Diagnostics& diags_;
};

}  // namespace

ast::File parseFile(const SourceFilePtr& source, Diagnostics& diags) {
  if (const size_t bad = firstInvalidUtf8(source->text()); bad != std::string::npos) {
    const std::string& t = source->text();
    const int line = 1 + static_cast<int>(std::count(t.begin(), t.begin() + bad, '\n'));
    const size_t lineStart = t.rfind('\n', bad == 0 ? 0 : bad - 1);
    const int column =
        static_cast<int>(bad - (lineStart == std::string::npos || bad == 0 ? 0 : lineStart + 1)) +
        1;
    diags.error("E0006", {source.get(), line, column, 1}, "the file is not UTF-8 text",
                "save it as UTF-8; measure files are plain text");
    ast::File file;
    file.source = source;
    return file;
  }
  antlr4::ANTLRInputStream input(source->text());
  input.name = source->path();
  MeasureLexer lexer(&input);
  DiagnosticErrorListener listener(*source, diags);
  lexer.removeErrorListeners();
  lexer.addErrorListener(&listener);
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  // An item that nests too deeply is hidden from the parser; a file whose
  // nesting cannot be pinned to an item is not parsed at all.
  std::vector<DroppedName> dropped;
  if (!checkNesting(tokens.getTokens(), *source, diags, dropped)) {
    ast::File file;
    file.source = source;
    return file;
  }
  tokens.seek(0);  // past hidden tokens at the start, if any
  MeasureParser parser(&tokens);
  parser.removeErrorListeners();
  // Two stages, as the ANTLR runtime's documentation of PredictionMode
  // advises: SLL prediction, which never needs the full parser context and
  // so is much cheaper from the empty DFA cache every process starts with,
  // either gives the tree LL would give or stops at a syntax error (the
  // grammar has no predicates or actions). A file that stops, with a real
  // error or one only LL can parse, is parsed again in LL mode with the
  // error strategy that reports and recovers, so its diagnostics are those
  // of one LL parse.
  auto* prediction = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  prediction->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  MeasureParser::FileContext* tree = nullptr;
  bool parsedWithoutError = true;
  try {
    tree = parser.file();
  } catch (const antlr4::ParseCancellationException&) {
    parsedWithoutError = false;
    tokens.seek(0);
    parser.reset();
    prediction->setPredictionMode(antlr4::atn::PredictionMode::LL);
    parser.addErrorListener(&listener);
    parser.setErrorHandler(std::make_shared<SyntaxErrorStrategy>(*source, diags));
    tree = parser.file();
  }
  // The builder keeps what parsed and drops the items that did not.
  AstBuilder builder(*source, diags, parsedWithoutError);
  return builder.build(tree, source, dropped);
}

}  // namespace mc::parse
