// Claim and ExplanationOfBenefit -> visits.csv, without counting twice what
// another resource of the import already gives. A claim bills resources:
// an item names the Encounter it bills, or by sequence numbers the Procedure
// (Claim.procedure), the Condition (Claim.diagnosis) or the Immunization
// (Claim.supportingInfo) it bills; a pharmacy claim names its
// MedicationRequest (Claim.prescription). Synthea's bundles carry every one
// of those resources, so their items add no event:
//   - an item tied to an Encounter of its bundle adds its codes to that
//     Encounter's visits row (gathered before the bundle is mapped), never
//     a second visit;
//   - an item tied to another resource of its bundle is that resource's row;
//   - an ExplanationOfBenefit of a Claim of its bundle explains that Claim;
//   - a pharmacy claim of a MedicationRequest of its bundle is the fill of
//     that order: a pharmacy.csv row (EventMapping.cpp).
// Only an item tied to nothing the bundle holds (a claims extract: codes on
// claim lines and claim-level diagnoses) becomes a visits.csv claim line,
// `claim_id` the claim. A resource with no such line is a counted skip that
// says why (docs/data.md, "Importing FHIR").
#include <fmt/format.h>

#include <algorithm>

#include "import/fhir/ResourceMapper.h"
#include "support/Date.h"

namespace mc::import::fhir {
namespace {

// The entries of the claim's `list` (procedure, diagnosis, supportingInfo)
// whose `sequence` the item names in `sequenceField`.
std::vector<dom::element> sequenced(dom::element claim, const char* list, dom::element item,
                                    const char* sequenceField) {
  std::vector<dom::element> out;
  dom::array numbers, entries;
  if (item[sequenceField].get(numbers) || claim[list].get(entries)) return out;
  for (dom::element number : numbers) {
    int64_t n = 0;
    if (number.get(n)) continue;
    for (dom::element entry : entries) {
      int64_t sequence = 0;
      if (!entry["sequence"].get(sequence) && sequence == n) out.push_back(entry);
    }
  }
  return out;
}

// The resource type of the bundle entry `holder[field]` references, empty
// when it references none of the bundle.
std::string_view tiedType(dom::element holder, const char* field, const BundleIndex* bundle) {
  dom::element reference;
  if (bundle == nullptr || holder[field].get(reference)) return {};
  const dom::element* entry = bundle->find(stringAt(reference, "reference"));
  return entry == nullptr ? std::string_view() : stringAt(*entry, "resourceType");
}

// The type of the resource of its bundle an item bills: an Encounter, or
// the Procedure, Condition or Immunization its sequence numbers name.
std::string_view billedType(dom::element claim, dom::element item, const BundleIndex* bundle) {
  dom::array encounters;
  if (bundle != nullptr && !item["encounter"].get(encounters)) {
    for (dom::element e : encounters) {
      const dom::element* entry = bundle->find(stringAt(e, "reference"));
      if (entry != nullptr && stringAt(*entry, "resourceType") == "Encounter") return "Encounter";
    }
  }
  const std::pair<const char*, const char*> lists[] = {
      {"procedure", "procedureSequence"},
      {"diagnosis", "diagnosisSequence"},
      {"supportingInfo", "informationSequence"},
  };
  for (const auto& [list, sequenceField] : lists) {
    for (dom::element entry : sequenced(claim, list, item, sequenceField)) {
      for (const char* field : {"procedureReference", "diagnosisReference", "valueReference"}) {
        const std::string_view type = tiedType(entry, field, bundle);
        if (!type.empty()) return type;
      }
    }
  }
  return {};
}

// The codes of an item: its product or service and revenue code (none in
// a DATA.md system: no codes at all, the line bills nothing a measure
// reads), its place of service (`withPlace`: a claim line's, not an
// Encounter's, which has its class), then the coded diagnoses and procedures
// it names by sequence (all the claim's coded diagnoses when it names none:
// the first is the principal one).
CodeTokens itemCodes(dom::element claim, dom::element item, ImportReport& report,
                     const std::string& type, bool withPlace) {
  CodeTokens codes;
  for (const char* field : {"productOrService", "revenue", "locationCodeableConcept"}) {
    if (!withPlace && std::string_view(field) == "locationCodeableConcept") break;
    dom::element concept;
    if (!item[field].get(concept)) collectCodes(concept, codes, report, type);
    if (codes.known.empty() && std::string_view(field) == "revenue") return {};
  }
  std::vector<dom::element> diagnoses = sequenced(claim, "diagnosis", item, "diagnosisSequence");
  dom::array all;
  if (diagnoses.empty() && !claim["diagnosis"].get(all)) {
    for (dom::element d : all) diagnoses.push_back(d);
  }
  for (dom::element d : diagnoses) {
    dom::element concept;
    if (!d["diagnosisCodeableConcept"].get(concept)) collectCodes(concept, codes, report, type);
  }
  for (dom::element p : sequenced(claim, "procedure", item, "procedureSequence")) {
    dom::element concept;
    if (!p["procedureCodeableConcept"].get(concept)) collectCodes(concept, codes, report, type);
  }
  return codes;
}

// The day of a date or Period start, kNoDate when absent or not a day.
Days dayAt(dom::element holder, const char* field) {
  dom::element value;
  if (holder[field].get(value)) return kNoDate;
  std::string_view text = value.is_object() ? stringAt(value, "start") : std::string_view();
  if (!value.is_object() && value.get(text)) return kNoDate;
  const FhirDate d = readFhirDate(text);
  return d.reading == FhirDate::Reading::Day ? d.day : kNoDate;
}

// The id a reference names: after `urn:uuid:`, else its last segment.
std::string referencedId(std::string_view reference) {
  if (reference.rfind("urn:uuid:", 0) == 0) return std::string(reference.substr(9));
  return std::string(reference.substr(reference.rfind('/') + 1));
}

void addAbsent(std::vector<std::string>& to, const std::vector<std::string>& from, bool& added) {
  for (const std::string& code : from) {
    if (std::find(to.begin(), to.end(), code) != to.end()) continue;
    to.push_back(code);
    added = true;
  }
}

}  // namespace

void ResourceMapper::indexBilledCodes(dom::element claim, BundleIndex& index) {
  const std::string type(stringAt(claim, "resourceType"));
  dom::array items;
  if (claim["item"].get(items)) return;
  for (dom::element item : items) {
    dom::array encounters;
    if (item["encounter"].get(encounters)) continue;
    for (dom::element e : encounters) {
      const dom::element* entry = index.find(stringAt(e, "reference"));
      if (entry == nullptr || stringAt(*entry, "resourceType") != "Encounter") continue;
      const CodeTokens codes = itemCodes(claim, item, report_, type, false);
      CodeTokens& billed = index.billedFor(stringAt(*entry, "id"));
      bool added = false;
      addAbsent(billed.known, codes.known, added);
      addAbsent(billed.other, codes.other, added);
    }
  }
}

void ResourceMapper::addBilledCodes(const Current& r, CodeTokens& codes) {
  if (r.site->bundle == nullptr) return;
  const CodeTokens* billed = r.site->bundle->billed(stringAt(r.resource, "id"));
  if (billed == nullptr) return;
  bool added = false;
  addAbsent(codes.known, billed->known, added);
  addAbsent(codes.other, billed->other, added);
  if (added) report_.note(r.type, "codes of the claim items billing it added to its row");
}

void ResourceMapper::mapClaim(const Current& r, bool explanation) {
  const auto member = memberOf(r, "patient");
  if (!member) return;
  const BundleIndex* bundle = r.site->bundle;
  std::string claimId(stringAt(r.resource, "id"));
  dom::element claimReference;
  if (explanation && !r.resource["claim"].get(claimReference)) {
    if (tiedType(r.resource, "claim", bundle) == "Claim") {
      report_.skip(r.type, "explains a Claim of its bundle (mapped or counted there)");
      return;
    }
    const std::string_view reference = stringAt(claimReference, "reference");
    if (!reference.empty()) claimId = referencedId(reference);
  }
  // A claim in force is `active`, which DATA.md reads as an order not yet
  // done: the billed service happened, so the line is written completed.
  std::string_view fhirStatus = stringAt(r.resource, "status");
  const bool active = fhirStatus == "active";
  if (active) fhirStatus = {};
  const auto status = statusOf(r, fhirStatus);
  if (!status) return;
  if (tiedType(r.resource, "prescription", bundle) == "MedicationRequest") {
    dom::element prescription;
    if (!r.resource["prescription"].get(prescription)) {
      const dom::element* request = bundle->find(stringAt(prescription, "reference"));
      mapPrescriptionClaim(r, *member, *request, claimId, *status);
    }
    return;
  }
  dom::array items;
  if (r.resource["item"].get(items)) {
    skipAt(r, "item", "no item", "the claim bills no item: nothing to map");
    return;
  }
  std::string provider;
  dom::element reference;
  if (!r.resource["provider"].get(reference)) provider = providerOf(r, reference, "provider");
  const Days billable = dayAt(r.resource, "billablePeriod");
  size_t tied = 0, tiedEncounter = 0, uncoded = 0, undated = 0;
  for (dom::element item : items) {
    const std::string_view billed = billedType(r.resource, item, bundle);
    if (!billed.empty()) {
      ++tied;
      if (billed == "Encounter") ++tiedEncounter;
      continue;
    }
    const CodeTokens codes = itemCodes(r.resource, item, report_, r.type, true);
    if (codes.known.empty()) {
      ++uncoded;
      continue;
    }
    Days day = dayAt(item, "servicedDate");
    if (day == kNoDate) day = dayAt(item, "servicedPeriod");
    if (day == kNoDate) day = billable;
    if (day == kNoDate) {
      ++undated;
      continue;
    }
    dom::element period;
    std::string end;
    if (!item["servicedPeriod"].get(period)) {
      const FhirDate e = readFhirDate(stringAt(period, "end"));
      if (e.reading == FhirDate::Reading::Day && e.day > day) end = formatIsoDate(e.day);
    }
    emit(r, DataTable::Visits, *member,
         {claimId, formatIsoDate(day), end, "", provider, codes.knownText(), "", *status,
          codes.otherText(), fhirId(r), ""});
  }
  if (emitted_) {
    if (active) report_.note(r.type, "status active (a claim in force): lines written completed");
    if (tied != 0) report_.note(r.type, "items billing a resource of its bundle not written again");
    return;
  }
  if (tied != 0 && uncoded == 0 && undated == 0) {
    report_.skip(r.type, tiedEncounter != 0
                             ? "billed encounter already mapped (its items bill the Encounter, "
                               "Procedures, Conditions or Immunizations of its bundle)"
                             : "billed resources already mapped (its items bill Procedures, "
                               "Conditions or Immunizations of its bundle)");
  } else if (undated != 0) {
    skipAt(r, "billablePeriod", "no date",
           "an item without servicedDate or servicedPeriod, and no billablePeriod start");
  } else {
    skipAt(r, "item", "no item with a code in a DATA.md system",
           "no item bills a resource of its bundle or a code in a known system");
  }
}

}  // namespace mc::import::fhir
