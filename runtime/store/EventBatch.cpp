// Rows to pending events as StoreBuilder::addEvent makes them
// (store::pendingEvent), with the dictionaries local to the batch; code
// cells read straight into the batch's code keys.
#include "store/EventBatch.h"

#include "store/StoreBuilder.h"

namespace mc::store {

EventBatch::CodeKey EventBatch::keyOf(CodeSystem system, std::string_view code) {
  key_.assign(1, static_cast<char>(system));
  key_ += code;
  return keys_.intern(key_);
}

CodeId EventBatch::idOf(CodeKey key) {
  if (key >= idOfKey_.size()) idOfKey_.resize(key + size_t{1}, CodeDictionary::kNoCode);
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
  tokenKey_.assign(1, static_cast<char>(system));
  tokenKey_ += cell;
  if (const std::uint32_t known = systemTokens_.find(tokenKey_); known != TextIndex::kAbsent) {
    keys.push_back(systemTokenKey_[known]);
    return true;
  }
  scratch_.clear();
  if (!parseSystemCode(column, cell, system, scratch_, problem)) return false;
  for (const auto& [codeSystem, code] : scratch_) keys.push_back(keyOf(codeSystem, code));
  if (scratch_.size() == 1) {
    systemTokens_.intern(tokenKey_);
    systemTokenKey_.push_back(keys.back());
  }
  return true;
}

void EventBatch::add(const EventRow& row) { add(row, {}); }

void EventBatch::add(const EventRow& row, const std::vector<CodeKey>& codeKeys) {
  // The keyed codes first, as row.codes would come (pendingEvent appends
  // those of row.codes after them: none on the loader's path).
  std::vector<CodeId>& codes = rows_.codes();
  CodeId principal = CodeDictionary::kNoCode;
  for (const CodeKey key : codeKeys) {
    codes.push_back(idOf(key));
    if (principal == CodeDictionary::kNoCode && systemOf(key) == CodeSystem::ICD10CM)
      principal = codes.back();
  }
  const auto code = [&](CodeSystem system, const std::string& text) {
    return idOf(keyOf(system, text));
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
  PendingEvent e = pendingEvent(row, codes, rows_.slotCodes(), code, provider, unit);
  if (principal != CodeDictionary::kNoCode) e.principal = principal;
  rows_.append(e);
}

}  // namespace mc::store
