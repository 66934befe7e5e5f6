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

// A code written `SYSTEM:CODE` (DATA.md); nullopt system when unknown.
struct QualifiedCode {
  std::optional<CodeSystem> system;
  std::string systemName;
  std::string code;  // normalised when the system is known
};
std::optional<QualifiedCode> splitQualifiedCode(std::string_view text);

}  // namespace mc
