// Rows to pending events as StoreBuilder::addEvent makes them
// (store::pendingEvent), with the dictionaries local to the batch; code
// cells and coded fields' cells read straight into the batch's code keys.
// The rows stay structs until the commit copies them, in table order, into
// the builder's columns.
#include "store/EventBatch.h"

#include <cmath>
#include <cstring>
#include <numeric>
#include <type_traits>

#include "store/MemberOrder.h"
#include "store/StoreBuilder.h"

namespace mc::store {

EventBatch::CodeKey EventBatch::keyOf(CodeSystem system, std::string_view code) {
  // The key made on the stack when it fits (codes are short): a string
  // assigned and appended per call cost more than the lookup.
  char buffer[64];
  std::string_view text;
  if (code.size() < sizeof buffer) {
    buffer[0] = static_cast<char>(system);
    std::memcpy(buffer + 1, code.data(), code.size());
    text = std::string_view(buffer, code.size() + 1);
  } else {
    key_.assign(1, static_cast<char>(system));
    key_ += code;
    text = key_;
  }
  const CodeKey key = keys_.intern(text);
  if (key == idOfKey_.size()) {
    idOfKey_.push_back(CodeDictionary::kNoCode);
    systemOfKey_.push_back(system);
  }
  return key;
}

CodeId EventBatch::idOf(CodeKey key) {
  if (idOfKey_[key] == CodeDictionary::kNoCode) {
    idOfKey_[key] = static_cast<CodeId>(keyOfId_.size());
    keyOfId_.push_back(key);
  }
  return idOfKey_[key];
}

template <typename Key>
void EventBatch::CellReadings::keep(std::string_view cell, const Key* first, const Key* last) {
  if (cells.size() >= kMaxCells) return;
  cells.intern(cell);
  for (const Key* k = first; k != last; ++k) {
    if constexpr (std::is_same_v<Key, SlotKey>)
      keys.push_back(k->second);
    else
      keys.push_back(*k);
  }
  start.push_back(static_cast<std::uint32_t>(keys.size()));
}

bool EventBatch::readCodeList(std::string_view column, std::string_view cell,
                              std::vector<CodeKey>& keys, RowProblem& problem) {
  const CodeKey* known;
  size_t count;
  if (listCells_.find(cell, known, count)) {
    // One or two keys: pushed, where an insert cost a call to memmove.
    for (size_t i = 0; i < count; ++i) keys.push_back(known[i]);
    return true;
  }
  if (!requireValue(column, cell, problem)) return false;
  const size_t before = keys.size();
  size_t at = 0;
  for (std::string_view token; !(token = nextCodeToken(cell, at)).empty();) {
    if (const std::uint32_t known = listTokens_.find(token); known != TextIndex::kAbsent) {
      keys.push_back(listTokenKey_[known]);
      continue;
    }
    // A new token: read alone, it is a one-item list, checked and reported
    // as in the whole cell.
    scratch_.clear();
    if (!parseCodeList(column, token, scratch_, problem)) return false;
    for (const auto& [system, code] : scratch_) keys.push_back(keyOf(system, code));
    if (scratch_.size() == 1) {
      listTokens_.intern(token);
      listTokenKey_.push_back(keys.back());
    }
  }
  if (keys.size() > before) {
    // A good cell: its reading depends on its text alone.
    listCells_.keep(cell, keys.data() + before, keys.data() + keys.size());
    return true;
  }
  // Separators only: parseCodeList says what is wrong with the cell.
  scratch_.clear();
  if (!parseCodeList(column, cell, scratch_, problem)) return false;
  for (const auto& [system, code] : scratch_) keys.push_back(keyOf(system, code));
  return true;
}

bool EventBatch::readSystemCode(std::string_view column, std::string_view cell, CodeSystem system,
                                std::vector<CodeKey>& keys, RowProblem& problem) {
  if (cell.find_first_not_of(" \t") == std::string_view::npos) return true;  // nothing to read
  const auto byte = static_cast<size_t>(system);
  if (byte >= systemTokens_.size()) systemTokens_.resize(byte + 1);
  SystemTokens& tokens = systemTokens_[byte];
  if (tokens.last != TextIndex::kAbsent && tokens.cells.textIs(tokens.last, cell)) {
    keys.push_back(tokens.keys[tokens.last]);
    return true;
  }
  if (const std::uint32_t known = tokens.cells.find(cell); known != TextIndex::kAbsent) {
    tokens.last = known;
    keys.push_back(tokens.keys[known]);
    return true;
  }
  scratch_.clear();
  if (!parseSystemCode(column, cell, system, scratch_, problem)) return false;
  for (const auto& [codeSystem, code] : scratch_) keys.push_back(keyOf(codeSystem, code));
  if (scratch_.size() == 1) {
    tokens.cells.intern(cell);
    tokens.keys.push_back(keys.back());
  }
  return true;
}

bool EventBatch::readSlotCodeList(CodeSlot slot, std::string_view column, std::string_view cell,
                                  std::vector<SlotKey>& keys, RowProblem& problem) {
  listKeys_.clear();
  if (!readCodeList(column, cell, listKeys_, problem)) return false;
  for (const CodeKey key : listKeys_) keys.emplace_back(slot, key);
  return true;
}

template <typename Parse>
bool EventBatch::readSlotCell(CellReadings& cache, CodeSlot slot, std::string_view cell,
                              std::vector<SlotKey>& keys, Parse parse) {
  const CodeKey* known;
  size_t count;
  if (cache.find(cell, known, count)) {
    for (size_t i = 0; i < count; ++i) keys.emplace_back(slot, known[i]);
    return true;
  }
  scratch_.clear();
  if (!parse(scratch_)) return false;
  const size_t before = keys.size();
  for (const auto& [system, code] : scratch_) keys.emplace_back(slot, keyOf(system, code));
  // Read well: what the cell reads as depends on its text alone.
  cache.keep(cell, keys.data() + before, keys.data() + keys.size());
  return true;
}

bool EventBatch::readDischargeStatus(std::string_view column, std::string_view cell,
                                     std::vector<SlotKey>& keys, RowProblem& problem) {
  return readSlotCell(dischargeCells_, CodeSlot::Discharge, cell, keys, [&](CodeList& codes) {
    return parseDischargeStatus(column, cell, codes, problem);
  });
}

bool EventBatch::readIntent(std::string_view column, std::string_view cell,
                            std::vector<SlotKey>& keys, RowProblem& problem) {
  return readSlotCell(intentCells_, CodeSlot::Intent, cell, keys,
                      [&](CodeList& codes) { return parseIntent(column, cell, codes, problem); });
}

bool EventBatch::readValue(std::string_view column, std::string_view cell, double& number,
                           bool& result, std::vector<SlotKey>& keys, RowProblem& problem) {
  // Only a cell that starts with a letter is looked up: a number is read
  // as it comes, and a code or text starts with one. Such a cell kept reads
  // as no number and holds something.
  const bool worded = !cell.empty() && ((cell[0] | 0x20) >= 'a' && (cell[0] | 0x20) <= 'z');
  if (worded) {
    const CodeKey* known;
    size_t count;
    if (valueCells_.find(cell, known, count)) {
      number = std::nan("");
      result = true;
      for (size_t i = 0; i < count; ++i) keys.emplace_back(CodeSlot::Value, known[i]);
      return true;
    }
  }
  scratch_.clear();
  if (!parseValueCell(column, cell, number, scratch_, result, problem)) return false;
  const size_t before = keys.size();
  for (const auto& [system, code] : scratch_)
    keys.emplace_back(CodeSlot::Value, keyOf(system, code));
  if (worded && result && std::isnan(number))
    valueCells_.keep(cell, keys.data() + before, keys.data() + keys.size());
  return true;
}

void EventBatch::add(const EventRow& row) { add(row, {}); }

void EventBatch::noteOrder(const PendingEvent& e) {
  const auto r = static_cast<std::uint32_t>(b_.events.size());
  if (r == 0) return;
  const PendingEvent& before = b_.events.back();
  if (e.member != before.member) {
    runStart_ = r;
  } else if ((unsortedRuns_.empty() || unsortedRuns_.back() != runStart_) &&
             eventBefore(e, before)) {
    unsortedRuns_.push_back(runStart_);
  }
}

__attribute__((flatten)) void EventBatch::add(const EventRow& row,
                                              const std::vector<CodeKey>& codeKeys) {
  const auto provider = [&](std::string_view id) {
    if (id.empty()) return kNoProvider;
    // Rows of a member often name the provider of the row before.
    if (lastProvider_ != kNoProvider && providers_.textIs(lastProvider_, id)) return lastProvider_;
    return lastProvider_ = providers_.intern(id);
  };
  // Most rows have no unit.
  const auto unit = [&](std::string_view text) {
    if (!text.empty()) return units_.intern(text);
    if (noUnit_ == UnitDictionary::kNoUnit) noUnit_ = units_.intern({});
    return noUnit_;
  };
  PendingEvent e = pendingFields(row, provider, unit);
  // The ids in pendingEvent's order: the keyed codes, those of row.codes
  // (none on the loader's path), the coded fields, the default intent.
  e.codeBegin = static_cast<std::uint32_t>(b_.codes.size());
  e.principal = CodeDictionary::kNoCode;
  const auto addCode = [&](CodeKey key) {
    b_.codes.push_back(idOf(key));
    if (e.principal == CodeDictionary::kNoCode && systemOf(key) == CodeSystem::ICD10CM)
      e.principal = b_.codes.back();
  };
  for (const CodeKey key : codeKeys) addCode(key);
  for (const auto& [system, text] : row.codes) addCode(keyOf(system, text));
  e.codeEnd = static_cast<std::uint32_t>(b_.codes.size());
  e.slotBegin = static_cast<std::uint32_t>(b_.slotCodes.size());
  bool intent = false;
  for (const auto& [slot, key] : row.slotKeys) {
    if (slot == CodeSlot::Principal) continue;
    b_.slotCodes.emplace_back(slot, idOf(key));
    intent = intent || slot == CodeSlot::Intent;
  }
  for (const auto& [slot, systemCode] : row.slotCodes) {
    if (slot == CodeSlot::Principal) continue;
    b_.slotCodes.emplace_back(slot, idOf(keyOf(systemCode.first, systemCode.second)));
    intent = intent || slot == CodeSlot::Intent;
  }
  if (row.kind == EventKind::Order && !intent) {
    if (defaultIntent_ == kNoKey) defaultIntent_ = keyOf(CodeSystem::REQINTENT, kDefaultIntent);
    b_.slotCodes.emplace_back(CodeSlot::Intent, idOf(defaultIntent_));
  }
  e.slotEnd = static_cast<std::uint32_t>(b_.slotCodes.size());
  noteOrder(e);
  b_.events.push_back(e);
  ordered_ = false;
}

EventBatch::EventBatch(Buffers buffers) : b_(std::move(buffers)) {
  b_.events.clear();
  b_.codes.clear();
  b_.slotCodes.clear();
  b_.order.clear();
}

EventBatch::Buffers EventBatch::takeBuffers() {
  Buffers buffers = std::move(b_);
  b_ = Buffers();
  ordered_ = false;
  runStart_ = 0;
  unsortedRuns_.clear();
  return buffers;
}

void EventBatch::finishRows() {
  if (ordered_) return;
  const std::vector<PendingEvent>& events = b_.events;
  std::vector<std::uint32_t>& order = b_.order;
  order.clear();
  // Sorted indexes, which the commit copies the rows through: cheaper than
  // moving rows of 80 bytes. None when every member's rows are in order.
  if (!unsortedRuns_.empty()) {
    order.resize(events.size());
    std::iota(order.begin(), order.end(), 0u);
  }
  const auto less = [&](std::uint32_t a, std::uint32_t b) {
    return eventBefore(events[a], events[b]);
  };
  for (const std::uint32_t first : unsortedRuns_) {
    size_t last = first + 1;
    while (last < events.size() && events[last].member == events[first].member) ++last;
    sortRun(order.begin() + first, order.begin() + static_cast<std::ptrdiff_t>(last), less);
  }
  ordered_ = true;
}

}  // namespace mc::store
