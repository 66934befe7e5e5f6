// Reading last year's results directory for `run --prior` (PriorResults.h).
#include "score/PriorResults.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "score/Attribution.h"
#include "support/CsvReader.h"

namespace mc::score {

namespace {

std::optional<std::string> readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<double> parseRate(std::string_view cell) {
  double v = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (cell.empty() || ec != std::errc() || end != cell.data() + cell.size() || !std::isfinite(v) ||
      v < 0)
    return std::nullopt;
  return v;
}

// The ISO date of `"key": "YYYY-MM-DD"` inside run.json's `"period": {...}`:
// run.json is written by measurec (output/RunReport.h), so its period object
// is found by its key rather than by a general JSON reader.
std::optional<Days> periodDate(const std::string& json, const std::string& key) {
  // The key and its object, so that a string value "period" (a program's
  // title) is not taken for it.
  const size_t period = json.find("\"period\": {");
  if (period == std::string::npos) return std::nullopt;
  const size_t close = json.find('}', period);
  const size_t at = json.find("\"" + key + "\"", period);
  if (at == std::string::npos || at > close) return std::nullopt;
  const size_t open = json.find('"', json.find(':', at) + 1);
  if (open == std::string::npos || open > close) return std::nullopt;
  const size_t end = json.find('"', open + 1);
  if (end == std::string::npos) return std::nullopt;
  return parseIsoDate(std::string_view(json).substr(open + 1, end - open - 1));
}

}  // namespace

PriorRead parsePriorResults(const std::string& dir, std::string providerResultsCsv,
                            const std::string& runJson) {
  PriorRead out;
  const std::string file = dir + "/provider_results.csv";
  const std::string runFile = dir + "/run.json";
  PriorResults prior;
  prior.dir = dir;
  const auto start = periodDate(runJson, "start");
  const auto end = periodDate(runJson, "end");
  if (!start || !end) {
    out.error = fmt::format(
        "{}: no measurement period (\"period\": {{\"start\": ..., \"end\": ...}}); --prior takes "
        "the results directory of last year's `measurec run`",
        runFile);
    return out;
  }
  prior.periodStart = *start;
  prior.periodEnd = *end;
  // An interim run's rates are year to date (`run --as-of`): half a year of
  // screenings is no baseline for a whole year's, and would hand out
  // improvement points for nothing. run.json writes `"as_of": null` for a
  // full-year run; a string in a JSON string value has its quotes escaped,
  // so the key with a string value is found only as run.json's own.
  const std::string asOfKey = "\"as_of\": \"";
  if (const size_t at = runJson.find(asOfKey); at != std::string::npos) {
    const size_t from = at + asOfKey.size();
    const size_t to = runJson.find('"', from);
    out.error = fmt::format(
        "{}: the prior results are an interim run (as of {}): their rates are year to date, "
        "not last year's; give --prior the results directory of last year's full-year run "
        "(without --as-of)",
        runFile, runJson.substr(from, to == std::string::npos ? 0 : to - from));
    return out;
  }

  csv::CsvReader reader;
  reader.openText(std::move(providerResultsCsv));
  if (!reader.readHeader()) {
    out.error =
        fmt::format("{}:1: no header row; expected provider_id,measure,...,rate,qualifies", file);
    return out;
  }
  int columns[4];
  const char* names[4] = {"provider_id", "measure", "rate", "qualifies"};
  for (int i = 0; i < 4; ++i) {
    columns[i] = reader.column(names[i]);
    if (columns[i] == csv::CsvReader::kNoColumn) {
      out.error = fmt::format(
          "{}:1: no column '{}'; a provider_results.csv of measurec run has provider_id, "
          "measure, denominator, numerator, rate and qualifies",
          file, names[i]);
      return out;
    }
  }
  std::map<std::pair<std::string, std::string>, std::uint64_t> lineOf;
  csv::Record record;
  for (;;) {
    const csv::ReadStatus status = reader.next(record);
    if (status == csv::ReadStatus::End) break;
    auto bad = [&](const std::string& what) {
      out.error = fmt::format("{}:{}: {}; fix the row or rerun last year's results", file,
                              record.line, what);
      return out;
    };
    if (status == csv::ReadStatus::Error) return bad(reader.error());
    if (!record.problem.empty()) return bad(std::string(record.problem));
    if (record.size() != reader.header().size())
      return bad(
          fmt::format("{} fields, the header has {}", record.size(), reader.header().size()));
    const std::string provider(record[static_cast<size_t>(columns[0])]);
    const std::string measure(record[static_cast<size_t>(columns[1])]);
    const std::string_view rate = record[static_cast<size_t>(columns[2])];
    const std::string_view qualifies = record[static_cast<size_t>(columns[3])];
    if (provider.empty()) return bad("empty provider_id");
    if (measure.empty()) return bad("empty measure");
    PriorRate line;
    if (!rate.empty()) {
      line.rate = parseRate(rate);
      if (!line.rate) return bad(fmt::format("rate '{}' is not a number >= 0", rate));
    }
    if (qualifies != "0" && qualifies != "1")
      return bad(fmt::format("qualifies '{}' is not 0 or 1", qualifies));
    line.qualifies = qualifies == "1";
    const auto [it, fresh] = lineOf.emplace(std::make_pair(provider, measure), record.line);
    if (!fresh)
      return bad(fmt::format("provider {} measure {} is already on line {}", provider, measure,
                             it->second));
    prior.rates.emplace(std::make_pair(provider, measure), line);
  }
  out.results = std::move(prior);
  return out;
}

PriorRead readPriorResults(const std::string& dir) {
  PriorRead out;
  const std::string file = dir + "/provider_results.csv";
  const std::string runFile = dir + "/run.json";
  auto csvText = readText(file);
  if (!csvText) {
    out.error = fmt::format(
        "{}: cannot read it; --prior takes the results directory of last year's `measurec run`",
        file);
    return out;
  }
  auto json = readText(runFile);
  if (!json) {
    out.error = fmt::format(
        "{}: cannot read it; --prior takes the results directory of last year's `measurec run` "
        "(its run.json says which period the rates are of)",
        runFile);
    return out;
  }
  return parsePriorResults(dir, std::move(*csvText), *json);
}

PriorRates priorRatesFor(const PriorResults& prior, const store::ProviderTable& providers) {
  PriorRates out;
  for (const auto& [key, line] : prior.rates) {
    const store::ProviderId id =
        key.first == kUnlinked ? store::kNoProvider : providers.find(key.first);
    if (id == store::kNoProvider && key.first != kUnlinked) continue;
    out.emplace(std::make_pair(id, key.second), line);
  }
  return out;
}

std::vector<std::string> measuresWithoutPrior(const PriorResults& prior,
                                              const std::vector<std::string>& measures) {
  std::set<std::string> known;
  for (const auto& [key, line] : prior.rates) known.insert(key.second);
  std::vector<std::string> missing;
  for (const std::string& m : measures)
    if (known.count(m) == 0) missing.push_back(m);
  return missing;
}

}  // namespace mc::score
