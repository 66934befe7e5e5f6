// Collecting, ordering and printing diagnostics (text with carets, or JSON).
#include "support/Diagnostic.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "support/Json.h"

namespace mc {

void Diagnostics::error(std::string code, SourceRange range, std::string message,
                        std::string note) {
  items_.push_back({std::move(code), Severity::Error, range, std::move(message), std::move(note)});
}

void Diagnostics::warning(std::string code, SourceRange range, std::string message,
                          std::string note) {
  items_.push_back(
      {std::move(code), Severity::Warning, range, std::move(message), std::move(note)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::hasErrors() const { return errorCount() > 0; }

size_t Diagnostics::errorCount() const {
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

size_t Diagnostics::warningCount() const {
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Warning; });
}

void Diagnostics::sort() {
  auto key = [](const Diagnostic& d) {
    return std::make_tuple(d.range.file ? d.range.file->path() : std::string(), d.range.line,
                           d.range.column, d.code);
  };
  std::stable_sort(items_.begin(), items_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

static const char* severityName(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

std::string formatDiagnostic(const Diagnostic& d) {
  std::string out;
  if (d.range.valid()) {
    out += fmt::format("{}:{}:{}: ", d.range.file->path(), d.range.line, d.range.column);
  }
  out += fmt::format("{} {}: {}\n", severityName(d.severity), d.code, d.message);
  if (d.range.valid()) {
    const std::string_view line = d.range.file->lineText(d.range.line);
    out += fmt::format("  {}\n  ", line);
    // Keep tabs in the caret line so that it lines up under the source.
    const int col = std::max(1, d.range.column);
    for (int i = 1; i < col && i <= static_cast<int>(line.size()); ++i) {
      out += line[i - 1] == '\t' ? '\t' : ' ';
    }
    const int room = std::max(1, static_cast<int>(line.size()) - col + 1);
    out += std::string(std::clamp(d.range.length, 1, room), '^');
    out += '\n';
  }
  if (!d.note.empty()) out += fmt::format("  note: {}\n", d.note);
  return out;
}

std::string formatDiagnosticsJson(const std::vector<Diagnostic>& ds) {
  std::string out = "[";
  for (size_t i = 0; i < ds.size(); ++i) {
    const Diagnostic& d = ds[i];
    out += i ? ",\n " : "\n ";
    out += fmt::format(
        "{{\"file\": {}, \"line\": {}, \"column\": {}, \"length\": {}, \"severity\": \"{}\", "
        "\"code\": \"{}\", \"message\": {}, \"note\": {}}}",
        jsonString(d.range.file ? d.range.file->path() : ""), d.range.line, d.range.column,
        d.range.length, severityName(d.severity), d.code, jsonString(d.message),
        jsonString(d.note));
  }
  out += ds.empty() ? "]\n" : "\n]\n";
  return out;
}

}  // namespace mc
