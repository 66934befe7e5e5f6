// Escaping and number formats of report.html.
#include "output/HtmlText.h"

#include <fmt/format.h>

#include <cmath>

namespace mc::output {

std::string escapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string formatGrouped(double value, int decimals) {
  std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  // -0.00 would read as a loss.
  const bool negative = value < 0 && digits.find_first_not_of("0.") != std::string::npos;
  const size_t point = digits.find('.');
  const size_t intEnd = point == std::string::npos ? digits.size() : point;
  std::string grouped;
  for (size_t i = 0; i < intEnd; ++i) {
    if (i > 0 && (intEnd - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  grouped += digits.substr(intEnd);
  return negative ? "-" + grouped : grouped;
}

std::string formatDollars(double value) {
  const std::string amount = formatGrouped(std::fabs(value), 2);
  return (value < 0 && amount != "0.00" ? "-$" : "$") + amount;
}

}  // namespace mc::output
