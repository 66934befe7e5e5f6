// Parsing of providers.csv `attributes`; the format is in ProviderAttributes.h.
#include "store/ProviderAttributes.h"

namespace mc::store {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

bool parseProviderAttributes(std::string_view cell, std::vector<ProviderAttribute>& out,
                             std::string& problem, std::string& todo) {
  out.clear();
  const std::string_view kTodo =
      "write name=YYYY-MM-DD (the date the plan received it), items "
      "separated by ';', e.g. pcmh_recognized=2022-05-01";
  while (!trimmed(cell).empty()) {
    const size_t end = cell.find(';');
    const std::string_view item = trimmed(cell.substr(0, end));
    cell = end == std::string_view::npos ? std::string_view() : cell.substr(end + 1);
    if (item.empty()) continue;  // `a=...;` ends with a separator
    const size_t eq = item.find('=');
    const std::string_view name = trimmed(item.substr(0, eq));
    if (eq == std::string_view::npos) {
      problem = "attribute '" + std::string(item) + "' has no date";
      todo = kTodo;
      return false;
    }
    bool nameOk = !name.empty();
    for (char c : name) nameOk = nameOk && isNameChar(c);
    if (!nameOk) {
      problem = "attribute name '" + std::string(name) + "' is not a name";
      todo = "names are letters, digits and '_'; " + std::string(kTodo);
      return false;
    }
    const std::string_view value = trimmed(item.substr(eq + 1));
    const auto date = parseIsoDate(value);
    if (!date) {
      problem = "attribute " + std::string(name) + " has '" + std::string(value) +
                "', which is not a date";
      todo = kTodo;
      return false;
    }
    for (const ProviderAttribute& a : out) {
      if (a.name == name) {
        problem = "attribute " + std::string(name) + " is given twice";
        todo = "give each attribute once, with the date the plan received it";
        return false;
      }
    }
    out.push_back({std::string(name), *date});
  }
  return true;
}

}  // namespace mc::store
