// Unit spelling: canonical forms and the syntax check of unit literals.
#include "support/Ucum.h"

#include <utility>

namespace mc {
namespace {

// Spellings of UCUM units seen in clinical data (the display text of a
// FHIR Quantity's `unit`) and their UCUM code.
constexpr std::pair<std::string_view, std::string_view> kOtherSpellings[] = {
    {"mmHg", "mm[Hg]"},
    {"mm Hg", "mm[Hg]"},
};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool isOperator(char c) { return c == '.' || c == '/'; }

}  // namespace

std::string canonicalUnit(std::string_view unit) {
  unit = trimmed(unit);
  if (unit.empty()) return std::string(kUnitless);
  for (const auto& [other, code] : kOtherSpellings)
    if (unit == other) return std::string(code);
  return std::string(unit);
}

bool wellFormedUnit(std::string_view unit, std::string& why) {
  if (unit.empty()) {
    why = "the unit is empty";
    return false;
  }
  for (const auto& [other, code] : kOtherSpellings)
    if (unit == other) return true;
  char open = 0;  // '[' or '{' while inside one
  int parens = 0;
  char previous = 0;
  for (size_t i = 0; i < unit.size(); ++i) {
    const char c = unit[i];
    if (c <= ' ' || c > '~' || c == '"' || c == '\'') {
      why = "a unit is printable ASCII without blanks or quotes";
      return false;
    }
    if (open != 0) {
      if ((open == '[' && c == ']') || (open == '{' && c == '}')) open = 0;
      previous = c;
      continue;
    }
    if (c == '[' || c == '{') {
      open = c;
    } else if (c == ']' || c == '}') {
      why = std::string("'") + c + "' closes nothing";
      return false;
    } else if (c == '(') {
      ++parens;
    } else if (c == ')') {
      if (--parens < 0) {
        why = "')' closes nothing";
        return false;
      }
    } else if (isOperator(c) && (i + 1 == unit.size() || isOperator(previous) ||
                                 (c == '.' && (i == 0 || previous == '(')))) {
      why = std::string("'") + c + "' needs a unit on each side";
      return false;
    }
    previous = c;
  }
  if (open != 0) {
    why = std::string("'") + open + "' is not closed";
    return false;
  }
  if (parens != 0) {
    why = "'(' is not closed";
    return false;
  }
  return true;
}

}  // namespace mc
