// Files and folders to resources: JSON parsing (simdjson's DOM parser, one
// reused for every file) and bundles unpacked into their entries.
#include "import/fhir/FhirImport.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <simdjson.h>
#include <unistd.h>

#include <algorithm>
#include <system_error>

#include "import/fhir/ResourceMapper.h"

namespace mc::import::fhir {

namespace {

// Asks the kernel to start reading `file` into the page cache now, so that
// the disk reads the next file while this one is parsed: a cold import then
// takes about the disk's time, not the disk's plus the parser's. A hint
// only: any failure is ignored (the read itself reports errors).
void prefetch(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
  ::close(fd);
}

}  // namespace

std::string ImportError::format() const {
  std::string out = fmt::format("{}: error {}: {}", file, code, message);
  if (!hint.empty()) out += "\n  note: " + hint;
  return out;
}

class FhirImport::Reader {
 public:
  Reader(DataTables& tables, ImportReport& report) : report_(report), mapper_(tables, report) {}

  void resource(dom::element element, const std::string& file, const std::string& path,
                const PatientUrls* urls, const BundleIndex* index) {
    if (stringAt(element, "resourceType") == "Bundle") {
      bundle(element, file, path);
      return;
    }
    ResourceSite site{file, path, urls, {}, index};
    if (urls == nullptr) site.folder = std::filesystem::path(file).parent_path().string();
    mapper_.map(element, site);
  }

  void finish() { mapper_.finish(); }
  void flush() { mapper_.flush(); }

  dom::parser parser;

 private:
  // A bundle of any type: its entries' resources, Patient entries first
  // known by their fullUrl so that `urn:uuid:` references resolve.
  void bundle(dom::element bundle, const std::string& file, const std::string& path) {
    ++report_.type("Bundle").read;
    ++report_.type("Bundle").mapped;
    dom::array entries;
    if (bundle["entry"].get(entries)) return;
    PatientUrls urls;
    BundleIndex index;
    for (dom::element entry : entries) {
      dom::element r;
      if (entry["resource"].get(r)) continue;
      const std::string_view fullUrl = stringAt(entry, "fullUrl");
      index.add(fullUrl, r);
      if (stringAt(r, "resourceType") != "Patient") continue;
      const std::string_view id = stringAt(r, "id");
      if (!fullUrl.empty() && !id.empty()) urls.emplace(std::string(fullUrl), std::string(id));
    }
    // The codes claim items bill for the bundle's Encounters, before the
    // Encounters are mapped (ClaimMapping.cpp).
    for (dom::element entry : entries) {
      dom::element r;
      if (entry["resource"].get(r)) continue;
      const std::string_view type = stringAt(r, "resourceType");
      if (type == "Claim" || type == "ExplanationOfBenefit") mapper_.indexBilledCodes(r, index);
    }
    size_t i = 0;
    for (dom::element entry : entries) {
      const std::string entryPath = fmt::format("{}.entry[{}]", path, i++);
      dom::element r;
      if (entry["resource"].get(r) || !r.is_object()) {
        report_.skip("Bundle", "an entry without a resource");
        report_.problem({file, entryPath, "the entry has no resource (a DELETE?): nothing to map"});
        continue;
      }
      resource(r, file, entryPath + ".resource", &urls, &index);
    }
  }

  ImportReport& report_;
  ResourceMapper mapper_;
};

FhirImport::FhirImport() : reader_(std::make_unique<Reader>(tables_, report_)) {}
FhirImport::~FhirImport() = default;

std::optional<std::string> FhirImport::streamTo(const std::filesystem::path& dir) {
  return tables_.streamTo(dir);
}

void FhirImport::addPath(const std::filesystem::path& input) {
  std::error_code ec;
  if (std::filesystem::is_directory(input, ec)) {
    std::vector<std::filesystem::path> files;
    for (auto it = std::filesystem::recursive_directory_iterator(input, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".json") files.push_back(it->path());
    }
    if (ec) {
      errors_.push_back({"E0801", input.string(), "the folder cannot be read: " + ec.message(),
                         "check the path and its permissions"});
      return;
    }
    if (files.empty()) {
      errors_.push_back({"E0801", input.string(), "the folder holds no .json file",
                         "give FHIR JSON files, or folders that hold them"});
      return;
    }
    std::sort(files.begin(), files.end());
    for (size_t i = 0; i < files.size(); ++i) {
      if (i + 1 < files.size()) prefetch(files[i + 1]);
      addFile(files[i]);
    }
    return;
  }
  if (!std::filesystem::is_regular_file(input, ec)) {
    errors_.push_back({"E0801", input.string(), "no such file or folder",
                       "give FHIR JSON files (bundles or resources) or folders of them"});
    return;
  }
  addFile(input);
}

void FhirImport::addFile(const std::filesystem::path& file) {
  ++report_.files;
  std::error_code ec;
  report_.bytes += std::filesystem::file_size(file, ec);
  dom::element doc;
  if (const auto error = reader_->parser.load(file.string()).get(doc)) {
    if (error == simdjson::IO_ERROR) {
      errors_.push_back({"E0801", file.string(), "the file cannot be read",
                         "check the path and its permissions"});
    } else {
      errors_.push_back({"E0802", file.string(),
                         fmt::format("$: not valid JSON: {}", simdjson::error_message(error)),
                         "the file is truncated or is not JSON; export it again"});
    }
    return;
  }
  reader_->resource(doc, file.string(), "$", nullptr, nullptr);
  reader_->flush();
}

void FhirImport::addText(const std::string& file, std::string_view json) {
  dom::element doc;
  const simdjson::padded_string padded(json);
  report_.bytes += json.size();
  ++report_.files;
  if (const auto error = reader_->parser.parse(padded).get(doc)) {
    errors_.push_back({"E0802", file,
                       fmt::format("$: not valid JSON: {}", simdjson::error_message(error)),
                       "the file is truncated or is not JSON; export it again"});
    return;
  }
  reader_->resource(doc, file, "$", nullptr, nullptr);
  reader_->flush();
}

void FhirImport::finish() { reader_->finish(); }

}  // namespace mc::import::fhir
