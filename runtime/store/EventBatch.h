// Event rows parsed apart from the store: one chunk of an event file, read on
// any thread. Codes, providers and units go into the batch's own
// dictionaries (ids in the order first seen); StoreBuilder::addBatch maps
// them onto the store's in file order, so that every id comes out as if the
// rows had been added one by one.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "store/MemberStore.h"
#include "store/TextIndex.h"

namespace mc::store {

struct EventRow;

// A row as StoreBuilder keeps it until finish(): ids instead of texts.
struct PendingEvent {
  MemberIndex member;
  Days date;
  Days endDate;
  Seconds startTime, endTime;
  std::uint32_t codeBegin, codeEnd;  // into the codes of the builder (or batch)
  CodeId principal;                  // first ICD-10-CM code, kNoCode if none
  ProviderId provider, toProvider;
  Setting setting;
  Status status;
  EventSource source;
  double value;
  UnitId unit;
  std::int32_t daysSupply;
  std::uint8_t generic;
  std::uint8_t hasResult;
  std::uint32_t slotBegin, slotEnd;  // into the slot codes of the builder (or batch)
  std::uint32_t line;
};

class EventBatch {
 public:
  // `row.line` is kept as given: the loader adds the chunk's first line
  // when it hands the batch over (StoreBuilder::addBatch).
  void add(const EventRow& row);
  size_t size() const { return events_.size(); }

 private:
  friend class StoreBuilder;

  std::vector<PendingEvent> events_;
  std::vector<CodeId> codes_;  // batch code ids
  std::vector<std::pair<CodeSlot, CodeId>> slotCodes_;
  TextIndex codeKeys_;  // system byte + normalised code
  TextIndex providers_;
  TextIndex units_;                          // as written: the store canonicalises
  std::string key_;                          // reused for code keys
  ProviderId lastProvider_ = kNoProvider;    // the batch id of the last provider
  UnitId noUnit_ = UnitDictionary::kNoUnit;  // the batch id of the empty unit, once seen
};

}  // namespace mc::store
