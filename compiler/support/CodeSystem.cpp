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

// Two systems a line (clang-format lays out 16 at most so; kept by hand).
// clang-format off
constexpr SystemInfo kSystems[] = {
    {CodeSystem::CPT, "CPT"},           {CodeSystem::HCPCS, "HCPCS"},
    {CodeSystem::CDT, "CDT"},           {CodeSystem::ICD10CM, "ICD10CM"},
    {CodeSystem::ICD10PCS, "ICD10PCS"}, {CodeSystem::SNOMEDCT, "SNOMEDCT"},
    {CodeSystem::LOINC, "LOINC"},       {CodeSystem::CVX, "CVX"},
    {CodeSystem::NDC, "NDC"},           {CodeSystem::RXNORM, "RXNORM"},
    {CodeSystem::UBREV, "UBREV"},       {CodeSystem::POS, "POS"},
    {CodeSystem::PLAN, "PLAN"},         {CodeSystem::UBDISCH, "UBDISCH"},
    {CodeSystem::OBSCAT, "OBSCAT"},     {CodeSystem::CONDCAT, "CONDCAT"},
    {CodeSystem::USCORECAT, "USCORECAT"}, {CodeSystem::REQINTENT, "REQINTENT"},
};
// clang-format on

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

// FHIR's own code systems whose codes are lower-case words joined by
// hyphens: the categories and the request intents.
bool isFhirWordSystem(CodeSystem s) {
  return s == CodeSystem::OBSCAT || s == CodeSystem::CONDCAT || s == CodeSystem::USCORECAT ||
         s == CodeSystem::REQINTENT;
}

std::string fhirWordShapeHint(CodeSystem s) {
  const char* example = s == CodeSystem::OBSCAT      ? "laboratory"
                        : s == CodeSystem::CONDCAT   ? "problem-list-item"
                        : s == CodeSystem::USCORECAT ? "health-concern"
                                                     : "original-order";
  const char* what = s == CodeSystem::REQINTENT ? "request intent" : "category";
  return std::string("a FHIR ") + what + " code is letters and digits joined by hyphens (e.g. " +
         example + ")";
}

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
      {"https://www.nubc.org/CodeSystem/PatDischargeStatus", CodeSystem::UBDISCH},
      // The same NUBC patient discharge status codes under the URI of US Core's
      // examples, which Synthea writes.
      {"http://www.nubc.org/patient-discharge", CodeSystem::UBDISCH},
      {"https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set",
       CodeSystem::POS},
      // The category systems of QICoreCommon.cql (QI-Core 4.1.1): HL7
      // Terminology (THO) and US Core.
      {"http://terminology.hl7.org/CodeSystem/observation-category", CodeSystem::OBSCAT},
      {"http://terminology.hl7.org/CodeSystem/condition-category", CodeSystem::CONDCAT},
      {"http://hl7.org/fhir/us/core/CodeSystem/condition-category", CodeSystem::USCORECAT},
      // FHIR R4 RequestIntent (ServiceRequest/DeviceRequest/MedicationRequest.intent).
      {"http://hl7.org/fhir/request-intent", CodeSystem::REQINTENT},
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

// The FDA NDC Directory's forms; see CodeSystem.h.
Ndc readNdc(std::string_view written) {
  Ndc out;
  // The segments between hyphens: none (a bare code) or three.
  std::string_view segments[3];
  int count = 0;
  size_t start = 0;
  for (size_t i = 0; i <= written.size(); ++i) {
    if (i < written.size() && written[i] != '-') {
      if (!isDigit(written[i])) return out;
      continue;
    }
    if (count == 3) return out;
    segments[count++] = written.substr(start, i - start);
    start = i + 1;
  }
  char* d = out.digits.data();
  auto put = [&d](std::string_view s) {
    for (const char c : s) *d++ = c;
  };
  if (count == 1) {
    if (written.size() == 11) {
      put(written);
      out.reading = NdcReading::Ok;
    } else if (written.size() == 10) {
      out.reading = NdcReading::AmbiguousTen;
    }
    return out;
  }
  if (count != 3) return out;
  const size_t labeler = segments[0].size(), product = segments[1].size(),
               package = segments[2].size();
  // The short segment of a 10-digit configuration gets the leading zero.
  const bool labeler4 = labeler == 4 && product == 4 && package == 2;
  const bool product3 = labeler == 5 && product == 3 && package == 2;
  const bool package1 = labeler == 5 && product == 4 && package == 1;
  const bool eleven = labeler == 5 && product == 4 && package == 2;
  if (!(labeler4 || product3 || package1 || eleven)) return out;
  if (labeler4) *d++ = '0';
  put(segments[0]);
  if (product3) *d++ = '0';
  put(segments[1]);
  if (package1) *d++ = '0';
  put(segments[2]);
  out.reading = NdcReading::Ok;
  return out;
}

bool isAmbiguousNdc(CodeSystem system, std::string_view code) {
  return system == CodeSystem::NDC && readNdc(code).reading == NdcReading::AmbiguousTen;
}

std::string ambiguousNdcMessage(std::string_view ten) {
  return "'" + std::string(ten) +
         "' is a 10-digit NDC without hyphens, so it is ambiguous: it could be 4-4-2, 5-3-2 or "
         "5-4-1";
}

std::string ambiguousNdcHint(std::string_view ten) {
  // Each configuration, written with its hyphens, and the code it stands for.
  const std::string digits(ten);
  const std::string forms[] = {
      digits.substr(0, 4) + "-" + digits.substr(4, 4) + "-" + digits.substr(8, 2),
      digits.substr(0, 5) + "-" + digits.substr(5, 3) + "-" + digits.substr(8, 2),
      digits.substr(0, 5) + "-" + digits.substr(5, 4) + "-" + digits.substr(9, 1)};
  std::string hint =
      "each configuration pads a different segment to make the 11-digit code; write the one "
      "on the package label or in the FDA NDC Directory, with its hyphens (";
  for (size_t i = 0; i < 3; ++i) {
    hint += i > 0 ? ", " : "";
    hint += forms[i] + " is " + std::string(readNdc(forms[i]).text());
  }
  hint += ") or as the 11-digit code";
  return hint;
}

std::string normalizeCode(CodeSystem system, std::string_view code) {
  if (system == CodeSystem::NDC) {
    const Ndc ndc = readNdc(code);
    if (ndc.reading == NdcReading::Ok) return std::string(ndc.text());
  }
  std::string out;
  out.reserve(code.size());
  // FHIR category and intent codes are lower case (`problem-list-item`): they compare
  // and print so, whatever case they were written in.
  const bool lower = isFhirWordSystem(system);
  for (const char c : code) {
    if (c == '.' && isIcd10System(system)) continue;
    const auto u = static_cast<unsigned char>(c);
    out += static_cast<char>(lower ? std::tolower(u) : std::toupper(u));
  }
  return out;
}

std::string checkCodeShape(CodeSystem system, std::string_view raw) {
  if (system == CodeSystem::NDC) {
    // Read on the written text, without a copy: this runs on every fill.
    switch (readNdc(raw).reading) {
      case NdcReading::Ok: return {};
      case NdcReading::AmbiguousTen: return ambiguousNdcHint(raw);
      case NdcReading::BadShape: break;
    }
    return "an NDC is 11 digits (5-4-2: 00002322730 or 00002-3227-30) or 10 digits with hyphens "
           "in 4-4-2, 5-3-2 or 5-4-1 groups (e.g. 0002-3227-30)";
  }
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
    case CodeSystem::NDC: break;  // read above, on the written text
    case CodeSystem::RXNORM:
      if (code.size() >= 1 && code.size() <= 10 && allDigits(code)) return {};
      return "an RxNorm concept id (RXCUI) is digits only";
    case CodeSystem::UBREV:
      if (code.size() == 4 && allDigits(code)) return {};
      return "a UB-04 revenue code is 4 digits (e.g. 0115)";
    case CodeSystem::POS:
      if (code.size() == 2 && allDigits(code)) return {};
      return "a place-of-service code is 2 digits (e.g. 11)";
    case CodeSystem::UBDISCH:
      if (code.size() == 2 && allDigits(code)) return {};
      return "a UB-04 patient discharge status is 2 digits (e.g. 01)";
    case CodeSystem::OBSCAT:
    case CodeSystem::CONDCAT:
    case CodeSystem::USCORECAT:
    case CodeSystem::REQINTENT: {
      // FHIR category and intent codes are words joined by hyphens
      // (`problem-list-item`, `original-order`), normalised to lower case.
      bool ok = !code.empty() && code.front() != '-' && code.back() != '-';
      for (const char c : code) ok = ok && (isDigit(c) || (c >= 'a' && c <= 'z') || c == '-');
      if (ok) return {};
      return fhirWordShapeHint(system);
    }
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
