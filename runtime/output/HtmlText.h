// Text for report.html: escaping (every name and title in the page comes
// from a data or measure file) and the number formats the page shows.
#pragma once

#include <string>
#include <string_view>

namespace mc::output {

// `text` with & < > " ' as character references: safe in element content
// and in quoted attribute values.
std::string escapeHtml(std::string_view text);

// A number with `decimals` decimals and thousands separated by commas:
// "12,345.50"; "-1,000" with no decimals.
std::string formatGrouped(double value, int decimals);

// Dollars: "$12,345.50" ("-$5.00" below zero).
std::string formatDollars(double value);

}  // namespace mc::output
