// FHIR dates (hl7.org/fhir/R4/datatypes.html#dateTime) to days, in UTC.
#include "import/fhir/FhirDate.h"

#include <optional>

namespace mc::import::fhir {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// `count` digits at `at` as a number; nullopt when any is not a digit.
std::optional<int> digits(std::string_view s, size_t at, size_t count) {
  if (at + count > s.size()) return std::nullopt;
  int n = 0;
  for (size_t i = at; i < at + count; ++i) {
    if (!isDigit(s[i])) return std::nullopt;
    n = n * 10 + (s[i] - '0');
  }
  return n;
}

FhirDate bad(std::string problem) {
  FhirDate d;
  d.problem = std::move(problem);
  return d;
}

// `hh:mm[:ss[.fff]]` and a `Z` / `+hh:mm` / `-hh:mm` zone as seconds after
// the day's UTC midnight (below 0 or past a day when the zone moves it to
// another day); nullopt when the time or the zone is malformed.
std::optional<int> timeInUtcSeconds(std::string_view t) {
  const auto hh = digits(t, 0, 2), mm = digits(t, 3, 2);
  if (!hh || !mm || t.size() < 5 || t[2] != ':' || *hh > 24 || *mm > 59) return std::nullopt;
  size_t i = 5;
  int seconds = 0;
  if (i < t.size() && t[i] == ':') {
    const auto ss = digits(t, i + 1, 2);
    if (!ss || *ss > 59) return std::nullopt;
    seconds = *ss;
    i += 3;
    if (i < t.size() && t[i] == '.') {
      ++i;
      const size_t start = i;
      while (i < t.size() && isDigit(t[i])) ++i;
      if (i == start) return std::nullopt;
    }
  }
  int offset = 0;
  if (i == t.size() || (t[i] == 'Z' && i + 1 == t.size())) {
    offset = 0;  // no zone: read as UTC, like the rest
  } else if ((t[i] == '+' || t[i] == '-') && t.size() == i + 6 && t[i + 3] == ':') {
    const auto oh = digits(t, i + 1, 2), om = digits(t, i + 4, 2);
    if (!oh || !om) return std::nullopt;
    offset = (*oh * 60 + *om) * (t[i] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  return (*hh * 60 + *mm - offset) * 60 + seconds;
}

}  // namespace

FhirDate readFhirDate(std::string_view text) {
  const auto year = digits(text, 0, 4);
  if (!year) return bad("not a FHIR date: it starts with a 4-digit year (YYYY-MM-DD)");
  if (text.size() == 4) {
    FhirDate d = bad("a year without a month and day: a data file date is a day (YYYY-MM-DD)");
    d.reading = FhirDate::Reading::Partial;
    return d;
  }
  const auto month = digits(text, 5, 2);
  if (text[4] != '-' || !month) return bad("not a FHIR date (YYYY-MM-DD)");
  if (text.size() == 7) {
    FhirDate d = bad("a month without a day: a data file date is a day (YYYY-MM-DD)");
    d.reading = FhirDate::Reading::Partial;
    return d;
  }
  const auto day = digits(text, 8, 2);
  if (text.size() < 10 || text[7] != '-' || !day) return bad("not a FHIR date (YYYY-MM-DD)");
  if (!isValidCivil(*year, *month, *day)) return bad("no such calendar date");
  Days days = daysFromCivil(*year, *month, *day);
  Seconds time = kNoTime;
  if (text.size() > 10) {
    const auto seconds = text[10] == 'T' ? timeInUtcSeconds(text.substr(11)) : std::nullopt;
    if (!seconds) return bad("not a FHIR dateTime (YYYY-MM-DDThh:mm:ss+zz:zz)");
    time = *seconds;
    if (time < 0) {
      --days;
      time += kSecondsPerDay;
    } else if (time >= kSecondsPerDay) {
      ++days;
      time -= kSecondsPerDay;
    }
  }
  FhirDate d;
  d.reading = FhirDate::Reading::Day;
  d.day = days;
  d.time = time;
  return d;
}

}  // namespace mc::import::fhir
