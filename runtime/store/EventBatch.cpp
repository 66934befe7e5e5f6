// Rows to pending events as StoreBuilder::addEvent makes them
// (store::pendingEvent), with the dictionaries local to the batch.
#include "store/EventBatch.h"

#include "store/StoreBuilder.h"

namespace mc::store {

void EventBatch::add(const EventRow& row) {
  const auto code = [&](CodeSystem system, const std::string& text) {
    key_.assign(1, static_cast<char>(system));
    key_ += text;
    return codeKeys_.intern(key_);
  };
  const auto provider = [&](const std::string& id) {
    if (id.empty()) return kNoProvider;
    // Rows of a member often name the provider of the row before.
    if (lastProvider_ != kNoProvider && providers_.text(lastProvider_) == id) return lastProvider_;
    return lastProvider_ = providers_.intern(id);
  };
  // Most rows have no unit.
  const auto unit = [&](const std::string& text) {
    if (!text.empty()) return units_.intern(text);
    if (noUnit_ == UnitDictionary::kNoUnit) noUnit_ = units_.intern({});
    return noUnit_;
  };
  events_.push_back(pendingEvent(row, codes_, slotCodes_, code, provider, unit));
}

}  // namespace mc::store
