// FHIR dates to days, read in UTC.
#include <catch2/catch.hpp>

#include "import/fhir/FhirDate.h"

using mc::formatIsoDate;
using mc::import::fhir::FhirDate;
using mc::import::fhir::readFhirDate;

namespace {
std::string day(const char* text) {
  const FhirDate d = readFhirDate(text);
  return d.reading == FhirDate::Reading::Day ? formatIsoDate(d.day) : "(" + d.problem + ")";
}
}  // namespace

TEST_CASE("a FHIR date or dateTime is read as its UTC day", "[import][fhir]") {
  CHECK(day("2025-03-04") == "2025-03-04");
  CHECK(day("2025-12-31T23:59:59.000Z") == "2025-12-31");
  CHECK(day("2025-01-01T00:00:00+00:00") == "2025-01-01");
  // An offset moves the time to UTC before the day is taken.
  CHECK(day("2024-12-31T22:00:00-05:00") == "2025-01-01");
  CHECK(day("2025-01-01T02:00:00+05:00") == "2024-12-31");
  CHECK(day("1989-08-05T19:37:54-04:00") == "1989-08-05");
}

TEST_CASE("a partial or malformed FHIR date is not a day", "[import][fhir]") {
  CHECK(readFhirDate("2025").reading == FhirDate::Reading::Partial);
  CHECK(readFhirDate("2025-03").reading == FhirDate::Reading::Partial);
  CHECK(readFhirDate("--03-04").reading == FhirDate::Reading::Bad);
  CHECK(readFhirDate("2025-02-30").reading == FhirDate::Reading::Bad);
  CHECK(readFhirDate("2025-02-03T25").reading == FhirDate::Reading::Bad);
  CHECK(readFhirDate("2025-02-03T10:00:00+5").reading == FhirDate::Reading::Bad);
  CHECK(readFhirDate("").reading == FhirDate::Reading::Bad);
}

TEST_CASE("a FHIR dateTime keeps its UTC time of day", "[import][fhir]") {
  auto when = [](const char* text) {
    const FhirDate d = readFhirDate(text);
    return mc::formatIsoDayTime(d.day, d.time);
  };
  CHECK(when("2025-03-04") == "2025-03-04");
  CHECK(when("2025-03-04T09:30:15Z") == "2025-03-04T09:30:15");
  CHECK(when("2025-03-04T09:30:15.250+00:00") == "2025-03-04T09:30:15");
  // The offset moves the clock with the day.
  CHECK(when("2024-12-31T22:00:00-05:00") == "2025-01-01T03:00:00");
  CHECK(when("2025-01-01T02:00:00+05:00") == "2024-12-31T21:00:00");
  CHECK(readFhirDate("2025-02-03T10:00:61Z").reading == FhirDate::Reading::Bad);
}
