// Unit spelling (support/Ucum.h): canonical forms and the syntax of unit
// literals.
#include "support/Ucum.h"

#include <catch2/catch.hpp>
#include <string>

using namespace mc;

TEST_CASE("an empty unit is '1', the unit of a number without one", "[ucum]") {
  CHECK(canonicalUnit("") == "1");
  CHECK(canonicalUnit("  ") == "1");
  CHECK(canonicalUnit("1") == "1");
}

TEST_CASE("mmHg and mm Hg are the UCUM unit mm[Hg]", "[ucum]") {
  CHECK(canonicalUnit("mmHg") == "mm[Hg]");
  CHECK(canonicalUnit("mm Hg") == "mm[Hg]");
  CHECK(canonicalUnit(" mm[Hg] ") == "mm[Hg]");
}

TEST_CASE("other units keep their spelling, case included", "[ucum]") {
  CHECK(canonicalUnit("%") == "%");
  CHECK(canonicalUnit("mg/dL") == "mg/dL");
  CHECK(canonicalUnit("MG/DL") == "MG/DL");
}

TEST_CASE("unit literals follow UCUM's syntax", "[ucum]") {
  std::string why;
  for (const char* good : {"%", "mm[Hg]", "mg/dL", "mmol/mol", "1", "/min", "kg/m2", "{score}",
                           "10*3/uL", "mmHg", "mm Hg", "mL/min/{1.73_m2}", "g.m"}) {
    INFO(good);
    CHECK(wellFormedUnit(good, why));
  }
  struct Bad {
    const char* unit;
    const char* why;
  };
  for (const Bad& bad :
       {Bad{"", "the unit is empty"}, Bad{"mm[Hg", "'[' is not closed"},
        Bad{"mg]", "']' closes nothing"},
        Bad{"a b", "a unit is printable ASCII without blanks or quotes"},
        Bad{"mg/", "'/' needs a unit on each side"}, Bad{"mg//dL", "'/' needs a unit on each side"},
        Bad{".g", "'.' needs a unit on each side"}, Bad{"(mg", "'(' is not closed"},
        Bad{"mg)", "')' closes nothing"}}) {
    INFO(bad.unit);
    CHECK_FALSE(wellFormedUnit(bad.unit, why));
    CHECK(why == bad.why);
  }
}
