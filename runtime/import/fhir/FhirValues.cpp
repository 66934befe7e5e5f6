// FHIR datatypes to DATA.md cells.
#include "import/fhir/FhirValues.h"

#include <fmt/format.h>

#include "support/CodeSystem.h"
#include "support/EventVocabulary.h"

namespace mc::import::fhir {
namespace {

std::string joined(const std::vector<std::string>& tokens) {
  std::string out;
  for (const std::string& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

void addCoding(dom::element coding, CodeTokens& out, ImportReport& report,
               const std::string& resourceType) {
  const std::string_view code = stringAt(coding, "code");
  if (code.empty()) return;  // a display-only coding names no code
  const std::string_view url = stringAt(coding, "system");
  const std::optional<CodeSystem> system = codeSystemFromFhirUrl(url);
  if (!system) {
    report.unknownSystem(url.empty() ? std::string("(no system)") : std::string(url));
    out.other.push_back(fmt::format("{}|{}", url, code));
    return;
  }
  const bool spaced = code.find_first_of(" ;,") != std::string_view::npos;
  if (spaced || !checkCodeShape(*system, code).empty()) {
    report.note(resourceType, fmt::format("a {} code of the wrong shape kept in other_codes",
                                          codeSystemName(*system)));
    out.other.push_back(fmt::format("{}:{}", codeSystemName(*system), code));
    return;
  }
  out.known.push_back(fmt::format("{}:{}", codeSystemName(*system), code));
}

}  // namespace

std::string CodeTokens::knownText() const { return joined(known); }
std::string CodeTokens::otherText() const { return joined(other); }
std::string CodeTokens::beyondFirstText() const {
  std::vector<std::string> rest(known.begin() + (known.empty() ? 0 : 1), known.end());
  rest.insert(rest.end(), other.begin(), other.end());
  return joined(rest);
}

std::string_view stringAt(dom::element object, std::string_view key) {
  std::string_view s;
  if (object.is_object() && !object[key].get(s)) return s;
  return {};
}

std::string_view firstCode(dom::element concept) {
  dom::array codings;
  if (concept["coding"].get(codings)) return {};
  for (dom::element coding : codings) {
    const std::string_view code = stringAt(coding, "code");
    if (!code.empty()) return code;
  }
  return {};
}

void collectCodes(dom::element concept, CodeTokens& out, ImportReport& report,
                  const std::string& resourceType) {
  dom::array codings;
  if (!concept["coding"].get(codings)) {
    for (dom::element coding : codings) addCoding(coding, out, report, resourceType);
  } else if (concept.is_object()) {
    addCoding(concept, out, report, resourceType);
  }
}

std::optional<std::string> patientOfReference(std::string_view reference, const PatientUrls& urls,
                                              std::string& why) {
  if (reference.empty()) {
    why = "no subject: the reference is empty";
    return std::nullopt;
  }
  if (const auto it = urls.find(std::string(reference)); it != urls.end()) return it->second;
  if (reference.rfind("urn:uuid:", 0) == 0) {
    // Not a Patient entry of this bundle: Synthea and others write the
    // Patient's own id as its uuid, so the uuid is the id.
    return std::string(reference.substr(9));
  }
  std::string_view rest = reference;
  if (const size_t history = rest.find("/_history/"); history != std::string_view::npos)
    rest = rest.substr(0, history);
  const size_t at = rest.rfind("Patient/");
  if (at == std::string_view::npos || (at > 0 && rest[at - 1] != '/') || rest.size() == at + 8 ||
      rest.find('/', at + 8) != std::string_view::npos) {
    why = fmt::format("the subject '{}' is not a Patient reference", reference);
    return std::nullopt;
  }
  return std::string(rest.substr(at + 8));
}

std::optional<std::string> dataStatus(std::string_view fhirStatus) {
  if (fhirStatus.empty()) return std::string();
  const std::optional<int> index = statusIndex(fhirStatus);
  if (!index) return std::nullopt;
  return std::string(kStatusNames[*index]);
}

std::optional<std::string> numberText(dom::element value) {
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  switch (value.type()) {
    case dom::element_type::INT64:
      if (!value.get(i)) return fmt::format("{}", i);
      break;
    case dom::element_type::UINT64:
      if (!value.get(u)) return fmt::format("{}", u);
      break;
    case dom::element_type::DOUBLE:
      if (!value.get(d)) return fmt::format("{}", d);
      break;
    default: break;
  }
  return std::nullopt;
}

}  // namespace mc::import::fhir
