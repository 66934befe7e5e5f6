// Helpers shared by the compiler unit tests: compile a text, find its
// diagnostics, parse without sema.
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "driver/Compilation.h"
#include "ir/Ir.h"
#include "parse/Parser.h"
#include "support/Diagnostic.h"
#include "support/SourceFile.h"

namespace mc::testing {

inline std::string stdlibDir() { return std::string(MEASUREC_SOURCE_DIR) + "/stdlib"; }

// A parsed file together with the source it points into (the AST's ranges
// refer to the SourceFile, which must outlive them).
struct Parsed {
  SourceFilePtr source;
  Diagnostics diags;
  ast::File file;
};

inline std::unique_ptr<Parsed> parseText(const std::string& text) {
  auto p = std::make_unique<Parsed>();
  p->source = std::make_shared<SourceFile>("t.measure", text);
  p->file = parse::parseFile(p->source, p->diags);
  return p;
}

// A checked compilation of one in-memory file.
inline std::unique_ptr<Compilation> compile(const std::string& text) {
  auto c = std::make_unique<Compilation>(stdlibDir());
  c->addSource("t.measure", text);
  c->check();
  return c;
}

inline std::vector<Diagnostic> withCode(const Diagnostics& diags, const std::string& code) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : diags.items())
    if (d.code == code) out.push_back(d);
  return out;
}

inline std::string codesOf(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags.items()) {
    out += d.code + "@" + std::to_string(d.range.line) + ":" + std::to_string(d.range.column) +
           " " + d.message + " [" + d.note + "]\n";
  }
  return out;
}

// Lowers measure `index` of a compilation that must have checked without
// errors (the diagnostics are shown when it did not).
inline ir::Measure lowerOne(const Compilation& c, size_t index = 0) {
  INFO(codesOf(c.diagnostics()));
  REQUIRE_FALSE(c.hasErrors());
  REQUIRE(c.measures().size() > index);
  return c.lower(*c.measures()[index]);
}

// Compiles `text`, which must check without errors, and lowers its first measure.
inline ir::Measure lowerOne(const std::string& text) { return lowerOne(*compile(text)); }

// A measure around `body`, which holds rules and declarations.
inline std::string measure(const std::string& body) {
  return "measure T \"Test\" {\n  period 2022\n" + body + "}\n";
}

}  // namespace mc::testing
