// CumulativeMedicationDuration 4.1.000, medicationRequestPeriod(), case by
// case. The CQL, abridged:
//   dosage: singleton from R.dosageInstruction,
//   doseAndRate: singleton from dosage.doseAndRate,
//   frequency: Coalesce(timing.repeat.frequencyMax, timing.repeat.frequency),
//   period: Quantity(timing.repeat.period, timing.repeat.periodUnit),
//   dose: Coalesce(end of doseRange, doseQuantity),
//   dosesPerDay: Coalesce(ToDaily(frequency, period), Count(timing.repeat.timeOfDay), 1.0),
//   boundsPeriod: timing.repeat.bounds as Interval<DateTime>,
//   daysSupply: (convert R.dispenseRequest.expectedSupplyDuration to days).value,
//   quantity: R.dispenseRequest.quantity,
//   refills: Coalesce(R.dispenseRequest.numberOfRepeatsAllowed, 0),
//   startDate: Coalesce(date from start of boundsPeriod, date from R.authoredOn,
//                       date from start of R.dispenseRequest.validityPeriod),
//   totalDaysSupplied: Coalesce(daysSupply, quantity.value / (dose.value * dosesPerDay))
//                        * (1 + refills)
//   return if startDate is not null and totalDaysSupplied is not null then
//            Interval[startDate, startDate + Quantity(totalDaysSupplied - 1, 'day')]
//          else if startDate is not null and boundsPeriod."high" is not null then
//            Interval[startDate, date from end of boundsPeriod]
//          else null
// What CQL makes of the corner cases is kept: Count of no timeOfDay is 0, not
// null, so the 1.0 is never reached and a quantity without a frequency gives
// no supply (a division by 0 is null); a date plus a decimal number of days
// drops the decimals; an interval that would end before it starts is an
// error in CQL, here no period (noted).
#include "import/fhir/MedicationRequestPeriod.h"

#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <string_view>

#include "import/fhir/FhirDate.h"
#include "import/fhir/FhirValues.h"

namespace mc::import::fhir {
namespace {

std::optional<double> numberAt(dom::element holder, const char* key) {
  dom::element v;
  if (holder[key].get(v)) return std::nullopt;
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  if (!v.get(i)) return static_cast<double>(i);
  if (!v.get(u)) return static_cast<double>(u);
  if (!v.get(d)) return d;
  return std::nullopt;
}

// `singleton from holder[key]`: the one element; none when absent or empty.
// More than one is an error in CQL: noted, and read as none.
std::optional<dom::element> singletonAt(dom::element holder, const char* key, const char* name,
                                        RequestPeriod& out) {
  dom::array list;
  if (holder[key].get(list) || list.size() == 0) return std::nullopt;
  if (list.size() > 1) {
    out.notes.push_back(fmt::format("several {}: CQL's `singleton from` fails; none read", name));
    return std::nullopt;
  }
  return *list.begin();
}

// The day of a FHIR date at holder[key]; kNoDate when absent or not a day.
Days dayAt(dom::element holder, const char* key) {
  const std::string_view text = stringAt(holder, key);
  if (text.empty()) return kNoDate;
  const FhirDate d = readFhirDate(text);
  return d.reading == FhirDate::Reading::Day ? d.day : kNoDate;
}

// Days in one `unit` of a Duration after FHIRHelpers.ToCalendarUnit, for
// `convert ... to days` (UCUM: a month is 30.4375 days, a year 365.25).
std::optional<double> daysPerUnit(std::string_view unit) {
  if (unit == "d" || unit == "day" || unit == "days") return 1.0;
  if (unit == "wk" || unit == "week" || unit == "weeks") return 7.0;
  if (unit == "mo" || unit == "month" || unit == "months") return 30.4375;
  if (unit == "a" || unit == "year" || unit == "years") return 365.25;
  if (unit == "h" || unit == "hour" || unit == "hours") return 1.0 / 24;
  if (unit == "min" || unit == "minute" || unit == "minutes") return 1.0 / (24 * 60);
  if (unit == "s" || unit == "second" || unit == "seconds") return 1.0 / (24 * 60 * 60);
  if (unit == "ms" || unit == "millisecond" || unit == "milliseconds")
    return 1.0 / (24.0 * 60 * 60 * 1000);
  return std::nullopt;
}

// (convert R.dispenseRequest.expectedSupplyDuration to days).value, through
// FHIRHelpers.ToQuantity (a comparator or a system other than UCUM or the
// calendar units is an error there: noted, no supply).
std::optional<double> supplyDays(dom::element request, RequestPeriod& out) {
  dom::element duration;
  if (request["dispenseRequest"]["expectedSupplyDuration"].get(duration)) return std::nullopt;
  const std::optional<double> value = numberAt(duration, "value");
  if (!value) return std::nullopt;
  const std::string_view system = stringAt(duration, "system");
  if (!stringAt(duration, "comparator").empty() ||
      !(system.empty() || system == "http://unitsofmeasure.org" ||
        system == "http://hl7.org/fhirpath/CodeSystem/calendar-units")) {
    out.notes.push_back("expectedSupplyDuration with a comparator or a non-UCUM unit: not read");
    return std::nullopt;
  }
  std::string_view unit = stringAt(duration, "code");
  if (unit.empty()) unit = stringAt(duration, "unit");
  if (unit.empty()) unit = "1";
  const std::optional<double> perUnit = daysPerUnit(unit);
  if (!perUnit) {
    out.notes.push_back(
        fmt::format("expectedSupplyDuration in '{}': not convertible to days", unit));
    return std::nullopt;
  }
  return *value * *perUnit;
}

// CumulativeMedicationDuration.ToDaily(frequency, period): doses a day; null
// for a unit it does not know (its Message) and a period of 0.
std::optional<double> toDaily(double frequency, double period, std::string_view unit) {
  if (period == 0) return std::nullopt;
  const double perHours = frequency * (24.0 / period);
  if (unit == "h" || unit == "hour" || unit == "hours") return perHours;
  if (unit == "min" || unit == "minute" || unit == "minutes") return perHours * 60;
  if (unit == "s" || unit == "second" || unit == "seconds") return perHours * 60 * 60;
  if (unit == "d" || unit == "day" || unit == "days") return perHours / 24;
  if (unit == "wk" || unit == "week" || unit == "weeks") return perHours / (24 * 7);
  if (unit == "mo" || unit == "month" || unit == "months") return perHours / (24 * 30);
  if (unit == "a" || unit == "year" || unit == "years") return perHours / (24 * 365);
  return std::nullopt;
}

// quantity.value / (dose.value * dosesPerDay): the days one dispense lasts
// by the dosage; null when a term is missing or the divisor is 0.
std::optional<double> daysByDosage(dom::element request, std::optional<dom::element> dosage,
                                   RequestPeriod& out) {
  dom::element quantity;
  if (request["dispenseRequest"]["quantity"].get(quantity)) return std::nullopt;
  const std::optional<double> amount = numberAt(quantity, "value");
  if (!amount) return std::nullopt;
  if (!dosage) return std::nullopt;
  const auto doseAndRate = singletonAt(*dosage, "doseAndRate", "doseAndRates", out);
  if (!doseAndRate) return std::nullopt;
  // dose: Coalesce(end of doseRange, doseQuantity): a range's high, else
  // the quantity (a range without a high has no value).
  std::optional<double> dose;
  dom::element d;
  if (!(*doseAndRate)["doseRange"].get(d)) {
    dom::element high;
    if (!d["high"].get(high)) dose = numberAt(high, "value");
  } else if (!(*doseAndRate)["doseQuantity"].get(d)) {
    dose = numberAt(d, "value");
  }
  if (!dose) return std::nullopt;
  dom::element repeat;
  std::optional<double> dosesPerDay;
  if (!(*dosage)["timing"]["repeat"].get(repeat)) {
    std::optional<double> frequency = numberAt(repeat, "frequencyMax");
    if (!frequency) frequency = numberAt(repeat, "frequency");
    const std::optional<double> period = numberAt(repeat, "period");
    if (frequency && period)
      dosesPerDay = toDaily(*frequency, *period, stringAt(repeat, "periodUnit"));
    if (!dosesPerDay) {
      dom::array times;
      dosesPerDay = repeat["timeOfDay"].get(times) ? 0.0 : static_cast<double>(times.size());
    }
  } else {
    dosesPerDay = 0.0;  // Count(null) is 0
  }
  const double divisor = *dose * *dosesPerDay;
  if (divisor == 0) {
    out.notes.push_back(
        "dispenseRequest.quantity without a frequency or dose: no supply (a "
        "division by 0 in CQL)");
    return std::nullopt;
  }
  return *amount / divisor;
}

}  // namespace

RequestPeriod medicationRequestPeriod(dom::element request) {
  RequestPeriod out;
  // boundsPeriod: timing.repeat.bounds as Interval<DateTime> (a
  // boundsDuration or boundsRange is not one).
  Days boundsStart = kNoDate, boundsEnd = kNoDate;
  const auto dosage = singletonAt(request, "dosageInstruction", "dosageInstructions", out);
  if (dosage) {
    dom::element bounds;
    if (!(*dosage)["timing"]["repeat"]["boundsPeriod"].get(bounds)) {
      boundsStart = dayAt(bounds, "start");
      boundsEnd = dayAt(bounds, "end");
    }
  }
  Days start = boundsStart;
  if (start == kNoDate) start = dayAt(request, "authoredOn");
  if (start == kNoDate) {
    dom::element validity;
    if (!request["dispenseRequest"]["validityPeriod"].get(validity))
      start = dayAt(validity, "start");
  }
  if (start == kNoDate) {
    out.notes.push_back("no boundsPeriod start, authoredOn or validityPeriod start: no period");
    return out;
  }
  std::optional<double> days = supplyDays(request, out);
  const char* how = "expectedSupplyDuration";
  if (!days) {
    days = daysByDosage(request, dosage, out);
    how = "dispenseRequest.quantity and the dosage";
  }
  if (days) {
    std::optional<double> refills;
    dom::element dispense;
    if (!request["dispenseRequest"].get(dispense))
      refills = numberAt(dispense, "numberOfRepeatsAllowed");
    const double total = *days * (1 + refills.value_or(0));
    // startDate + Quantity(totalDaysSupplied - 1, 'day'): the decimals dropped.
    const double offset = std::trunc(total - 1);
    if (!(offset >= 0) || offset > 3650000) {
      out.notes.push_back(offset < 0 ? "a supply of 0 days or less: no period (an invalid "
                                       "interval in CQL)"
                                     : "a supply of more than 10,000 years: no period");
      return out;
    }
    out.start = start;
    out.end = start + static_cast<Days>(offset);
    out.notes.push_back(fmt::format("period from {}", how));
    return out;
  }
  if (boundsEnd != kNoDate) {
    if (boundsEnd < start) {
      out.notes.push_back(
          "boundsPeriod ends before the period starts: no period (an invalid "
          "interval in CQL)");
      return out;
    }
    out.start = start;
    out.end = boundsEnd;
    out.notes.push_back("period from boundsPeriod end");
    return out;
  }
  out.notes.push_back("no supply and no boundsPeriod end: no period");
  return out;
}

}  // namespace mc::import::fhir
