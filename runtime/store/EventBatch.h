// Event rows parsed apart from the store: one chunk of an event file, read on
// any thread. Codes, providers and units go into the batch's own
// dictionaries (ids in the order first seen); StoreBuilder::addBatch maps
// them onto the store's in file order, so that every id comes out as if the
// rows had been added one by one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/CellParsing.h"
#include "store/MemberStore.h"
#include "store/PendingRows.h"
#include "store/TextIndex.h"

namespace mc::store {

struct EventRow;

class EventBatch {
 public:
  // A code as the batch knows it before any row uses it: an index into its
  // (system, normalised code) texts. Reading a cell gives keys; only add()
  // gives a key a batch code id, so the codes of a row that turns out bad
  // (or lies after the as-of date) take no id, as in a row-by-row load.
  using CodeKey = std::uint32_t;
  // A coded field's code (EventRow::slotKeys): the field and the code's key.
  using SlotKey = std::pair<CodeSlot, CodeKey>;

  // The buffers of a batch's rows, handed from a committed chunk to the
  // next one parsed, so that their pages are touched once per load rather
  // than once per chunk.
  struct Buffers {
    ColumnVector<PendingEvent> events;  // a row is written where it is kept (add)
    std::vector<CodeId> codes;
    std::vector<std::pair<CodeSlot, CodeId>> slotCodes;
  };
  EventBatch() = default;
  // A batch whose rows go into `buffers` (emptied, their room kept).
  explicit EventBatch(Buffers buffers);
  // The buffers, for another batch (the batch has none afterwards).
  Buffers takeBuffers();
  // Room for `rows` rows made at once: a batch grown row by row copies its
  // rows at each doubling, into fresh pages each time.
  void reserveRows(size_t rows) { b_.events.reserve(rows); }

  // A code list cell (parseCodeList: SYSTEM:CODE items, the same checks and
  // messages), its codes' keys appended to `keys`. A token met before in
  // this batch costs one lookup: no string is made for it.
  bool readCodeList(std::string_view column, std::string_view cell, std::vector<CodeKey>& keys,
                    RowProblem& problem);
  // One code of `system` (parseSystemCode); nothing for an empty cell.
  bool readSystemCode(std::string_view column, std::string_view cell, CodeSystem system,
                      std::vector<CodeKey>& keys, RowProblem& problem);

  // A coded field's cell, its codes' keys appended to `keys` under its slot,
  // with the checks and messages of the cell parser named; a cell met
  // before in this batch (a file repeats a few categories, sites and
  // statuses millions of times) costs one lookup: no string is made for it.
  // parseCodeList (body_site, category, reason):
  bool readSlotCodeList(CodeSlot slot, std::string_view column, std::string_view cell,
                        std::vector<SlotKey>& keys, RowProblem& problem);
  // parseDischargeStatus:
  bool readDischargeStatus(std::string_view column, std::string_view cell,
                           std::vector<SlotKey>& keys, RowProblem& problem);
  // parseIntent:
  bool readIntent(std::string_view column, std::string_view cell, std::vector<SlotKey>& keys,
                  RowProblem& problem);
  // parseValueCell: `number` and `result` as it gives them, a coded value's
  // key under CodeSlot::Value.
  bool readValue(std::string_view column, std::string_view cell, double& number, bool& result,
                 std::vector<SlotKey>& keys, RowProblem& problem);

  // `row.line` is kept as given: the loader adds the chunk's first line
  // when it hands the batch over (StoreBuilder::addBatch).
  void add(const EventRow& row);
  // A row whose `codes` column was read into `codeKeys` (row.codes empty):
  // the codes come first, in that order, as row.codes would; the coded
  // fields' row.slotKeys likewise come before row.slotCodes.
  void add(const EventRow& row, const std::vector<CodeKey>& codeKeys);
  size_t size() const { return b_.events.size(); }
  size_t codeCount() const { return b_.codes.size(); }
  // The providers its rows named by text only (EventRow::providerId unknown).
  size_t providerCount() const { return providers_.size(); }
  // The rows, each run of one member's consecutive rows in table order.
  // add sorts a run in place when the next member's row ends it, while its
  // rows are in cache (gen's files, and many extracts, give a member's
  // rows in no date order); this sorts the last run. The commit (serial)
  // then copies the rows in the order they lie into the builder's columns
  // (PendingRows::appendBatch), and the table's build mostly finds its
  // members' rows sorted. Rows with distinct lines have one table order
  // whatever order they come in; codes and slot codes stay where add put
  // them (a row refers to them by ranges). StoreBuilder::addBatch does it
  // if the loader has not.
  void finishRows();
  // The rows as they lie now (batch ids), for a check of their order.
  const ColumnVector<PendingEvent>& rows() const { return b_.events; }

 private:
  friend class StoreBuilder;

  // Cells read whole, with their keys (keys from start[id]), kept only
  // when read well: a bad cell is checked, and reported, anew.
  struct CellReadings {
    static constexpr size_t kMaxCells = size_t{1} << 16;
    TextIndex cells;
    std::vector<std::uint32_t> start{0};
    std::vector<CodeKey> keys;
    std::uint32_t lastFound = TextIndex::kAbsent;  // the cell found the call before
    // Whether `cell` was read before; then its keys, `count` from `first`
    // (none for a cell of no code, e.g. a value written as text). The cell
    // found the call before is compared first: a member's rows often repeat
    // it, and the compare costs a tenth of a lookup.
    bool find(std::string_view cell, const CodeKey*& first, size_t& count) {
      std::uint32_t id = lastFound;
      if (id == TextIndex::kAbsent || !cells.textIs(id, cell)) {
        id = cells.find(cell);
        if (id == TextIndex::kAbsent) return false;
        lastFound = id;
      }
      first = keys.data() + start[id];
      count = start[id + 1] - start[id];
      return true;
    }
    template <typename Key>
    void keep(std::string_view cell, const Key* first, const Key* last);
  };
  // A coded field's cell through `cache`, read by `parse(CodeList&)` when new.
  template <typename Parse>
  bool readSlotCell(CellReadings& cache, CodeSlot slot, std::string_view cell,
                    std::vector<SlotKey>& keys, Parse parse);
  // The rows of the last run of one member put in table order if they are
  // not (runSorted_).
  void sortLastRun();

  CodeKey keyOf(CodeSystem system, std::string_view code);
  CodeId idOf(CodeKey key);  // the batch code id, given at the key's first use
  CodeSystem systemOf(CodeKey key) const { return systemOfKey_[key]; }

  // Rows as added, each run of one member sorted once it ends (ranges into
  // b_.codes and b_.slotCodes, batch ids).
  Buffers b_;
  // The first row of the last run of one member, and whether its rows are
  // in table order: each row is compared with the one before as it comes.
  std::uint32_t runStart_ = 0;
  bool runSorted_ = true;
  bool timed_ = false;         // a row has a start or end time
  MemberIndex maxMember_ = 0;  // the largest member of a row, for addBatch's check
  TextIndex keys_;             // system byte + normalised code, by CodeKey
  // By CodeKey, both grown by keyOf as keys are made: the batch code id
  // (kNoCode: unused yet) and the system, read per code of every row.
  std::vector<CodeId> idOfKey_;
  std::vector<CodeSystem> systemOfKey_;
  std::vector<CodeKey> keyOfId_;  // batch code id -> CodeKey, in order first used
  // Code list cells read whole: a file repeats a few hundred lists, and one
  // lookup of the cell costs less than splitting it and looking up each
  // token. The other coded fields' cells, one cache per reading.
  CellReadings listCells_;
  CellReadings dischargeCells_, intentCells_, valueCells_;
  std::vector<CodeKey> listKeys_;  // a slot's code list cell read
  static constexpr CodeKey kNoKey = ~CodeKey{0};
  CodeKey defaultIntent_ = kNoKey;     // REQINTENT:order, once needed
  TextIndex listTokens_;               // code list tokens read
  std::vector<CodeKey> listTokenKey_;  // by listTokens_ id
  // The cells of system codes read, one index per system (by its byte), so
  // that a cell is looked up as it lies in the row, with no key made.
  struct SystemTokens {
    TextIndex cells;
    std::vector<CodeKey> keys;                // by cells id
    std::uint32_t last = TextIndex::kAbsent;  // the cell found the call before (CellReadings)
  };
  std::vector<SystemTokens> systemTokens_;
  CodeList scratch_;  // a new token's reading
  // The providers the rows named by text (EventRow::providerId unknown),
  // kBatchProvider + their ids here (PendingRows.h).
  TextIndex providers_;
  TextIndex units_;  // as written: the store canonicalises
  std::string key_;  // reused for keys
  // The ids in providers_ of the last provider of each provider field and
  // of the last unit: a member's rows often repeat them, and a compare costs a
  // fraction of a lookup (a referral names two providers, one per field).
  ProviderId lastProvider_ = kNoProvider, lastToProvider_ = kNoProvider;
  UnitId lastUnit_ = UnitDictionary::kNoUnit;
  UnitId noUnit_ = UnitDictionary::kNoUnit;  // the batch id of the empty unit, once seen
};

}  // namespace mc::store
