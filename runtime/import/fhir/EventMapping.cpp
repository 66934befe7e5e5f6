// Clinical resources -> the event files: visits, conditions, observations,
// immunizations, pharmacy and orders rows.
#include <fmt/format.h>

#include <cmath>

#include "import/fhir/EncounterClass.h"
#include "import/fhir/MedicationRequestPeriod.h"
#include "import/fhir/ResourceMapper.h"
#include "support/Date.h"

namespace mc::import::fhir {
namespace {

// The day and UTC time of day of a date string; kNoDate when absent or not
// a day.
DayTime whenOrNone(std::string_view text) {
  if (text.empty()) return {};
  const FhirDate d = readFhirDate(text);
  return d.reading == FhirDate::Reading::Day ? DayTime{d.day, d.time} : DayTime{};
}

// The day of a date string, or kNoDate when absent or not a day.
Days dayOrNone(std::string_view text) { return whenOrNone(text).day; }

// A DATA.md event date cell: the day, with its time of day when it has one.
std::string cellOf(const DayTime& when) { return formatIsoDayTime(when.day, when.time); }

// Whether `end` is after `start`: a later day, or the same day and a later
// time of day (both with a time).
bool endsAfter(const DayTime& end, const DayTime& start) {
  if (end.day != start.day) return end.day > start.day;
  return end.time != kNoTime && start.time != kNoTime && end.time > start.time;
}

// Period.end as a DATA.md end date, with its time of day: empty when
// absent, unreadable, or not after the start (a same-day service at one
// time, or an end before its start).
std::string endOfPeriod(dom::element resource, const char* field, const DayTime& start) {
  dom::element period;
  if (resource[field].get(period)) return {};
  const DayTime end = whenOrNone(stringAt(period, "end"));
  if (end.day == kNoDate || !endsAfter(end, start)) return {};
  return cellOf(end);
}

// A value[x] as an observations.csv value and unit.
void readValue(dom::element holder, std::string& value, std::string& unit, ImportReport& report,
               const std::string& type) {
  dom::element v;
  if (!holder["valueQuantity"].get(v)) {
    dom::element number;
    if (!v["value"].get(number)) value = numberText(number).value_or("");
    // The UCUM code when the Quantity has one (`unit` is display text:
    // "mmHg", "percent"), else its unit as written.
    const bool ucum = stringAt(v, "system") == "http://unitsofmeasure.org";
    unit = std::string(stringAt(v, ucum ? "code" : "unit"));
    if (unit.empty()) unit = std::string(stringAt(v, ucum ? "unit" : "code"));
  } else if (!holder["valueCodeableConcept"].get(v)) {
    CodeTokens codes;
    collectCodes(v, codes, report, type);
    if (!codes.known.empty())
      value = codes.known.front();
    else if (!codes.other.empty())
      value = codes.other.front();
  } else if (!holder["valueInteger"].get(v)) {
    value = numberText(v).value_or("");
  } else if (!holder["valueString"].get(v)) {
    value = std::string(stringAt(holder, "valueString"));
  } else if (!holder["valueBoolean"].get(v)) {
    bool b = false;
    if (!v.get(b)) value = b ? "true" : "false";
  } else if (!holder["valueDateTime"].get(v)) {
    const Days d = dayOrNone(stringAt(holder, "valueDateTime"));
    if (d != kNoDate) value = formatIsoDate(d);
  }
}

// A whole number of days from a Duration / Quantity in days or weeks.
std::optional<long long> wholeDays(dom::element quantity) {
  double value = 0;
  dom::element number;
  if (quantity["value"].get(number)) return std::nullopt;
  int64_t i = 0;
  if (!number.get(i))
    value = static_cast<double>(i);
  else if (number.get(value))
    return std::nullopt;
  std::string_view unit = stringAt(quantity, "code");
  if (unit.empty()) unit = stringAt(quantity, "unit");
  double days = value;
  if (unit == "wk" || unit == "week" || unit == "weeks")
    days = value * 7;
  else if (!(unit == "d" || unit == "day" || unit == "days" || unit.empty()))
    return std::nullopt;
  if (!(days >= 0) || days > 100000) return std::nullopt;
  return static_cast<long long>(std::llround(days));
}

}  // namespace

// Condition.bodySite / Procedure.bodySite: the known codes of every concept,
// for the `body_site` column (its codes of other systems are reported by
// collectCodes and not written: the column holds codes only).
std::string ResourceMapper::bodySite(const Current& r) { return knownCodesOf(r, "bodySite"); }

// Observation.category / Condition.category, for the `category` column, as
// the body site: QI-Core's categories are in OBSCAT, CONDCAT and USCORECAT.
std::string ResourceMapper::category(const Current& r) { return knownCodesOf(r, "category"); }

std::string ResourceMapper::knownCodesOf(const Current& r, const char* field) {
  CodeTokens codes;
  dom::array concepts;
  if (!r.resource[field].get(concepts))
    for (dom::element concept : concepts) collectCodes(concept, codes, report_, r.type);
  return codes.knownText();
}

std::optional<CodeTokens> ResourceMapper::codesAt(const Current& r, const char* field,
                                                  const std::string& detail) {
  CodeTokens codes;
  dom::element concept;
  if (!r.resource[field].get(concept)) collectCodes(concept, codes, report_, r.type);
  if (codes.known.empty()) {
    skipAt(r, field, "no code in a DATA.md system", detail);
    return std::nullopt;
  }
  return codes;
}

void ResourceMapper::mapEncounter(const Current& r) {
  const auto member = memberOf(r, "subject");
  if (!member) return;
  keepEncounter(r, *member);
  const auto date = whenOf(r, {"period"});
  if (!date) return;
  const auto status = statusOf(r, stringAt(r.resource, "status"));
  if (!status) return;
  CodeTokens codes;
  dom::array list;
  for (const char* field : {"type", "reasonCode"}) {
    if (r.resource[field].get(list)) continue;
    for (dom::element concept : list) collectCodes(concept, codes, report_, r.type);
  }
  addBilledCodes(r, codes);
  if (codes.known.empty()) {
    skipAt(r, "type", "no code in a DATA.md system",
           "visits.csv needs a code: the Encounter's type has none in a known system");
    return;
  }
  const char* setting = "";
  dom::element cls;
  if (!r.resource["class"].get(cls)) {
    const std::string_view code = stringAt(cls, "code");
    if (const char* s = settingOfEncounterClass(code))
      setting = s;
    else
      report_.note(r.type, fmt::format("class '{}': setting left empty", code));
  }
  std::string discharge;
  dom::element disposition;
  if (!r.resource["hospitalization"]["dischargeDisposition"].get(disposition)) {
    CodeTokens d;
    collectCodes(disposition, d, report_, r.type);
    // discharge_status holds a code the loader can read; a disposition in an
    // unknown system is kept with the stay's other codes (and counted).
    if (!d.known.empty())
      discharge = d.known.front();
    else
      codes.other.insert(codes.other.end(), d.other.begin(), d.other.end());
  }
  emit(r, DataTable::Visits, *member,
       {"", cellOf(*date), endOfPeriod(r.resource, "period", *date), setting, encounterProvider(r),
        codes.knownText(), discharge, *status, codes.otherText(), fhirId(r), ""});
}

// DATA.md: a procedure without an encounter is a visit with setting other.
void ResourceMapper::mapProcedure(const Current& r) {
  const auto member = memberOf(r, "subject");
  if (!member) return;
  const auto date = whenOf(r, {"performedDateTime", "performedPeriod"});
  if (!date) return;
  const auto status = statusOf(r, stringAt(r.resource, "status"));
  if (!status) return;
  const auto found =
      codesAt(r, "code", "visits.csv needs a code: the Procedure has none in a known system");
  if (!found) return;
  const CodeTokens& codes = *found;
  emit(r, DataTable::Visits, *member,
       {"", cellOf(*date), endOfPeriod(r.resource, "performedPeriod", *date), "other",
        performerOf(r, "performer"), codes.knownText(), "", *status, codes.otherText(), fhirId(r),
        bodySite(r)});
}

void ResourceMapper::mapCondition(const Current& r) {
  const auto member = memberOf(r, "subject");
  if (!member) return;
  dom::element present;
  const bool hasOnset =
      !r.resource["onsetDateTime"].get(present) || !r.resource["onsetPeriod"].get(present);
  const auto onset = whenOf(r, {"onsetDateTime", "onsetPeriod", "recordedDate"});
  if (!onset) return;
  if (!hasOnset) report_.note(r.type, "no onsetDateTime or onsetPeriod: onset from recordedDate");
  std::string status;
  dom::element verification;
  if (!r.resource["verificationStatus"].get(verification)) {
    const std::string_view code = firstCode(verification);
    if (code == "refuted") {
      report_.skip(r.type, "verificationStatus refuted: not a diagnosis");
      return;
    }
    if (code == "entered-in-error") status = "entered-in-error";
  }
  const auto found =
      codesAt(r, "code", "conditions.csv needs a code: the Condition has none in a known system");
  if (!found) return;
  const CodeTokens& codes = *found;
  DayTime abatement = whenOrNone(stringAt(r.resource, "abatementDateTime"));
  dom::element period;
  if (abatement.day == kNoDate && !r.resource["abatementPeriod"].get(period)) {
    abatement = whenOrNone(stringAt(period, "end"));
    if (abatement.day == kNoDate) abatement = whenOrNone(stringAt(period, "start"));
  }
  if (abatement.day == kNoDate) {
    // QI-Core prevalence: a condition no longer active without an abatement
    // date ended; its onset is the last day known.
    dom::element clinical;
    if (!r.resource["clinicalStatus"].get(clinical)) {
      const std::string_view code = firstCode(clinical);
      if (code == "inactive" || code == "resolved" || code == "remission") {
        abatement = *onset;
        report_.note(r.type, "no longer active, no abatement date: abated on its onset");
      }
    }
  }
  if (abatement.day != kNoDate && endsAfter(*onset, abatement)) {
    report_.note(r.type, "abatement before onset: abated on its onset");
    abatement = *onset;
  }
  emit(r, DataTable::Conditions, *member,
       {cellOf(*onset), abatement.day == kNoDate ? "" : cellOf(abatement), codes.knownText(), "",
        status, codes.otherText(), fhirId(r), bodySite(r), category(r)});
}

// Why an ObservationNotDone (status cancelled) was not done: the codes of
// its QI-Core notDoneReason extension in DATA.md systems, for the `reason`
// column; codes of other systems are counted like any (collectCodes).
std::string ResourceMapper::notDoneReason(const Current& r) {
  static constexpr std::string_view kSuffix = "/qicore-notDoneReason";
  dom::array extensions;
  if (r.resource["extension"].get(extensions)) return {};
  CodeTokens reason;
  for (dom::element ext : extensions) {
    const std::string_view url = stringAt(ext, "url");
    if (url.size() < kSuffix.size() || url.substr(url.size() - kSuffix.size()) != kSuffix) continue;
    dom::element concept;
    if (!ext["valueCodeableConcept"].get(concept)) collectCodes(concept, reason, report_, r.type);
  }
  if (!reason.known.empty()) report_.note(r.type, "notDoneReason written to reason");
  return reason.knownText();
}

void ResourceMapper::mapObservation(const Current& r) {
  const auto member = memberOf(r, "subject");
  if (!member) return;
  // First, as it may set the resource aside until its Encounter is read.
  const auto setting = encounterSetting(r, *member);
  if (!setting) return;
  const auto date =
      whenOf(r, {"effectiveDateTime", "effectivePeriod", "effectiveInstant", "issued"});
  if (!date) return;
  const auto status = statusOf(r, stringAt(r.resource, "status"));
  if (!status) return;
  const auto found = codesAt(
      r, "code", "observations.csv needs a code: the Observation has none in a known system");
  if (!found) return;
  const CodeTokens& codes = *found;
  // One code per row: the first known one; the others go to other_codes.
  const std::string other = codes.beyondFirstText();
  std::string value, unit;
  readValue(r.resource, value, unit, report_, r.type);
  const std::string day = cellOf(*date);
  const std::string provider = performerOf(r, "performer");
  // An effectivePeriod's end: QI-Core rules read when it ends ("ends during").
  const std::string end = endOfPeriod(r.resource, "effectivePeriod", *date);
  // A component is of its observation's category (a blood pressure's readings: vital-signs).
  const std::string categories = category(r);
  emit(r, DataTable::Observations, *member,
       {day, codes.known.front(), value, unit, provider, *status, other, fhirId(r), end,
        notDoneReason(r), categories, *setting});
  // Components (the two readings of a blood pressure) are rows of their own.
  dom::array components;
  if (r.resource["component"].get(components)) return;
  for (dom::element component : components) {
    CodeTokens c;
    dom::element componentCode;
    if (!component["code"].get(componentCode)) collectCodes(componentCode, c, report_, r.type);
    if (c.known.empty()) {
      report_.note(r.type, "a component without a code in a DATA.md system: not written");
      continue;
    }
    std::string v, u;
    readValue(component, v, u, report_, r.type);
    emit(r, DataTable::Observations, *member,
         {day, c.known.front(), v, u, provider, *status, c.otherText(), fhirId(r), end, "",
          categories, *setting});
    report_.note(r.type, "component written as a row of its own");
  }
}

void ResourceMapper::mapImmunization(const Current& r) {
  const auto member = memberOf(r, "patient");
  if (!member) return;
  const auto date = whenOf(r, {"occurrenceDateTime"});
  if (!date) return;
  const auto status = statusOf(r, stringAt(r.resource, "status"));
  if (!status) return;
  const auto found = codesAt(
      r, "vaccineCode", "immunizations.csv needs a code: the vaccine has none in a known system");
  if (!found) return;
  const CodeTokens& codes = *found;
  const std::string other = codes.beyondFirstText();
  emit(r, DataTable::Immunizations, *member,
       {cellOf(*date), codes.known.front(), performerOf(r, "performer"), "", *status, other,
        fhirId(r)});
}

// The RxNorm and NDC codes of a medication split into pharmacy.csv's
// columns: false (the resource skipped, counted) when it has neither.
bool ResourceMapper::fillCodes(const Current& r, const CodeTokens& codes, std::string& ndc,
                               std::string& rxnorm, std::string& other) {
  other = codes.otherText();
  for (const std::string& c : codes.known) {
    std::string* slot = c.rfind("RXNORM:", 0) == 0 ? &rxnorm
                        : c.rfind("NDC:", 0) == 0  ? &ndc
                                                   : nullptr;
    if (slot != nullptr && slot->empty())
      *slot = c.substr(c.find(':') + 1);
    else
      other += (other.empty() ? "" : " ") + c;
  }
  if (!ndc.empty() || !rxnorm.empty()) return true;
  skipAt(r,
         r.resource["medicationCodeableConcept"].error() ? "medicationReference"
                                                         : "medicationCodeableConcept",
         "no RxNorm or NDC code", "pharmacy.csv needs an RxNorm or NDC code");
  return false;
}

// MedicationDispense: a fill (pharmacy.csv), on the day it was handed over.
void ResourceMapper::mapDispense(const Current& r) {
  const auto member = memberOf(r, "subject");
  if (!member) return;
  // First, as it may set the resource aside until its Medication is read.
  const auto medication = medicationCodes(r);
  if (!medication) return;
  const auto date = whenOf(r, {"whenHandedOver", "whenPrepared"});
  if (!date) return;
  auto status = statusOf(r, stringAt(r.resource, "status"));
  if (!status) return;
  std::string ndc, rxnorm, other;
  if (!fillCodes(r, *medication, ndc, rxnorm, other)) return;
  dom::element supply, quantity;
  std::optional<long long> days;
  if (!r.resource["daysSupply"].get(supply)) days = wholeDays(supply);
  if (!days) report_.note(r.type, "no supply in days: days_supply 0");
  std::string quantityText;
  if (!r.resource["quantity"]["value"].get(quantity))
    quantityText = numberText(quantity).value_or("");
  // A dispense's performer is the pharmacy.
  emit(r, DataTable::Pharmacy, *member,
       {"", cellOf(*date), ndc, rxnorm, fmt::format("{}", days.value_or(0)), quantityText, "",
        performerOf(r, "performer"), "", *status, other, fhirId(r)});
}

// A pharmacy claim of a MedicationRequest of its bundle (Claim.prescription,
// as Synthea writes one per prescription): DATA.md's pharmacy.csv row is a
// pharmacy claim, so the claim is the fill; the request, an order, says
// what was filled. Dated by its first item's service date, else its
// billablePeriod start; days_supply and the prescriber are the request's
// (expectedSupplyDuration: a claim carries no supply), the quantity the
// item's, else the request's; the pharmacy is the claim's provider.
void ResourceMapper::mapPrescriptionClaim(const Current& r, const std::string& member,
                                          dom::element request, const std::string& claimId,
                                          const std::string& status) {
  const Current ordered{request, r.site, r.type, r.typeName, r.serial};
  const auto medication = medicationCodes(ordered);
  if (!medication) return;
  std::string ndc, rxnorm, other;
  if (!fillCodes(ordered, *medication, ndc, rxnorm, other)) return;
  dom::element item, quantity, supply;
  dom::array items;
  const bool hasItem = !r.resource["item"].get(items) && items.size() != 0;
  if (hasItem) item = *items.begin();
  Days date = kNoDate;
  if (hasItem) {
    date = dayOrNone(stringAt(item, "servicedDate"));
    dom::element period;
    if (date == kNoDate && !item["servicedPeriod"].get(period))
      date = dayOrNone(stringAt(period, "start"));
  }
  dom::element billable;
  if (date == kNoDate && !r.resource["billablePeriod"].get(billable))
    date = dayOrNone(stringAt(billable, "start"));
  if (date == kNoDate) {
    skipAt(r, "billablePeriod", "no date",
           "a pharmacy claim without an item servicedDate or servicedPeriod, and no "
           "billablePeriod start");
    return;
  }
  std::optional<long long> days;
  if (!request["dispenseRequest"]["expectedSupplyDuration"].get(supply)) days = wholeDays(supply);
  report_.note(r.type, days ? "days_supply: its MedicationRequest's expectedSupplyDuration"
                            : "no supply in days: days_supply 0");
  std::string quantityText;
  if ((hasItem && !item["quantity"]["value"].get(quantity)) ||
      !request["dispenseRequest"]["quantity"]["value"].get(quantity))
    quantityText = numberText(quantity).value_or("");
  std::string pharmacy, prescriber;
  dom::element reference;
  if (!r.resource["provider"].get(reference)) pharmacy = providerOf(r, reference, "provider");
  if (!request["requester"].get(reference))
    prescriber = providerOf(ordered, reference, "prescription.requester");
  report_.note(r.type, "a pharmacy claim of a MedicationRequest: written as its fill");
  emit(r, DataTable::Pharmacy, member,
       {claimId, formatIsoDate(date), ndc, rxnorm, fmt::format("{}", days.value_or(0)),
        quantityText, "", pharmacy, prescriber, status, other, fhirId(r)});
}

// MedicationRequest: an order (orders.csv) dated authoredOn, its end_date
// the end of the period CumulativeMedicationDuration 4.1.000's
// medicationRequestPeriod() gives it (`unknown` when that is null), its
// intent in `intent`: every eCQM query of a MedicationRequest asks intent =
// 'order' exactly (Status 1.8.000 isMedicationActive, isMedicationOrder;
// CMS2's follow-ups), which the measures read with `with intent`.
void ResourceMapper::mapMedicationOrder(const Current& r) {
  const auto member = memberOf(r, "subject");
  if (!member) return;
  // First, as it may set the resource aside until its Medication is read.
  const auto medication = medicationCodes(r);
  if (!medication) return;
  const auto intent = intentOf(r);
  if (!intent) return;
  const auto date = whenOf(r, {"authoredOn"});
  if (!date) return;
  auto status = statusOf(r, stringAt(r.resource, "status"));
  if (!status) return;
  bool doNotPerform = false;
  if (!r.resource["doNotPerform"].get(doNotPerform) && doNotPerform) {
    status = "not-done";
    report_.note(r.type, "doNotPerform: status not-done");
  }
  const CodeTokens& codes = *medication;
  if (codes.known.empty()) {
    skipAt(r,
           r.resource["medicationCodeableConcept"].error() ? "medicationReference"
                                                           : "medicationCodeableConcept",
           "no code in a DATA.md system",
           "orders.csv needs a code: the medication has none in a known system");
    return;
  }
  const RequestPeriod period = medicationRequestPeriod(r.resource);
  for (const std::string& note : period.notes) report_.note(r.type, note);
  std::string end = "unknown";
  if (period.end != kNoDate) {
    if (period.start != date->day)
      report_.note(r.type,
                   "period starts on another day than authoredOn: the row keeps authoredOn");
    end = period.end > date->day ? formatIsoDate(period.end) : std::string();
    if (period.end < date->day)
      report_.note(r.type, "period ends before authoredOn: end_date empty");
  }
  std::string prescriber;
  dom::element requester;
  if (!r.resource["requester"].get(requester)) prescriber = providerOf(r, requester, "requester");
  emit(r, DataTable::Orders, *member,
       {cellOf(*date), codes.knownText(), prescriber, *status, codes.otherText(), fhirId(r), end,
        *intent});
}

// ServiceRequest, DeviceRequest: orders.csv rows on their authoredOn, with
// their intent: QI-Core's isInterventionOrder and isDeviceOrder ask intent
// `order`, CMS2's referrals any intent.
void ResourceMapper::mapRequest(const Current& r, const char* codeField) {
  const auto member = memberOf(r, "subject");
  if (!member) return;
  dom::element concept;
  if (r.resource[codeField].get(concept)) {
    skipAt(r, codeField, "no code (a codeReference is not read yet)",
           fmt::format("no {}: the request names no coded service or device", codeField));
    return;
  }
  const auto intent = intentOf(r);
  if (!intent) return;
  const auto date = whenOf(r, {"authoredOn", "occurrenceDateTime", "occurrencePeriod"});
  if (!date) return;
  std::string_view fhirStatus = stringAt(r.resource, "status");
  if (fhirStatus == "revoked") {
    fhirStatus = "cancelled";
    report_.note(r.type, "status revoked: written cancelled");
  }
  auto status = statusOf(r, fhirStatus);
  if (!status) return;
  bool doNotPerform = false;
  if (r.resource["doNotPerform"].get(doNotPerform)) doNotPerform = false;
  dom::array modifiers;
  if (!r.resource["modifierExtension"].get(modifiers)) {
    for (dom::element ext : modifiers) {
      const std::string_view url = stringAt(ext, "url");
      bool flag = false;
      if (url.size() >= 12 && url.substr(url.size() - 12) == "doNotPerform") {
        if (!ext["valueBoolean"].get(flag) && flag) doNotPerform = true;
      } else {
        report_.note(r.type, fmt::format("modifierExtension not understood (ignored): {}", url));
      }
    }
  }
  if (doNotPerform) {
    status = "not-done";
    report_.note(r.type, "doNotPerform: status not-done");
  }
  CodeTokens codes;
  collectCodes(concept, codes, report_, r.type);
  if (codes.known.empty()) {
    skipAt(r, codeField, "no code in a DATA.md system",
           "orders.csv needs a code: the request has none in a known system");
    return;
  }
  emit(r, DataTable::Orders, *member,
       {cellOf(*date), codes.knownText(), "", *status, codes.otherText(), fhirId(r), "", *intent});
}

}  // namespace mc::import::fhir
