// The entries of the bundle being read, so that a reference inside it can be
// followed: a MedicationRequest's medicationReference to a Medication entry,
// an Encounter's participant to a Practitioner, a Claim item to the
// Encounter it bills. Entries are known by their fullUrl (`urn:uuid:...`, an
// absolute URL) and by `Type/id`. The elements live as long as the parsed
// bundle: an index is built and dropped with its bundle.
//
// It also holds the codes Claim and ExplanationOfBenefit items bill per
// Encounter of the bundle, gathered before any entry is mapped: the
// Encounter's visits row carries them (a claim line tied to its encounter
// adds its codes to that visit, not a second visit).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "import/fhir/FhirValues.h"

namespace mc::import::fhir {

class BundleIndex {
 public:
  // Indexes an entry (its fullUrl may be empty).
  void add(std::string_view fullUrl, dom::element resource);
  // The entry a reference names (fullUrl, `Type/id` or a URL ending in
  // `Type/id`), or nullptr.
  const dom::element* find(std::string_view reference) const;

  // The codes billed for the Encounter `encounterId` (its `id`), or nullptr.
  const CodeTokens* billed(std::string_view encounterId) const;
  CodeTokens& billedFor(std::string_view encounterId);

 private:
  std::unordered_map<std::string, dom::element> entries_;
  std::unordered_map<std::string, CodeTokens> billed_;
};

}  // namespace mc::import::fhir
