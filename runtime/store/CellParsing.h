// Reading one cell of a data-directory CSV file (DATA.md) into a store value;
// a cell that breaks the contract gives the reason its row is bad.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/MemberStore.h"
#include "support/DateTime.h"

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
bool requireValue(std::string_view column, std::string_view cell, RowProblem& problem);
// The next token of a code-list cell from `at` on (codes are separated by
// spaces, tabs and ';'), `at` moved past it; empty when none is left. The
// one split of a code list, for the parser and the batch's cell reader.
std::string_view nextCodeToken(std::string_view cell, size_t& at);
bool parseDate(std::string_view column, std::string_view cell, Days& out, RowProblem& problem);
// An empty cell gives `whenEmpty`.
bool parseOptionalDate(std::string_view column, std::string_view cell, Days whenEmpty, Days& out,
                       RowProblem& problem);
// An event file's date cell: a day with an optional time of day
// (`2025-03-10T09:30`, support/DateTime.h); `time` is kNoTime without one.
bool parseEventDate(std::string_view column, std::string_view cell, Days& day, Seconds& time,
                    RowProblem& problem);
// An empty cell gives `whenEmpty` and no time.
bool parseOptionalEventDate(std::string_view column, std::string_view cell, Days whenEmpty,
                            Days& day, Seconds& time, RowProblem& problem);
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
bool parseSetting(std::string_view column, std::string_view cell, Setting& out,
                  RowProblem& problem);
bool parseProviderKind(std::string_view column, std::string_view cell, ProviderKind& out,
                       RowProblem& problem);
// A whole number of days, 0 or more.
bool parseDaysSupply(std::string_view column, std::string_view cell, std::int32_t& out,
                     RowProblem& problem);
// The word `unknown` (any case, surrounding spaces allowed): orders.csv
// end_date of a medication order without a period (docs/data.md).
bool isUnknownCell(std::string_view cell);
// `Y`, `N` or empty (= N).
bool parseYesNo(std::string_view column, std::string_view cell, bool& out, RowProblem& problem);

// A finite decimal number (optional sign, surrounding spaces allowed);
// false for text.
bool parseNumber(std::string_view cell, double& out);
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
// immunizations.csv `source`: registry, claim, ehr (any case) or empty.
bool parseEventSource(std::string_view column, std::string_view cell, EventSource& out,
                      RowProblem& problem);

}  // namespace mc::store
