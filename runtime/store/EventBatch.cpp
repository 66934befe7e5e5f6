// Rows to pending events as StoreBuilder::addEvent makes them
// (store::pendingEvent), with the dictionaries local to the batch; code
// cells read straight into the batch's code keys. The rows stay structs
// until the commit copies them, in table order, into the builder's columns.
#include "store/EventBatch.h"

#include <cstring>
#include <numeric>

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

bool EventBatch::readCodeList(std::string_view column, std::string_view cell,
                              std::vector<CodeKey>& keys, RowProblem& problem) {
  if (const std::uint32_t known = listCells_.find(cell); known != TextIndex::kAbsent) {
    keys.insert(keys.end(), cellKeys_.begin() + cellStart_[known],
                cellKeys_.begin() + cellStart_[known + 1]);
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
    if (listCells_.size() < kMaxCells) {
      listCells_.intern(cell);
      cellKeys_.insert(cellKeys_.end(), keys.begin() + static_cast<std::ptrdiff_t>(before),
                       keys.end());
      cellStart_.push_back(static_cast<std::uint32_t>(cellKeys_.size()));
    }
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
  if (const std::uint32_t known = tokens.cells.find(cell); known != TextIndex::kAbsent) {
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

void EventBatch::add(const EventRow& row) { add(row, {}); }

void EventBatch::add(const EventRow& row, const std::vector<CodeKey>& codeKeys) {
  // The keyed codes first, as row.codes would come (pendingEvent appends
  // those of row.codes after them: none on the loader's path).
  const auto codeBegin = static_cast<std::uint32_t>(b_.codes.size());
  CodeId principal = CodeDictionary::kNoCode;
  for (const CodeKey key : codeKeys) {
    b_.codes.push_back(idOf(key));
    if (principal == CodeDictionary::kNoCode && systemOf(key) == CodeSystem::ICD10CM)
      principal = b_.codes.back();
  }
  const auto code = [&](CodeSystem system, const std::string& text) {
    return idOf(keyOf(system, text));
  };
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
  PendingEvent e = pendingEvent(row, b_.codes, b_.slotCodes, code, provider, unit);
  if (!codeKeys.empty()) {
    e.codeBegin = codeBegin;
    if (principal != CodeDictionary::kNoCode) e.principal = principal;
  }
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
  return buffers;
}

void EventBatch::finishRows() {
  if (ordered_) return;
  const std::vector<PendingEvent>& events = b_.events;
  std::vector<std::uint32_t>& order = b_.order;
  order.clear();
  // Sorted indexes, which the commit copies the rows through: cheaper than
  // moving rows of 80 bytes. None when every member's rows are in order.
  const auto less = [&](std::uint32_t a, std::uint32_t b) {
    return eventBefore(events[a], events[b]);
  };
  for (size_t first = 0, last = 0; first < events.size(); first = last) {
    bool sorted = true;
    for (last = first + 1; last < events.size() && events[last].member == events[first].member;
         ++last)
      sorted =
          sorted && !less(static_cast<std::uint32_t>(last), static_cast<std::uint32_t>(last - 1));
    if (sorted) continue;
    if (order.empty()) {
      order.resize(events.size());
      std::iota(order.begin(), order.end(), 0u);
    }
    sortRun(order.begin() + static_cast<std::ptrdiff_t>(first),
            order.begin() + static_cast<std::ptrdiff_t>(last), less);
  }
  ordered_ = true;
}

}  // namespace mc::store
