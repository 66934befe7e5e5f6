// Cell parsers for the data-directory contract (DATA.md), each with the
// message and hint a user sees for a bad row.
#include "store/CellParsing.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "store/TextIndex.h"
#include "support/EventVocabulary.h"

namespace mc::store {
namespace {

constexpr const char* kDateHint = "dates are YYYY-MM-DD (e.g. 2022-03-31)";
constexpr const char* kCodeHint =
    "write each code as SYSTEM:CODE (e.g. CPT:99213 ICD10CM:Z00.121), separated by spaces or "
    "semicolons";

bool fail(RowProblem& problem, std::string_view column, std::string_view value, std::string message,
          std::string hint) {
  problem.column = std::string(column);
  problem.value = std::string(value);
  problem.message = std::move(message);
  problem.hint = std::move(hint);
  return false;
}

bool isSpace(char c) { return c == ' ' || c == '\t'; }
bool isCodeSeparator(char c) { return isSpace(c) || c == ';'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
  return s;
}

// `NNNN-NN-NN`: written like a date, so a parse failure means no such day.
bool hasDateShape(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (const size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!isDigit(s[i])) return false;
  }
  return true;
}

// A code whose shape is wrong for its system cannot match any code set: a
// typo or a truncated code that would otherwise be silently never counted.
bool checkShape(std::string_view column, std::string_view cell, CodeSystem system,
                std::string_view code, RowProblem& problem) {
  std::string expected = checkCodeShape(system, code);
  if (expected.empty()) return true;
  if (isAmbiguousNdc(system, code)) {
    return fail(problem, column, cell, ambiguousNdcMessage(code), std::move(expected));
  }
  return fail(problem, column, cell,
              "'" + std::string(code) + "' is not a " + codeSystemName(system) + " code",
              std::move(expected));
}

bool appendQualifiedCode(std::string_view column, std::string_view token, CodeList& out,
                         RowProblem& problem) {
  // No code system uses commas; one here means the list used the wrong separator.
  if (token.find(',') != std::string_view::npos)
    return fail(problem, column, token, "a comma inside a code", kCodeHint);
  const std::optional<QualifiedCode> code = splitQualifiedCode(token);
  if (!code) return fail(problem, column, token, "not a code written SYSTEM:CODE", kCodeHint);
  if (!code->system) {
    return fail(problem, column, token, "unknown code system '" + code->systemName + "'",
                "code systems are " + codeSystemNames());
  }
  if (!checkShape(column, token, *code->system, token.substr(token.find(':') + 1), problem))
    return false;
  out.emplace_back(*code->system, code->code);
  return true;
}

// Code tokens this thread has read, with what each reads as: a data file
// repeats a few thousand codes millions of times, and whether a token is a
// good code, and which, depends on its text alone. Only good tokens are
// kept, so a bad one is always checked, and reported, anew.
struct CodeTokenCache {
  static constexpr size_t kMaxTokens = size_t{1} << 16;
  TextIndex tokens;
  std::vector<std::pair<CodeSystem, std::string>> codes;
  std::string key;

  const std::pair<CodeSystem, std::string>* find(std::string_view token) const {
    const std::uint32_t id = tokens.find(token);
    return id == TextIndex::kAbsent ? nullptr : &codes[id];
  }
  void keep(std::string_view token, const std::pair<CodeSystem, std::string>& code) {
    if (tokens.size() >= kMaxTokens) return;
    tokens.intern(token);
    codes.push_back(code);
  }
};
thread_local CodeTokenCache qualifiedTokens;  // parseCodeList: SYSTEM:CODE
thread_local CodeTokenCache systemTokens;     // parseSystemCode: system byte + cell

bool parseSystemCodeOnce(std::string_view column, std::string_view cell, CodeSystem system,
                         CodeList& out, RowProblem& problem);

}  // namespace

bool parseValueCell(std::string_view column, std::string_view cell, double& number, CodeList& code,
                    bool& result, RowProblem& problem) {
  number = std::nan("");
  const std::string_view text = trim(cell);
  result = !text.empty();
  if (!result || parseNumber(text, number)) return true;
  if (text.find_first_of(" \t;") != std::string_view::npos) return true;  // text
  // A code read before, in a code list or a value cell: what it reads as
  // depends on its text alone, and it is a code (it has a known system).
  if (const auto* known = qualifiedTokens.find(text)) {
    code.push_back(*known);
    return true;
  }
  const std::optional<QualifiedCode> qualified = splitQualifiedCode(text);
  if (!qualified || !qualified->system) return true;  // text: `12:30`, `note:...`
  if (!appendQualifiedCode(column, text, code, problem)) return false;
  qualifiedTokens.keep(text, code.back());
  return true;
}

bool parseDischargeStatus(std::string_view column, std::string_view cell, CodeList& code,
                          RowProblem& problem) {
  const std::string_view text = trim(cell);
  if (text.empty()) return true;
  if (text.find(':') != std::string_view::npos)
    return appendQualifiedCode(column, text, code, problem);
  if (!checkShape(column, text, CodeSystem::UBDISCH, text, problem)) {
    problem.hint += "; or write a code of another system as SYSTEM:CODE (SNOMEDCT:428361000124107)";
    return false;
  }
  code.emplace_back(CodeSystem::UBDISCH, normalizeCode(CodeSystem::UBDISCH, text));
  return true;
}

bool requireOtherValue(std::string_view column, std::string_view cell, RowProblem& problem) {
  if (!trim(cell).empty()) return true;
  return fail(problem, column, cell, "empty value in a required column",
              "every row needs a " + std::string(column) + "; fill it in or drop the row");
}

bool parseOtherDate(std::string_view column, std::string_view cell, Days& out,
                    RowProblem& problem) {
  if (!requireValue(column, cell, problem)) return false;
  if (const std::optional<Days> date = parseIsoDate(cell)) {
    out = *date;
    return true;
  }
  return fail(problem, column, cell, hasDateShape(cell) ? "no such calendar date" : "not a date",
              kDateHint);
}

bool isUnknownCell(std::string_view cell) { return equalsIgnoreCase(trim(cell), "unknown"); }

bool parseOtherEventDate(std::string_view column, std::string_view cell, Days& day, Seconds& time,
                         RowProblem& problem) {
  time = kNoTime;
  if (cell.size() <= 10) return parseOtherDate(column, cell, day, problem);
  std::string why;
  if (const std::optional<DayTime> dt = parseIsoDayTime(cell, &why)) {
    day = dt->day;
    time = dt->time;
    return true;
  }
  if (why.empty()) {  // the date part is at fault
    return fail(problem, column, cell,
                hasDateShape(cell.substr(0, 10)) ? "no such calendar date" : "not a date",
                kDateHint);
  }
  return fail(problem, column, cell, "not a date with a time of day: " + why,
              "write YYYY-MM-DD, or YYYY-MM-DDThh:mm[:ss] with an optional Z or +hh:mm offset "
              "(e.g. 2025-03-10T09:30)");
}

bool parseOtherOptionalEventDate(std::string_view column, std::string_view cell, Days whenEmpty,
                                 Days& day, Seconds& time, RowProblem& problem) {
  if (trim(cell).empty()) {
    day = whenEmpty;
    time = kNoTime;
    return true;
  }
  return parseOtherEventDate(column, cell, day, time, problem);
}

bool parseOptionalDate(std::string_view column, std::string_view cell, Days whenEmpty, Days& out,
                       RowProblem& problem) {
  if (trim(cell).empty()) {
    out = whenEmpty;
    return true;
  }
  return parseDate(column, cell, out, problem);
}

std::string_view nextCodeToken(std::string_view cell, size_t& at) {
  while (at < cell.size() && isCodeSeparator(cell[at])) ++at;
  const size_t start = at;
  while (at < cell.size() && !isCodeSeparator(cell[at])) ++at;
  return cell.substr(start, at - start);
}

bool parseCodeList(std::string_view column, std::string_view cell, CodeList& out,
                   RowProblem& problem) {
  if (!requireValue(column, cell, problem)) return false;
  const size_t before = out.size();
  size_t at = 0;
  for (std::string_view token; !(token = nextCodeToken(cell, at)).empty();) {
    if (const auto* known = qualifiedTokens.find(token)) {
      out.push_back(*known);
      continue;
    }
    if (!appendQualifiedCode(column, token, out, problem)) return false;
    qualifiedTokens.keep(token, out.back());
  }
  if (out.size() > before) return true;
  return fail(problem, column, cell, "no code in the list", kCodeHint);
}

bool parseSystemCode(std::string_view column, std::string_view cell, CodeSystem system,
                     CodeList& out, RowProblem& problem) {
  // An empty cell appends nothing (parseSystemCodeOnce): no key to build.
  if (trim(cell).empty()) return true;
  CodeTokenCache& cache = systemTokens;
  cache.key.assign(1, static_cast<char>(system));
  cache.key += cell;
  if (const auto* known = cache.find(cache.key)) {
    out.push_back(*known);
    return true;
  }
  const size_t before = out.size();
  if (!parseSystemCodeOnce(column, cell, system, out, problem)) return false;
  if (out.size() == before + 1) cache.keep(cache.key, out.back());
  return true;
}

namespace {

bool parseSystemCodeOnce(std::string_view column, std::string_view cell, CodeSystem system,
                         CodeList& out, RowProblem& problem) {
  const std::string_view code = trim(cell);
  if (code.empty()) return true;
  const std::string name = codeSystemName(system);
  for (const char c : code) {
    if (isCodeSeparator(c)) {
      return fail(problem, column, cell, "more than one code in the cell",
                  "write one " + name + " code per row");
    }
  }
  if (code.find(':') == std::string_view::npos) {
    if (!checkShape(column, cell, system, code, problem)) return false;
    out.emplace_back(system, normalizeCode(system, code));
    return true;
  }
  CodeList qualified;
  if (!appendQualifiedCode(column, code, qualified, problem)) return false;
  if (qualified.front().first != system) {
    return fail(problem, column, cell,
                "column '" + std::string(column) + "' holds " + name + " codes",
                "write the bare code or " + name + ":CODE here");
  }
  out.push_back(std::move(qualified.front()));
  return true;
}

}  // namespace

bool parseIntent(std::string_view column, std::string_view cell, CodeList& out,
                 RowProblem& problem) {
  if (trim(cell).empty()) return true;  // most rows: no intent, nothing to look up
  CodeList code;
  if (!parseSystemCode(column, cell, CodeSystem::REQINTENT, code, problem)) return false;
  if (code.empty()) return true;
  if (!isRequestIntent(code.front().second)) {
    return fail(problem, column, cell, "not a FHIR request intent",
                "write one of " + requestIntentList() + " (empty means order)");
  }
  out.push_back(std::move(code.front()));
  return true;
}

bool parseSex(std::string_view column, std::string_view cell, Sex& out, RowProblem& problem) {
  if (equalsIgnoreCase(cell, "F"))
    out = Sex::F;
  else if (equalsIgnoreCase(cell, "M"))
    out = Sex::M;
  else if (equalsIgnoreCase(cell, "U"))
    out = Sex::U;
  else
    return fail(problem, column, cell, "unknown sex", "sex is F, M or U (U: unknown)");
  return true;
}

bool failUnknownSetting(std::string_view column, std::string_view cell, RowProblem& problem) {
  std::string names;
  for (int i = 1; i < kSettingCount; ++i) {
    names += i > 1 ? ", " : "";
    names += settingName(static_cast<Setting>(i));
  }
  return fail(problem, column, cell, "unknown setting",
              "settings are " + names + ", or empty when unknown");
}

bool failUnknownStatus(std::string_view column, std::string_view cell, RowProblem& problem) {
  std::string names;
  for (int i = 1; i < kStatusNameCount; ++i)
    names += std::string(i > 1 ? ", " : "") + kStatusNames[i];
  return fail(problem, column, cell, "unknown status",
              "statuses are FHIR's: " + names + ", or empty for completed");
}

bool parseProviderKind(std::string_view column, std::string_view cell, ProviderKind& out,
                       RowProblem& problem) {
  static constexpr std::pair<const char*, ProviderKind> kKinds[] = {
      {"pcp", ProviderKind::Pcp},
      {"pharmacy", ProviderKind::Pharmacy},
      {"specialist", ProviderKind::Specialist},
      {"hospital", ProviderKind::Hospital},
      {"lab", ProviderKind::Lab},
      {"other", ProviderKind::Other},
  };
  if (!requireValue(column, cell, problem)) return false;
  for (const auto& [name, kind] : kKinds) {
    if (equalsIgnoreCase(cell, name)) {
      out = kind;
      return true;
    }
  }
  return fail(problem, column, cell, "unknown provider kind",
              "kinds are pcp, pharmacy, specialist, hospital, lab, other");
}

bool parseOtherDaysSupply(std::string_view column, std::string_view cell, std::int32_t& out,
                          RowProblem& problem) {
  static constexpr const char* kHint = "days_supply is a whole number of days, 0 or more (e.g. 30)";
  if (!requireValue(column, cell, problem)) return false;
  const std::string_view text = trim(cell);
  std::int64_t days = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
  if (ec == std::errc::result_out_of_range ||
      (ec == std::errc() && end == text.data() + text.size() &&
       days > std::numeric_limits<std::int32_t>::max()))
    return fail(problem, column, cell, "days_supply is too large", kHint);
  if (ec != std::errc() || end != text.data() + text.size())
    return fail(problem, column, cell, "days_supply is not a whole number", kHint);
  if (days < 0) return fail(problem, column, cell, "days_supply is negative", kHint);
  out = static_cast<std::int32_t>(days);
  return true;
}

bool parseOtherYesNo(std::string_view column, std::string_view cell, bool& out,
                     RowProblem& problem) {
  if (equalsIgnoreCase(cell, "Y") || equalsIgnoreCase(cell, "N") || cell.empty()) {
    out = equalsIgnoreCase(cell, "Y");
    return true;
  }
  return fail(problem, column, cell, "expected Y or N", "Y for yes, N or empty for no");
}

bool parseOtherNumber(std::string_view cell, double& out) {
  std::string_view text = trim(cell);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (readPlainDecimal(text, out)) return true;
  if (text.empty() || !(isDigit(text.front()) || text.front() == '-' || text.front() == '.'))
    return false;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return false;
  out = value;
  return true;
}

bool parseOtherEventSource(std::string_view column, std::string_view cell, EventSource& out,
                           RowProblem& problem) {
  const std::optional<EventSource> source = eventSourceFromName(trim(cell));
  if (!source) {
    return fail(problem, column, cell, "unknown source",
                "sources are registry, claim and ehr, or empty when not known");
  }
  out = *source;
  return true;
}

}  // namespace mc::store
