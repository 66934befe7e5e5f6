// Rows to pending events as StoreBuilder::addEvent makes them
// (store::pendingEvent), with the dictionaries local to the batch; code
// cells and coded fields' cells read straight into the batch's code keys.
// The rows stay structs until the commit copies them, in table order, into
// the builder's columns.
#include "store/EventBatch.h"

#include <algorithm>
#include <cmath>
#include <cstring>
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

void EventBatch::sortLastRun() {
  if (runSorted_) return;
  // The rows themselves, not indexes: the run was just written, so it is in
  // cache, and the commit then reads the batch front to back.
  store::sortRun(b_.events.begin() + runStart_, b_.events.end(),
                 [](const PendingEvent& a, const PendingEvent& b) { return eventBefore(a, b); });
  runSorted_ = true;
}

__attribute__((flatten)) void EventBatch::add(const EventRow& row,
                                              const std::vector<CodeKey>& codeKeys) {
  const auto r = static_cast<std::uint32_t>(b_.events.size());
  if (r != 0 && row.member != b_.events[r - 1].member) {
    sortLastRun();  // the run before ends here
    runStart_ = r;
  }
  // Rows of a member often name the provider, or the unit, of the row
  // before: each field compares its last id's text first.
  const auto remembered = [&](TextIndex& index, std::uint32_t& last, std::string_view text) {
    if (last != TextIndex::kAbsent && index.textIs(last, text)) return last;
    return last = index.intern(text);
  };
  static_assert(kNoProvider == TextIndex::kAbsent && UnitDictionary::kNoUnit == TextIndex::kAbsent,
                "an id not yet seen is the index's absent id");
  // A provider whose store id the row brings (the loader's listed ones) is
  // not looked up; another is the batch's own (kBatchProvider).
  const auto provider = [&](std::string_view id) {
    if (row.providerId != kNoProvider) return row.providerId;
    return id.empty() ? kNoProvider : kBatchProvider + remembered(providers_, lastProvider_, id);
  };
  const auto toProvider = [&](std::string_view id) {
    if (row.toProviderId != kNoProvider) return row.toProviderId;
    return id.empty() ? kNoProvider : kBatchProvider + remembered(providers_, lastToProvider_, id);
  };
  // Most rows have no unit.
  const auto unit = [&](std::string_view text) {
    if (!text.empty()) return remembered(units_, lastUnit_, text);
    if (noUnit_ == UnitDictionary::kNoUnit) noUnit_ = units_.intern({});
    return noUnit_;
  };
  // Written where it is kept: the batch's vector leaves a new row unwritten
  // (ColumnVector), where a row built on the stack was copied once more.
  PendingEvent& e = b_.events.emplace_back();
  setPendingFields(e, row, provider, toProvider, unit);
  // The ids in pendingEvent's order: the keyed codes, those of row.codes
  // (none on the loader's path), the coded fields, the default intent.
  e.codeBegin = static_cast<std::uint32_t>(b_.codes.size());
  CodeId principal = CodeDictionary::kNoCode;
  const auto addCode = [&](CodeKey key) {
    b_.codes.push_back(idOf(key));
    if (principal == CodeDictionary::kNoCode && systemOf(key) == CodeSystem::ICD10CM)
      principal = b_.codes.back();
  };
  for (const CodeKey key : codeKeys) addCode(key);
  for (const auto& [system, text] : row.codes) addCode(keyOf(system, text));
  e.principal = principal;
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
  timed_ = timed_ || e.startTime != kNoTime || e.endTime != kNoTime;
  maxMember_ = std::max(maxMember_, e.member);
  if (runSorted_ && r != runStart_ && eventBefore(e, b_.events[r - 1])) runSorted_ = false;
}

EventBatch::EventBatch(Buffers buffers) : b_(std::move(buffers)) {
  b_.events.clear();
  b_.codes.clear();
  b_.slotCodes.clear();
}

EventBatch::Buffers EventBatch::takeBuffers() {
  Buffers buffers = std::move(b_);
  b_ = Buffers();
  runStart_ = 0;
  runSorted_ = true;
  timed_ = false;
  maxMember_ = 0;
  return buffers;
}

// The last run sorted; the runs before it were sorted as they ended (add).
// A row added after this is compared with the one before as usual, and its
// run sorted whole when it ends.
void EventBatch::finishRows() { sortLastRun(); }

}  // namespace mc::store
