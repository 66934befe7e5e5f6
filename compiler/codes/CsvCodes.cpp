// The CSV form of a code file: `system,code` rows, read with the project's
// one CSV reader.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

#include "codes/CodeSetFile.h"
#include "support/ClosestName.h"
#include "support/CsvReader.h"
#include "support/EventVocabulary.h"

namespace mc::codes {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "did you mean 'CPT'?" for a near miss, else the list of systems.
std::string systemNote(std::string_view written) {
  std::vector<std::string> names;
  for (int i = 0; i < kCodeSystemCount; ++i)
    names.push_back(codeSystemName(static_cast<CodeSystem>(i)));
  const std::string near = written.empty() ? std::string() : closestName(written, names);
  return near.empty() ? "code systems are " + codeSystemNames()
                      : fmt::format("did you mean '{}'?", near);
}

int findColumn(const std::vector<std::string>& header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (equalsIgnoreCase(header[i], name)) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

CodeFile readCsvCodes(const SourceFilePtr& source, Diagnostics& diags) {
  CodeFile out;
  out.source = source;
  const SourceFile* file = source.get();
  auto at = [&](std::uint64_t line, int column, size_t length) {
    return SourceRange{file, static_cast<int>(line), column, static_cast<int>(length)};
  };
  auto fail = [&](SourceRange where, std::string message, std::string note) {
    diags.error("E0118", where, std::move(message), std::move(note));
    out.ok = false;
  };

  csv::CsvReader reader;
  reader.openText(source->text());
  if (!reader.readHeader()) {
    fail(at(1, 1, 1), "the code file has no header", "start it with the header line system,code");
    return out;
  }
  const int systemCol = findColumn(reader.header(), "system");
  const int codeCol = findColumn(reader.header(), "code");
  // Optional: codes of one drug (PQA's same drug for `pdc of`), e.g. the
  // strengths and packages of one ingredient.
  const int drugCol = findColumn(reader.header(), "drug");
  if (systemCol < 0 || codeCol < 0) {
    fail(at(1, 1, file->lineText(1).size()),
         fmt::format("the code file's header lacks the column '{}'",
                     systemCol < 0 ? "system" : "code"),
         "the header names the columns system and code (more columns, such as display, are "
         "allowed)");
    return out;
  }

  // (system, normalised code) -> (drug, line of its first row).
  std::map<std::pair<CodeSystem, std::string>, std::pair<std::string, std::uint64_t>> drugOfCode;
  csv::Record record;
  for (;;) {
    const csv::ReadStatus status = reader.next(record);
    if (status == csv::ReadStatus::End) break;
    if (status == csv::ReadStatus::Error) {
      fail(at(reader.errorLine(), 1, 1), fmt::format("unreadable row: {}", reader.error()),
           "close the quoted field");
      break;
    }
    // Where a field starts on the record's first line, for file:line:column.
    auto columnOf = [&](std::string_view field) {
      const char* begin = record.raw.data();
      if (field.data() < begin || field.data() > begin + record.raw.size()) return 1;
      return static_cast<int>(field.data() - begin) + 1;
    };
    const SourceRange rowRange = at(record.line, 1, record.raw.size());
    if (!record.problem.empty()) {
      fail(rowRange, fmt::format("unreadable row: {}", record.problem),
           "quote a field that holds a comma or a quote");
      continue;
    }
    const size_t needed = static_cast<size_t>(std::max(systemCol, codeCol)) + 1;
    if (record.size() < needed) {
      fail(rowRange,
           fmt::format("the row has {} field(s), the header {}", record.size(),
                       reader.header().size()),
           "write one code per row: system,code");
      continue;
    }
    const std::string_view systemText = trim(record[static_cast<size_t>(systemCol)]);
    const std::string_view codeText = trim(record[static_cast<size_t>(codeCol)]);
    const SourceRange systemRange =
        at(record.line, columnOf(systemText), std::max<size_t>(systemText.size(), 1));
    // An empty code is shown where its field starts.
    const SourceRange codeRange = at(
        record.line, columnOf(codeText.empty() ? record[static_cast<size_t>(codeCol)] : codeText),
        std::max<size_t>(codeText.size(), 1));
    const auto system = codeSystemFromName(systemText);
    if (!system) {
      fail(systemRange,
           systemText.empty() ? std::string("the row has no code system")
                              : fmt::format("unknown code system '{}'", systemText),
           systemNote(systemText));
      continue;
    }
    if (codeText.empty()) {
      fail(codeRange, "the row has no code", "write one code, family (Z30.*) or range (lo..hi)");
      continue;
    }
    ast::CodeItem item;
    item.range = codeRange;
    if (const size_t dots = codeText.find(".."); dots != std::string_view::npos) {
      item.lo = std::string(trim(codeText.substr(0, dots)));
      item.hi = std::string(trim(codeText.substr(dots + 2)));
      item.hiRange = codeRange;
      if (item.lo.empty() || item.hi.empty()) {
        fail(codeRange, fmt::format("'{}' is not a code range", codeText),
             "a range is written lo..hi");
        continue;
      }
    } else {
      item.lo = std::string(codeText);
    }
    if (drugCol >= 0 && record.size() > static_cast<size_t>(drugCol))
      item.drug = std::string(trim(record[static_cast<size_t>(drugCol)]));
    // One code, one drug: `pdc of` shifts early refills of the same drug, so
    // a code listed under two drugs (in any of its written forms, e.g. an
    // NDC as 4-4-2 and as 5-4-2) would make that shift depend on row order.
    if (drugCol >= 0 && !item.isRange() && !item.isFamily()) {
      const auto [seen, added] = drugOfCode.try_emplace({*system, normalizeCode(*system, item.lo)},
                                                        std::make_pair(item.drug, record.line));
      if (!added && seen->second.first != item.drug) {
        const auto named = [](const std::string& d) {
          return d.empty() ? std::string("no drug") : fmt::format("the drug '{}'", d);
        };
        fail(codeRange,
             fmt::format("'{}' is listed under {} here and under {} on line {}", codeText,
                         named(item.drug), named(seen->second.first), seen->second.second),
             "a code belongs to one drug (the same drug for early refills in `pdc of`): remove "
             "one of the rows or give them the same drug");
        continue;
      }
    }
    auto it = std::find_if(out.systems.begin(), out.systems.end(),
                           [&](const SystemCodes& s) { return s.system == *system; });
    if (it == out.systems.end()) it = out.systems.insert(out.systems.end(), {*system, {}});
    it->items.push_back(std::move(item));
    ++out.codeCount;
  }
  return out;
}

CodeFile readCodeFile(const SourceFilePtr& source, Diagnostics& diags) {
  const std::string& path = source->path();
  auto endsWith = [&](std::string_view ext) {
    return path.size() >= ext.size() &&
           equalsIgnoreCase(std::string_view(path).substr(path.size() - ext.size()), ext);
  };
  if (endsWith(".csv")) return readCsvCodes(source, diags);
  if (endsWith(".json")) return readValueSetJson(source, diags);
  CodeFile out;
  out.source = source;
  out.ok = false;
  diags.error("E0117", SourceRange{source.get(), 1, 1, 1},
              fmt::format("'{}' is neither a .csv nor a .json code file", path),
              "code files are CSV (system,code) or FHIR ValueSet JSON, told apart by extension");
  return out;
}

}  // namespace mc::codes
