// The FHIR ValueSet form of a code file, as VSAC publishes them for the CMS
// eCQMs. JSON carries no line numbers: a code is reported where its text
// first appears after the previous code, which is where it is written.
#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>

#include "codes/CodeSetFile.h"

namespace mc::codes {
namespace {

namespace dom = simdjson::dom;

class ValueSetReader {
 public:
  ValueSetReader(const SourceFilePtr& source, Diagnostics& diags) : diags_(diags) {
    out_.source = source;
    const std::string& text = source->text();
    lineStarts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') lineStarts_.push_back(i + 1);
  }

  CodeFile read() {
    dom::parser parser;
    const simdjson::padded_string padded(out_.source->text());
    dom::element doc;
    if (auto error = parser.parse(padded).get(doc)) {
      fail(whole(),
           fmt::format("the ValueSet is not valid JSON: {}", simdjson::error_message(error)),
           "check the file is a FHIR ValueSet in JSON, as downloaded");
      return std::move(out_);
    }
    std::string_view type;
    if (doc["resourceType"].get(type) || type != "ValueSet") {
      fail(whole(), "the JSON file is not a FHIR ValueSet (no \"resourceType\": \"ValueSet\")",
           "code files in JSON are FHIR ValueSets");
      return std::move(out_);
    }
    dom::array contains;
    dom::element compose;
    if (!doc["expansion"]["contains"].get(contains)) {
      readContains(contains);
    } else if (!doc["compose"].get(compose)) {
      readCompose(compose);
    } else {
      fail(whole(), "the ValueSet has neither an expansion nor compose.include concepts",
           "download the expanded value set (VSAC $expand)");
    }
    return std::move(out_);
  }

 private:
  SourceRange whole() const { return SourceRange{out_.source.get(), 1, 1, 1}; }

  void fail(SourceRange where, std::string message, std::string note) {
    diags_.error("E0119", where, std::move(message), std::move(note));
    out_.ok = false;
  }

  // Where `"code"` is written, searching on from the previous code.
  SourceRange placeOf(std::string_view code) {
    const std::string& text = out_.source->text();
    const std::string needle = fmt::format("\"{}\"", code);
    size_t at = text.find(needle, cursor_);
    if (at == std::string::npos) at = text.find(needle);
    if (at == std::string::npos) return whole();
    cursor_ = at + needle.size();
    const auto line = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), at) - 1;
    return SourceRange{out_.source.get(), static_cast<int>(line - lineStarts_.begin()) + 1,
                       static_cast<int>(at - *line) + 2, static_cast<int>(code.size())};
  }

  void add(std::string_view systemUrl, std::string_view code) {
    const auto system = codeSystemFromFhirUrl(systemUrl);
    if (!system) {
      ++out_.skipped[std::string(systemUrl)];
      return;
    }
    ast::CodeItem item;
    item.lo = std::string(code);
    item.range = placeOf(code);
    auto it = std::find_if(out_.systems.begin(), out_.systems.end(),
                           [&](const SystemCodes& s) { return s.system == *system; });
    if (it == out_.systems.end()) it = out_.systems.insert(out_.systems.end(), {*system, {}});
    it->items.push_back(std::move(item));
    ++out_.codeCount;
  }

  // expansion.contains: entries with a code, and groups that nest further
  // entries; an abstract entry only groups and is not itself selectable.
  void readContains(dom::array entries) {
    for (dom::element entry : entries) {
      std::string_view system, code;
      bool abstract = false;
      if (entry["abstract"].get(abstract)) abstract = false;
      if (!abstract && !entry["code"].get(code)) {
        if (entry["system"].get(system)) {
          fail(placeOf(code), fmt::format("the code '{}' has no system", code),
               "each expansion entry names its code system");
        } else {
          add(system, code);
        }
      }
      dom::array nested;
      if (!entry["contains"].get(nested)) readContains(nested);
    }
  }

  void readCompose(dom::element compose) {
    dom::array excludes;
    if (!compose["exclude"].get(excludes) && excludes.size() > 0) {
      fail(placeOf("exclude"), "the ValueSet's compose.exclude cannot be applied here",
           "download the expanded value set (VSAC $expand)");
      return;
    }
    dom::array includes;
    if (compose["include"].get(includes)) {
      fail(whole(), "the ValueSet has neither an expansion nor compose.include concepts",
           "download the expanded value set (VSAC $expand)");
      return;
    }
    for (dom::element include : includes) {
      dom::array refs;
      if (!include["valueSet"].get(refs) && refs.size() > 0) {
        fail(placeOf("valueSet"),
             "compose.include refers to another value set, which cannot be expanded here",
             "download the expanded value set (VSAC $expand)");
        continue;
      }
      if (!include["filter"].get(refs) && refs.size() > 0) {
        fail(placeOf("filter"),
             "compose.include selects codes by a filter, which cannot be expanded here",
             "download the expanded value set (VSAC $expand)");
        continue;
      }
      std::string_view system;
      dom::array concepts;
      if (include["system"].get(system) || include["concept"].get(concepts)) {
        fail(whole(), "a compose.include has no system or no concept list",
             "each include names its system and lists its concepts");
        continue;
      }
      for (dom::element entry : concepts) {
        std::string_view code;
        if (entry["code"].get(code)) {
          fail(whole(), "a compose.include concept has no code", "each concept has a code");
          continue;
        }
        add(system, code);
      }
    }
  }

  Diagnostics& diags_;
  CodeFile out_;
  std::vector<size_t> lineStarts_;
  size_t cursor_ = 0;
};

}  // namespace

CodeFile readValueSetJson(const SourceFilePtr& source, Diagnostics& diags) {
  return ValueSetReader(source, diags).read();
}

}  // namespace mc::codes
