// Code-system names, code shapes and the ICD-10 range rule.
#include "support/CodeSystem.h"

#include <cctype>
#include <utility>

#include "support/EventVocabulary.h"

namespace mc {
namespace {

struct SystemInfo {
  CodeSystem system;
  const char* name;
};

constexpr SystemInfo kSystems[] = {
    {CodeSystem::CPT, "CPT"},           {CodeSystem::HCPCS, "HCPCS"},
    {CodeSystem::CDT, "CDT"},           {CodeSystem::ICD10CM, "ICD10CM"},
    {CodeSystem::ICD10PCS, "ICD10PCS"}, {CodeSystem::SNOMEDCT, "SNOMEDCT"},
    {CodeSystem::LOINC, "LOINC"},       {CodeSystem::CVX, "CVX"},
    {CodeSystem::NDC, "NDC"},           {CodeSystem::RXNORM, "RXNORM"},
    {CodeSystem::UBREV, "UBREV"},       {CodeSystem::POS, "POS"},
    {CodeSystem::PLAN, "PLAN"},
};

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isAlnumUpper(char c) { return isDigit(c) || isUpper(c); }

bool allDigits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (!isDigit(c)) return false;
  }
  return true;
}

// LOINC check digit: the Mod 10 algorithm of the LOINC Users' Guide, appendix
// on check digits (double every other digit from the right of the code part).
bool loincCheckDigitOk(std::string_view code) {
  const size_t dash = code.find('-');
  const std::string_view body = code.substr(0, dash);
  int sum = 0;
  bool doubleIt = true;
  for (size_t i = body.size(); i-- > 0;) {
    int d = body[i] - '0';
    if (doubleIt) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    doubleIt = !doubleIt;
  }
  const int check = (10 - sum % 10) % 10;
  return code[dash + 1] - '0' == check;
}

bool isIcd10System(CodeSystem s) { return s == CodeSystem::ICD10CM || s == CodeSystem::ICD10PCS; }

}  // namespace

std::optional<CodeSystem> codeSystemFromName(std::string_view name) {
  // Like every enumerated value in data, case-insensitive (`cpt:99213`).
  for (const SystemInfo& info : kSystems) {
    if (equalsIgnoreCase(name, info.name)) return info.system;
  }
  return std::nullopt;
}

// The one table of FHIR code system URLs: those VSAC and the CMS eCQM
// packages use, plus the HL7 canonical URL where it differs. PLAN codes are
// the plan's own and have none.
std::optional<CodeSystem> codeSystemFromFhirUrl(std::string_view url) {
  static const std::pair<const char*, CodeSystem> kUrls[] = {
      {"http://www.ama-assn.org/go/cpt", CodeSystem::CPT},
      {"http://www.nlm.nih.gov/research/umls/hcpcs", CodeSystem::HCPCS},
      {"https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", CodeSystem::HCPCS},
      {"http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", CodeSystem::HCPCS},
      {"http://www.ada.org/cdt", CodeSystem::CDT},
      {"http://hl7.org/fhir/sid/icd-10-cm", CodeSystem::ICD10CM},
      {"http://www.cms.gov/Medicare/Coding/ICD10", CodeSystem::ICD10PCS},
      {"http://snomed.info/sct", CodeSystem::SNOMEDCT},
      {"http://loinc.org", CodeSystem::LOINC},
      {"http://hl7.org/fhir/sid/cvx", CodeSystem::CVX},
      {"http://hl7.org/fhir/sid/ndc", CodeSystem::NDC},
      {"http://www.nlm.nih.gov/research/umls/rxnorm", CodeSystem::RXNORM},
      {"https://www.nubc.org/CodeSystem/RevenueCodes", CodeSystem::UBREV},
      {"https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set",
       CodeSystem::POS},
  };
  for (const auto& [known, system] : kUrls) {
    if (url == known) return system;
  }
  return std::nullopt;
}

const char* codeSystemName(CodeSystem system) { return kSystems[static_cast<int>(system)].name; }

std::string codeSystemNames() {
  std::string out;
  for (const SystemInfo& info : kSystems) {
    if (!out.empty()) out += ", ";
    out += info.name;
  }
  return out;
}

std::string normalizeCode(CodeSystem system, std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (const char c : code) {
    if (c == '.' && isIcd10System(system)) continue;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string checkCodeShape(CodeSystem system, std::string_view raw) {
  const std::string code = normalizeCode(system, raw);
  switch (system) {
    case CodeSystem::CPT:
      // AMA CPT: category I is 5 digits; category II ends in F, III in T,
      // PLA codes in U.
      if (code.size() == 5 && allDigits(code.substr(0, 4)) &&
          (isDigit(code[4]) || code[4] == 'F' || code[4] == 'T' || code[4] == 'U'))
        return {};
      return "a CPT code is 5 characters: 4 digits, then a digit, F, T or U (e.g. 77067, 3044F)";
    case CodeSystem::HCPCS:
      // CMS HCPCS Level II: a letter and 4 digits.
      if (code.size() == 5 && isUpper(code[0]) && allDigits(code.substr(1))) return {};
      return "a HCPCS Level II code is a letter and 4 digits (e.g. G8431)";
    case CodeSystem::CDT:
      if (code.size() == 5 && code[0] == 'D' && allDigits(code.substr(1))) return {};
      return "a CDT code is D and 4 digits (e.g. D1206)";
    case CodeSystem::ICD10CM: {
      // ICD-10-CM: letter, digit, alphanumeric, then up to 4 more characters
      // after the (optional) dot.
      const size_t dot = raw.find('.');
      const bool dotOk =
          dot == std::string_view::npos ||
          (dot == 3 && raw.size() > 4 && raw.find('.', dot + 1) == std::string_view::npos);
      bool ok = dotOk && code.size() >= 3 && code.size() <= 7 && isUpper(code[0]) &&
                isDigit(code[1]) && isAlnumUpper(code[2]);
      for (size_t i = 3; ok && i < code.size(); ++i) ok = isAlnumUpper(code[i]);
      if (ok) return {};
      return "an ICD-10-CM code is a letter, a digit, a letter or digit, then up to 4 letters "
             "or digits after an optional dot (e.g. Z90.13)";
    }
    case CodeSystem::ICD10PCS: {
      bool ok = code.size() == 7;
      for (size_t i = 0; ok && i < code.size(); ++i)
        ok = isAlnumUpper(code[i]) && code[i] != 'I' && code[i] != 'O';
      if (ok) return {};
      return "an ICD-10-PCS code is 7 letters or digits, without I or O (e.g. 0UT90ZZ)";
    }
    case CodeSystem::SNOMEDCT:
      if (code.size() >= 6 && code.size() <= 18 && allDigits(code)) return {};
      return "a SNOMED CT concept id is 6 to 18 digits";
    case CodeSystem::LOINC: {
      const size_t dash = code.find('-');
      if (dash != std::string::npos && dash >= 1 && dash <= 7 && dash + 2 == code.size() &&
          allDigits(code.substr(0, dash)) && isDigit(code[dash + 1])) {
        if (loincCheckDigitOk(code)) return {};
        return "this LOINC code fails its check digit (LOINC Mod 10): look for a typo";
      }
      return "a LOINC code is 1 to 7 digits, a hyphen and a check digit (e.g. 4548-4)";
    }
    case CodeSystem::CVX:
      if (code.size() >= 1 && code.size() <= 3 && allDigits(code)) return {};
      return "a CVX code is 1 to 3 digits (e.g. 03)";
    case CodeSystem::NDC: {
      // FDA NDC: 10 digits in 4-4-2, 5-3-2 or 5-4-1 groups, or the 11-digit
      // 5-4-2 billing form, with or without hyphens.
      std::string digits;
      for (const char c : code)
        if (c != '-') digits += c;
      if (allDigits(digits) && (digits.size() == 10 || digits.size() == 11)) return {};
      return "an NDC is 10 or 11 digits, optionally with hyphens (e.g. 00002-3227-30)";
    }
    case CodeSystem::RXNORM:
      if (code.size() >= 1 && code.size() <= 10 && allDigits(code)) return {};
      return "an RxNorm concept id (RXCUI) is digits only";
    case CodeSystem::UBREV:
      if (code.size() == 4 && allDigits(code)) return {};
      return "a UB-04 revenue code is 4 digits (e.g. 0115)";
    case CodeSystem::POS:
      if (code.size() == 2 && allDigits(code)) return {};
      return "a place-of-service code is 2 digits (e.g. 11)";
    case CodeSystem::PLAN: {
      bool ok = !code.empty();
      for (const char c : code) ok = ok && (isAlnumUpper(c) || c == '_');
      if (ok) return {};
      return "a PLAN code is letters, digits and underscores (e.g. NURSE_ADVICE_CALL)";
    }
  }
  return "unknown code system";
}

bool codeInRange(CodeSystem system, std::string_view code, std::string_view lo,
                 std::string_view hi) {
  if (isIcd10System(system)) {
    if (code < lo) return false;
    if (code <= hi) return true;
    return code.size() > hi.size() && code.substr(0, hi.size()) == hi;
  }
  if (code.size() != lo.size() && code.size() != hi.size()) return false;
  return code >= lo && code <= hi;
}

bool hasCodeFamilies(CodeSystem system) { return isIcd10System(system); }

std::string_view familyPrefix(std::string_view written) {
  if (!written.empty() && written.back() == '*') written.remove_suffix(1);
  if (!written.empty() && written.back() == '.') written.remove_suffix(1);
  return written;
}

std::string checkFamilyShape(CodeSystem system, std::string_view prefix) {
  const std::string code = normalizeCode(system, prefix);
  switch (system) {
    case CodeSystem::ICD10CM:
      // The family of a category or of any code below it; the shape of a
      // code applies to the prefix (it is itself a code).
      if (code.size() < 7 && checkCodeShape(system, prefix).empty()) return {};
      return "an ICD-10-CM family is a category of 3 characters or a longer code, followed by .* "
             "(e.g. Z30.* or Z30.0*)";
    case CodeSystem::ICD10PCS: {
      bool ok = !code.empty() && code.size() < 7;
      for (const char c : code) ok = ok && isAlnumUpper(c) && c != 'I' && c != 'O';
      if (ok) return {};
      return "an ICD-10-PCS family is 1 to 6 leading characters of its codes (no I or O), "
             "followed by * (e.g. 0UT9*)";
    }
    default:
      return std::string(codeSystemName(system)) +
             " codes are not hierarchical by prefix, so they have no families; list the codes "
             "or write a range lo..hi";
  }
}

bool codeInFamily(std::string_view code, std::string_view prefix) {
  return code.size() >= prefix.size() && code.substr(0, prefix.size()) == prefix;
}

bool isCategoryWithChildren(CodeSystem system, std::string_view code) {
  return system == CodeSystem::ICD10CM && code.size() == 3;
}

std::optional<QualifiedCode> splitQualifiedCode(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size())
    return std::nullopt;
  QualifiedCode out;
  out.systemName = std::string(text.substr(0, colon));
  out.system = codeSystemFromName(out.systemName);
  const std::string_view code = text.substr(colon + 1);
  out.code = out.system ? normalizeCode(*out.system, code) : std::string(code);
  return out;
}

}  // namespace mc
