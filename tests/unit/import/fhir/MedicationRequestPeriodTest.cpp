// CumulativeMedicationDuration 4.1.000's medicationRequestPeriod(), case by
// case (runtime/import/fhir/MedicationRequestPeriod.cpp): the period of a
// MedicationRequest an import writes as the order's end_date.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "ImportFixture.h"
#include "import/fhir/MedicationRequestPeriod.h"
#include "support/Date.h"

using namespace mc;
using namespace mc::import::fhir;
using namespace mc::import::fhir::test;

namespace {

// The period of a MedicationRequest whose other fields are `fields` (JSON
// members, without braces), as "START..END", or "null".
std::string periodOf(const std::string& fields, std::vector<std::string>* notes = nullptr) {
  simdjson::dom::parser parser;
  const std::string json = R"({"resourceType": "MedicationRequest")" +
                           (fields.empty() ? std::string() : ", " + fields) + "}";
  simdjson::dom::element request;
  REQUIRE(!parser.parse(json).get(request));
  const RequestPeriod p = medicationRequestPeriod(request);
  if (notes != nullptr) *notes = p.notes;
  if (p.end == kNoDate) return "null";
  return formatIsoDate(p.start) + ".." + formatIsoDate(p.end);
}

bool has(const std::vector<std::string>& notes, const std::string& note) {
  return std::find(notes.begin(), notes.end(), note) != notes.end();
}

const std::string kAuthored = R"("authoredOn": "2025-02-01T10:00:00Z")";

}  // namespace

TEST_CASE("medicationRequestPeriod: expectedSupplyDuration in days from authoredOn",
          "[import][fhir][period]") {
  std::vector<std::string> notes;
  CHECK(periodOf(kAuthored + R"(, "dispenseRequest": {"expectedSupplyDuration":
    {"value": 90, "system": "http://unitsofmeasure.org", "code": "d"}})",
                 &notes) == "2025-02-01..2025-05-01");
  CHECK(has(notes, "period from expectedSupplyDuration"));
  // MADiE writes the code `days`, a CQL calendar unit.
  CHECK(periodOf(kAuthored + R"(, "dispenseRequest": {"expectedSupplyDuration":
    {"value": 1, "system": "http://unitsofmeasure.org", "code": "days"}})") ==
        "2025-02-01..2025-02-01");
}

TEST_CASE("medicationRequestPeriod: the supply times 1 + numberOfRepeatsAllowed, in weeks",
          "[import][fhir][period]") {
  // 2 weeks, 2 refills: 42 days.
  CHECK(periodOf(kAuthored + R"(, "dispenseRequest": {"numberOfRepeatsAllowed": 2,
    "expectedSupplyDuration": {"value": 2, "code": "wk"}})") == "2025-02-01..2025-03-14");
}

TEST_CASE("medicationRequestPeriod: quantity / (dose * doses a day)", "[import][fhir][period]") {
  const std::string dosage = R"(, "dosageInstruction": [{"timing": {"repeat": )";
  // 60 tablets, 2 a dose, once a day: 30 days.
  CHECK(periodOf(kAuthored + R"(, "dispenseRequest": {"quantity": {"value": 60}})" + dosage +
                 R"({"frequency": 1, "period": 1, "periodUnit": "d"}},
    "doseAndRate": [{"doseQuantity": {"value": 2}}]}])") == "2025-02-01..2025-03-02");
  // frequencyMax before frequency: up to twice a day, 60 tablets: 30 days.
  CHECK(periodOf(kAuthored + R"(, "dispenseRequest": {"quantity": {"value": 60}})" + dosage +
                 R"({"frequency": 1, "frequencyMax": 2, "period": 1, "periodUnit": "d"}},
    "doseAndRate": [{"doseQuantity": {"value": 1}}]}])") == "2025-02-01..2025-03-02");
  // Every 8 hours (ToDaily 'h': 3 a day), 30 tablets: 10 days.
  CHECK(periodOf(kAuthored + R"(, "dispenseRequest": {"quantity": {"value": 30}})" + dosage +
                 R"({"frequency": 1, "period": 8, "periodUnit": "h"}},
    "doseAndRate": [{"doseQuantity": {"value": 1}}]}])") == "2025-02-01..2025-02-10");
  // A dose range: its high end. 60 tablets, 1 to 2 a dose, once a day: 30 days.
  CHECK(periodOf(kAuthored + R"(, "dispenseRequest": {"quantity": {"value": 60}})" + dosage +
                 R"({"frequency": 1, "period": 1, "periodUnit": "d"}},
    "doseAndRate": [{"doseRange": {"low": {"value": 1}, "high": {"value": 2}}}]}])") ==
        "2025-02-01..2025-03-02");
  // Without a frequency, the times of day: twice a day, 30 tablets: 15 days.
  CHECK(periodOf(kAuthored + R"(, "dispenseRequest": {"quantity": {"value": 30}})" + dosage +
                 R"({"timeOfDay": ["08:00:00", "20:00:00"]}},
    "doseAndRate": [{"doseQuantity": {"value": 1}}]}])") == "2025-02-01..2025-02-15");
}

TEST_CASE("medicationRequestPeriod: the decimals of the supply are dropped",
          "[import][fhir][period]") {
  // 10 tablets, 3 a day: 3.33 days; start + 2.33 days is start + 2 days.
  CHECK(periodOf(kAuthored + R"(, "dispenseRequest": {"quantity": {"value": 10}},
    "dosageInstruction": [{"timing": {"repeat": {"frequency": 3, "period": 1, "periodUnit": "d"}},
    "doseAndRate": [{"doseQuantity": {"value": 1}}]}])") == "2025-02-01..2025-02-03");
}

TEST_CASE("medicationRequestPeriod: no frequency and no times of day give no supply (Count is 0)",
          "[import][fhir][period]") {
  std::vector<std::string> notes;
  CHECK(periodOf(kAuthored + R"(, "dispenseRequest": {"quantity": {"value": 30}},
    "dosageInstruction": [{"doseAndRate": [{"doseQuantity": {"value": 1}}]}])",
                 &notes) == "null");
  CHECK(has(notes,
            "dispenseRequest.quantity without a frequency or dose: no supply (a division by 0 in "
            "CQL)"));
}

TEST_CASE(
    "medicationRequestPeriod: the start is boundsPeriod's, else authoredOn, else "
    "validityPeriod's",
    "[import][fhir][period]") {
  const std::string supply = R"("expectedSupplyDuration": {"value": 10, "code": "d"})";
  CHECK(periodOf(kAuthored + R"(, "dispenseRequest": {)" + supply + R"(},
    "dosageInstruction": [{"timing": {"repeat": {"boundsPeriod": {"start": "2025-03-01"}}}}])") ==
        "2025-03-01..2025-03-10");
  CHECK(periodOf(R"("dispenseRequest": {"validityPeriod": {"start": "2025-04-01"}, )" + supply +
                 "}") == "2025-04-01..2025-04-10");
  CHECK(periodOf(kAuthored +
                 R"(, "dispenseRequest": {"validityPeriod": {"start": "2025-04-01"}, )" + supply +
                 "}") == "2025-02-01..2025-02-10");
}

TEST_CASE("medicationRequestPeriod: without a supply, the end of boundsPeriod",
          "[import][fhir][period]") {
  std::vector<std::string> notes;
  CHECK(periodOf(kAuthored + R"(, "dosageInstruction": [{"timing": {"repeat": {"boundsPeriod":
    {"start": "2025-03-01", "end": "2025-06-30T12:00:00Z"}}}}])",
                 &notes) == "2025-03-01..2025-06-30");
  CHECK(has(notes, "period from boundsPeriod end"));
  // A bounds end without a start: from authoredOn.
  CHECK(periodOf(kAuthored + R"(, "dosageInstruction": [{"timing": {"repeat": {"boundsPeriod":
    {"end": "2025-06-30"}}}}])") == "2025-02-01..2025-06-30");
  // A bounds end before the start is an invalid interval in CQL: none.
  CHECK(periodOf(kAuthored + R"(, "dosageInstruction": [{"timing": {"repeat": {"boundsPeriod":
    {"end": "2025-01-30"}}}}])") == "null");
}

TEST_CASE("medicationRequestPeriod: null without a supply or a bounds end, or a start",
          "[import][fhir][period]") {
  std::vector<std::string> notes;
  CHECK(periodOf(kAuthored, &notes) == "null");
  CHECK(has(notes, "no supply and no boundsPeriod end: no period"));
  CHECK(periodOf(R"("dispenseRequest": {"expectedSupplyDuration": {"value": 10, "code": "d"}})",
                 &notes) == "null");
  CHECK(has(notes, "no boundsPeriod start, authoredOn or validityPeriod start: no period"));
  // A supply of 0 days: Interval[start, start - 1 day] is invalid in CQL.
  CHECK(periodOf(kAuthored + R"(, "dispenseRequest": {"expectedSupplyDuration":
    {"value": 0, "code": "d"}})",
                 &notes) == "null");
  CHECK(has(notes, "a supply of 0 days or less: no period (an invalid interval in CQL)"));
  // A duration in a unit that is not time: not convertible, no supply.
  CHECK(periodOf(kAuthored + R"(, "dispenseRequest": {"expectedSupplyDuration":
    {"value": 30, "code": "{tbl}"}})",
                 &notes) == "null");
  CHECK(has(notes, "expectedSupplyDuration in '{tbl}': not convertible to days"));
}

TEST_CASE("medicationRequestPeriod: several dosageInstructions fail `singleton from`",
          "[import][fhir][period]") {
  std::vector<std::string> notes;
  // The supply still gives the period; the bounds (in a dosage) are not read.
  CHECK(periodOf(kAuthored + R"(, "dispenseRequest": {"expectedSupplyDuration":
    {"value": 10, "code": "d"}}, "dosageInstruction": [
    {"timing": {"repeat": {"boundsPeriod": {"start": "2025-03-01"}}}}, {"text": "second"}])",
                 &notes) == "2025-02-01..2025-02-10");
  CHECK(has(notes, "several dosageInstructions: CQL's `singleton from` fails; none read"));
}
