// The code systems of DATA.md: the one place that names them, checks the
// shape of their codes and normalises codes for comparison.
#pragma once

#include <array>
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
  // NUBC UB-04 patient discharge status (FL 17): visits.csv `discharge_status`
  // as claims write it, bare (`01`, `50`).
  UBDISCH,
  // FHIR category codes (observations.csv / conditions.csv `category`):
  // HL7 Terminology's observation-category (`laboratory`, `vital-signs`,
  // `survey`, ...) and condition-category (`problem-list-item`,
  // `encounter-diagnosis`), and US Core's condition-category
  // (`health-concern`), as QICoreCommon names them; lower-cased codes.
  OBSCAT,
  CONDCAT,
  USCORECAT,
  // FHIR request intents (orders.csv `intent`): HL7's request-intent codes
  // (`order`, `original-order`, `plan`, `proposal`, ...), lower-cased.
  REQINTENT,
};
inline constexpr int kCodeSystemCount = 18;

std::optional<CodeSystem> codeSystemFromName(std::string_view name);
const char* codeSystemName(CodeSystem system);
// The system of a FHIR code system URL as published in eCQM ValueSets
// (`http://loinc.org` -> LOINC); nullopt for systems measurec does not know.
std::optional<CodeSystem> codeSystemFromFhirUrl(std::string_view url);
// All names, comma separated, for "expected one of ..." messages.
std::string codeSystemNames();

// The comparable form of a code: ICD-10 codes lose their dot and are upper
// case (`z90.13` -> `Z9013`); an NDC is its 11 digits (`0002-3227-30` ->
// `00002322730`, see readNdc); other systems keep their text, upper-cased.
// A code of the wrong shape keeps its (upper-cased) text.
std::string normalizeCode(CodeSystem system, std::string_view code);

// National Drug Codes in every published form, read into the one 11-digit
// form codes compare on.
//
// Source: FDA, National Drug Code Directory (its description of the NDC):
// an NDC is 10 digits in three segments, labeler-product-package, in one of
// three configurations, 4-4-2, 5-3-2 or 5-4-1. HIPAA standard transactions
// (NCPDP pharmacy claims, X12 837; CMS billing guidance) carry the 11-digit
// 5-4-2 form, made by a leading zero on the short segment: 0002-3227-30 (4-4-2) -> 00002-3227-30,
// 00002-227-30 (5-3-2) -> 00002-0227-30, 00002-3227-3 (5-4-1) ->
// 00002-3227-03. The hyphens say which segment is short, so 10 digits
// without them are ambiguous: they could be any of the three.
enum class NdcReading : std::uint8_t {
  Ok,            // `digits` holds the 11-digit form
  AmbiguousTen,  // 10 digits without hyphens
  BadShape,      // anything else: wrong segment lengths, letters, ...
};
struct Ndc {
  NdcReading reading = NdcReading::BadShape;
  std::array<char, 11> digits{};  // valid when reading is Ok
  std::string_view text() const { return {digits.data(), digits.size()}; }
};
// Reads 11 digits, 5-4-2 with hyphens, or 10 digits with hyphens in 4-4-2,
// 5-3-2 or 5-4-1 groups. Allocates nothing: the data path reads every
// pharmacy row with it.
Ndc readNdc(std::string_view written);
// Whether `code` is an NDC of 10 digits without hyphens (NdcReading::AmbiguousTen).
bool isAmbiguousNdc(CodeSystem system, std::string_view code);
// The error for an ambiguous NDC, in check and in data alike.
std::string ambiguousNdcMessage(std::string_view tenDigits);
// What to write instead of the ambiguous `tenDigits`: the three hyphenated
// readings and the 11-digit code each stands for, or the 11-digit code.
std::string ambiguousNdcHint(std::string_view tenDigits);

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
