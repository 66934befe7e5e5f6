// Code sets bound to a store's dictionary: ranges, the ICD-10 children rule,
// unions and differences.
#include <catch2/catch.hpp>

#include "interp/CodeSetBinding.h"

using namespace mc;

namespace {

ir::CodeSetTerm list(CodeSystem system, std::vector<ir::CodeRange> codes, bool subtract = false) {
  ir::CodeSetTerm t;
  t.system = system;
  t.codes = std::move(codes);
  t.subtract = subtract;
  return t;
}

ir::CodeSetTerm ref(std::int32_t set, bool subtract = false) {
  ir::CodeSetTerm t;
  t.ref = set;
  t.subtract = subtract;
  return t;
}

}  // namespace

TEST_CASE("code sets bind ranges, children of short range ends, unions and differences") {
  store::CodeDictionary dict;
  const auto z0121 = dict.intern(CodeSystem::ICD10CM, "Z00121");
  const auto z0231 = dict.intern(CodeSystem::ICD10CM, "Z0231");  // child of the Z02.3 end
  const auto z024 = dict.intern(CodeSystem::ICD10CM, "Z024");
  const auto cpt77065 = dict.intern(CodeSystem::CPT, "77065");
  const auto cpt77068 = dict.intern(CodeSystem::CPT, "77068");
  const auto hcpcs77065 = dict.intern(CodeSystem::HCPCS, "77065");

  ir::Measure m;
  m.codesets.push_back(
      {"Icd", {list(CodeSystem::ICD10CM, {{"Z002", "Z023"}, {"Z00121", "Z00121"}})}});
  m.codesets.push_back({"Mammo", {list(CodeSystem::CPT, {{"77061", "77067"}})}});
  // (Icd + Mammo) - Z00.121
  m.codesets.push_back(
      {"Both", {ref(0), ref(1), list(CodeSystem::ICD10CM, {{"Z00121", "Z00121"}}, true)}});
  // Mammo - Both: empty
  m.codesets.push_back({"None", {ref(1), ref(2, true)}});

  const interp::CodeSetBinding b(m, dict);
  CHECK(b.contains(0, z0121));
  CHECK(b.contains(0, z0231));
  CHECK_FALSE(b.contains(0, z024));
  CHECK(b.contains(1, cpt77065));
  CHECK_FALSE(b.contains(1, cpt77068));
  CHECK_FALSE(b.contains(1, hcpcs77065));  // same text in another system never matches
  CHECK(b.contains(2, z0231));
  CHECK(b.contains(2, cpt77065));
  CHECK_FALSE(b.contains(2, z0121));
  CHECK(b.size(3) == 0);
  CHECK(b.size(2) == 2);
}

TEST_CASE("a chain of 100,000 code sets binds without deep recursion") {
  store::CodeDictionary dict;
  const auto cpt77067 = dict.intern(CodeSystem::CPT, "77067");
  const auto cpt77066 = dict.intern(CodeSystem::CPT, "77066");
  ir::Measure m;
  m.codesets.push_back({"C0", {list(CodeSystem::CPT, {{"77067", "77067"}})}});
  // Each set names the next one, so binding set 0 needs all of them first.
  const int n = 100000;
  m.codesets.front().terms.push_back(ref(1));
  for (int i = 1; i < n; ++i) {
    m.codesets.push_back({"C" + std::to_string(i), {}});
    if (i + 1 < n) m.codesets.back().terms.push_back(ref(i + 1));
  }
  m.codesets.back().terms.push_back(list(CodeSystem::CPT, {{"77066", "77066"}}));
  const interp::CodeSetBinding b(m, dict);
  CHECK(b.contains(0, cpt77067));
  CHECK(b.contains(0, cpt77066));
  CHECK(b.contains(1, cpt77066));
  CHECK_FALSE(b.contains(1, cpt77067));
}

TEST_CASE("sets that use the previous one twice bind once each") {
  store::CodeDictionary dict;
  const auto cpt77067 = dict.intern(CodeSystem::CPT, "77067");
  ir::Measure m;
  m.codesets.push_back({"C0", {list(CodeSystem::CPT, {{"77067", "77067"}})}});
  for (int i = 1; i <= 60; ++i)
    m.codesets.push_back({"C" + std::to_string(i), {ref(i - 1), ref(i - 1)}});
  const interp::CodeSetBinding b(m, dict);
  CHECK(b.contains(60, cpt77067));
  CHECK(b.size(60) == 1);
}

TEST_CASE("a code family binds its code and all its children, in its system only") {
  store::CodeDictionary dict;
  const auto z30 = dict.intern(CodeSystem::ICD10CM, "Z30");
  const auto z30011 = dict.intern(CodeSystem::ICD10CM, "Z30011");
  const auto z309 = dict.intern(CodeSystem::ICD10CM, "Z309");
  const auto z31 = dict.intern(CodeSystem::ICD10CM, "Z31");
  const auto z2909 = dict.intern(CodeSystem::ICD10CM, "Z2909");
  const auto pcs = dict.intern(CodeSystem::ICD10PCS, "Z309ZZZ");
  ir::Measure m;
  ir::CodeSetTerm family = list(CodeSystem::ICD10CM, {{"Z30", "Z30"}});
  family.codes[0].family = true;
  m.codesets.push_back({"Contraception", {family}});
  m.codesets.push_back({"Bare", {list(CodeSystem::ICD10CM, {{"Z30", "Z30"}})}});
  const interp::CodeSetBinding b(m, dict);
  CHECK(b.contains(0, z30));
  CHECK(b.contains(0, z30011));
  CHECK(b.contains(0, z309));
  CHECK_FALSE(b.contains(0, z31));
  CHECK_FALSE(b.contains(0, z2909));
  CHECK_FALSE(b.contains(0, pcs));
  CHECK(b.size(0) == 3);
  CHECK(b.size(1) == 1);  // a single code matches only itself
  CHECK(b.contains(1, z30));
}

TEST_CASE("code sets carry a code file's drug groups, through references", "[pdc]") {
  store::CodeDictionary dict;
  const auto a10 = dict.intern(CodeSystem::RXNORM, "617310");
  const auto a20 = dict.intern(CodeSystem::RXNORM, "617311");
  const auto s20 = dict.intern(CodeSystem::RXNORM, "314231");
  const auto other = dict.intern(CodeSystem::RXNORM, "860975");

  ir::Measure m;
  m.codesets.push_back({"Statins",
                        {list(CodeSystem::RXNORM, {{"617310", "617310", false, "atorvastatin"},
                                                   {"617311", "617311", false, "atorvastatin"},
                                                   {"314231", "314231", false, "simvastatin"}})}});
  m.codesets.push_back({"Union", {ref(0), list(CodeSystem::RXNORM, {{"860975", "860975"}})}});
  const interp::CodeSetBinding b(m, dict);
  const auto none = interp::CodeSetBinding::kNoDrug;
  CHECK(b.drugOf(0, a10) != none);
  CHECK(b.drugOf(0, a10) == b.drugOf(0, a20));
  CHECK(b.drugOf(0, s20) != b.drugOf(0, a10));
  CHECK(b.drugOf(0, other) == none);
  CHECK(b.drugOf(1, a20) == b.drugOf(0, a20));
  CHECK(b.drugOf(1, other) == none);
}
