// Medication resources and the medicationReference of requests and
// dispenses: a contained Medication (`#id`), a Medication entry of the
// bundle, or one read earlier in the import (`Medication/id`) gives its code.
#include <fmt/format.h>

#include "import/fhir/ResourceMapper.h"

namespace mc::import::fhir {
namespace {

// `Medication/id` of a reference (relative, or an absolute URL ending so),
// empty when it names no Medication.
std::string medicationKey(std::string_view reference) {
  constexpr std::string_view kType = "Medication/";
  const size_t at = reference.rfind(kType);
  if (at == std::string_view::npos || (at > 0 && reference[at - 1] != '/')) return {};
  std::string_view id = reference.substr(at + kType.size());
  id = id.substr(0, id.find('/'));  // a /_history/N version
  return id.empty() ? std::string() : std::string(kType) + std::string(id);
}

}  // namespace

void ResourceMapper::mapMedicationResource(const Current& r) {
  const std::string_view id = stringAt(r.resource, "id");
  if (id.empty()) {
    skipAt(r, "id", "no id", "a Medication needs an id: requests name it in medicationReference");
    return;
  }
  CodeTokens codes;
  dom::element concept;
  if (!r.resource["code"].get(concept)) collectCodes(concept, codes, report_, r.type);
  medications_[fmt::format("Medication/{}", id)] = std::move(codes);
  // No row of its own: its code serves the requests and dispenses naming it.
  emitted_ = true;
  report_.note(r.type, "kept for the medicationReference of requests and dispenses");
}

std::optional<CodeTokens> ResourceMapper::medicationCodes(const Current& r) {
  CodeTokens codes;
  dom::element concept;
  if (!r.resource["medicationCodeableConcept"].get(concept)) {
    collectCodes(concept, codes, report_, r.type);
    return codes;
  }
  dom::element reference;
  if (r.resource["medicationReference"].get(reference)) {
    skipAt(r, "medicationCodeableConcept", "no medication",
           "neither medicationCodeableConcept nor medicationReference is given");
    return std::nullopt;
  }
  const std::string_view ref = stringAt(reference, "reference");
  const dom::element* medication = nullptr;
  dom::array contained;
  if (!ref.empty() && ref.front() == '#' && !r.resource["contained"].get(contained)) {
    for (dom::element c : contained) {
      if (stringAt(c, "resourceType") == "Medication" && stringAt(c, "id") == ref.substr(1)) {
        dom::element code;
        if (!c["code"].get(code)) collectCodes(code, codes, report_, r.type);
        report_.note(r.type, "medication from a contained Medication");
        return codes;
      }
    }
  }
  if (r.site->bundle != nullptr) medication = r.site->bundle->find(ref);
  if (medication != nullptr && stringAt(*medication, "resourceType") == "Medication") {
    dom::element code;
    if (!(*medication)["code"].get(code)) collectCodes(code, codes, report_, r.type);
    report_.note(r.type, "medication from a Medication of its bundle");
    return codes;
  }
  const std::string key = medicationKey(ref);
  if (const auto it = medications_.find(key); it != medications_.end()) {
    report_.note(r.type, replaying_ ? "medication from a Medication read later in the import"
                                    : "medication from a Medication read earlier in the import");
    return it->second;
  }
  // A loose file's Medication may be in a later file: the resource is
  // mapped again at the end, once every file is read.
  if (!replaying_ && !key.empty() && r.site->bundle == nullptr && r.site->patientUrls == nullptr) {
    deferred_.push_back({simdjson::minify(r.resource), *r.site});
    return std::nullopt;
  }
  skipAt(r, "medicationReference.reference", "medicationReference not resolved",
         fmt::format("'{}': no Medication of that reference is contained in the resource, in its "
                     "bundle or in the import",
                     ref));
  return std::nullopt;
}

}  // namespace mc::import::fhir
