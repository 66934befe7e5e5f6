// Semantic checks: names, code sets, types, rules and test blocks, each
// diagnostic with its code, location and note.
#include <catch2/catch.hpp>

#include "CompilerTestUtil.h"

using namespace mc;
using mc::testing::codesOf;
using mc::testing::compile;
using mc::testing::measure;
using mc::testing::withCode;

namespace {

// Line 1 `measure T "Test" {`, line 2 `period 2022`; these are lines 3..6.
const char* const kCodeset = "  codeset Mammography = CPT{77061..77067}\n";
const char* const kLookback = "  define lookback = [date(MP.start.year - 2, 10, 1), MP.end]\n";
const char* const kPopulation = "  population sex = F and age at MP.end in 50..74\n";
const char* const kNumerator = "  numerator exists visit with Mammography during lookback\n";

std::string valid() {
  return measure(std::string(kCodeset) + kLookback + kPopulation + kNumerator);
}

// The one diagnostic of the compilation; fails unless there is exactly one.
Diagnostic only(const Compilation& c) {
  INFO(codesOf(c.diagnostics()));
  REQUIRE(c.diagnostics().items().size() == 1);
  return c.diagnostics().items()[0];
}

void checkAt(const Diagnostic& d, const char* code, int line, int column, int length = -1) {
  INFO(d.code << "@" << d.range.line << ":" << d.range.column << " " << d.message);
  CHECK(d.code == code);
  CHECK(d.range.line == line);
  CHECK(d.range.column == column);
  if (length >= 0) CHECK(d.range.length == length);
}

}  // namespace

TEST_CASE("a valid measure checks clean", "[sema]") {
  auto c = compile(valid());
  INFO(codesOf(c->diagnostics()));
  CHECK(c->diagnostics().items().empty());
  CHECK_FALSE(c->hasErrors());
  REQUIRE(c->measures().size() == 1);
  CHECK(c->measures()[0]->id == "T");
  CHECK(c->fileOf(c->measures()[0]) == "t.measure");
}

TEST_CASE("check is idempotent", "[sema]") {
  auto c = compile(measure(std::string(kCodeset) + kPopulation + "  numerator lokback\n"));
  const size_t n = c->diagnostics().items().size();
  c->check();
  CHECK(c->diagnostics().items().size() == n);
}

// --- names -------------------------------------------------------------------

TEST_CASE("E0101: an unknown name, with a did-you-mean note", "[sema]") {
  auto c = compile(measure(std::string(kCodeset) + kLookback + kPopulation +
                           "  numerator exists visit with Mammography during lokback\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0101", 6, 50, 7);
  CHECK(d.severity == Severity::Error);
  CHECK(d.message == "unknown name 'lokback'");
  CHECK(d.note == "did you mean 'lookback'?");
}

TEST_CASE("E0101: an unknown name far from any known one", "[sema]") {
  auto c = compile(measure(std::string(kPopulation) + "  numerator zzzzzzzz\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0101", 4, 13, 8);
  CHECK(d.note == "define it with 'define zzzzzzzz = ...'");
}

TEST_CASE("E0101: built-ins and parameters are suggested too", "[sema]") {
  auto c = compile(measure(std::string(kPopulation) + "  numerator birth_dat < MP.end\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0101", 4, 13);
  CHECK(d.note == "did you mean 'birth_date'?");

  auto p = compile(measure(std::string(kPopulation) +
                           "  define f(window: interval) = enrolled continuously over windw\n"
                           "  numerator f(MP)\n"));
  const Diagnostic dp = only(*p);
  checkAt(dp, "E0101", 4, 59);
  CHECK(dp.note == "did you mean 'window'?");
}

TEST_CASE("E0101: a code set used as a value", "[sema]") {
  auto c = compile(measure(std::string(kCodeset) + kPopulation + "  numerator Mammography\n"));
  INFO(codesOf(c->diagnostics()));
  const auto e = withCode(c->diagnostics(), "E0101");
  REQUIRE(e.size() == 1);
  checkAt(e[0], "E0101", 5, 13);
  CHECK(e[0].note.find("'Mammography' is a code set") != std::string::npos);
}

TEST_CASE("E0102: an unknown code set, with a did-you-mean note", "[sema]") {
  auto c = compile(measure(std::string(kCodeset) + kLookback + kPopulation +
                           "  numerator exists visit with Mamography during lookback\n"));
  INFO(codesOf(c->diagnostics()));
  const auto e = withCode(c->diagnostics(), "E0102");
  REQUIRE(e.size() == 1);
  checkAt(e[0], "E0102", 6, 31, 10);
  CHECK(e[0].message == "unknown code set 'Mamography'");
  CHECK(e[0].note == "did you mean 'Mammography'?");
  // The near miss was meant to use Mammography: it is not also called unused.
  CHECK(withCode(c->diagnostics(), "W0001").empty());
  CHECK(c->diagnostics().items().size() == 1);
}

TEST_CASE("E0102: a definition used as a code set", "[sema]") {
  auto c = compile(
      measure(std::string(kLookback) + kPopulation + "  numerator exists visit with lookback\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0102", 5, 31);
  CHECK(d.note == "'lookback' is a definition, not a code set");
}

TEST_CASE("E0102: an unknown code set inside a code set", "[sema]") {
  auto c = compile(measure("  codeset A = CPT{77061} + Bx\n" + std::string(kPopulation) +
                           "  numerator exists visit with A\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0102", 3, 28);
}

TEST_CASE("E0103: a name defined twice", "[sema]") {
  auto c = compile(measure(std::string(kCodeset) + kLookback + kPopulation + kNumerator +
                           "  define lookback = MP\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0103", 7, 10, 8);
  CHECK(d.message == "'lookback' is defined twice");
  CHECK(d.note.find("line 4") != std::string::npos);
}

TEST_CASE("E0103: a code set and a definition with one name", "[sema]") {
  auto c = compile(measure(std::string(kCodeset) + kPopulation + kNumerator +
                           "  define lookback = MP\n  define Mammography = MP\n"));
  INFO(codesOf(c->diagnostics()));
  const auto e = withCode(c->diagnostics(), "E0103");
  REQUIRE(e.size() == 1);
  checkAt(e[0], "E0103", 7, 10);
  CHECK(e[0].note.find("line 3") != std::string::npos);
}

TEST_CASE("E0103: a name that clashes with an imported one", "[sema]") {
  auto c =
      compile(measure("  import stdlib.exclusions\n"
                      "  codeset Hospice = HCPCS{G9473}\n" +
                      std::string(kPopulation) + "  numerator exists visit with Hospice\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0103", 4, 11);
  CHECK(d.message == "'Hospice' is also defined by the imported module stdlib.exclusions");
}

// --- code sets -----------------------------------------------------------------

TEST_CASE("E0104: an unknown code system", "[sema]") {
  auto c = compile(measure("  codeset Screen = HCPCS{G8431} + CTP{99213}\n" +
                           std::string(kPopulation) + "  numerator exists visit with Screen\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0104", 3, 35, 3);
  CHECK(d.message == "unknown code system 'CTP'");
  CHECK(d.note == "did you mean 'CDT'?");
}

TEST_CASE("E0104: an unknown system far from any known one", "[sema]") {
  auto c = compile(measure(std::string(kPopulation) + "  numerator exists visit with XYZZY{1}\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0104", 4, 31, 5);
  CHECK(d.note.find("CPT, HCPCS") != std::string::npos);
}

TEST_CASE("E0105: malformed codes", "[sema]") {
  SECTION("a CPT code of four digits") {
    auto c = compile(
        measure(std::string(kPopulation) + "  numerator exists visit with CPT{77061, 7706}\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0105", 4, 42, 4);
    CHECK(d.message == "'7706' is not a valid CPT code");
    CHECK(d.note.find("5 characters") != std::string::npos);
  }
  SECTION("an ICD-10-CM code that is too short") {
    auto c = compile(
        measure(std::string(kPopulation) + "  numerator exists condition with ICD10CM{Z9}\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0105", 4, 43, 2);
    CHECK(d.message == "'Z9' is not a valid ICD10CM code");
  }
  SECTION("a LOINC code with a wrong check digit") {
    auto c = compile(
        measure(std::string(kPopulation) + "  numerator exists observation with LOINC{4548-5}\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0105", 4, 43, 6);
    CHECK(d.message == "'4548-5' is not a valid LOINC code");
    CHECK(d.note.find("lo..hi") == std::string::npos);
  }
  SECTION("a range written with a hyphen") {
    auto c = compile(
        measure(std::string(kPopulation) + "  numerator exists visit with CPT{77061-77067}\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0105", 4, 35, 11);
    CHECK(d.message == "'77061-77067' is not a valid CPT code");
    CHECK(d.note.find("a range is written lo..hi") != std::string::npos);
  }
  SECTION("the high end of a range") {
    auto c = compile(
        measure(std::string(kPopulation) + "  numerator exists visit with CPT{77061..7706}\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0105", 4, 42, 4);
    CHECK(d.message == "'7706' is not a valid CPT code");
  }
  SECTION("the low end of a range") {
    auto c = compile(
        measure(std::string(kPopulation) + "  numerator exists visit with CPT{7706..77067}\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0105", 4, 35);
    CHECK(d.message == "'7706' is not a valid CPT code");
    CHECK(d.range.length == 4);  // `7706` only, not the whole `7706..77067` item
  }
  SECTION("a malformed code in a test event") {
    auto c = compile(measure(std::string(kCodeset) + kPopulation +
                             "  numerator exists visit with Mammography\n"
                             "  test \"x\" {\n"
                             "    member sex F born 1961-03-02\n"
                             "    visit 2022-01-01 CPT:7706 LOINC:4548-5\n"
                             "    expect population\n"
                             "  }\n"));
    INFO(codesOf(c->diagnostics()));
    const auto e = withCode(c->diagnostics(), "E0105");
    REQUIRE(e.size() == 2);
    checkAt(e[0], "E0105", 8, 22, 8);
    checkAt(e[1], "E0105", 8, 31, 12);
    CHECK(c->diagnostics().items().size() == 2);
  }
}

TEST_CASE("valid codes of many systems check clean", "[sema]") {
  auto c = compile(measure(
      "  codeset A = CPT{3044F, 0001U} + HCPCS{G0438} + CDT{D1206} + ICD10CM{Z00.121..Z00.129}\n"
      "            + ICD10PCS{0HTV0ZZ} + LOINC{4548-4, 2345-7} + CVX{03, 106}\n" +
      std::string(kPopulation) + "  numerator exists visit with A\n"));
  INFO(codesOf(c->diagnostics()));
  CHECK(c->diagnostics().items().empty());
}

TEST_CASE("E0106: empty ranges, intervals and code lists", "[sema]") {
  SECTION("an inverted age range") {
    auto c =
        compile(measure("  population age at MP.end in 50..40\n  numerator enrolled on MP.end\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0106", 3, 31, 6);
    CHECK(d.message == "the range 50..40 is empty: its start is after its end");
    CHECK(d.note == "write 40..50");
  }
  SECTION("an inverted code range") {
    auto c = compile(
        measure(std::string(kPopulation) + "  numerator exists visit with CPT{77067..77061}\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0106", 4, 35, 12);
    CHECK(d.message == "the code range 77067..77061 is empty: its start is after its end");
    CHECK(d.note == "write 77061..77067");
  }
  SECTION("an inverted ICD-10 range compares without dots") {
    auto c = compile(measure(std::string(kPopulation) +
                             "  numerator exists visit with ICD10CM{Z00.129..Z00.121}\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0106", 4, 39);
  }
  SECTION("an inverted interval") {
    auto c = compile(measure(std::string(kPopulation) +
                             "  numerator enrolled continuously over [2022-12-31, 2022-01-01]\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0106", 4, 40, 24);
    CHECK(d.message ==
          "the interval [2022-12-31, 2022-01-01] is empty: its start is after its end");
  }
  SECTION("an inverted date range") {
    auto c = compile(
        measure(std::string(kPopulation) + "  numerator birth_date in 2000-12-31..2000-01-01\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0106", 4, 27, 22);
  }
  SECTION("an empty code list") {
    auto c = compile(measure(std::string(kPopulation) + "  numerator exists visit with CPT{}\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0106", 4, 31, 3);
    CHECK(d.message == "the CPT code list is empty");
  }
  SECTION("an enrollment span that ends before it starts") {
    auto c = compile(measure(std::string(kPopulation) +
                             "  numerator enrolled on MP.end\n"
                             "  test \"x\" {\n"
                             "    member sex F born 1961-03-02 enrolled 2022-12-31..2022-01-01\n"
                             "    expect population\n"
                             "  }\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0106", 6, 5);
  }
  SECTION("equal ends are fine") {
    auto c = compile(measure(std::string(kPopulation) +
                             "  numerator exists visit with CPT{77067..77067} during "
                             "[2022-01-01, 2022-01-01] and age at MP.end in 50..50\n"));
    INFO(codesOf(c->diagnostics()));
    CHECK(c->diagnostics().items().empty());
  }
}

TEST_CASE("E0107: an unknown event kind", "[sema]") {
  SECTION("in a query") {
    auto c = compile(measure(std::string(kCodeset) + kPopulation +
                             "  numerator exists encounter with Mammography during MP\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0107", 5, 20, 9);
    CHECK(d.message == "unknown event kind 'encounter'");
    CHECK(d.note.find("event kinds are visit") != std::string::npos);
  }
  SECTION("a near miss") {
    auto c = compile(measure(std::string(kCodeset) + kPopulation +
                             "  numerator exists vist with Mammography\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0107", 5, 20, 4);
    CHECK(d.note == "did you mean 'visit'?");
  }
  SECTION("plural and alias forms are accepted") {
    auto c = compile(measure(std::string(kCodeset) + kPopulation +
                             "  numerator exists visits with Mammography and exists fills and "
                             "exists fill and exists conditions and exists referrals\n"));
    INFO(codesOf(c->diagnostics()));
    CHECK(c->diagnostics().items().empty());
  }
  SECTION("in a test event") {
    auto c = compile(measure(std::string(kCodeset) + kPopulation +
                             "  numerator exists visit with Mammography\n"
                             "  test \"x\" {\n"
                             "    member sex F born 1961-03-02\n"
                             "    encounter 2022-01-01 CPT:77067\n"
                             "    expect population\n"
                             "  }\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0107", 8, 5, 9);
  }
}

TEST_CASE("E0108: an unknown setting", "[sema]") {
  auto c = compile(measure(std::string(kCodeset) + kPopulation +
                           "  numerator exists visit with Mammography in setting outpatient or "
                           "clinic\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0108", 5, 68, 6);
  CHECK(d.message == "unknown setting 'clinic'");

  auto near = compile(measure(std::string(kCodeset) + kPopulation +
                              "  numerator exists visit with Mammography in setting outpatinet\n"));
  const Diagnostic dn = only(*near);
  checkAt(dn, "E0108", 5, 54, 10);
  CHECK(dn.note == "did you mean 'outpatient'?");
}

TEST_CASE("with principal on a visit with ICD-10-CM codes checks clean", "[sema]") {
  auto c =
      compile(measure("  codeset Asthma = ICD10CM{J45.40, J45.50}\n"
                      "  codeset Broad = (Asthma + ICD10CM{J44.9}) - CPT{99213}\n" +
                      std::string(kPopulation) +
                      "  numerator exists visit with principal Asthma during MP\n"
                      "            and exists visit with principal Broad\n"));
  INFO(codesOf(c->diagnostics()));
  CHECK(c->diagnostics().items().empty());
}

TEST_CASE("E0121: only visits have a principal diagnosis", "[sema]") {
  auto c = compile(measure("  codeset Asthma = ICD10CM{J45.40}\n" + std::string(kPopulation) +
                           "  numerator exists condition with principal Asthma\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0121", 5, 30);
  CHECK(d.message == "a condition event has no principal diagnosis; only visits do");
  CHECK(d.note.find("'with'") != std::string::npos);
  CHECK_FALSE(explainDiagnosticCode("E0121").empty());
}

TEST_CASE("with value and with any value on observations and supplemental rows check clean",
          "[sema]") {
  auto c = compile(measure("  codeset Yes = SNOMEDCT{373066001}\n" + std::string(kPopulation) +
                           "  numerator exists observation with value Yes during MP\n"
                           "            and exists supplemental with value Yes\n"
                           "            and exists observation with any value\n"));
  INFO(codesOf(c->diagnostics()));
  CHECK(c->diagnostics().items().empty());
}

TEST_CASE("order is an event kind with a date, an end and a provider", "[sema]") {
  auto c = compile(measure("  codeset Hospice = SNOMEDCT{385763009}\n" + std::string(kPopulation) +
                           "  numerator exists order as o with Hospice during MP\n"
                           "              where o.date >= MP.start and o.provider = o.provider\n"));
  INFO(codesOf(c->diagnostics()));
  CHECK(c->diagnostics().items().empty());
  auto setting = compile(measure(std::string(kPopulation) +
                                 "  numerator exists order as o where o.setting is missing\n"));
  const Diagnostic d = only(*setting);
  CHECK(d.code == "E0133");
  CHECK(d.note == "the fields of an order event are date, end, provider, start_time, end_time");
}

TEST_CASE("E0140: only observations and supplemental rows have a coded value", "[sema]") {
  auto c = compile(measure("  codeset Yes = SNOMEDCT{373066001}\n" + std::string(kPopulation) +
                           "  numerator exists visit with value Yes\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0140", 5, 31, 5);
  CHECK(d.message ==
        "a visit event has no coded value; only observation and supplemental events do");
  auto any =
      compile(measure(std::string(kPopulation) + "  numerator exists condition with any value\n"));
  const Diagnostic da = only(*any);
  CHECK(da.code == "E0140");
  CHECK(da.message.find("a condition event has no coded value") == 0);
  CHECK_FALSE(explainDiagnosticCode("E0140").empty());
  auto discharge = compile(measure("  codeset Home = UBDISCH{01}\n" + std::string(kPopulation) +
                                   "  numerator exists condition with discharge Home\n"));
  const Diagnostic dd = only(*discharge);
  CHECK(dd.code == "E0140");
  CHECK(dd.message == "a condition event has no discharge disposition; only visit events do");
}

TEST_CASE("E0155: only observations and conditions have a FHIR category", "[sema]") {
  auto c = compile(measure("  codeset Lab = OBSCAT{laboratory}\n" + std::string(kPopulation) +
                           "  numerator exists visit with category Lab\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0155", 5, 31, 8);
  CHECK(d.message.find("a visit event has no category; only observations and conditions") == 0);
  CHECK(d.note.find("query an observation or a condition") != std::string::npos);
  auto any = compile(
      measure(std::string(kPopulation) + "  numerator exists immunization with any category\n"));
  const Diagnostic da = only(*any);
  CHECK(da.code == "E0155");
  CHECK(da.message.find("an immunization event has no category") == 0);
  CHECK_FALSE(explainDiagnosticCode("E0155").empty());
  // Observations and conditions have one.
  for (const char* kind : {"observation", "condition"}) {
    auto ok = compile(
        measure(std::string(kPopulation) + "  numerator exists " + kind + " with any category\n"));
    INFO(kind << ": " << codesOf(ok->diagnostics()));
    CHECK(ok->diagnostics().items().empty());
  }
}

TEST_CASE("E0156: a category set of the other kind's categories only", "[sema]") {
  auto c = compile(measure("  codeset ProblemList = CONDCAT{problem-list-item}\n" +
                           std::string(kPopulation) +
                           "  numerator exists observation with category ProblemList\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0156", 5, 46, 11);
  CHECK(d.message ==
        "an observation's category is never in CONDCAT, and this set holds only "
        "condition categories");
  auto lab = compile(measure(std::string(kPopulation) +
                             "  numerator exists condition with category OBSCAT{laboratory}\n"));
  CHECK(only(*lab).code == "E0156");
  CHECK_FALSE(explainDiagnosticCode("E0156").empty());
  // A set holding a category of the kind's own is fine, whatever else it holds.
  auto mixed = compile(measure(std::string(kPopulation) +
                               "  numerator exists condition with category "
                               "(OBSCAT{laboratory} + CONDCAT{problem-list-item})\n"));
  INFO(codesOf(mixed->diagnostics()));
  CHECK(mixed->diagnostics().items().empty());
}

TEST_CASE("with intent: only orders have one (E0140); a set without intents is E0163", "[sema]") {
  auto ok = compile(measure(std::string(kPopulation) +
                            "  numerator exists order with intent REQINTENT{order}\n"));
  INFO(codesOf(ok->diagnostics()));
  CHECK(ok->diagnostics().items().empty());
  auto visit = compile(measure(std::string(kPopulation) +
                               "  numerator exists visit with intent REQINTENT{order}\n"));
  const Diagnostic dv = only(*visit);
  CHECK(dv.code == "E0140");
  CHECK(dv.message == "a visit event has no intent; only order events do");
  auto snomed =
      compile(measure("  codeset Hospice = SNOMEDCT{385763009}\n" + std::string(kPopulation) +
                      "  numerator exists order with intent Hospice\n"));
  const Diagnostic d = only(*snomed);
  checkAt(d, "E0163", 5, 38, 7);
  CHECK(d.message ==
        "an order's intent is a REQINTENT code, and this set holds SNOMEDCT codes "
        "and no intent");
  CHECK_FALSE(explainDiagnosticCode("E0163").empty());
  // A set holding an intent is fine, whatever else it holds; `with any intent` too.
  auto mixed =
      compile(measure(std::string(kPopulation) + "  numerator exists order with intent "
                                                 "(REQINTENT{order} + SNOMEDCT{385763009})\n"
                                                 "  exclude exists order with any intent\n"));
  INFO(codesOf(mixed->diagnostics()));
  CHECK(mixed->diagnostics().items().empty());
}

TEST_CASE("E0404: a test event's coded value on a kind without one", "[sema]") {
  auto c = compile(measure(std::string(kPopulation) + "  numerator true\n" +
                           "  test \"t\" {\n    member sex F born 1960-01-01\n"
                           "    visit 2022-03-01 CPT:99213 value SNOMEDCT:373066001\n"
                           "    expect population\n  }\n"));
  const Diagnostic d = only(*c);
  CHECK(d.code == "E0404");
  CHECK(d.message == "a visit event has no value; only observation and supplemental events do");
}

TEST_CASE("E0122: the principal diagnosis is ICD-10-CM only", "[sema]") {
  // Through a reference, and in a list written in place.
  auto c = compile(measure("  codeset Mixed = ICD10CM{J45.40} + CPT{99213}\n" +
                           std::string(kPopulation) +
                           "  numerator exists visit with principal Mixed\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0122", 5, 41, 5);
  CHECK(d.message ==
        "the principal diagnosis is an ICD-10-CM code, but this set also holds CPT codes");

  auto inPlace = compile(measure(std::string(kPopulation) +
                                 "  numerator exists visit with principal SNOMEDCT{195967001}\n"));
  const Diagnostic di = only(*inPlace);
  checkAt(di, "E0122", 4, 41);
  CHECK(di.message.find("SNOMEDCT codes") != std::string::npos);
  CHECK_FALSE(explainDiagnosticCode("E0122").empty());
}

TEST_CASE("E0109: a missing import", "[sema]") {
  auto c = compile(measure("  import stdlib.nothere\n" + std::string(kPopulation) +
                           "  numerator enrolled on MP.end\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0109", 3, 10, 14);
  CHECK(d.message == "cannot find module 'stdlib.nothere'");
  CHECK(d.note.find("nothere.measure") != std::string::npos);
}

TEST_CASE("E0110: recursive definitions", "[sema]") {
  SECTION("two definitions through each other") {
    auto c = compile(measure(std::string(kPopulation) + "  define a = b and true\n"
                                                        "  define b = not a\n"
                                                        "  numerator a\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0110", 5, 18, 1);
    CHECK(d.message == "'a' is defined in terms of itself");
  }
  SECTION("a definition that names itself") {
    auto c = compile(measure(std::string(kPopulation) + "  define a = a\n  numerator a\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0110", 4, 14);
  }
  SECTION("a parameterised definition that calls itself") {
    auto c = compile(measure(std::string(kPopulation) + "  define f(p: interval) = f(p)\n"
                                                        "  numerator f(MP)\n"));
    INFO(codesOf(c->diagnostics()));
    const auto e = withCode(c->diagnostics(), "E0110");
    REQUIRE(e.size() == 1);
    checkAt(e[0], "E0110", 4, 27);
    CHECK(e[0].message == "'f' calls itself");
  }
  SECTION("a code set that includes itself") {
    auto c = compile(measure("  codeset A = CPT{77061} + A\n" + std::string(kPopulation) +
                             "  numerator exists visit with A\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0110", 3, 11, 1);
    CHECK(d.message == "code set 'A' is defined in terms of itself");
  }
  SECTION("two code sets through each other") {
    auto c =
        compile(measure("  codeset A = CPT{77061} + B\n"
                        "  codeset B = HCPCS{G0438} - A\n" +
                        std::string(kPopulation) + "  numerator exists visit with A\n"));
    INFO(codesOf(c->diagnostics()));
    const auto e = withCode(c->diagnostics(), "E0110");
    REQUIRE_FALSE(e.empty());
    CHECK(e[0].range.line >= 3);
    CHECK(e[0].range.line <= 4);
  }
}

TEST_CASE("E0111: wrong arity", "[sema]") {
  SECTION("a built-in with too many arguments") {
    auto c = compile(measure(std::string(kPopulation) + "  numerator birthday(1, 2) <= MP.end\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0111", 4, 13, 8);
    CHECK(d.message == "'birthday' takes 1 argument(s), not 2");
  }
  SECTION("date with two arguments") {
    auto c = compile(measure(std::string(kPopulation) + "  numerator date(2022, 1) <= MP.end\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0111", 4, 13, 4);
    CHECK(d.message == "'date' takes 3 argument(s), not 2");
  }
  SECTION("a parameterised definition with too many arguments") {
    auto c = compile(measure(std::string(kPopulation) +
                             "  define f(p: interval) = enrolled continuously over p\n"
                             "  numerator f(MP, 2)\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0111", 5, 13, 1);
    CHECK(d.message == "'f' takes 1 argument(s), not 2");
  }
  SECTION("a parameterised definition used without arguments") {
    auto c = compile(measure("  import stdlib.exclusions\n" + std::string(kPopulation) +
                             "  numerator not in_hospice\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0111", 5, 17, 10);
    CHECK(d.message == "'in_hospice' takes 1 argument(s)");
  }
  SECTION("a plain definition called with arguments") {
    auto c = compile(measure(std::string(kLookback) + kPopulation +
                             "  numerator enrolled continuously over lookback(1)\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0111", 5, 40, 8);
    CHECK(d.message == "'lookback' takes no arguments");
  }
}

TEST_CASE("E0112: an unknown function", "[sema]") {
  auto c = compile(measure(std::string(kPopulation) + "  numerator birthdy(2) <= MP.end\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0112", 4, 13, 7);
  CHECK(d.note == "did you mean 'birthday'?");
}

// --- types -----------------------------------------------------------------------

TEST_CASE("E0201: type errors", "[sema]") {
  SECTION("sex compared with a number") {
    auto c = compile(measure("  population sex = 50\n  numerator enrolled on MP.end\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0201", 3, 14, 8);
    CHECK(d.note == "compare sex with F, M or U: 'sex = F'");
  }
  SECTION("an int on one side of 'and'") {
    auto c = compile(measure("  population age at MP.end and true\n  numerator true\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0201", 3, 14, 13);
    CHECK(d.message.find("each side of 'and'/'or' must be a bool") != std::string::npos);
    CHECK(d.message.find("'age at MP.end'") != std::string::npos);
  }
  SECTION("a date plus a number") {
    auto c = compile(measure(std::string(kPopulation) + "  numerator MP.start + 3 < MP.end\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0201", 4, 13, 12);
    CHECK(d.message.find("'+'") != std::string::npos);
    CHECK(d.note.find("MP.end - 2 years") != std::string::npos);
  }
  SECTION("a date compared with a number") {
    auto c = compile(measure(std::string(kPopulation) + "  numerator birth_date > 1960\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0201", 4, 13, 17);
  }
  SECTION("'during' with a date") {
    auto c = compile(measure(std::string(kCodeset) + kPopulation +
                             "  numerator exists visit with Mammography during MP.end\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0201", 5, 50, 6);
    CHECK(d.message.find("the window of 'during' must be a") != std::string::npos);
  }
  SECTION("'not' of an int") {
    auto c = compile(measure(std::string(kPopulation) + "  numerator not age at MP.end\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0201", 4, 17);
  }
  SECTION("a wrong argument type") {
    auto c = compile(measure(std::string(kPopulation) +
                             "  define f(p: interval) = enrolled continuously over p\n"
                             "  numerator f(MP.end)\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0201", 5, 15, 6);
    CHECK(d.message.find("argument 'p' of f") != std::string::npos);
  }
  SECTION("an int where a number is wanted is fine") {
    auto c = compile(measure(std::string(kPopulation) +
                             "  numerator exists observation where value > 9 and 1 / 2 < 1.5\n"));
    INFO(codesOf(c->diagnostics()));
    CHECK(c->diagnostics().items().empty());
  }
}

TEST_CASE("is missing: every type but sex, intervals and durations can be missing", "[sema]") {
  SECTION("bools (unknown), ints, numbers and dates") {
    auto c = compile(measure(std::string(kPopulation) +
                             "  numerator (death_date < MP.end) is missing\n"
                             "            and (age at death_date) is missing\n"
                             "            and (1 / 2) is not missing and death_date is missing\n"));
    INFO(codesOf(c->diagnostics()));
    CHECK(c->diagnostics().items().empty());
  }
  SECTION("sex is never missing") {
    auto c = compile(measure(std::string(kPopulation) + "  numerator sex is missing\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0201", 4, 13, 3);
    CHECK(d.message.find("only true/false values, numbers, dates and event fields can be") !=
          std::string::npos);
    CHECK(d.note == "sex is never missing (U is a value)");
  }
  SECTION("an interval: ask about an end") {
    auto c = compile(measure(std::string(kPopulation) + "  numerator MP is not missing\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0201", 4, 13, 2);
    CHECK(d.note == "ask about an end: 'I.start is missing'");
  }
}

TEST_CASE("E0202: a rule that is not true or false", "[sema]") {
  auto c = compile(measure("  population age at MP.end\n  numerator true\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0202", 3, 14, 13);
  CHECK(d.message == "the 'population' rule must be true or false, but this is an int");
}

TEST_CASE("E0203 and E0204: parameter types and parts", "[sema]") {
  auto c = compile(measure(std::string(kPopulation) + "  define f(p: period) = true\n"
                                                      "  numerator f(MP) and MP.year > 2000\n"));
  INFO(codesOf(c->diagnostics()));
  const auto e3 = withCode(c->diagnostics(), "E0203");
  REQUIRE(e3.size() == 1);
  checkAt(e3[0], "E0203", 4, 15, 6);
  const auto e4 = withCode(c->diagnostics(), "E0204");
  REQUIRE(e4.size() == 1);
  checkAt(e4[0], "E0204", 5, 26, 4);
  CHECK(e4[0].note == "an interval has start and end");
}

TEST_CASE("gaps allowed in each 12 months check clean", "[sema]") {
  auto c = compile(measure(std::string(kPopulation) +
                           "  numerator enrolled continuously over [date(2020, 10, 1), MP.end]\n"
                           "    allowing 1 gap of 45 days in each 12 months\n"));
  INFO(codesOf(c->diagnostics()));
  CHECK(c->diagnostics().items().empty());
}

TEST_CASE("E0205: gaps allowed in a period other than 12 months", "[sema]") {
  auto c = compile(measure(std::string(kPopulation) +
                           "  numerator enrolled continuously over MP allowing 1 gap of 45 days"
                           " in each 6 months\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0205", 4, 13);
  CHECK(d.message == "gaps can be allowed in each 12 months, not in each 6 months");
}

TEST_CASE("E0201: the window of gaps in each 12 months must be an interval", "[sema]") {
  auto c = compile(measure(std::string(kPopulation) +
                           "  numerator enrolled continuously over MP.end allowing 1 gap of 45 days"
                           " in each 12 months\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0201", 4, 40, 6);
}

// --- rules -------------------------------------------------------------------------

TEST_CASE("E0301: a measure without population or numerator", "[sema]") {
  auto c = compile(measure("  eligible enrolled on MP.end\n"));
  INFO(codesOf(c->diagnostics()));
  const auto& items = c->diagnostics().items();
  REQUIRE(items.size() == 2);
  checkAt(items[0], "E0301", 1, 9, 1);
  checkAt(items[1], "E0301", 1, 9, 1);
  CHECK(items[0].message == "measure T has no 'population' rule");
  CHECK(items[1].message == "measure T has no 'numerator' rule");
}

TEST_CASE("E0302: two rules of one kind", "[sema]") {
  auto c = compile(measure(std::string(kPopulation) + "  numerator true\n  numerator false\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0302", 5, 3);
  CHECK(d.note.find("line 4") != std::string::npos);
}

TEST_CASE("E0303, E0304, E0306: measure kind, period, module rules", "[sema]") {
  auto c = compile(
      "measure T \"t\" {\n"
      "  kind ratio\n"
      "  period 1800\n"
      "  population true\n"
      "  numerator true\n"
      "}\n"
      "module lib.m {\n"
      "  numerator true\n"
      "}\n");
  INFO(codesOf(c->diagnostics()));
  const auto& items = c->diagnostics().items();
  REQUIRE(items.size() == 3);
  checkAt(items[0], "E0303", 2, 8, 5);
  checkAt(items[1], "E0304", 3, 10, 4);
  checkAt(items[2], "E0306", 8, 3);
}

TEST_CASE("W0001: an unused code set is a warning", "[sema]") {
  auto c = compile(valid() + "");
  REQUIRE(c->diagnostics().items().empty());
  auto w = compile(measure(std::string(kCodeset) + "  codeset Unused = ICD10CM{Z90.13}\n" +
                           kLookback + kPopulation + kNumerator));
  const Diagnostic d = only(*w);
  checkAt(d, "W0001", 4, 11, 6);
  CHECK(d.severity == Severity::Warning);
  CHECK(d.message == "code set 'Unused' is never used");
  CHECK_FALSE(w->hasErrors());
  CHECK(w->diagnostics().warningCount() == 1);
}

TEST_CASE("W0001: a code set used by another code set or a definition is used", "[sema]") {
  auto c =
      compile(measure("  codeset A = CPT{77061}\n"
                      "  codeset B = A + CPT{77062}\n"
                      "  codeset C = ICD10CM{Z90.13}\n"
                      "  define d = exists condition with C\n" +
                      std::string(kPopulation) + "  numerator exists visit with B and d\n"));
  INFO(codesOf(c->diagnostics()));
  CHECK(c->diagnostics().items().empty());
}

// --- test blocks ------------------------------------------------------------------

TEST_CASE("E0401..E0403: incomplete test blocks", "[sema]") {
  auto c = compile(
      "measure T \"t\" {\n"                 // 1
      "  population true\n"                 // 2
      "  numerator true\n"                  // 3
      "  test \"no member\" {\n"            // 4
      "    expect population, succeeded\n"  // 5
      "  }\n"                               // 6
      "  test \"no sex\" {\n"               // 7
      "    period 2022\n"                   // 8
      "    member born 1961-03-02\n"        // 9
      "  }\n"                               // 10
      "}\n");
  INFO(codesOf(c->diagnostics()));
  const auto& items = c->diagnostics().items();
  REQUIRE(items.size() == 5);
  checkAt(items[0], "E0401", 4, 8);
  checkAt(items[1], "E0402", 4, 8);
  checkAt(items[2], "E0403", 5, 24);
  CHECK(items[2].message == "unknown outcome 'succeeded'");
  checkAt(items[3], "E0403", 7, 8);
  checkAt(items[4], "E0401", 9, 5);
}

// --- several mistakes ----------------------------------------------------------------

TEST_CASE("a file with five different mistakes reports all five", "[sema]") {
  auto c = compile(
      "measure BAD \"A measure with five mistakes\" {\n"                        // 1
      "  kind   proportoin\n"                                                   // 2
      "  period 2022\n"                                                         // 3
      "  codeset Mammography = CPT{77061..77067, 7706}\n"                       // 4
      "  codeset Unused      = ICD10CM{Z90.13}\n"                               // 5
      "  define lookback = [date(MP.start.year - 2, 10, 1), MP.end]\n"          // 6
      "  population sex = F and age at MP.end in 74..50\n"                      // 7
      "  eligible   enrolled continuously over MP allowing 1 gap of 45 days\n"  // 8
      "  numerator  exists visit with Mammography during lokback\n"             // 9
      "}\n");
  INFO(codesOf(c->diagnostics()));
  const auto& items = c->diagnostics().items();
  REQUIRE(items.size() == 5);
  CHECK(c->diagnostics().errorCount() == 4);
  CHECK(c->diagnostics().warningCount() == 1);
  checkAt(items[0], "E0303", 2, 10, 10);
  checkAt(items[1], "E0105", 4, 43, 4);
  checkAt(items[2], "W0001", 5, 11, 6);
  checkAt(items[3], "E0106", 7, 43, 6);
  checkAt(items[4], "E0101", 9, 51, 7);
}

TEST_CASE("diagnostics are sorted by line and column", "[sema]") {
  auto c =
      compile(measure("  codeset Z = CTP{1}\n"
                      "  population sex = 50 and age at MP.end in 9..1\n"
                      "  numerator exists vist with Nope during lokback\n"));
  INFO(codesOf(c->diagnostics()));
  const auto& items = c->diagnostics().items();
  REQUIRE(items.size() >= 5);
  for (size_t i = 1; i < items.size(); ++i) {
    const bool ordered = items[i - 1].range.line < items[i].range.line ||
                         (items[i - 1].range.line == items[i].range.line &&
                          items[i - 1].range.column <= items[i].range.column);
    CHECK(ordered);
  }
}

// --- constant ranges ---------------------------------------------------------------

TEST_CASE("E0601: a duration longer than 200 years", "[sema][ranges]") {
  SECTION("days") {
    auto c =
        compile(measure(std::string(kPopulation) + "  numerator MP.end + 73051 days > MP.start\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0601", 4, 22, 10);
    CHECK(d.message == "the duration '73051 days' is longer than 200 years");
    CHECK(d.note.find("write at most 73050 days") != std::string::npos);
  }
  SECTION("months") {
    auto c = compile(
        measure(std::string(kPopulation) + "  numerator MP.end + 999999999 months > MP.start\n"));
    checkAt(only(*c), "E0601", 4, 22, 16);
  }
  SECTION("years, subtracted") {
    auto c =
        compile(measure(std::string(kPopulation) + "  numerator MP.end - 201 years < MP.end\n"));
    checkAt(only(*c), "E0601", 4, 22, 9);
  }
  SECTION("200 years, 2400 months and 73050 days are fine") {
    auto c =
        compile(measure(std::string(kPopulation) +
                        "  numerator MP.end - 200 years < MP.end - 2400 months + 73050 days\n"));
    INFO(codesOf(c->diagnostics()));
    CHECK(c->diagnostics().items().empty());
  }
}

TEST_CASE("E0602: birthday(n) with a constant n outside 0..150", "[sema][ranges]") {
  SECTION("too large") {
    auto c =
        compile(measure(std::string(kPopulation) + "  numerator birthday(999999999) < MP.end\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0602", 4, 22, 9);
    CHECK(d.message == "birthday(999999999) is outside 0..150");
  }
  SECTION("negative, folded") {
    auto c = compile(measure(std::string(kPopulation) + "  numerator birthday(2 - 3) < MP.end\n"));
    checkAt(only(*c), "E0602", 4, 22, 5);
  }
  SECTION("0, 150 and a value known only at run time are fine") {
    auto c = compile(measure(std::string(kPopulation) +
                             "  numerator birthday(0) < birthday(150)\n"
                             "            and birthday(MP.end.year) > MP.end\n"));
    INFO(codesOf(c->diagnostics()));
    CHECK(c->diagnostics().items().empty());
  }
}

TEST_CASE("E0603: an int constant expression that overflows", "[sema][ranges]") {
  SECTION("a product, reported once") {
    auto c = compile(
        measure(std::string(kPopulation) + "  numerator 999999999 * 999999999 * 999999999 > 0\n"));
    const Diagnostic d = only(*c);
    checkAt(d, "E0603", 4, 13, 33);
    CHECK(d.message == "the constant '999999999 * 999999999 * 999999999' overflows a 64-bit int");
  }
  SECTION("a negated product that reaches the int range's edge") {
    // -(2^21)^3 = -2^63 is not an int (the value is reserved for missing).
    auto c = compile(
        measure(std::string(kPopulation) + "  numerator -2097152 * 2097152 * 2097152 < 0\n"));
    checkAt(only(*c), "E0603", 4, 13);
  }
  SECTION("sums and differences") {
    auto c =
        compile(measure(std::string(kPopulation) +
                        "  numerator 999999999 * 999999999 * 9 + 999999999 * 999999999 * 9 > 0\n"));
    checkAt(only(*c), "E0603", 4, 13);
  }
  SECTION("names are not folded; large products that fit are fine") {
    auto c = compile(
        measure(std::string(kPopulation) +
                "  numerator 999999999 * 999999999 > MP.end.year * 999999999 * 999999999\n"));
    INFO(codesOf(c->diagnostics()));
    CHECK(c->diagnostics().items().empty());
  }
}

TEST_CASE("event fields are typed from the one field table", "[sema][pairing]") {
  auto c = compile(
      measure("  population exists visit as s where s.date <= MP.end and s.end is not missing\n"
              "             and s.provider = linked_pcp(s.date) and s.setting != s.setting\n"
              "             and s.principal = s.principal\n"
              "  numerator exists pharmacy as f where f.days_supply + 1 > 2 and f.quantity > 1.5\n"
              "            and exists referral as r where r.to_provider = f.provider\n"
              "            and exists observation as o where o.value > 2 and o.date >= r.date\n"));
  INFO(codesOf(c->diagnostics()));
  CHECK(c->diagnostics().items().empty());
}

TEST_CASE("E0133: a field the kind lacks; the note lists the kind's fields", "[sema][pairing]") {
  auto c = compile(measure(std::string(kPopulation) +
                           "  numerator exists referral as r where r.setting = r.setting\n"));
  const auto d = withCode(c->diagnostics(), "E0133");
  REQUIRE(d.size() == 2);
  checkAt(d[0], "E0133", 4, 42, 7);
  CHECK(d[0].message == "a referral event has no field 'setting'");
  CHECK(d[0].note ==
        "the fields of a referral event are date, end, provider, to_provider, start_time, "
        "end_time");
}

TEST_CASE("E0131: an alias outside its query says where it is bound", "[sema][pairing]") {
  auto c = compile(measure(std::string(kPopulation) +
                           "  numerator (exists visit as v where v.date > MP.start)\n"
                           "            and v.date < MP.end\n"));
  const Diagnostic d = only(*c);
  checkAt(d, "E0131", 5, 17, 1);
  CHECK(d.note.find("bound by the query at line 4, column 30") != std::string::npos);

  // Its own query's window is read once per query, not per event.
  auto own = compile(measure(std::string(kPopulation) +
                             "  numerator exists visit as v during [v.date, MP.end]\n"));
  checkAt(only(*own), "E0131", 4, 39, 1);

  // A nested query's window may read it.
  auto nested =
      compile(measure(std::string(kPopulation) +
                      "  numerator exists visit as v where exists visit during [v.date, v.end]\n"));
  INFO(codesOf(nested->diagnostics()));
  CHECK(nested->diagnostics().items().empty());
}

TEST_CASE("E0132: an alias may not hide another name", "[sema][pairing]") {
  auto def = compile(measure(std::string(kPopulation) + "  define v = 3\n" +
                             "  numerator exists visit as v where true\n"));
  const auto d = withCode(def->diagnostics(), "E0132");
  REQUIRE(d.size() == 1);
  CHECK(d[0].message == "the alias 'v' hides the definition at line 4");

  auto outer = compile(
      measure(std::string(kPopulation) +
              "  numerator exists visit as v where exists visit as v where v.date > MP.start\n"));
  const Diagnostic o = only(*outer);
  checkAt(o, "E0132", 4, 53, 1);
  CHECK(o.message == "the alias 'v' hides the event bound at line 4, column 29");

  auto param = compile(measure(std::string(kPopulation) +
                               "  define f(v: interval) = exists visit as v where true\n"
                               "  numerator f(MP)\n"));
  CHECK(only(*param).code == "E0132");
}

TEST_CASE("E0130, E0208 and E0201: an alias alone, ordered providers, a where not bool",
          "[sema][pairing]") {
  auto alone =
      compile(measure(std::string(kPopulation) + "  numerator exists visit as v where v = v\n"));
  CHECK(withCode(alone->diagnostics(), "E0130").size() == 2);

  auto ordered = compile(measure(std::string(kPopulation) +
                                 "  numerator exists visit as v where v.provider < v.provider\n"));
  const Diagnostic o = only(*ordered);
  checkAt(o, "E0208", 4, 37);
  CHECK(o.message == "providers have no order: '<' cannot compare them");

  auto settings = compile(measure(std::string(kPopulation) +
                                  "  numerator exists visit as v where v.setting >= v.setting\n"));
  CHECK(only(*settings).code == "E0208");

  auto where =
      compile(measure(std::string(kPopulation) + "  numerator exists visit as v where v.date\n"));
  const Diagnostic w = only(*where);
  CHECK(w.code == "E0201");
  CHECK(w.message == "the condition of 'where' must be a bool, but 'v.date' is a date");

  auto by =
      compile(measure(std::string(kPopulation) + "  numerator exists visit by provider MP.end\n"));
  CHECK(only(*by).code == "E0201");
}

TEST_CASE("a date parameter takes a bound event's date", "[sema][pairing]") {
  auto c = compile(
      measure(std::string(kPopulation) +
              "  define soon_after(d: date) = exists visit during [d + 1 day, d + 14 days]\n"
              "  numerator exists visit as stay where soon_after(stay.end)\n"));
  INFO(codesOf(c->diagnostics()));
  CHECK(c->diagnostics().items().empty());
}
