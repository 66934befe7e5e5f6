// Following references inside a bundle.
#include "import/fhir/BundleIndex.h"

namespace mc::import::fhir {

void BundleIndex::add(std::string_view fullUrl, dom::element resource) {
  if (!fullUrl.empty()) entries_.emplace(std::string(fullUrl), resource);
  const std::string_view type = stringAt(resource, "resourceType");
  const std::string_view id = stringAt(resource, "id");
  if (!type.empty() && !id.empty()) {
    std::string key(type);
    key += '/';
    key += id;
    entries_.emplace(std::move(key), resource);
  }
}

const dom::element* BundleIndex::find(std::string_view reference) const {
  if (reference.empty()) return nullptr;
  if (const auto it = entries_.find(std::string(reference)); it != entries_.end())
    return &it->second;
  // An absolute URL that is no fullUrl: its last `Type/id`.
  const size_t slash = reference.rfind('/');
  if (slash == std::string_view::npos || slash == 0) return nullptr;
  const size_t typeStart = reference.rfind('/', slash - 1);
  const std::string_view tail =
      reference.substr(typeStart == std::string_view::npos ? 0 : typeStart + 1);
  if (tail.size() == reference.size()) return nullptr;
  const auto it = entries_.find(std::string(tail));
  return it == entries_.end() ? nullptr : &it->second;
}

const CodeTokens* BundleIndex::billed(std::string_view encounterId) const {
  const auto it = billed_.find(std::string(encounterId));
  return it == billed_.end() ? nullptr : &it->second;
}

CodeTokens& BundleIndex::billedFor(std::string_view encounterId) {
  return billed_[std::string(encounterId)];
}

}  // namespace mc::import::fhir
