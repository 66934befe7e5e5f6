// MedicationRequest -> orders.csv with its intent (every eCQM query of a
// MedicationRequest asks 'order' exactly: the measures read `with intent`),
// its end_date the end of its medicationRequestPeriod(), `unknown` when that
// is null.
#include <catch2/catch.hpp>

#include "ImportFixture.h"

using namespace mc::import::fhir;
using namespace mc::import::fhir::test;

namespace {

std::string request(const std::string& id, const std::string& more) {
  return R"({"resourceType": "MedicationRequest", "id": ")" + id +
         R"(", "status": "active", "subject": {"reference": "Patient/p1"},
    "authoredOn": "2025-02-01", "medicationCodeableConcept": {"coding": [
      {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "997223"}]})" +
         (more.empty() ? std::string() : ", " + more) + "}";
}

}  // namespace

TEST_CASE("MedicationRequest: every intent is an order row with its intent; none is skipped",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir,
              {kPatient, request("o", R"("intent": "order")"), request("p", R"("intent": "plan")"),
               request("oo", R"("intent": "original-order")"), request("n", ""),
               request("x", R"("intent": "wish")")});
  CHECK(lines(fhir, DataTable::Orders) ==
        std::vector<std::string>{
            "p1,2025-02-01,RXNORM:997223,,active,,MedicationRequest/o,unknown,order",
            "p1,2025-02-01,RXNORM:997223,,active,,MedicationRequest/p,unknown,plan",
            "p1,2025-02-01,RXNORM:997223,,active,,MedicationRequest/oo,unknown,original-order"});
  CHECK(lines(fhir, DataTable::Pharmacy).empty());
  CHECK(skipped(fhir, "MedicationRequest", "no intent") == 1);
  CHECK(skipped(fhir, "MedicationRequest", "intent outside FHIR's RequestIntent") == 1);
}

TEST_CASE("MedicationRequest: end_date is its period's end; unknown without one",
          "[import][fhir]") {
  FhirImport fhir;
  importTexts(fhir,
              {kPatient,
               request("supply", R"("intent": "order", "dispenseRequest": {"expectedSupplyDuration":
         {"value": 30, "code": "d"}})"),
               request("oneday", R"("intent": "order", "dispenseRequest": {"expectedSupplyDuration":
         {"value": 1, "code": "d"}})"),
               request("bounds", R"("intent": "order", "dosageInstruction": [{"timing": {"repeat":
         {"boundsPeriod": {"start": "2025-02-10", "end": "2025-04-30"}}}}])"),
               request("none", R"("intent": "order")")});
  CHECK(lines(fhir, DataTable::Orders) ==
        std::vector<std::string>{
            "p1,2025-02-01,RXNORM:997223,,active,,MedicationRequest/supply,2025-03-02,order",
            "p1,2025-02-01,RXNORM:997223,,active,,MedicationRequest/oneday,,order",
            "p1,2025-02-01,RXNORM:997223,,active,,MedicationRequest/bounds,2025-04-30,order",
            "p1,2025-02-01,RXNORM:997223,,active,,MedicationRequest/none,unknown,order"});
  const auto& notes = fhir.report().types().at("MedicationRequest").notes;
  CHECK(notes.at("period from expectedSupplyDuration") == 2);
  CHECK(notes.at("period from boundsPeriod end") == 1);
  CHECK(notes.at("no supply and no boundsPeriod end: no period") == 1);
  // The bounds start the period on 2025-02-10; the row is dated authoredOn.
  CHECK(notes.at("period starts on another day than authoredOn: the row keeps authoredOn") == 1);
}
