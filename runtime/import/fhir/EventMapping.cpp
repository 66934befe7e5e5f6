// Clinical resources -> the event files: visits, conditions, observations,
// immunizations, pharmacy and orders rows.
#include <fmt/format.h>

#include <cmath>

#include "import/fhir/EncounterClass.h"
#include "import/fhir/ResourceMapper.h"
#include "support/Date.h"

namespace mc::import::fhir {
namespace {

// The day of a date string, or kNoDate when absent or not a day.
Days dayOrNone(std::string_view text) {
  if (text.empty()) return kNoDate;
  const FhirDate d = readFhirDate(text);
  return d.reading == FhirDate::Reading::Day ? d.day : kNoDate;
}

// Period.end as a DATA.md end date: empty when absent, unreadable, the same
// day as the start (a same-day service) or before it.
std::string endOfPeriod(dom::element resource, const char* field, Days start) {
  dom::element period;
  if (resource[field].get(period)) return {};
  const Days end = dayOrNone(stringAt(period, "end"));
  if (end == kNoDate || end <= start) return {};
  return formatIsoDate(end);
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
std::string ResourceMapper::bodySite(const Current& r) {
  CodeTokens codes;
  dom::array sites;
  if (!r.resource["bodySite"].get(sites))
    for (dom::element concept : sites) collectCodes(concept, codes, report_, r.type);
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
  const auto date = dayOf(r, {"period"});
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
       {"", formatIsoDate(*date), endOfPeriod(r.resource, "period", *date), setting,
        encounterProvider(r), codes.knownText(), discharge, *status, codes.otherText(), fhirId(r),
        ""});
}

// DATA.md: a procedure without an encounter is a visit with setting other.
void ResourceMapper::mapProcedure(const Current& r) {
  const auto member = memberOf(r, "subject");
  if (!member) return;
  const auto date = dayOf(r, {"performedDateTime", "performedPeriod"});
  if (!date) return;
  const auto status = statusOf(r, stringAt(r.resource, "status"));
  if (!status) return;
  const auto found =
      codesAt(r, "code", "visits.csv needs a code: the Procedure has none in a known system");
  if (!found) return;
  const CodeTokens& codes = *found;
  emit(r, DataTable::Visits, *member,
       {"", formatIsoDate(*date), endOfPeriod(r.resource, "performedPeriod", *date), "other",
        performerOf(r, "performer"), codes.knownText(), "", *status, codes.otherText(), fhirId(r),
        bodySite(r)});
}

void ResourceMapper::mapCondition(const Current& r) {
  const auto member = memberOf(r, "subject");
  if (!member) return;
  dom::element present;
  const bool hasOnset =
      !r.resource["onsetDateTime"].get(present) || !r.resource["onsetPeriod"].get(present);
  const auto onset = dayOf(r, {"onsetDateTime", "onsetPeriod", "recordedDate"});
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
  Days abatement = dayOrNone(stringAt(r.resource, "abatementDateTime"));
  dom::element period;
  if (abatement == kNoDate && !r.resource["abatementPeriod"].get(period)) {
    abatement = dayOrNone(stringAt(period, "end"));
    if (abatement == kNoDate) abatement = dayOrNone(stringAt(period, "start"));
  }
  if (abatement == kNoDate) {
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
  if (abatement != kNoDate && abatement < *onset) {
    report_.note(r.type, "abatement before onset: abated on its onset");
    abatement = *onset;
  }
  emit(r, DataTable::Conditions, *member,
       {formatIsoDate(*onset), abatement == kNoDate ? "" : formatIsoDate(abatement),
        codes.knownText(), "", status, codes.otherText(), fhirId(r), bodySite(r)});
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
      dayOf(r, {"effectiveDateTime", "effectivePeriod", "effectiveInstant", "issued"});
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
  const std::string day = formatIsoDate(*date);
  const std::string provider = performerOf(r, "performer");
  // An effectivePeriod's end: QI-Core rules read when it ends ("ends during").
  const std::string end = endOfPeriod(r.resource, "effectivePeriod", *date);
  emit(r, DataTable::Observations, *member,
       {day, codes.known.front(), value, unit, provider, *status, other, fhirId(r), end,
        notDoneReason(r), *setting});
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
          *setting});
    report_.note(r.type, "component written as a row of its own");
  }
}

void ResourceMapper::mapImmunization(const Current& r) {
  const auto member = memberOf(r, "patient");
  if (!member) return;
  const auto date = dayOf(r, {"occurrenceDateTime"});
  if (!date) return;
  const auto status = statusOf(r, stringAt(r.resource, "status"));
  if (!status) return;
  const auto found = codesAt(
      r, "vaccineCode", "immunizations.csv needs a code: the vaccine has none in a known system");
  if (!found) return;
  const CodeTokens& codes = *found;
  const std::string other = codes.beyondFirstText();
  emit(r, DataTable::Immunizations, *member,
       {formatIsoDate(*date), codes.known.front(), performerOf(r, "performer"), "", *status, other,
        fhirId(r)});
}

// MedicationDispense: a fill. MedicationRequest: an order, written as a fill
// on the day it was written with its expected supply (docs/data.md).
void ResourceMapper::mapMedication(const Current& r, bool dispense) {
  const auto member = memberOf(r, "subject");
  if (!member) return;
  // First, as it may set the resource aside until its Medication is read.
  const auto medication = medicationCodes(r);
  if (!medication) return;
  const auto date =
      dispense ? dayOf(r, {"whenHandedOver", "whenPrepared"}) : dayOf(r, {"authoredOn"});
  if (!date) return;
  auto status = statusOf(r, stringAt(r.resource, "status"));
  if (!status) return;
  bool doNotPerform = false;
  if (!r.resource["doNotPerform"].get(doNotPerform) && doNotPerform) {
    status = "not-done";
    report_.note(r.type, "doNotPerform: status not-done");
  }
  const CodeTokens& codes = *medication;
  std::string ndc, rxnorm, other = codes.otherText();
  for (const std::string& c : codes.known) {
    std::string* slot = c.rfind("RXNORM:", 0) == 0 ? &rxnorm
                        : c.rfind("NDC:", 0) == 0  ? &ndc
                                                   : nullptr;
    if (slot != nullptr && slot->empty())
      *slot = c.substr(c.find(':') + 1);
    else
      other += (other.empty() ? "" : " ") + c;
  }
  if (ndc.empty() && rxnorm.empty()) {
    skipAt(r,
           r.resource["medicationCodeableConcept"].error() ? "medicationReference"
                                                           : "medicationCodeableConcept",
           "no RxNorm or NDC code", "pharmacy.csv needs an RxNorm or NDC code");
    return;
  }
  dom::element supply, quantity;
  std::optional<long long> days;
  if (dispense ? !r.resource["daysSupply"].get(supply)
               : !r.resource["dispenseRequest"]["expectedSupplyDuration"].get(supply))
    days = wholeDays(supply);
  if (!days) report_.note(r.type, "no supply in days: days_supply 0");
  std::string quantityText;
  if (dispense ? !r.resource["quantity"]["value"].get(quantity)
               : !r.resource["dispenseRequest"]["quantity"]["value"].get(quantity))
    quantityText = numberText(quantity).value_or("");
  // A dispense's performer is the pharmacy; a request's requester the prescriber.
  const std::string pharmacy = dispense ? performerOf(r, "performer") : std::string();
  std::string prescriber;
  dom::element requester;
  if (!dispense && !r.resource["requester"].get(requester))
    prescriber = providerOf(r, requester, "requester");
  emit(r, DataTable::Pharmacy, *member,
       {"", formatIsoDate(*date), ndc, rxnorm, fmt::format("{}", days.value_or(0)), quantityText,
        "", pharmacy, prescriber, *status, other, fhirId(r)});
}

// ServiceRequest, DeviceRequest: orders.csv rows on their authoredOn. Only
// an order is an order (QI-Core isInterventionOrder, isDeviceOrder: intent
// `order`); a plan or a proposal is skipped, counted.
void ResourceMapper::mapRequest(const Current& r, const char* codeField) {
  const auto member = memberOf(r, "subject");
  if (!member) return;
  dom::element concept;
  if (r.resource[codeField].get(concept)) {
    skipAt(r, codeField, "no code (a codeReference is not read yet)",
           fmt::format("no {}: the request names no coded service or device", codeField));
    return;
  }
  const std::string_view intent = stringAt(r.resource, "intent");
  if (!intent.empty() && intent != "order" && intent != "original-order" &&
      intent != "reflex-order" && intent != "filler-order" && intent != "instance-order") {
    report_.skip(r.type, fmt::format("intent {}: not an order", intent));
    return;
  }
  const auto date = dayOf(r, {"authoredOn", "occurrenceDateTime", "occurrencePeriod"});
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
       {formatIsoDate(*date), codes.knownText(), "", *status, codes.otherText(), fhirId(r)});
}

}  // namespace mc::import::fhir
