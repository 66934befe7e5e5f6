// Code families in code lists: `Z30.*` is the code and all its children;
// a three-character ICD-10-CM category written alone is a warning; families
// are refused where a system has none and as range ends.
#include <catch2/catch.hpp>

#include "CompilerTestUtil.h"
#include "ir/Ir.h"

using namespace mc;
using mc::testing::codesOf;
using mc::testing::compile;
using mc::testing::measure;
using mc::testing::parseText;
using mc::testing::withCode;

namespace {

std::string withCodes(const std::string& list) {
  return measure("  codeset S = " + list +
                 "\n  population true\n  numerator exists visit with S\n");
}

}  // namespace

TEST_CASE("a family is one code item in a list", "[family]") {
  auto p = parseText(withCodes("ICD10CM{Z30.*, Z30.0*, E11.9}"));
  INFO(codesOf(p->diags));
  REQUIRE(p->diags.items().empty());
  const ast::CodesetTerm& t = p->file.measures.at(0).codesets.at(0).expr.terms.at(0);
  REQUIRE(t.items.size() == 3);
  CHECK(t.items[0].lo == "Z30.*");
  CHECK(t.items[0].isFamily());
  CHECK(t.items[0].range.column == 23);
  CHECK(t.items[0].range.length == 5);
  CHECK(t.items[1].lo == "Z30.0*");
  CHECK(t.items[1].isFamily());
  CHECK_FALSE(t.items[2].isFamily());
}

TEST_CASE("families check clean and lower to their dot-less prefix", "[family]") {
  auto c = compile(withCodes("ICD10CM{Z30.*, Z30.0*} + ICD10PCS{0UT9*}"));
  INFO(codesOf(c->diagnostics()));
  REQUIRE(c->diagnostics().items().empty());
  const ir::Measure m = c->lower(*c->measures().at(0));
  const ir::CodeSet& s = m.codesets.at(0);
  REQUIRE(s.terms.size() == 2);
  REQUIRE(s.terms[0].codes.size() == 2);
  CHECK(s.terms[0].codes[0].family);
  CHECK(s.terms[0].codes[0].lo == "Z30");
  CHECK(s.terms[0].codes[1].lo == "Z300");
  CHECK(s.terms[1].codes.at(0).family);
  CHECK(s.terms[1].codes.at(0).lo == "0UT9");
  CHECK(ir::print(m).find("ICD10CM{Z30*, Z300*}") != std::string::npos);
}

TEST_CASE("W0002: an ICD-10-CM category written alone", "[family]") {
  auto c = compile(withCodes("ICD10CM{Z30, Z30.9, E11.65}"));
  const auto w = withCode(c->diagnostics(), "W0002");
  INFO(codesOf(c->diagnostics()));
  REQUIRE(w.size() == 1);
  CHECK(c->diagnostics().items().size() == 1);
  CHECK(w[0].severity == Severity::Warning);
  CHECK(w[0].range.line == 3);
  CHECK(w[0].range.column == 23);
  CHECK(w[0].range.length == 3);
  CHECK(w[0].message ==
        "'Z30' is an ICD10CM category: alone it matches only the code 'Z30' itself, none of "
        "the codes under it");
  CHECK(w[0].note.rfind("write Z30.* for the category and all its codes", 0) == 0);
  CHECK_FALSE(explainDiagnosticCode("W0002").empty());
  // Inside a range the short end already covers its children: no warning.
  auto r = compile(withCodes("ICD10CM{Z30..Z31}"));
  CHECK(r->diagnostics().items().empty());
}

TEST_CASE("E0114: a family in a system without families", "[family]") {
  auto c = compile(withCodes("CPT{7706*}"));
  const auto e = withCode(c->diagnostics(), "E0114");
  INFO(codesOf(c->diagnostics()));
  REQUIRE(e.size() == 1);
  CHECK(c->diagnostics().items().size() == 1);
  CHECK(e[0].message == "'7706*': CPT has no code families");
  CHECK(e[0].note.find("list the codes or write a range lo..hi") != std::string::npos);
  CHECK(e[0].range.column == 19);
  CHECK_FALSE(explainDiagnosticCode("E0114").empty());
}

TEST_CASE("E0114: a family as a range end", "[family]") {
  auto c = compile(withCodes("ICD10CM{Z30.*..Z31}"));
  const auto e = withCode(c->diagnostics(), "E0114");
  INFO(codesOf(c->diagnostics()));
  REQUIRE(e.size() == 1);
  CHECK(c->diagnostics().items().size() == 1);
  CHECK(e[0].message == "a code family cannot be a range end");
  CHECK(e[0].note.find("write Z30..Z31") != std::string::npos);
}

TEST_CASE("E0105: a family whose prefix is not a code", "[family]") {
  auto c = compile(withCodes("ICD10CM{Z3.*}"));
  const auto e = withCode(c->diagnostics(), "E0105");
  INFO(codesOf(c->diagnostics()));
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "'Z3.*' is not a valid ICD10CM code family");
}
