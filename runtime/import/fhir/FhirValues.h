// Reading the FHIR datatypes the mapping needs out of a parsed resource:
// codings into DATA.md codes, dates, statuses and the Patient a reference
// points to. Each reader says what is wrong rather than guessing.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "import/fhir/FhirDate.h"
#include "import/fhir/ImportReport.h"

namespace mc::import::fhir {

namespace dom = simdjson::dom;

// The codes of one or more CodeableConcepts: `known` holds `SYSTEM:code` for
// codes in a DATA.md system with the right shape; `other` the rest, as
// `URI|code` (an unknown system, counted in the report) or `SYSTEM:code` (a
// code of the wrong shape for its system, noted).
struct CodeTokens {
  std::vector<std::string> known;
  std::vector<std::string> other;

  std::string knownText() const;  // space separated
  std::string otherText() const;
  // Where a file takes one code a row (observations, immunizations): every
  // code but the first known one, known and other, space separated.
  std::string beyondFirstText() const;
};

// Adds the codings of a CodeableConcept (`{"coding": [...]}`) or of a single
// Coding (`{"system", "code"}`, as Encounter.class is).
void collectCodes(dom::element concept, CodeTokens& out, ImportReport& report,
                  const std::string& resourceType);

// The code of the first coding of a CodeableConcept (a status such as
// Condition.clinicalStatus: its system is the status's own), empty if none.
std::string_view firstCode(dom::element concept);

// The string at `key`, empty when absent or not a string.
std::string_view stringAt(dom::element object, std::string_view key);

// Where bundle entries resolve: fullUrl (urn:uuid:...) -> the Patient id of
// that entry, for the Patient entries of the bundle being read.
using PatientUrls = std::unordered_map<std::string, std::string>;

// The Patient id a reference (`Patient/123`, `http://x/fhir/Patient/123`,
// `urn:uuid:...` of a bundle entry) names; nullopt with `why` otherwise.
std::optional<std::string> patientOfReference(std::string_view reference, const PatientUrls& urls,
                                              std::string& why);

// The canonical DATA.md status of a FHIR status code (`Final` -> `final`),
// "" for an absent one; nullopt when it is outside the vocabulary.
std::optional<std::string> dataStatus(std::string_view fhirStatus);

// A number as text: integers as written, decimals in the shortest form that
// reads back the same. nullopt when the element is not a number.
std::optional<std::string> numberText(dom::element value);

}  // namespace mc::import::fhir
