// Patient -> members.csv and Coverage -> enrollment.csv.
#include <fmt/format.h>

#include "import/fhir/ResourceMapper.h"

namespace mc::import::fhir {
namespace {

// FHIR administrative gender (female, male, other, unknown) as DATA.md sex.
const char* sexOf(std::string_view gender) {
  if (gender == "female") return "F";
  if (gender == "male") return "M";
  return "U";
}

// The text of a US Core race or ethnicity extension: its `text` part, else
// the display of its first ombCategory, else that code.
std::string usCoreCategory(dom::element patient, std::string_view url) {
  dom::array extensions;
  if (patient["extension"].get(extensions)) return {};
  for (dom::element ext : extensions) {
    if (stringAt(ext, "url") != url) continue;
    dom::array parts;
    if (ext["extension"].get(parts)) return {};
    std::string category;
    for (dom::element part : parts) {
      const std::string_view name = stringAt(part, "url");
      if (name == "text") {
        const std::string_view text = stringAt(part, "valueString");
        if (!text.empty()) return std::string(text);
      }
      dom::element coding;
      if (name == "ombCategory" && category.empty() && !part["valueCoding"].get(coding)) {
        category = std::string(stringAt(coding, "display"));
        if (category.empty()) category = std::string(stringAt(coding, "code"));
      }
    }
    return category;
  }
  return {};
}

}  // namespace

void ResourceMapper::mapPatient(const Current& r) {
  const std::string id(stringAt(r.resource, "id"));
  if (id.empty()) {
    skipAt(r, "id", "no id", "a Patient needs an id: events name it in their subject");
    return;
  }
  if (members_.count(id) != 0) {
    skipAt(r, "id", "a second Patient with the same id (the first is kept)",
           fmt::format("Patient '{}' was already read", id));
    return;
  }
  const auto birth = dayOf(r, {"birthDate"});
  if (!birth) return;
  Member m;
  m.birth = *birth;
  std::string_view deathText = stringAt(r.resource, "deceasedDateTime");
  if (!deathText.empty()) {
    const FhirDate death = readFhirDate(deathText);
    if (death.reading == FhirDate::Reading::Day) {
      m.death = death.day;
    } else {
      report_.note(r.type, "deceasedDateTime not a day: death_date left empty");
      report_.problem({r.site->file, r.site->path + ".deceasedDateTime",
                       fmt::format("'{}': {}; death_date left empty", deathText, death.problem)});
    }
  } else {
    bool deceased = false;
    if (!r.resource["deceasedBoolean"].get(deceased) && deceased)
      report_.note(r.type, "deceased without a date: death_date left empty");
  }
  const std::string_view gender = stringAt(r.resource, "gender");
  if (gender != "female" && gender != "male")
    report_.note(r.type, "gender not female or male: sex U");
  members_.emplace(id, m);
  if (!r.site->folder.empty()) {
    const auto folder = folders_.emplace(r.site->folder, folders_.size() + 1).first->second;
    folderPatients_[folder].push_back(id);
  }
  emit(r, DataTable::Members, id,
       {formatIsoDate(m.birth), sexOf(gender),
        usCoreCategory(r.resource, "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race"),
        usCoreCategory(r.resource,
                       "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity"),
        "", "", m.death == kNoDate ? "" : formatIsoDate(m.death)});
}

void ResourceMapper::mapCoverage(const Current& r) {
  const std::string_view status = stringAt(r.resource, "status");
  if (status == "cancelled" || status == "entered-in-error") {
    report_.skip(r.type, fmt::format("status {}: no coverage", status));
    return;
  }
  const auto member = memberOf(r, "beneficiary");
  if (!member) return;
  dom::element period;
  std::string start, end;
  if (!r.resource["period"].get(period)) {
    for (auto [field, out] : {std::pair{"start", &start}, std::pair{"end", &end}}) {
      const std::string_view text = stringAt(period, field);
      if (text.empty()) continue;
      const FhirDate d = readFhirDate(text);
      if (d.reading != FhirDate::Reading::Day) {
        skipAt(r, std::string("period.") + field, "bad date",
               fmt::format("'{}': {}", text, d.problem));
        return;
      }
      *out = formatIsoDate(d.day);
    }
  }
  if (start.empty()) {
    skipAt(r, "period.start", "no period start",
           "a Coverage without a start cannot be placed in time");
    return;
  }
  std::string plan;
  dom::array payors;
  if (!r.resource["payor"].get(payors)) {
    for (dom::element payor : payors) {
      plan = std::string(stringAt(payor, "display"));
      if (!plan.empty()) break;
    }
  }
  emit(r, DataTable::Enrollment, *member, {start, end, "", "", plan});
}

}  // namespace mc::import::fhir
