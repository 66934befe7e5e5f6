// Code sets read from files: the CSV and FHIR ValueSet readers, the sema
// diagnostics of `codeset S = file "..."`, and what lowering makes of them.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "../engine/ScratchDir.h"
#include "CompilerTestUtil.h"
#include "codes/CodeSetFile.h"
#include "ir/Ir.h"

using namespace mc;
using mc::testing::codesOf;
using mc::testing::ScratchDir;
using mc::testing::withCode;

namespace {

codes::CodeFile readText(const std::string& path, const std::string& text, Diagnostics& diags) {
  return codes::readCodeFile(std::make_shared<SourceFile>(path, text), diags);
}

// The codes of one system as written, comma separated.
std::string itemsOf(const codes::CodeFile& f, CodeSystem system) {
  std::string out;
  for (const codes::SystemCodes& s : f.systems) {
    if (s.system != system) continue;
    for (const ast::CodeItem& i : s.items)
      out += (out.empty() ? "" : ",") + i.lo + (i.isRange() ? ".." + i.hi : "");
  }
  return out;
}

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

// A measure in `dir` with `codeset S = <term>`, checked.
std::unique_ptr<Compilation> compileIn(const ScratchDir& dir, const std::string& term) {
  auto c = std::make_unique<Compilation>(mc::testing::stdlibDir());
  c->addSource(dir.at("t.measure"),
               mc::testing::measure("  codeset S = " + term +
                                    "\n  population true\n  numerator exists visit with S\n"));
  c->check();
  return c;
}

}  // namespace

// --- CSV -------------------------------------------------------------------------

TEST_CASE("CSV: codes, families and ranges by system; extra columns and any case", "[codefile]") {
  Diagnostics diags;
  const auto f = readText("c.csv",
                          "Code,display,SYSTEM\n"
                          "77067,screening mammography,cpt\n"
                          "R54.*,age-related debility,ICD10CM\n"
                          "\n"
                          " T1000..T1005 ,home care,HCPCS\n"
                          "Z51.5,palliative,icd10cm\n",
                          diags);
  INFO(codesOf(diags));
  REQUIRE(diags.items().empty());
  REQUIRE(f.ok);
  CHECK(f.codeCount == 4);
  REQUIRE(f.systems.size() == 3);
  CHECK(f.systems[0].system == CodeSystem::CPT);
  CHECK(itemsOf(f, CodeSystem::ICD10CM) == "R54.*,Z51.5");
  CHECK(itemsOf(f, CodeSystem::HCPCS) == "T1000..T1005");
  const ast::CodeItem& range = f.systems[2].items[0];
  CHECK(range.range.line == 5);
  CHECK(range.range.column == 2);
  CHECK(range.range.file->path() == "c.csv");
}

TEST_CASE("CSV: a drug column groups codes into drugs for pdc", "[codefile][pdc]") {
  Diagnostics diags;
  const auto f = readText("d.csv",
                          "system,code,Drug\n"
                          "RXNORM,617310, atorvastatin \n"
                          "RXNORM,617311,atorvastatin\n"
                          "RXNORM,314231,\n",
                          diags);
  INFO(codesOf(diags));
  REQUIRE(diags.items().empty());
  REQUIRE(f.systems.size() == 1);
  REQUIRE(f.systems[0].items.size() == 3);
  CHECK(f.systems[0].items[0].drug == "atorvastatin");
  CHECK(f.systems[0].items[1].drug == "atorvastatin");
  CHECK(f.systems[0].items[2].drug.empty());
}

TEST_CASE("CSV: a code under two drugs is E0118, in any of its NDC forms", "[codefile][pdc]") {
  Diagnostics diags;
  const auto f = readText("d.csv",
                          "system,code,drug\n"
                          "RXNORM,617310,atorvastatin\n"
                          "RXNORM,617310,atorvastatin\n"
                          "NDC,00002-1433-80,insulin\n"
                          "NDC,0002-1433-80,metformin\n"
                          "RXNORM,617310,\n",
                          diags);
  CHECK_FALSE(f.ok);
  REQUIRE(diags.items().size() == 2);
  const Diagnostic& ndc = diags.items()[0];
  CHECK(ndc.code == "E0118");
  CHECK(ndc.range.line == 5);
  CHECK(ndc.range.column == 5);
  CHECK(ndc.message ==
        "'0002-1433-80' is listed under the drug 'metformin' here and under the drug 'insulin' on "
        "line 4");
  CHECK(diags.items()[1].range.line == 6);
  CHECK(diags.items()[1].message ==
        "'617310' is listed under no drug here and under the drug 'atorvastatin' on line 2");
}

TEST_CASE("CSV: every kind of bad row is E0118 at its line and column", "[codefile]") {
  struct Case {
    const char* text;
    int line, column;
    const char* message;
  };
  const Case cases[] = {
      {"", 1, 1, "no header"},
      {"system,display\nCPT,x\n", 1, 1, "lacks the column 'code'"},
      {"code,display\n77067,x\n", 1, 1, "lacks the column 'system'"},
      {"system,code\nCPT,77067\nCTP,77066\n", 3, 1, "unknown code system 'CTP'"},
      {"system,code\n,77067\n", 2, 1, "no code system"},
      {"system,code\nCPT,77067\nCPT, \n", 3, 5, "no code"},
      {"system,code,display\nCPT\n", 2, 1, "the row has 1 field(s), the header 3"},
      {"system,code\nHCPCS,T1000..\n", 2, 7, "'T1000..' is not a code range"},
      {"system,code\nCPT,\"77067\"x\n", 2, 1, "unreadable row"},
      {"system,code\nCPT,\"77067\n", 2, 1, "unreadable row"},
  };
  for (const Case& k : cases) {
    Diagnostics diags;
    const auto f = readText("bad.csv", k.text, diags);
    INFO(k.text << "\n" << codesOf(diags));
    CHECK_FALSE(f.ok);
    const auto e = withCode(diags, "E0118");
    REQUIRE(e.size() == 1);
    CHECK(e[0].message.find(k.message) != std::string::npos);
    CHECK(e[0].range.line == k.line);
    CHECK(e[0].range.column == k.column);
    CHECK(e[0].range.file->path() == "bad.csv");
  }
}

TEST_CASE("CSV: the rows after a bad one are still read", "[codefile]") {
  Diagnostics diags;
  const auto f = readText("x.csv", "system,code\nFOO,1\nCPT,77067\nBAR,2\n", diags);
  CHECK(withCode(diags, "E0118").size() == 2);
  CHECK(itemsOf(f, CodeSystem::CPT) == "77067");
}

TEST_CASE("a code file is neither .csv nor .json: E0117", "[codefile]") {
  Diagnostics diags;
  const auto f = readText("codes.txt", "system,code\nCPT,77067\n", diags);
  CHECK_FALSE(f.ok);
  CHECK(withCode(diags, "E0117").size() == 1);
}

// --- FHIR ValueSet ------------------------------------------------------------------

TEST_CASE("ValueSet: nested expansion entries, abstract groups, unknown systems counted",
          "[codefile]") {
  Diagnostics diags;
  const auto f = readText("v.json", R"({
  "resourceType": "ValueSet",
  "expansion": { "contains": [
    { "system": "http://www.ama-assn.org/go/cpt", "code": "77067" },
    { "abstract": true, "code": "GROUP", "system": "http://snomed.info/sct", "contains": [
      { "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "Z51.5" },
      { "contains": [ { "system": "http://loinc.org", "code": "4548-4" } ] }
    ] },
    { "system": "https://nahdo.org/sopt", "code": "1" },
    { "system": "https://nahdo.org/sopt", "code": "2" },
    { "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "310436" }
  ] }
})",
                          diags);
  INFO(codesOf(diags));
  REQUIRE(diags.items().empty());
  CHECK(f.ok);
  CHECK(f.codeCount == 4);
  CHECK(itemsOf(f, CodeSystem::CPT) == "77067");
  CHECK(itemsOf(f, CodeSystem::ICD10CM) == "Z51.5");
  CHECK(itemsOf(f, CodeSystem::LOINC) == "4548-4");
  CHECK(itemsOf(f, CodeSystem::RXNORM) == "310436");
  CHECK(itemsOf(f, CodeSystem::SNOMEDCT).empty());  // the abstract group is not a code
  REQUIRE(f.skipped.size() == 1);
  CHECK(f.skipped.at("https://nahdo.org/sopt") == 2);
  // Each code is placed where it is written.
  const ast::CodeItem& loinc = f.systems[2].items[0];
  CHECK(loinc.range.line == 7);
  CHECK(loinc.range.column == 64);
}

TEST_CASE("ValueSet: without an expansion, compose.include concepts", "[codefile]") {
  Diagnostics diags;
  const auto f = readText("v.json", R"({"resourceType": "ValueSet", "compose": {"include": [
    {"system": "http://hl7.org/fhir/sid/icd-10-cm", "concept": [{"code": "R54"}, {"code": "R64"}]},
    {"system": "http://www.nlm.nih.gov/research/umls/hcpcs", "concept": [{"code": "G0182"}]},
    {"system": "https://www.cdc.gov/nhsn/cdaportal/terminology/codesystem/hsloc.html",
     "concept": [{"code": "1108-0"}]}
  ]}})",
                          diags);
  INFO(codesOf(diags));
  REQUIRE(diags.items().empty());
  CHECK(itemsOf(f, CodeSystem::ICD10CM) == "R54,R64");
  CHECK(itemsOf(f, CodeSystem::HCPCS) == "G0182");
  CHECK(f.skipped.size() == 1);
}

TEST_CASE("ValueSet: what cannot be read completely is E0119", "[codefile]") {
  const std::pair<const char*, const char*> cases[] = {
      {"{not json", "not valid JSON"},
      {R"({"resourceType": "CodeSystem"})", "not a FHIR ValueSet"},
      {R"({"resourceType": "ValueSet"})", "neither an expansion nor compose.include"},
      {R"({"resourceType": "ValueSet", "compose": {"include": [
         {"valueSet": ["http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113883.3.464.1003.1003"]}]}})",
       "refers to another value set"},
      {R"({"resourceType": "ValueSet", "compose": {"include": [{"system": "http://loinc.org",
         "filter": [{"property": "concept", "op": "is-a", "value": "1"}]}]}})",
       "by a filter"},
      {R"({"resourceType": "ValueSet", "compose": {"include": [{"system": "http://loinc.org",
         "concept": [{"code": "4548-4"}]}], "exclude": [{"system": "http://loinc.org"}]}})",
       "compose.exclude"},
      {R"({"resourceType": "ValueSet", "expansion": {"contains": [{"code": "4548-4"}]}})",
       "has no system"},
  };
  for (const auto& [text, message] : cases) {
    Diagnostics diags;
    const auto f = readText("v.json", text, diags);
    INFO(text << "\n" << codesOf(diags));
    CHECK_FALSE(f.ok);
    const auto e = withCode(diags, "E0119");
    REQUIRE(e.size() == 1);
    CHECK(e[0].message.find(message) != std::string::npos);
  }
}

TEST_CASE("ValueSet: a published eCQM expansion (Hospice Encounter, VSAC)", "[codefile]") {
  const std::string path = std::string(MEASUREC_SOURCE_DIR) +
                           "/tests/unit/compiler/fixtures/"
                           "valueset-2.16.840.1.113883.3.464.1003.1003.json";
  std::ifstream in(path);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  Diagnostics diags;
  const auto f = readText(path, text.str(), diags);
  INFO(codesOf(diags));
  REQUIRE(diags.items().empty());
  CHECK(f.codeCount == 26);
  REQUIRE(f.systems.size() == 2);
  CHECK(f.systems[0].system == CodeSystem::HCPCS);
  CHECK(f.systems[0].items.size() == 20);
  CHECK(f.systems[0].items[0].lo == "G9473");
  CHECK(f.systems[0].items[0].range.line == 21);
  CHECK(f.systems[1].system == CodeSystem::SNOMEDCT);
  CHECK(itemsOf(f, CodeSystem::SNOMEDCT) ==
        "183919006,183920000,183921001,305336008,305911006,385765002");
  CHECK(f.skipped.empty());
}

TEST_CASE("the FHIR URLs of our code systems", "[codefile]") {
  CHECK(codeSystemFromFhirUrl("http://hl7.org/fhir/sid/icd-10-cm") == CodeSystem::ICD10CM);
  CHECK(codeSystemFromFhirUrl("http://www.cms.gov/Medicare/Coding/ICD10") == CodeSystem::ICD10PCS);
  CHECK(codeSystemFromFhirUrl("https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets") ==
        CodeSystem::HCPCS);
  CHECK(codeSystemFromFhirUrl("http://hl7.org/fhir/sid/ndc") == CodeSystem::NDC);
  CHECK(codeSystemFromFhirUrl("http://hl7.org/fhir/sid/cvx") == CodeSystem::CVX);
  CHECK_FALSE(codeSystemFromFhirUrl(
      "https://www.cdc.gov/nhsn/cdaportal/terminology/codesystem/hsloc.html"));
}

// --- sema and lowering --------------------------------------------------------------

TEST_CASE("ir prints how many drugs a file set's drug column makes", "[codefile][pdc]") {
  ScratchDir dir("codefile-drugs");
  std::filesystem::create_directories(dir.at("codes"));
  write(dir.at("codes/d.csv"),
        "system,code,drug\nRXNORM,617310,atorvastatin\nRXNORM,617311,atorvastatin\n"
        "RXNORM,314231,simvastatin\nRXNORM,859747,\n");
  auto c = compileIn(dir, R"(file "codes/d.csv")");
  INFO(codesOf(c->diagnostics()));
  REQUIRE(c->diagnostics().items().empty());
  const std::string printed = ir::print(c->lower(*c->measures().at(0)));
  INFO(printed);
  // Two named drugs; the row without a drug is a drug of its own.
  CHECK(printed.find("codeset c0 file \"codes/d.csv\" (4 codes, 3 drugs)\n") != std::string::npos);
}

TEST_CASE("file sets: read beside the measure, once, lowered as their own set", "[codefile]") {
  ScratchDir dir("codefile");
  std::filesystem::create_directories(dir.at("codes"));
  write(dir.at("codes/s.csv"), "system,code\nCPT,77067\nICD10CM,R54.*\nHCPCS,T1000..T1005\n");
  auto c = compileIn(dir, R"(file "codes/s.csv" + file "codes/../codes/s.csv" - CPT{77067})");
  INFO(codesOf(c->diagnostics()));
  REQUIRE(c->diagnostics().items().empty());
  const ir::Measure m = c->lower(*c->measures().at(0));
  const std::string printed = ir::print(m);
  INFO(printed);
  CHECK(printed.find("codeset c0 file \"codes/s.csv\" (3 codes)\n") != std::string::npos);
  const ir::CodeSet& file = m.codesets.at(0);
  REQUIRE(file.terms.size() == 3);
  CHECK(file.terms[0].system == CodeSystem::CPT);
  CHECK(file.terms[1].codes.at(0).family);
  CHECK(file.terms[1].codes.at(0).lo == "R54");
  CHECK(file.terms[2].codes.at(0).hi == "T1005");
  // The same file by two paths is read once: one entry, one set of checks.
  int csvFiles = 0;
  for (const SourceFilePtr& f : c->sourceFiles())
    csvFiles += f->path().find(".csv") != std::string::npos;
  CHECK(csvFiles == 1);
}

TEST_CASE("E0122: with principal on a code file with codes of other systems", "[codefile]") {
  ScratchDir dir("codefile");
  write(dir.at("asthma.csv"), "system,code\nICD10CM,J45.40\nICD10CM,J45.50\n");
  write(dir.at("mixed.csv"), "system,code\nICD10CM,J45.40\nCPT,99213\n");
  auto check = [&](const std::string& file) {
    auto c = std::make_unique<Compilation>(mc::testing::stdlibDir());
    c->addSource(dir.at("t.measure"),
                 mc::testing::measure("  codeset S = file \"" + file +
                                      "\"\n  population true\n"
                                      "  numerator exists visit with principal S\n"));
    c->check();
    return c;
  };
  auto clean = check("asthma.csv");
  INFO(codesOf(clean->diagnostics()));
  CHECK(clean->diagnostics().items().empty());
  auto mixed = check("mixed.csv");
  INFO(codesOf(mixed->diagnostics()));
  const auto e = withCode(mixed->diagnostics(), "E0122");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message.find("holds CPT codes") != std::string::npos);
  CHECK(mixed->diagnostics().items().size() == 1);
}

TEST_CASE("E0117: a missing code file, named as the measure's path leads to it", "[codefile]") {
  ScratchDir dir("codefile");
  auto c = compileIn(dir, R"(file "codes/none.csv")");
  const auto e = withCode(c->diagnostics(), "E0117");
  INFO(codesOf(c->diagnostics()));
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "cannot read the code file 'codes/none.csv'");
  CHECK(e[0].note.find(dir.at("codes/none.csv")) != std::string::npos);
  CHECK(e[0].range.line == 3);
  CHECK(e[0].range.column == 15);
}

TEST_CASE("E0117: a code file of another kind", "[codefile]") {
  ScratchDir dir("codefile");
  write(dir.at("s.txt"), "system,code\nCPT,77067\n");
  auto c = compileIn(dir, R"(file "s.txt")");
  INFO(codesOf(c->diagnostics()));
  CHECK(withCode(c->diagnostics(), "E0117").size() == 1);
}

TEST_CASE("E0118 and E0105 in a CSV are reported in the CSV, once per file", "[codefile]") {
  ScratchDir dir("codefile");
  write(dir.at("s.csv"), "system,code\nCPT,77067\nCPT,7706\nXYZ,1\n");
  auto c = compileIn(dir, R"(file "s.csv" + file "s.csv")");
  INFO(codesOf(c->diagnostics()));
  const auto row = withCode(c->diagnostics(), "E0118");
  REQUIRE(row.size() == 1);
  CHECK(row[0].range.file->path() == dir.at("s.csv"));
  CHECK(row[0].range.line == 4);
  // The code shapes are checked only once the rows are all readable.
  CHECK(withCode(c->diagnostics(), "E0105").empty());

  write(dir.at("t.csv"), "system,code\nCPT,77067\nCPT,7706\n");
  auto shape = compileIn(dir, R"(file "t.csv" + file "t.csv")");
  INFO(codesOf(shape->diagnostics()));
  const auto e = withCode(shape->diagnostics(), "E0105");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "'7706' is not a valid CPT code");
  CHECK(e[0].range.line == 3);
  CHECK(e[0].range.column == 5);
}

TEST_CASE("E0119: a ValueSet that cannot be expanded here", "[codefile]") {
  ScratchDir dir("codefile");
  write(dir.at("v.json"), R"({"resourceType": "ValueSet", "compose": {"include": [
      {"valueSet": ["http://cts.nlm.nih.gov/fhir/ValueSet/1.2.3"]}]}})");
  auto c = compileIn(dir, R"(file "v.json")");
  INFO(codesOf(c->diagnostics()));
  CHECK(withCode(c->diagnostics(), "E0119").size() == 1);
}

TEST_CASE("E0120: a code file without codes; W0003: codes of other systems", "[codefile]") {
  ScratchDir dir("codefile");
  write(dir.at("empty.csv"), "system,code\n");
  auto c = compileIn(dir, R"(file "empty.csv")");
  INFO(codesOf(c->diagnostics()));
  CHECK(withCode(c->diagnostics(), "E0120").size() == 1);

  write(dir.at("v.json"), R"({"resourceType": "ValueSet", "expansion": {"contains": [
      {"system": "http://loinc.org", "code": "4548-4"},
      {"system": "urn:oid:2.16.840.1.113883.6.238", "code": "2106-3"},
      {"system": "urn:oid:2.16.840.1.113883.6.238", "code": "2135-2"}]}})");
  auto w = compileIn(dir, R"(file "v.json")");
  INFO(codesOf(w->diagnostics()));
  const auto warn = withCode(w->diagnostics(), "W0003");
  REQUIRE(warn.size() == 1);
  CHECK(warn[0].message.find("2 code(s) of 'v.json'") != std::string::npos);
  CHECK(warn[0].note.find("urn:oid:2.16.840.1.113883.6.238 (2)") != std::string::npos);
  CHECK_FALSE(w->hasErrors());

  write(dir.at("other.json"), R"({"resourceType": "ValueSet", "expansion": {"contains": [
      {"system": "urn:oid:2.16.840.1.113883.6.238", "code": "2106-3"}]}})");
  auto none = compileIn(dir, R"(file "other.json")");
  INFO(codesOf(none->diagnostics()));
  CHECK(withCode(none->diagnostics(), "W0003").size() == 1);
  CHECK(withCode(none->diagnostics(), "E0120").size() == 1);
}

TEST_CASE("W0002: not for a ValueSet's three-character ICD-10-CM codes, still for a CSV's",
          "[codefile]") {
  // VSAC's Advanced Illness expansion lists F04 and R54 (billable codes
  // without children) as the codes themselves.
  ScratchDir dir("codefile");
  write(dir.at("v.json"), R"({"resourceType": "ValueSet", "expansion": {"contains": [
      {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "F04"},
      {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "R54"},
      {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "G30.9"}]}})");
  auto json = compileIn(dir, R"(file "v.json")");
  INFO(codesOf(json->diagnostics()));
  CHECK(json->diagnostics().items().empty());

  write(dir.at("c.csv"), "system,code\nICD10CM,F04\nICD10CM,G30.9\n");
  auto csv = compileIn(dir, R"(file "c.csv" + file "v.json")");
  INFO(codesOf(csv->diagnostics()));
  const auto w = withCode(csv->diagnostics(), "W0002");
  REQUIRE(w.size() == 1);
  CHECK(w[0].range.file->path() == dir.at("c.csv"));
  CHECK(w[0].range.line == 2);
}

TEST_CASE("'file' is still a name where names are allowed", "[codefile]") {
  auto p = mc::testing::parseText(
      mc::testing::measure("  define file = true\n  population file\n  numerator true\n"));
  INFO(codesOf(p->diags));
  CHECK(p->diags.items().empty());
}
