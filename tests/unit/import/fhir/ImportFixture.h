// Imports tiny FHIR JSON texts and reads back the rows and the report.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "import/fhir/FhirImport.h"

namespace mc::import::fhir::test {

inline const char* kPatient = R"({"resourceType": "Patient", "id": "p1", "gender": "female",
  "birthDate": "1960-05-01"})";

// Imports each text as a file named `name<i>.json`, then finishes.
inline void importTexts(FhirImport& fhir, const std::vector<std::string>& texts) {
  int i = 0;
  for (const std::string& text : texts)
    fhir.addText("case/r" + std::to_string(i++) + ".json", text);
  fhir.finish();
}

// A table's rows as CSV-like lines: member, then the fields, comma joined.
inline std::vector<std::string> lines(const FhirImport& fhir, DataTable table) {
  std::vector<std::string> out;
  for (const ImportedRow& row : fhir.tables().rows(table)) {
    out.push_back(row.member + "," + row.fields);
  }
  return out;
}

inline std::uint64_t skipped(const FhirImport& fhir, const std::string& type,
                             const std::string& reason) {
  const auto& types = fhir.report().types();
  const auto it = types.find(type);
  if (it == types.end()) return 0;
  const auto r = it->second.skipped.find(reason);
  return r == it->second.skipped.end() ? 0 : r->second;
}

}  // namespace mc::import::fhir::test
