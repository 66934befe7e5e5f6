// The conversions of StoreBuilder::addEvent, with the dictionaries local to
// the batch.
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
  PendingEvent e;
  e.member = row.member;
  e.date = row.date;
  e.endDate = row.endDate == kNoDate          ? row.date
              : row.endDate == kUnknownEndRow ? kUnknownPeriodEnd
                                              : row.endDate;
  e.startTime = row.startTime;
  e.endTime = row.endDate == kNoDate                                     ? row.startTime
              : row.endDate == kOpenEnd || row.endDate == kUnknownEndRow ? kNoTime
                                                                         : row.endTime;
  e.codeBegin = static_cast<std::uint32_t>(codes_.size());
  e.principal = CodeDictionary::kNoCode;
  for (const auto& [system, text] : row.codes) {
    codes_.push_back(code(system, text));
    if (system == CodeSystem::ICD10CM && e.principal == CodeDictionary::kNoCode)
      e.principal = codes_.back();
  }
  e.codeEnd = static_cast<std::uint32_t>(codes_.size());
  e.provider = provider(row.provider);
  e.toProvider = provider(row.toProvider);
  e.setting = row.setting;
  e.status = row.status;
  e.source = row.source;
  e.value = row.value;
  // Most rows have no unit.
  if (row.unit.empty()) {
    if (noUnit_ == UnitDictionary::kNoUnit) noUnit_ = units_.intern({});
    e.unit = noUnit_;
  } else {
    e.unit = units_.intern(row.unit);
  }
  e.daysSupply = row.daysSupply;
  e.generic = row.generic ? 1 : 0;
  e.hasResult = row.hasResult ? 1 : 0;
  e.slotBegin = static_cast<std::uint32_t>(slotCodes_.size());
  for (const auto& [slot, systemCode] : row.slotCodes)
    if (slot != CodeSlot::Principal)
      slotCodes_.emplace_back(slot, code(systemCode.first, systemCode.second));
  if (takesDefaultIntent(row))
    slotCodes_.emplace_back(CodeSlot::Intent, code(CodeSystem::REQINTENT, kDefaultIntent));
  e.slotEnd = static_cast<std::uint32_t>(slotCodes_.size());
  e.line = row.line;
  events_.push_back(e);
}

}  // namespace mc::store
