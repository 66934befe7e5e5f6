// The code systems of DATA.md: the one place that names them, checks the
// shape of their codes and normalises codes for comparison.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mc {

enum class CodeSystem : std::uint8_t {
  CPT,
  HCPCS,
  CDT,
  ICD10CM,
  ICD10PCS,
  SNOMEDCT,
  LOINC,
  CVX,
  NDC,
  RXNORM,
  UBREV,
  POS,
  PLAN,
};
inline constexpr int kCodeSystemCount = 13;

std::optional<CodeSystem> codeSystemFromName(std::string_view name);
const char* codeSystemName(CodeSystem system);
// The system of a FHIR code system URL as published in eCQM ValueSets
// (`http://loinc.org` -> LOINC); nullopt for systems measurec does not know.
std::optional<CodeSystem> codeSystemFromFhirUrl(std::string_view url);
// All names, comma separated, for "expected one of ..." messages.
std::string codeSystemNames();

// The comparable form of a code: ICD-10 codes lose their dot and are upper
// case (`z90.13` -> `Z9013`); other systems keep their text, upper-cased
// except NDC/LOINC digits and hyphens which are kept as written.
std::string normalizeCode(CodeSystem system, std::string_view code);

// Empty when `code` has the shape its system requires; otherwise what is
// expected, e.g. "a CPT code is 5 characters: 4 digits and a digit, F, T or U".
std::string checkCodeShape(CodeSystem system, std::string_view code);

// ICD-10 range rule (DESIGN.md): codes compare on their normalised text; a
// range end shorter than the code covers all of its children, so
// `Z00.2..Z02.3` holds `Z02.31`. For other systems, plain text order on
// codes of the range ends' length.
bool codeInRange(CodeSystem system, std::string_view normalizedCode, std::string_view lo,
                 std::string_view hi);

// Code families (`Z30.*`: the code and all its children). Only systems whose
// codes are hierarchical by prefix have them: ICD-10-CM (a category, then
// subcategories and codes that extend it) and ICD-10-PCS (each character
// narrows the procedure). CPT, HCPCS and the rest are not: a prefix there
// names no concept, so a family would be a guess; use a range.
bool hasCodeFamilies(CodeSystem system);
// Empty when `prefix` (as written, without the `.*` or `*`) can head a
// family of `system`; otherwise what is expected.
std::string checkFamilyShape(CodeSystem system, std::string_view prefix);
// The written prefix of a family `Z30.*` / `Z30.0*`: `Z30` / `Z30.0`.
std::string_view familyPrefix(std::string_view written);
// Whether a normalised code is in the family of a normalised prefix: the
// code itself or any code that extends it.
bool codeInFamily(std::string_view normalizedCode, std::string_view normalizedPrefix);
// Whether a code, by its system's shape, heads codes below it so that an
// analyst writing it alone probably meant its family: an ICD-10-CM
// three-character category (Z30, E11).
bool isCategoryWithChildren(CodeSystem system, std::string_view normalizedCode);

// A code written `SYSTEM:CODE` (DATA.md); nullopt system when unknown.
struct QualifiedCode {
  std::optional<CodeSystem> system;
  std::string systemName;
  std::string code;  // normalised when the system is known
};
std::optional<QualifiedCode> splitQualifiedCode(std::string_view text);

}  // namespace mc
