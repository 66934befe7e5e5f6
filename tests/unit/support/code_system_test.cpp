// Code systems of support/CodeSystem: names, normalisation, shapes, ranges.
#include <catch2/catch.hpp>

#include "support/CodeSystem.h"

using namespace mc;

TEST_CASE("code system names round-trip", "[codes]") {
  for (int i = 0; i < kCodeSystemCount; ++i) {
    const auto system = static_cast<CodeSystem>(i);
    CHECK(codeSystemFromName(codeSystemName(system)) == system);
  }
  CHECK(codeSystemFromName("ICD10CM") == CodeSystem::ICD10CM);
  CHECK_FALSE(codeSystemFromName("ICD10"));
  CHECK(codeSystemFromName("cpt") == CodeSystem::CPT);  // enumerated values: any case
  CHECK_FALSE(codeSystemFromName(""));
  CHECK(codeSystemNames().rfind("CPT, HCPCS, ", 0) == 0);
  CHECK(codeSystemNames().find("PLAN") != std::string::npos);
}

TEST_CASE("UBDISCH: the UB-04 patient discharge status, 2 digits", "[codes]") {
  CHECK(checkCodeShape(CodeSystem::UBDISCH, "01").empty());
  CHECK(checkCodeShape(CodeSystem::UBDISCH, "50").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::UBDISCH, "1").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::UBDISCH, "HOME").empty());
  CHECK(codeSystemFromFhirUrl("https://www.nubc.org/CodeSystem/PatDischargeStatus") ==
        CodeSystem::UBDISCH);
}

TEST_CASE("OBSCAT, CONDCAT, USCORECAT: the FHIR category systems and their URIs", "[codes]") {
  CHECK(checkCodeShape(CodeSystem::OBSCAT, "laboratory").empty());
  CHECK(checkCodeShape(CodeSystem::OBSCAT, "vital-signs").empty());
  CHECK(checkCodeShape(CodeSystem::CONDCAT, "problem-list-item").empty());
  CHECK(checkCodeShape(CodeSystem::USCORECAT, "health-concern").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::OBSCAT, "lab test").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::CONDCAT, "-item").empty());
  CHECK(normalizeCode(CodeSystem::CONDCAT, "Problem-List-Item") == "problem-list-item");
  CHECK(normalizeCode(CodeSystem::CONDCAT, "Problem-List-Item") ==
        normalizeCode(CodeSystem::CONDCAT, "problem-list-item"));
  CHECK(codeSystemFromFhirUrl("http://terminology.hl7.org/CodeSystem/observation-category") ==
        CodeSystem::OBSCAT);
  CHECK(codeSystemFromFhirUrl("http://terminology.hl7.org/CodeSystem/condition-category") ==
        CodeSystem::CONDCAT);
  CHECK(codeSystemFromFhirUrl("http://hl7.org/fhir/us/core/CodeSystem/condition-category") ==
        CodeSystem::USCORECAT);
  CHECK(codeSystemFromName("obscat") == CodeSystem::OBSCAT);
}

TEST_CASE("ICD-10 codes compare without their dot", "[codes]") {
  CHECK(normalizeCode(CodeSystem::ICD10CM, "Z90.13") == "Z9013");
  CHECK(normalizeCode(CodeSystem::ICD10CM, "z90.13") == "Z9013");
  CHECK(normalizeCode(CodeSystem::ICD10CM, "Z9013") == "Z9013");
  CHECK(normalizeCode(CodeSystem::ICD10PCS, "0ut90zz") == "0UT90ZZ");
  CHECK(normalizeCode(CodeSystem::CPT, "3044f") == "3044F");
  CHECK(normalizeCode(CodeSystem::LOINC, "4548-4") == "4548-4");
  CHECK(normalizeCode(CodeSystem::NDC, "00002-3227-30") == "00002322730");  // ndc_test.cpp
}

TEST_CASE("code shapes", "[codes]") {
  CHECK(checkCodeShape(CodeSystem::CPT, "77067").empty());
  CHECK(checkCodeShape(CodeSystem::CPT, "3044F").empty());
  CHECK(checkCodeShape(CodeSystem::CPT, "0001U").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::CPT, "7706").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::CPT, "770677").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::CPT, "A7706").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::CPT, "7706X").empty());

  CHECK(checkCodeShape(CodeSystem::ICD10CM, "Z90.13").empty());
  CHECK(checkCodeShape(CodeSystem::ICD10CM, "Z9013").empty());
  CHECK(checkCodeShape(CodeSystem::ICD10CM, "E11").empty());
  CHECK(checkCodeShape(CodeSystem::ICD10CM, "O09.891").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::ICD10CM, "Z9.013").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::ICD10CM, "90.13").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::ICD10CM, "Z9").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::ICD10CM, "Z90.12345").empty());

  CHECK(checkCodeShape(CodeSystem::LOINC, "4548-4").empty());
  CHECK(checkCodeShape(CodeSystem::LOINC, "2345-7").empty());
  CHECK(checkCodeShape(CodeSystem::LOINC, "17856-6").empty());
  CHECK(checkCodeShape(CodeSystem::LOINC, "4548-5").find("check digit") != std::string::npos);
  CHECK_FALSE(checkCodeShape(CodeSystem::LOINC, "45484").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::LOINC, "4548-").empty());

  CHECK(checkCodeShape(CodeSystem::HCPCS, "G8431").empty());
  CHECK(checkCodeShape(CodeSystem::CVX, "03").empty());
  CHECK(checkCodeShape(CodeSystem::NDC, "00002-3227-30").empty());
  CHECK(checkCodeShape(CodeSystem::NDC, "00002322730").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::NDC, "123").empty());
  CHECK(checkCodeShape(CodeSystem::PLAN, "NURSE_ADVICE_CALL").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::PLAN, "NURSE ADVICE").empty());
}

TEST_CASE("ICD-10 ranges cover the children of their end code", "[codes]") {
  const auto icd = CodeSystem::ICD10CM;
  // Z00.2..Z02.3, normalised.
  CHECK(codeInRange(icd, "Z0231", "Z002", "Z023"));
  CHECK(codeInRange(icd, "Z023", "Z002", "Z023"));
  CHECK(codeInRange(icd, "Z002", "Z002", "Z023"));
  CHECK(codeInRange(icd, "Z01", "Z002", "Z023"));
  CHECK(codeInRange(icd, "Z0110", "Z002", "Z023"));
  CHECK_FALSE(codeInRange(icd, "Z024", "Z002", "Z023"));
  CHECK_FALSE(codeInRange(icd, "Z001", "Z002", "Z023"));
  CHECK_FALSE(codeInRange(icd, "Z03", "Z002", "Z023"));
}

TEST_CASE("other ranges compare codes of the ends' length", "[codes]") {
  const auto cpt = CodeSystem::CPT;
  CHECK(codeInRange(cpt, "77065", "77061", "77067"));
  CHECK(codeInRange(cpt, "77061", "77061", "77067"));
  CHECK(codeInRange(cpt, "77067", "77061", "77067"));
  CHECK_FALSE(codeInRange(cpt, "77068", "77061", "77067"));
  CHECK_FALSE(codeInRange(cpt, "77060", "77061", "77067"));
  CHECK_FALSE(codeInRange(cpt, "770655", "77061", "77067"));
}

TEST_CASE("qualified codes split into system and normalised code", "[codes]") {
  const auto code = splitQualifiedCode("ICD10CM:z90.13");
  REQUIRE(code);
  CHECK(code->system == CodeSystem::ICD10CM);
  CHECK(code->systemName == "ICD10CM");
  CHECK(code->code == "Z9013");

  const auto unknown = splitQualifiedCode("ICD9:250.00");
  REQUIRE(unknown);
  CHECK_FALSE(unknown->system);
  CHECK(unknown->systemName == "ICD9");
  CHECK(unknown->code == "250.00");

  const auto plan = splitQualifiedCode("PLAN:NURSE_ADVICE_CALL");
  REQUIRE(plan);
  CHECK(plan->system == CodeSystem::PLAN);

  CHECK_FALSE(splitQualifiedCode("99213"));
  CHECK_FALSE(splitQualifiedCode(":99213"));
  CHECK_FALSE(splitQualifiedCode("CPT:"));
  CHECK_FALSE(splitQualifiedCode(""));
}

TEST_CASE("an ICD-10-CM code has at most one dot, after its category", "[codes]") {
  CHECK_FALSE(checkCodeShape(CodeSystem::ICD10CM, "Z90.1.3").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::ICD10CM, "Z90.").empty());
  CHECK_FALSE(checkCodeShape(CodeSystem::ICD10CM, "Z.9013").empty());
}

TEST_CASE("code families exist where codes are hierarchical by prefix", "[codes]") {
  CHECK(hasCodeFamilies(CodeSystem::ICD10CM));
  CHECK(hasCodeFamilies(CodeSystem::ICD10PCS));
  for (CodeSystem s : {CodeSystem::CPT, CodeSystem::HCPCS, CodeSystem::LOINC, CodeSystem::NDC,
                       CodeSystem::SNOMEDCT, CodeSystem::PLAN}) {
    CHECK_FALSE(hasCodeFamilies(s));
    CHECK(checkFamilyShape(s, "7706").find("no families") != std::string::npos);
  }
  CHECK(familyPrefix("Z30.*") == "Z30");
  CHECK(familyPrefix("Z30.0*") == "Z30.0");
  CHECK(familyPrefix("0UT9*") == "0UT9");
  CHECK(checkFamilyShape(CodeSystem::ICD10CM, "Z30").empty());
  CHECK(checkFamilyShape(CodeSystem::ICD10CM, "Z30.0").empty());
  CHECK_FALSE(checkFamilyShape(CodeSystem::ICD10CM, "Z3").empty());
  CHECK_FALSE(checkFamilyShape(CodeSystem::ICD10CM, "Z30.0119").empty());  // 7 chars: no children
  CHECK(checkFamilyShape(CodeSystem::ICD10PCS, "0UT9").empty());
  CHECK_FALSE(checkFamilyShape(CodeSystem::ICD10PCS, "0UTI").empty());
  CHECK_FALSE(checkFamilyShape(CodeSystem::ICD10PCS, "0UT90ZZ").empty());
}

TEST_CASE("a family holds its code and every code that extends it", "[codes]") {
  CHECK(codeInFamily("Z30", "Z30"));
  CHECK(codeInFamily("Z30011", "Z30"));
  CHECK(codeInFamily("Z309", "Z30"));
  CHECK_FALSE(codeInFamily("Z31", "Z30"));
  CHECK_FALSE(codeInFamily("Z3", "Z30"));
  CHECK_FALSE(codeInFamily("Z2909", "Z30"));
}

TEST_CASE("an ICD-10-CM three-character category is a code with children", "[codes]") {
  CHECK(isCategoryWithChildren(CodeSystem::ICD10CM, "Z30"));
  CHECK(isCategoryWithChildren(CodeSystem::ICD10CM, "E11"));
  CHECK_FALSE(isCategoryWithChildren(CodeSystem::ICD10CM, "Z3001"));
  CHECK_FALSE(isCategoryWithChildren(CodeSystem::CPT, "770"));
  CHECK_FALSE(isCategoryWithChildren(CodeSystem::ICD10PCS, "0UT"));
}
