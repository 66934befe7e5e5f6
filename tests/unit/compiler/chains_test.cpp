// Measures built to defeat naive checking and lowering: sets and calls that
// use the previous one twice (exponential when re-expanded), chains of
// thousands of definitions and code sets (deep when recursed), and and/or
// chains of 20,000 terms. Each must check and lower with work and IR size
// linear in the source.
#include <algorithm>
#include <catch2/catch.hpp>
#include <deque>
#include <string>
#include <vector>

#include "CompilerTestUtil.h"
#include "ir/Ir.h"
#include "ir/Lower.h"
#include "ir/Operands.h"
#include "sema/Checker.h"

using namespace mc;
using mc::testing::codesOf;
using mc::testing::compile;
using mc::testing::lowerOne;
using mc::testing::measure;
using mc::testing::withCode;

namespace {

// Depth of the IR below `id` (a leaf is 1), without recursion.
int depth(const ir::Measure& m, ir::NodeId root) {
  std::vector<int> d(m.nodes.size(), 0);
  for (size_t i = 0; i <= static_cast<size_t>(root); ++i) {
    int below = 0;
    ir::forEachOperand(m, static_cast<ir::NodeId>(i), [&](ir::NodeId op) {
      below = std::max(below, d.at(static_cast<size_t>(op)));
    });
    d[i] = below + 1;
  }
  return d.at(static_cast<size_t>(root));
}

// An expression's source text is a view into its source file; these ASTs
// have no file, so their texts live here for the whole test run.
ast::SourceText keep(std::string text) {
  static std::deque<std::string> texts;
  texts.push_back(std::move(text));
  return ast::SourceText(texts.back());
}

// AST helpers for the 20,000-term chains, built directly so that the test
// measures the checker and lowering, not the parser.
ast::ExprPtr intLit(std::int64_t v) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = ast::ExprKind::Int;
  e->intValue = v;
  e->text = keep(std::to_string(v));
  return e;
}

ast::ExprPtr binaryExpr(ast::BinaryOp op, ast::ExprPtr a, ast::ExprPtr b) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = ast::ExprKind::Binary;
  e->op = op;
  e->args.push_back(std::move(a));
  e->args.push_back(std::move(b));
  return e;
}

// `0 = 0 <op> 1 = 1 <op> ... ` with `terms` distinct comparisons, left-deep
// as the parser builds it.
ast::ExprPtr logicChain(ast::BinaryOp op, int terms) {
  ast::ExprPtr chain = binaryExpr(ast::BinaryOp::Eq, intLit(0), intLit(0));
  for (int i = 1; i < terms; ++i)
    chain = binaryExpr(op, std::move(chain), binaryExpr(ast::BinaryOp::Eq, intLit(i), intLit(i)));
  return chain;
}

ast::ExprPtr nameRef(const std::string& name) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = ast::ExprKind::Name;
  e->name = name;
  e->text = keep(name);
  return e;
}

// Frees the expressions of a measure without a destructor call per level
// (the 20,000-term chains would otherwise nest 20,000 calls).
struct Dismantle {
  ast::Measure& m;
  ~Dismantle() {
    std::vector<ast::ExprPtr> todo;
    for (ast::DefineDecl& d : m.defines) todo.push_back(std::move(d.body));
    for (ast::RuleDecl& r : m.rules) todo.push_back(std::move(r.expr));
    while (!todo.empty()) {
      ast::ExprPtr e = std::move(todo.back());
      todo.pop_back();
      if (!e) continue;
      for (ast::ExprPtr& a : e->args) todo.push_back(std::move(a));
    }
  }
};

}  // namespace

TEST_CASE("code sets that each use the previous one twice check and lower once each", "[chains]") {
  std::string body = "  codeset C0 = CPT{77067}\n";
  for (int i = 1; i <= 30; ++i)
    body += "  codeset C" + std::to_string(i) + " = C" + std::to_string(i - 1) + " + C" +
            std::to_string(i - 1) + "\n";
  body += "  population exists visit with C30\n  numerator true\n";
  auto c = compile(measure(body));
  const ir::Measure m = lowerOne(*c);
  CHECK(m.codesets.size() == 31);
}

TEST_CASE("a cycle through a long chain of code sets is reported once", "[chains]") {
  std::string body = "  codeset C0 = CPT{77067} + C5000\n";
  for (int i = 1; i <= 5000; ++i)
    body += "  codeset C" + std::to_string(i) + " = C" + std::to_string(i - 1) + "\n";
  body += "  population exists visit with C5000\n  numerator true\n";
  auto c = compile(measure(body));
  const auto e = withCode(c->diagnostics(), "E0110");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "code set 'C0' is defined in terms of itself");
  CHECK(e[0].range.line == 3);
}

TEST_CASE("parameterised definitions that call the previous one twice inline each call once",
          "[chains]") {
  std::string body = "  define f0(x: int) = x + 1\n";
  for (int i = 1; i <= 30; ++i)
    body += "  define f" + std::to_string(i) + "(x: int) = f" + std::to_string(i - 1) + "(x) + f" +
            std::to_string(i - 1) + "(x)\n";
  body += "  population f30(age at MP.end) > 0\n  numerator true\n";
  auto c = compile(measure(body));
  const ir::Measure m = lowerOne(*c);
  // Each level adds one add node: linear in the number of definitions.
  CHECK(m.nodes.size() < 2 * 30 + 10);
}

TEST_CASE("a chain of 5,000 definitions checks and lowers", "[chains]") {
  std::string body = "  define a0 = age at MP.end\n";
  for (int i = 1; i <= 5000; ++i)
    body += "  define a" + std::to_string(i) + " = a" + std::to_string(i - 1) + " + 1\n";
  body += "  population a5000 > 0\n  numerator true\n";
  auto c = compile(measure(body));
  const ir::Measure m = lowerOne(*c);
  CHECK(m.definitions.size() == 5001);
  CHECK(m.definitions.back().name == "a5000");
  CHECK(m.definitions.front().name == "a0");
}

TEST_CASE("a cycle through a chain of 5,000 definitions is reported once", "[chains]") {
  std::string body = "  define a0 = a5000 - 1\n";
  for (int i = 1; i <= 5000; ++i)
    body += "  define a" + std::to_string(i) + " = a" + std::to_string(i - 1) + " + 1\n";
  body += "  population a5000 > 0\n  numerator true\n";
  auto c = compile(measure(body));
  const auto e = withCode(c->diagnostics(), "E0110");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "'a0' is defined in terms of itself");
  CHECK(e[0].range.line == 3 + 1);  // in `define a1 = a0 + 1`
}

TEST_CASE("a chain of 20,000 code sets checks and lowers, each after the sets it uses",
          "[chains]") {
  std::string body = "  codeset C0 = CPT{77067}\n";
  for (int i = 1; i <= 20000; ++i)
    body += "  codeset C" + std::to_string(i) + " = C" + std::to_string(i - 1) + " + CPT{7706" +
            std::to_string(i % 7) + "}\n";
  body += "  population exists visit with C20000\n  numerator true\n";
  auto c = compile(measure(body));
  const ir::Measure m = lowerOne(*c);
  REQUIRE(m.codesets.size() == 20001);
  for (size_t i = 0; i < m.codesets.size(); ++i)
    for (const ir::CodeSetTerm& t : m.codesets[i].terms) CHECK(t.ref < static_cast<int>(i));
}

TEST_CASE("and/or chains of 20,000 terms check and lower to a shallow tree", "[chains]") {
  auto file = std::make_shared<SourceFile>("t.measure", "");
  ast::Measure m;
  const Dismantle dismantle{m};
  m.id = "T";
  m.period = 2022;
  m.defines.emplace_back();
  m.defines[0].name = "all_hold";
  m.defines[0].body = logicChain(ast::BinaryOp::And, 20000);
  m.defines.emplace_back();
  m.defines[1].name = "any_holds";
  m.defines[1].body = logicChain(ast::BinaryOp::Or, 20000);
  ast::RuleDecl population;
  population.kind = ast::RuleKind::Population;
  population.expr = binaryExpr(ast::BinaryOp::And, nameRef("all_hold"), nameRef("any_holds"));
  m.rules.push_back(std::move(population));
  ast::RuleDecl exclude;
  exclude.kind = ast::RuleKind::Exclude;
  exclude.expr = logicChain(ast::BinaryOp::Or, 20000);
  m.rules.push_back(std::move(exclude));
  ast::RuleDecl numerator;
  numerator.kind = ast::RuleKind::Numerator;
  numerator.expr = logicChain(ast::BinaryOp::And, 20000);
  m.rules.push_back(std::move(numerator));

  sema::Model model;
  Diagnostics diags;
  std::unordered_map<const ast::Measure*, sema::UnitScope> scopes;
  sema::UnitScope& scope = scopes[&m];
  scope.unit = &m;
  scope.file = file.get();
  for (const ast::DefineDecl& d : m.defines) scope.defines[d.name] = &d;
  sema::Checker checker(model, diags, scopes);
  checker.checkUnit(scope);
  INFO(codesOf(diags));
  REQUIRE(diags.items().empty());
  CHECK(model.typeOf(*m.defines[0].body) == sema::Type::Bool);
  CHECK(model.typeOf(*m.defines[0].body->args[0]) == sema::Type::Bool);

  const ir::Measure out = ir::lowerMeasure(m, model, "t.measure");
  REQUIRE(out.definitions.size() == 2);
  for (const ir::Definition& d : out.definitions) {
    INFO(d.name);
    CHECK(depth(out, d.node) <= 20);  // balanced: about log2(20,000) + 2
  }
  CHECK(out.rule(ir::RuleKind::Exclude).terms.size() == 20000);
  CHECK(out.rule(ir::RuleKind::Numerator).terms.size() == 20000);
  // 20,000 comparisons, their 20,000 constants and the joins of two chains.
  CHECK(out.nodes.size() < 100000);
}

TEST_CASE("a sum of 20,000 terms checks and lowers", "[chains]") {
  auto file = std::make_shared<SourceFile>("t.measure", "");
  ast::Measure m;
  const Dismantle dismantle{m};
  m.id = "T";
  m.period = 2022;
  ast::ExprPtr sum = intLit(0);
  for (int i = 1; i < 20000; ++i) sum = binaryExpr(ast::BinaryOp::Add, std::move(sum), intLit(i));
  ast::RuleDecl population;
  population.kind = ast::RuleKind::Population;
  population.expr = binaryExpr(ast::BinaryOp::Gt, std::move(sum), intLit(0));
  m.rules.push_back(std::move(population));
  ast::RuleDecl numerator;
  numerator.kind = ast::RuleKind::Numerator;
  numerator.expr = binaryExpr(ast::BinaryOp::Eq, intLit(1), intLit(1));
  m.rules.push_back(std::move(numerator));

  sema::Model model;
  Diagnostics diags;
  std::unordered_map<const ast::Measure*, sema::UnitScope> scopes;
  sema::UnitScope& scope = scopes[&m];
  scope.unit = &m;
  scope.file = file.get();
  sema::Checker checker(model, diags, scopes);
  checker.checkUnit(scope);
  INFO(codesOf(diags));
  REQUIRE(diags.items().empty());
  const ir::Measure out = ir::lowerMeasure(m, model, "t.measure");
  CHECK(out.nodes.size() >= 20000);
}

TEST_CASE("E0115: calls of parameterised definitions nested 5,000 deep are refused", "[chains]") {
  auto chain = [](int n) {
    std::string body = "  define f0(x: int) = x + 1\n";
    for (int i = 1; i <= n; ++i)
      body +=
          "  define f" + std::to_string(i) + "(x: int) = f" + std::to_string(i - 1) + "(x) + 1\n";
    return body + "  population f" + std::to_string(n) + "(1) > 0\n  numerator true\n";
  };
  // f0 .. f99: 100 nested calls, the most that lowering inlines.
  auto ok = compile(measure(chain(99)));
  const ir::Measure m = lowerOne(*ok);
  CHECK(m.nodes.size() > 100);

  auto c = compile(measure(chain(5000)));
  const auto e = withCode(c->diagnostics(), "E0115");
  INFO(codesOf(c->diagnostics()));
  REQUIRE(e.size() == 1);
  CHECK(c->diagnostics().items().size() == 1);
  CHECK(e[0].message == "calls of parameterised definitions nest more than 100 deep in 'f100'");
  CHECK(e[0].range.line == 3 + 100);
  CHECK_FALSE(explainDiagnosticCode("E0115").empty());
}
