// Practitioner and Organization -> providers.csv, and the references events
// make to them (an Encounter's participant, a Procedure's performer, a
// MedicationRequest's requester) -> provider_id.
#include <fmt/format.h>

#include <cctype>

#include "import/fhir/ResourceMapper.h"

namespace mc::import::fhir {
namespace {

bool mentionsHospital(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("hospital") != std::string::npos;
}

// An Organization's kind by its `type`: nullptr for a payer or insurer
// (organization-type `pay`, `ins`: not a provider); `hospital` for the v3
// RoleCode HOSP (or a type whose display or text says hospital); `other`
// for every other site (a clinic, a practice, Synthea's `prov`).
const char* kindOfOrganization(dom::element organization) {
  dom::array types;
  if (organization["type"].get(types)) return "other";
  bool hospital = false;
  for (dom::element type : types) {
    if (mentionsHospital(stringAt(type, "text"))) hospital = true;
    dom::array codings;
    if (type["coding"].get(codings)) continue;
    for (dom::element coding : codings) {
      const std::string_view code = stringAt(coding, "code");
      if (code == "pay" || code == "ins") return nullptr;
      if (code == "HOSP" || mentionsHospital(stringAt(coding, "display"))) hospital = true;
    }
  }
  return hospital ? "hospital" : "other";
}

// A HumanName as text: its `text`, else the given names and the family name.
std::string nameOf(dom::element resource) {
  dom::array names;
  if (resource["name"].get(names)) return {};
  for (dom::element name : names) {
    const std::string_view text = stringAt(name, "text");
    if (!text.empty()) return std::string(text);
    std::string out;
    dom::array given;
    if (!name["given"].get(given)) {
      for (dom::element part : given) {
        std::string_view s;
        if (part.get(s)) continue;
        out += (out.empty() ? "" : " ") + std::string(s);
      }
    }
    const std::string_view family = stringAt(name, "family");
    if (!family.empty()) out += (out.empty() ? "" : " ") + std::string(family);
    if (!out.empty()) return out;
  }
  return {};
}

// The id after `Practitioner/` or `Organization/` in a relative or absolute
// reference, empty when it names neither.
std::string providerIdOf(std::string_view reference) {
  for (std::string_view type : {"Practitioner/", "Organization/"}) {
    const size_t at = reference.rfind(type);
    if (at == std::string_view::npos || (at > 0 && reference[at - 1] != '/')) continue;
    std::string_view id = reference.substr(at + type.size());
    id = id.substr(0, id.find('/'));
    if (!id.empty()) return std::string(id);
  }
  return {};
}

}  // namespace

std::string ResourceMapper::providerOf(const Current& r, dom::element reference,
                                       const char* field) {
  const std::string_view ref = stringAt(reference, "reference");
  if (ref.empty()) return {};  // a display only names no one
  if (ref.front() == '#') {
    report_.note(r.type,
                 fmt::format("{} names a contained resource: provider_id left empty", field));
    return {};
  }
  if (r.site->bundle != nullptr) {
    if (const dom::element* entry = r.site->bundle->find(ref)) {
      const std::string_view type = stringAt(*entry, "resourceType");
      if (type == "Practitioner" || type == "Organization")
        return std::string(stringAt(*entry, "id"));
      report_.note(r.type, fmt::format("{} names a {}, not a Practitioner or Organization: "
                                       "provider_id left empty",
                                       field, type));
      return {};
    }
  }
  if (std::string id = providerIdOf(ref); !id.empty()) return id;
  // Synthea writes a resource's own id as its uuid (as for Patients).
  if (ref.rfind("urn:uuid:", 0) == 0) return std::string(ref.substr(9));
  report_.note(r.type, fmt::format("{} is not a Practitioner or Organization reference: "
                                   "provider_id left empty",
                                   field));
  return {};
}

std::string ResourceMapper::performerOf(const Current& r, const char* field) {
  dom::array performers;
  if (r.resource[field].get(performers)) return {};
  for (dom::element performer : performers) {
    dom::element actor;
    // Procedure and Immunization: {actor: Reference}; Observation and
    // MedicationDispense (R4): a Reference, or {actor} for a dispense.
    if (performer["actor"].get(actor)) actor = performer;
    std::string id = providerOf(r, actor, field);
    if (!id.empty()) return id;
  }
  return {};
}

std::string ResourceMapper::encounterProvider(const Current& r) {
  dom::array participants;
  if (!r.resource["participant"].get(participants)) {
    for (dom::element participant : participants) {
      dom::element individual;
      if (participant["individual"].get(individual)) continue;
      std::string id = providerOf(r, individual, "participant");
      if (!id.empty()) return id;
    }
  }
  dom::element site;
  if (r.resource["serviceProvider"].get(site)) return {};
  return providerOf(r, site, "serviceProvider");
}

void ResourceMapper::mapPractitioner(const Current& r) {
  const std::string id(stringAt(r.resource, "id"));
  if (id.empty()) {
    skipAt(r, "id", "no id", "a provider needs an id: events name it in their references");
    return;
  }
  if (!providers_.emplace(id, r.type).second) {
    report_.skip(r.type, "a provider already read (same id): the first is kept");
    return;
  }
  emit(r, DataTable::Providers, id, {"pcp", nameOf(r.resource), "", ""});
}

void ResourceMapper::mapOrganization(const Current& r) {
  const std::string id(stringAt(r.resource, "id"));
  if (id.empty()) {
    skipAt(r, "id", "no id", "a provider needs an id: events name it in their references");
    return;
  }
  const char* kind = kindOfOrganization(r.resource);
  if (kind == nullptr) {
    report_.skip(r.type, "a payer or insurer (type pay or ins): not a provider");
    return;
  }
  if (!providers_.emplace(id, r.type).second) {
    report_.skip(r.type, "a provider already read (same id): the first is kept");
    return;
  }
  emit(r, DataTable::Providers, id, {kind, std::string(stringAt(r.resource, "name")), "", ""});
}

}  // namespace mc::import::fhir
