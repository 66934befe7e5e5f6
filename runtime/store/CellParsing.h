// Reading one cell of a data-directory CSV file (DATA.md) into a store value;
// a cell that breaks the contract gives the reason its row is bad.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/MemberStore.h"
#include "store/NameLookup.h"
#include "store/PlainDate.h"
#include "support/DateTime.h"
#include "support/EventVocabulary.h"

namespace mc::store {

// Why a row is bad: the column and value at fault, what is wrong, what to do.
struct RowProblem {
  std::string column;
  std::string value;
  std::string message;
  std::string hint;
};

using CodeList = std::vector<std::pair<CodeSystem, std::string>>;

// Each parser returns false and fills `problem` when the cell is bad.

// A required cell: neither empty nor only spaces and tabs. A cell whose
// first byte is not blank is read inline; requireOtherValue reads the rest.
bool requireOtherValue(std::string_view column, std::string_view cell, RowProblem& problem);
[[gnu::always_inline]] inline bool requireValue(std::string_view column, std::string_view cell,
                                                RowProblem& problem) {
  return (!cell.empty() && cell.front() != ' ' && cell.front() != '\t') ||
         requireOtherValue(column, cell, problem);
}
// The next token of a code-list cell from `at` on (codes are separated by
// spaces, tabs and ';'), `at` moved past it; empty when none is left. The
// one split of a code list, for the parser and the batch's cell reader.
std::string_view nextCodeToken(std::string_view cell, size_t& at);
// The date readers below read the usual cell inline (store/PlainDate.h)
// and hand any other to these, which read every form and give the messages.
bool parseOtherDate(std::string_view column, std::string_view cell, Days& out, RowProblem& problem);
bool parseOtherEventDate(std::string_view column, std::string_view cell, Days& day, Seconds& time,
                         RowProblem& problem);
bool parseOtherOptionalEventDate(std::string_view column, std::string_view cell, Days whenEmpty,
                                 Days& day, Seconds& time, RowProblem& problem);

inline bool parseDate(std::string_view column, std::string_view cell, Days& out,
                      RowProblem& problem) {
  if (cell.size() == 10 && readPlainDate(cell.data(), out)) return true;
  return parseOtherDate(column, cell, out, problem);
}
// An empty cell gives `whenEmpty`.
bool parseOptionalDate(std::string_view column, std::string_view cell, Days whenEmpty, Days& out,
                       RowProblem& problem);

// `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ss` with a year from 1900 to 2199: the
// cell of nearly every event row. False, having set nothing that matters,
// for any other.
[[gnu::always_inline]] inline bool readPlainEventDate(std::string_view cell, Days& day,
                                                      Seconds& time) {
  if ((cell.size() != 10 && cell.size() != 19) || !readPlainDate(cell.data(), day)) return false;
  if (cell.size() == 19) return readPlainTime(cell.data() + 10, time);
  time = kNoTime;
  return true;
}

// An event file's date cell: a day with an optional time of day
// (`2025-03-10T09:30`, support/DateTime.h); `time` is kNoTime without one.
[[gnu::always_inline]] inline bool parseEventDate(std::string_view column, std::string_view cell,
                                                  Days& day, Seconds& time, RowProblem& problem) {
  return readPlainEventDate(cell, day, time) ||
         parseOtherEventDate(column, cell, day, time, problem);
}
// An empty cell gives `whenEmpty` and no time.
[[gnu::always_inline]] inline bool parseOptionalEventDate(std::string_view column,
                                                          std::string_view cell, Days whenEmpty,
                                                          Days& day, Seconds& time,
                                                          RowProblem& problem) {
  if (cell.empty()) {
    day = whenEmpty;
    time = kNoTime;
    return true;
  }
  return readPlainEventDate(cell, day, time) ||
         parseOtherOptionalEventDate(column, cell, whenEmpty, day, time, problem);
}
// `SYSTEM:CODE` items separated by spaces or semicolons, appended to `out`
// normalised; an empty list is a problem.
bool parseCodeList(std::string_view column, std::string_view cell, CodeList& out,
                   RowProblem& problem);
// One code of `system`, bare or qualified (`ndc` holds `00002322730` or
// `NDC:00002322730`); appended when the cell is not empty.
bool parseSystemCode(std::string_view column, std::string_view cell, CodeSystem system,
                     CodeList& out, RowProblem& problem);
// orders.csv `intent`: one FHIR R4 RequestIntent code, bare (`order`) or
// `REQINTENT:order`; an empty cell appends nothing.
bool parseIntent(std::string_view column, std::string_view cell, CodeList& out,
                 RowProblem& problem);
bool parseSex(std::string_view column, std::string_view cell, Sex& out, RowProblem& problem);

// The vocabularies of an event row's setting, status and source cells,
// read inline (NameLookup: the same answers as settingFromName,
// statusFromText and eventSourceFromName); the messages are out of line.
inline constexpr NameLookup kSettingCells(kSettingNames);
inline constexpr NameLookup kStatusCells(kStatusNames);
inline constexpr NameLookup kSourceCells(kSourceNames);
bool failUnknownSetting(std::string_view column, std::string_view cell, RowProblem& problem);
bool failUnknownStatus(std::string_view column, std::string_view cell, RowProblem& problem);

[[gnu::always_inline]] inline bool parseSetting(std::string_view column, std::string_view cell,
                                                Setting& out, RowProblem& problem) {
  const int index = kSettingCells.find(cell);
  if (index == kSettingCells.kAbsent) return failUnknownSetting(column, cell, problem);
  out = static_cast<Setting>(index);
  return true;
}
// An event file's `status`: a name of kStatusNames (any case); empty is 0.
[[gnu::always_inline]] inline bool parseStatus(std::string_view column, std::string_view cell,
                                               Status& out, RowProblem& problem) {
  const int index = kStatusCells.find(cell);
  if (index == kStatusCells.kAbsent) return failUnknownStatus(column, cell, problem);
  out = static_cast<Status>(index);
  return true;
}
bool parseProviderKind(std::string_view column, std::string_view cell, ProviderKind& out,
                       RowProblem& problem);
// A days_supply cell other than up to nine digits.
bool parseOtherDaysSupply(std::string_view column, std::string_view cell, std::int32_t& out,
                          RowProblem& problem);
// A whole number of days, 0 or more.
[[gnu::always_inline]] inline bool parseDaysSupply(std::string_view column, std::string_view cell,
                                                   std::int32_t& out, RowProblem& problem) {
  // The usual cell: up to nine digits, no sign, no spaces (below int32's
  // largest value, which takes ten).
  if (!cell.empty() && cell.size() <= 9) {
    std::int32_t days = 0;
    size_t at = 0;
    for (; at < cell.size() && static_cast<unsigned char>(cell[at] - '0') <= 9; ++at)
      days = days * 10 + (cell[at] - '0');
    if (at == cell.size()) {
      out = days;
      return true;
    }
  }
  return parseOtherDaysSupply(column, cell, out, problem);
}
// The word `unknown` (any case, surrounding spaces allowed): orders.csv
// end_date of a medication order without a period (docs/data.md).
bool isUnknownCell(std::string_view cell);
// A Y/N cell of two bytes or more.
bool parseOtherYesNo(std::string_view column, std::string_view cell, bool& out,
                     RowProblem& problem);
// `Y`, `N` or empty (= N).
[[gnu::always_inline]] inline bool parseYesNo(std::string_view column, std::string_view cell,
                                              bool& out, RowProblem& problem) {
  if (cell.size() <= 1) {
    const char c = cell.empty() ? 'N' : cell.front();
    if (c == 'Y' || c == 'y' || c == 'N' || c == 'n') {
      out = c == 'Y' || c == 'y';
      return true;
    }
  }
  return parseOtherYesNo(column, cell, out, problem);
}

// The usual number, `[-]digits[.digits]` with at most 15 digits: the
// digits as one integer, exact in a double, divided by a power of ten, also
// exact (at most 10^15): IEEE division rounds the quotient correctly, as
// from_chars does, so the value is the same. False for anything else.
[[gnu::always_inline]] inline bool readPlainDecimal(std::string_view text, double& out) {
  static constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                            1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const auto digit = [&](size_t at) { return static_cast<unsigned char>(text[at] - '0'); };
  const bool negative = !text.empty() && text.front() == '-';
  size_t at = negative ? 1 : 0;
  std::uint64_t digits = 0;
  size_t count = 0, fraction = 0;
  for (; at < text.size() && digit(at) <= 9; ++at, ++count) digits = digits * 10 + digit(at);
  if (count == 0) return false;
  if (at < text.size() && text[at] == '.') {
    const size_t first = ++at;
    for (; at < text.size() && digit(at) <= 9; ++at, ++count) digits = digits * 10 + digit(at);
    fraction = at - first;
    if (fraction == 0) return false;
  }
  if (at != text.size() || count > 15) return false;
  const double value = static_cast<double>(digits) / kPowersOfTen[fraction];
  out = negative ? -value : value;
  return true;
}
// A number cell that is not a plain decimal as it stands: spaces, a plus
// sign, an exponent, many digits.
bool parseOtherNumber(std::string_view cell, double& out);
// A finite decimal number (optional sign, surrounding spaces allowed);
// false for text.
[[gnu::always_inline]] inline bool parseNumber(std::string_view cell, double& out) {
  return readPlainDecimal(cell, out) || parseOtherNumber(cell, out);
}
// An observations.csv / supplemental.csv `value`: a number (`number`), a
// code written SYSTEM:CODE (a FHIR valueCodeableConcept, as `import fhir`
// writes it; appended to `code`), or other text. A cell that starts with a
// known system name and a colon, without spaces, is a code and must have its
// system's shape; `result` says whether the cell holds anything.
bool parseValueCell(std::string_view column, std::string_view cell, double& number, CodeList& code,
                    bool& result, RowProblem& problem);
// visits.csv `discharge_status`: a code written SYSTEM:CODE (as `import fhir`
// writes Encounter.hospitalization.dischargeDisposition), or a bare claims
// value, the UB-04 patient discharge status (`01` is UBDISCH:01); appended
// to `code` when the cell is not empty.
bool parseDischargeStatus(std::string_view column, std::string_view cell, CodeList& code,
                          RowProblem& problem);
// A source cell that is not a name as it stands: spaces around one, or
// the message.
bool parseOtherEventSource(std::string_view column, std::string_view cell, EventSource& out,
                           RowProblem& problem);
// immunizations.csv `source`: registry, claim, ehr (any case) or empty.
[[gnu::always_inline]] inline bool parseEventSource(std::string_view column, std::string_view cell,
                                                    EventSource& out, RowProblem& problem) {
  // No name has a space: a cell found as it is needs no trimming.
  const int index = kSourceCells.find(cell);
  if (index == kSourceCells.kAbsent) return parseOtherEventSource(column, cell, out, problem);
  out = static_cast<EventSource>(index);
  return true;
}

}  // namespace mc::store
