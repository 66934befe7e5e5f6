// Loads the files of a data directory (docs/data.md) in order, row by row, into a
// StoreBuilder; bad rows are collected (and stop the load at its end) or go
// to the reject file.
#include "store/DataDirectoryLoader.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "store/CellParsing.h"
#include "store/CsvChunks.h"
#include "store/EventBatch.h"
#include "store/EventFileSpec.h"
#include "store/ProviderAttributes.h"
#include "store/RejectFile.h"
#include "store/StoreBuilder.h"
#include "store/TextColumn.h"
#include "support/CsvReader.h"
#include "support/EventVocabulary.h"
#include "support/LargePages.h"

namespace mc::store {
namespace {

namespace fs = std::filesystem;

// Indexes into LoadResult::files, in DATA.md order.
enum FileIndex : int { kMembers, kEnrollment, kProviders, kFirstEventFile };
constexpr int kFileCount = kFirstEventFile + kEventKindCount;

constexpr const char* kQuoteHint =
    "a quoted field ends at its closing quote, followed by a comma or the line end; a quote "
    "inside it is written twice (\"\")";

constexpr const char* kUnclosedQuoteHint =
    "a field that starts with a quote runs to the next quote; close it, or write a quote that "
    "belongs to the value twice (\"\") inside a quoted field";

// The provider id the results use for members without a linked PCP (docs/data.md).
constexpr std::string_view kUnlinked = "UNLINKED";
// The provider id of strata.csv's plan-wide lines (score::kPlanWide, docs/data.md).
constexpr std::string_view kPlanWide = "ALL";

// members.csv's chunks are smaller than the event files': its ids are
// committed on one thread at a time, and when the last chunk is parsed the
// commits still to come hold up the other thread, which has nothing else
// to do until every id is in (the event files look members up). A chunk's
// own costs (its buffers, its ids' order) are small at this size.
constexpr size_t kMemberChunkBytes = size_t{1} << 20;

// An event file's chunk is parsed from a copy of its bytes (ChunkText), with
// this many bytes past the chunk's end: the chunk's last record is read
// whole, and is almost always shorter. One that runs past them (a quoted
// field with line breaks in it, a line of this size) has its chunk read
// again from the file's mapping.
constexpr size_t kChunkMargin = size_t{64} << 10;

// A buffer an event chunk's bytes are copied into for its parse
// (CsvReader::copyText), reused by the chunks parsed after it: on the
// project's VM reading a file's pages through its mapping, once each, cost
// three times the copy (bench/README.md, Load). Its deleter holds its size.
using ChunkText = std::unique_ptr<char, BufferRelease>;

constexpr const char* kRequiredFileHint =
    "a data directory holds at least members.csv and enrollment.csv (docs/data.md)";

// A column the loader reads: its name, and its index in this file's header.
// The name is a string_view, measured once: the cell parsers take one, and a
// const char* would be measured again for every cell of every row.
struct Column {
  std::string_view name = "";
  int index = csv::CsvReader::kNoColumn;
};

Column findColumn(const csv::CsvReader& reader, const char* name) {
  if (name == nullptr) return {};
  return {name, reader.column(name)};
}

[[gnu::always_inline]] inline std::string_view cell(const csv::Record& record,
                                                    const Column& column) {
  if (column.index == csv::CsvReader::kNoColumn) return {};
  return record[static_cast<size_t>(column.index)];
}

bool fail(RowProblem& problem, std::string_view column, std::string_view value, std::string message,
          std::string hint) {
  problem = {std::string(column), std::string(value), std::move(message), std::move(hint)};
  return false;
}

void noteUnknownProvider(std::vector<std::string>& shown, bool& more, std::string_view id,
                         size_t limit) {
  if (std::find(shown.begin(), shown.end(), id) != shown.end()) return;
  if (shown.size() < limit)
    shown.emplace_back(id);
  else
    more = true;
}

struct EventColumns {
  Column member, date, codes, end, provider, toProvider, value, status, setting, source, reason;
  Column unit;  // the value's unit (observations.csv `unit`)
  Column daysSupply, ndc, rxnorm, generic;
  Column discharge;  // visits.csv `discharge_status` (CodeSlot::Discharge)
  Column site;       // visits.csv / conditions.csv `body_site` (CodeSlot::Site)
  Column category;   // observations.csv / conditions.csv `category` (CodeSlot::Category)
  Column intent;     // orders.csv `intent` (CodeSlot::Intent)
};

// The member of the previous row. Rows come grouped by member, mostly in
// members.csv order: a row names the member of the row before, or one a
// little after it, found without a hash lookup (a cache miss at 1M members).
struct LastMember {
  static constexpr MemberIndex kLookAhead = 16;
  MemberIndex index = 0;
  bool known = false;
  std::string_view id;  // the member's id, the index's own copy
};

// A bad row of a chunk, its line counted from the chunk's start.
struct ChunkBadRow {
  std::uint64_t line = 0;
  std::string_view raw;  // in the file's mapping, alive until the load ends
  RowProblem problem;
};

// What a chunk of an event file gives: its rows, counts and bad rows, merged
// into the load in file order.
struct ChunkResult {
  ChunkSpan span;
  bool unclosedQuote = false;
  std::uint64_t unclosedQuoteLine = 0;  // from the chunk's start
  std::uint64_t rows = 0, accepted = 0, afterAsOf = 0;
  std::array<std::uint64_t, kStatusNameCount> byStatus{};
  std::uint64_t unknownProviders = 0;
  // The first distinct unknown ids, one more than a file shows, so that the
  // merge knows whether others remain.
  std::vector<std::string> unknownProviderIds;
  bool moreUnknownProviderIds = false;
  // Every bad row with a reject file; else the first kMaxReportedBadRows.
  std::vector<ChunkBadRow> badRows;
  std::uint64_t badRowCount = 0;
  EventBatch batch;
};

// An event file opened, its header checked and its text cut into chunks.
struct EventFilePlan {
  const EventFileSpec* spec = nullptr;
  int file = 0;
  bool present = false;
  std::optional<LoadError> error;  // a problem with the file itself
  csv::CsvReader reader;           // holds the file's text
  EventColumns columns;
  size_t columnCount = 0;
  std::vector<size_t> starts;  // chunk starts (CsvChunks.h)
  // Where the next chunk must start, and that position's line in the file:
  // first past the header, then past each committed chunk.
  size_t end = 0;
  std::uint64_t endLine = 0;
};

// The columns of members.csv.
struct MemberColumns {
  Column birth, sex, death, race, ethnicity, language, county;
};

// A members.csv row as its chunk reads it, on any thread: its cells, or
// what is wrong with it. Whether its id repeats an earlier row's is for the
// commit, in file order.
struct MemberRow;
// A chunk's rows: a few MB each, in huge pages (support/LargePages.h).
using MemberRows = std::vector<MemberRow, LargePageAllocator<MemberRow>>;

struct MemberRow {
  std::uint64_t line = 0;  // from the chunk's start
  std::string_view raw;    // in the file's mapping, alive until the load ends
  // id, race, ethnicity, language and county, back to back in the chunk's
  // text from `text` (a quoted cell may live in the reader's scratch).
  std::uint32_t text = 0;
  std::uint32_t length[5] = {};
  Days birthDate = kNoDate, deathDate = kNoDate;
  Sex sex = Sex::U;
  bool deathAfterAsOf = false;  // a death after the as-of date: not known on it
  bool checkId = false;         // whole, with an id: the duplicate checks apply
  std::int32_t problem = -1;    // into MemberChunk::problems; -1: none of its own
};

// What a chunk of members.csv gives, committed in file order.
struct MemberChunk {
  ChunkSpan span;
  bool unclosedQuote = false;
  std::uint64_t unclosedQuoteLine = 0;  // from the chunk's start
  MemberRows rows;
  std::vector<RowProblem> problems;
  std::basic_string<char, std::char_traits<char>, LargePageAllocator<char>> text;  // huge pages too
  // When every row is good: each row's id, its hash (TextIndex::hash) and
  // the rows in the order of their ids' home slots in the member index, so
  // that the commit looks them up and adds them in the index's memory order.
  bool allGood = false;
  std::vector<std::string_view> ids;
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint32_t> order;
  // Set by the commit when the chunk's ids are indexed at once: its columns
  // are then added later (Loader::fillMembers), its lines moved by
  // `lineOffset`.
  bool indexed = false;
  std::int64_t lineOffset = 0;
};

class Loader {
 public:
  Loader(std::string directory, const LoadOptions& options)
      : directory_(std::move(directory)), options_(options) {}

  LoadResult run();

 private:
  enum class Opened { Yes, Absent, Failed };

  std::string path(int file) const { return (fs::path(directory_) / files_[file].file).string(); }
  bool fileError(LoadErrorKind kind, int file, std::uint64_t line, std::string column,
                 std::string message, std::string hint);
  Opened open(int file, bool required, csv::CsvReader& reader);
  bool checkHeader(int file, const csv::CsvReader& reader);
  bool requireColumns(int file, const csv::CsvReader& reader,
                      const std::vector<const char*>& names);
  template <typename ParseRow>
  bool readRows(int file, csv::CsvReader& reader, ParseRow parseRow);
  bool unclosedQuote(int file, std::uint64_t line);
  void rejectRow(int file, const csv::Record& record, const RowProblem& problem);
  // A bad row to the reject file, or to the ones reported.
  void setAside(int file, std::uint64_t line, std::string_view raw, const RowProblem& problem);

  // Inline, as it runs once per row: rows come by member mostly, and the
  // member of the row before or one of the few after it is found with no
  // hash. The row before's member is most rows' (a visit's member has
  // seven or eight): its id, kept in `last`, is compared first, with no
  // look into the index.
  [[gnu::always_inline]] bool findMember(const Column& column, std::string_view id,
                                         MemberIndex& out, RowProblem& problem,
                                         LastMember* last = nullptr) const {
    if (last != nullptr && last->known) {
      if (id.size() == last->id.size() &&
          TextIndex::sameBytes(id.data(), last->id.data(), id.size())) {
        out = last->index;
        return true;
      }
      const auto end = static_cast<MemberIndex>(
          std::min<size_t>(memberIds_.size(), size_t{last->index} + LastMember::kLookAhead + 1));
      for (MemberIndex m = last->index + 1; m < end; ++m) {
        if (memberIds_.textIs(m, id)) {
          out = last->index = m;
          last->id = memberIds_.text(m);
          return true;
        }
      }
    }
    return findMemberById(column, id, out, problem, last);
  }
  // The rest of findMember: the id looked up in the index.
  bool findMemberById(const Column& column, std::string_view id, MemberIndex& out,
                      RowProblem& problem, LastMember* last) const;
  // Counts a row naming providers absent from providers.csv (when it exists).
  void noteProviders(int file, std::initializer_list<std::string_view> ids);
  bool loadMembers();
  // A chunk of members.csv ([begin, stop) of `file`'s text), on any thread.
  void parseMembers(const csv::CsvReader& file, size_t begin, size_t stop, size_t columnCount,
                    const MemberColumns& c, MemberChunk& out) const;
  // Its rows into the store, in file order: the duplicate checks, bad rows
  // and ids as a reader of the whole file gives them. `end` and `endLine`:
  // where the chunk must start (EventFilePlan). False when the load stops.
  bool commitMembers(const csv::CsvReader& file, size_t stop, size_t columnCount,
                     const MemberColumns& c, MemberChunk& chunk, size_t& end,
                     std::uint64_t& endLine);
  // The ids, hashes and slot order of a chunk whose rows are all good.
  void hashMemberIds(MemberChunk& chunk) const;
  // A chunk of good rows whose ids are all new (in the index, among the
  // rejected, and in the chunk itself) added at once; false, having
  // changed nothing, when some id is not new: the chunk then goes row by
  // row, for the messages of its duplicates. Only the ids are indexed here:
  // the chunk's columns are added by fillMembers.
  bool commitNewMembers(MemberChunk& chunk, std::int64_t lineOffset);
  // The columns of the indexed chunks queued so far, in file order, on the
  // calling thread; their buffers then go to the pool while members.csv is
  // read, and are freed after. When another thread is filling, returns at
  // once, or with `wait` waits for it and then fills what is left.
  void fillMembers(bool wait);
  // A chunk's buffers, emptied, for the next chunk parsed.
  void poolMemberChunk(MemberChunk chunk);
  bool loadEnrollment();
  bool loadProviders();
  // enrollment.csv, then the event files in chunks on options_.threads
  // threads, committed in file order (store/CsvChunks.h); the first chunks
  // parse while enrollment is read.
  bool loadEnrollmentAndEvents();
  void planEvents(const EventFileSpec& spec, EventFilePlan& plan);
  void parseChunk(const EventFilePlan& plan, size_t begin, size_t stop, ChunkResult& out) const;
  // parseChunk for a file of kind K: each row reads only the cells its
  // kind has, with no test of the kind per row.
  template <EventKind K>
  void parseChunkOf(const EventFilePlan& plan, size_t begin, size_t stop, ChunkResult& out) const;
  // The records of [begin, stop) of the plan's file read from `text`, its
  // bytes from `base` on (a chunk's copy, or the whole file at 0). False
  // when the reading ran to the end of `text` (the last record may go on
  // past it).
  template <EventKind K>
  bool readChunk(const EventFilePlan& plan, std::string_view text, size_t base, size_t begin,
                 size_t stop, ChunkResult& out) const;
  // A buffer of at least `bytes` for a chunk's copy, and back when parsed.
  ChunkText takeChunkText(size_t bytes) const;
  void poolChunkText(ChunkText text) const;
  // False when the load stops (a file problem).
  bool commitChunk(EventFilePlan& plan, size_t chunk, ChunkResult& result);
  // The row's `codes` cell (and a fill's ndc and rxnorm) go to `codeKeys`,
  // read through the chunk's batch; row.codes stays empty.
  // The fields of `row` that no file of kind K has a column for are set
  // once, by startRow; parseEvent sets the others on every row.
  template <EventKind K>
  bool parseEvent(const EventColumns& c, const csv::Record& record, EventRow& row,
                  std::vector<EventBatch::CodeKey>& codeKeys, EventBatch& batch,
                  RowProblem& problem, LastMember& last) const;
  void finishRejectFile();
  // Row buffers of committed chunks, taken by the chunks parsed next: the
  // pages of a chunk's rows are touched once per load, not once per chunk.
  EventBatch::Buffers pooledBuffers() const;
  void poolBuffers(EventBatch::Buffers buffers) const;
  bool afterAsOf(Days date) const { return options_.asOf != kNoDate && date > options_.asOf; }
  // Whether an event was known on the as-of date (always without one); a
  // condition abated after it is read as still active.
  template <EventKind K>
  bool knownOnAsOf(EventRow& row) const;

  std::string directory_;
  const LoadOptions& options_;
  StoreBuilder builder_;
  // member_id -> MemberIndex: the store's own index (members are added in order).
  const TextIndex& memberIds_ = builder_.memberIds();
  TextIndex listedProviders_;  // ids with a providers.csv row
  // By listedProviders_ id: the provider's store id, which a row naming
  // it brings to its batch (EventRow::providerId).
  std::vector<ProviderId> listedStoreIds_;
  std::vector<FileCounts> files_;
  std::optional<LoadError> error_;  // a file problem: stops at once
  std::vector<LoadError> badRows_;  // without a reject file
  std::uint64_t badRowCount_ = 0;
  RejectFile rejects_;
  bool rejecting_ = false;  // rejects_ is open (read by the chunk threads)
  Column membersIdColumn_;
  std::vector<std::uint32_t> memberLine_;  // by MemberIndex
  // The member index's slots once room for members.csv is made: what the
  // parse threads sort a chunk's ids by (the index may not grow meanwhile;
  // if it did, the order would cost more, not give other ids).
  size_t memberSlots_ = 0;
  // members.csv's chunks whose ids are indexed but whose columns are not
  // added yet, in file order. The commit, which holds up the other threads,
  // only indexes a chunk's ids; the columns (strings, most of the member
  // table's pages) are added by a parsing thread meanwhile.
  std::mutex memberFillLock_;   // held by the thread adding columns
  std::mutex memberQueueLock_;  // for memberFills_ and memberPool_
  std::deque<MemberChunk> memberFills_;
  // A filled or committed chunk's buffers go to the next chunk parsed: their
  // pages are touched once per load, not once per chunk. Closed once the
  // last chunk is parsed: the columns still queued then are added while the
  // event files load (loadEnrollmentAndEvents), and their buffers freed.
  std::vector<MemberChunk> memberPool_;
  bool memberPoolOpen_ = true;
  // Members whose members.csv row was rejected: id -> line, for the reason
  // given to the rows that refer to them.
  std::unordered_map<std::string, std::uint64_t> rejectedMembers_;
  // Providers whose providers.csv row was rejected: id -> line, so that a
  // second row for one cannot stand in for the bad first.
  Column providersIdColumn_;
  std::unordered_map<std::string, std::uint64_t> rejectedProviders_;
  mutable std::mutex poolLock_;
  mutable std::vector<EventBatch::Buffers> pool_;
  mutable std::vector<ChunkText> textPool_;  // at most one per thread parsing
};

bool Loader::fileError(LoadErrorKind kind, int file, std::uint64_t line, std::string column,
                       std::string message, std::string hint) {
  error_ =
      LoadError{kind, path(file), line, std::move(column), "", std::move(message), std::move(hint)};
  return false;
}

Loader::Opened Loader::open(int file, bool required, csv::CsvReader& reader) {
  std::error_code ec;
  if (!fs::exists(path(file), ec)) {
    if (!required) return Opened::Absent;
    fileError(LoadErrorKind::MissingFile, file, 0, "", "required file is missing",
              kRequiredFileHint);
    return Opened::Failed;
  }
  files_[file].present = true;
  if (!reader.openFile(path(file))) {
    fileError(LoadErrorKind::UnreadableFile, file, 0, "", "cannot read the file: " + reader.error(),
              "check that it is a readable CSV file");
    return Opened::Failed;
  }
  if (reader.readHeader()) return checkHeader(file, reader) ? Opened::Yes : Opened::Failed;
  if (!reader.error().empty()) {
    fileError(LoadErrorKind::FileFormat, file, reader.errorLine(), "",
              "header row: the quoted field opened on line " + std::to_string(reader.errorLine()) +
                  " is never closed",
              kUnclosedQuoteHint);
  } else {
    fileError(LoadErrorKind::FileFormat, file, 0, "", "the file is empty: it has no header row",
              "the first row names the columns (docs/data.md)");
  }
  return Opened::Failed;
}

// A column named twice would be read from one place and silently ignored in
// the other.
bool Loader::checkHeader(int file, const csv::CsvReader& reader) {
  const std::vector<std::string>& names = reader.header();
  for (size_t i = 0; i < names.size(); ++i) {
    for (size_t j = i + 1; j < names.size(); ++j) {
      if (names[i] != names[j] || names[i].empty()) continue;
      return fileError(LoadErrorKind::FileFormat, file, 1, names[i],
                       "the header names this column twice: columns " + std::to_string(i + 1) +
                           " and " + std::to_string(j + 1),
                       "rename or remove one of them; each column is named once");
    }
  }
  return true;
}

bool Loader::requireColumns(int file, const csv::CsvReader& reader,
                            const std::vector<const char*>& names) {
  std::string all;
  for (const char* name : names) all += std::string(all.empty() ? "" : ", ") + name;
  for (const char* name : names) {
    if (reader.column(name) == csv::CsvReader::kNoColumn) {
      return fileError(
          LoadErrorKind::FileFormat, file, 1, name, "missing required column",
          "the header row of " + files_[file].file + " must name " + all + " (docs/data.md)");
    }
  }
  return true;
}

// Why a record failed recordIsWhole.
[[gnu::noinline]] bool reportBrokenRecord(const csv::Record& record, size_t columns,
                                          RowProblem& problem) {
  if (!record.problem.empty())
    return fail(problem, "", "", std::string(record.problem), kQuoteHint);
  if (record.size() != columns) {
    return fail(problem, "", "",
                "the row has " + std::to_string(record.size()) + " fields but the header has " +
                    std::to_string(columns),
                "quote fields that contain commas (RFC 4180)");
  }
  return true;
}

// The record-level checks every row goes through before its cells: two
// compares inline, the messages apart.
[[gnu::always_inline]] inline bool recordIsWhole(const csv::Record& record, size_t columns,
                                                 RowProblem& problem) {
  return (record.problem.empty() && record.size() == columns) ||
         reportBrokenRecord(record, columns, problem);
}

// Whatever made the row bad, a quote that closes lines later has taken
// the rows between into it: say which lines, in the reason too (the
// reject file keeps the reason, not the hint).
void noteLinesOfRow(std::string_view raw, std::uint64_t line, RowProblem& problem) {
  if (raw.find_first_of("\r\n") == std::string_view::npos) return;
  const auto breaks = std::count(raw.begin(), raw.end(), '\n');
  const std::uint64_t last =
      line +
      static_cast<std::uint64_t>(breaks > 0 ? breaks : std::count(raw.begin(), raw.end(), '\r'));
  problem.message +=
      " (the row runs over lines " + std::to_string(line) + "-" + std::to_string(last) + ")";
  problem.hint += "; this row runs over several lines from line " + std::to_string(line) +
                  ": a quote in it may be unmatched";
}

template <typename ParseRow>
bool Loader::readRows(int file, csv::CsvReader& reader, ParseRow parseRow) {
  FileCounts& counts = files_[file];
  const size_t columns = reader.header().size();
  csv::Record record;
  RowProblem problem;
  for (;;) {
    const csv::ReadStatus status = reader.next(record);
    if (status == csv::ReadStatus::End) {
      counts.lines = reader.lineCount();
      return true;
    }
    if (status == csv::ReadStatus::Error) return unclosedQuote(file, reader.errorLine());
    ++counts.rows;
    if (recordIsWhole(record, columns, problem) && parseRow(record, problem)) {
      ++counts.accepted;
      continue;
    }
    noteLinesOfRow(record.raw, record.line, problem);
    rejectRow(file, record, problem);
  }
}

// Not a row to set aside: every line after the quote would be part of it.
bool Loader::unclosedQuote(int file, std::uint64_t line) {
  const std::string opened = std::to_string(line);
  return fileError(LoadErrorKind::FileFormat, file, line, "",
                   "the quoted field opened on line " + opened +
                       " is never closed: the rest of the file would be read as one field",
                   kUnclosedQuoteHint);
}

void Loader::rejectRow(int file, const csv::Record& record, const RowProblem& problem) {
  ++files_[file].rejected;
  if (file == kMembers && membersIdColumn_.index < static_cast<int>(record.size())) {
    const std::string_view id = cell(record, membersIdColumn_);
    if (!id.empty() && memberIds_.find(id) == TextIndex::kAbsent)
      rejectedMembers_.emplace(id, record.line);
  }
  if (file == kProviders && providersIdColumn_.index < static_cast<int>(record.size())) {
    const std::string_view id = cell(record, providersIdColumn_);
    if (!id.empty() && !builder_.hasListedProvider(id)) rejectedProviders_.emplace(id, record.line);
  }
  setAside(file, record.line, record.raw, problem);
}

void Loader::setAside(int file, std::uint64_t line, std::string_view raw,
                      const RowProblem& problem) {
  if (rejects_.isOpen()) {
    rejects_.add(files_[file].file, line, problem, raw);
    return;
  }
  ++badRowCount_;
  if (badRows_.size() < kMaxReportedBadRows) {
    badRows_.push_back(LoadError{LoadErrorKind::BadRow, path(file), line, problem.column,
                                 problem.value, problem.message, problem.hint});
  }
}

bool Loader::findMemberById(const Column& column, std::string_view id, MemberIndex& out,
                            RowProblem& problem, LastMember* last) const {
  if (!requireValue(column.name, id, problem)) return false;
  out = memberIds_.find(id);
  if (out != TextIndex::kAbsent) {
    if (last != nullptr) *last = {out, true, memberIds_.text(out)};
    return true;
  }
  const auto rejected = rejectedMembers_.find(std::string(id));
  if (rejected != rejectedMembers_.end()) {
    return fail(problem, column.name, id,
                "member " + std::string(id) +
                    " was rejected (members.csv:" + std::to_string(rejected->second) + ")",
                "fix the member's row in members.csv; its rows in other files follow it");
  }
  return fail(problem, column.name, id, "member_id absent from members.csv",
              "add the member to members.csv, or drop this row");
}

// UNLINKED names the members without a linked PCP in the results, ALL the
// plan-wide lines of strata.csv; a provider of either name would merge with
// them.
bool reportReservedProviderId(std::string_view column, std::string_view id, RowProblem& problem) {
  if (id == kUnlinked)
    return fail(problem, std::string(column), id,
                "UNLINKED is reserved for members with no linked PCP",
                "give the provider another id, or leave the cell empty for no provider");
  if (id == kPlanWide)
    return fail(problem, std::string(column), id,
                "ALL is reserved for the plan-wide lines of strata.csv",
                "give the provider another id, or leave the cell empty for no provider");
  return true;
}

// Most ids differ from both names in length: nothing else to look at.
[[gnu::always_inline]] inline bool checkProviderId(std::string_view column, std::string_view id,
                                                   RowProblem& problem) {
  if (id.size() != kUnlinked.size() && id.size() != kPlanWide.size()) return true;
  return reportReservedProviderId(column, id, problem);
}

void Loader::noteProviders(int file, std::initializer_list<std::string_view> ids) {
  if (!files_[kProviders].present) return;
  FileCounts& counts = files_[file];
  bool unknown = false;
  for (const std::string_view id : ids) {
    if (id.empty() || listedProviders_.find(id) != TextIndex::kAbsent) continue;
    unknown = true;
    noteUnknownProvider(counts.unknownProviderIds, counts.moreUnknownProviderIds, id,
                        kShownUnknownProviders);
  }
  counts.unknownProviders += unknown;
}

// The line feeds of `text`, counted in one part per thread: this count is
// the first thing the load does, and on one thread the others waited for it
// (and for the first touch of the file's pages, which it takes).
size_t countLineFeeds(std::string_view text, int threads) {
  const auto countIn = [&](size_t begin, size_t stop) {
    size_t count = 0;
    const char* const end = text.data() + stop;
    for (const char* p = text.data() + begin;
         (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))); ++p)
      ++count;
    return count;
  };
  const size_t parts = std::max<size_t>(
      1,
      std::min<size_t>(static_cast<size_t>(std::max(1, threads)), text.size() / (size_t{1} << 20)));
  // Part k is [k, k + 1) parts of the text, the last to its end.
  const auto from = [&](size_t k) { return k == parts ? text.size() : text.size() / parts * k; };
  std::vector<size_t> counts(parts);
  std::vector<std::thread> helpers;
  for (size_t k = 1; k < parts; ++k)
    helpers.emplace_back([&, k] { counts[k] = countIn(from(k), from(k + 1)); });
  counts[0] = countIn(0, from(1));
  for (std::thread& helper : helpers) helper.join();
  size_t total = 0;
  for (const size_t count : counts) total += count;
  return total;
}

bool Loader::loadMembers() {
  csv::CsvReader reader;
  if (open(kMembers, true, reader) != Opened::Yes) return false;
  if (!requireColumns(kMembers, reader, {"member_id", "birth_date", "sex"})) return false;
  // Room for a member per line (a quick count), so that the tables and the
  // id maps are not grown and rehashed as the members arrive.
  const std::string_view text = reader.text();
  const size_t lines = countLineFeeds(text, options_.threads);
  builder_.reserveMembers(lines + 1, text.size());
  memberLine_.reserve(lines + 1);
  memberSlots_ = memberIds_.slotCount();
  membersIdColumn_ = findColumn(reader, "member_id");
  const MemberColumns c{findColumn(reader, "birth_date"), findColumn(reader, "sex"),
                        findColumn(reader, "death_date"), findColumn(reader, "race"),
                        findColumn(reader, "ethnicity"),  findColumn(reader, "language"),
                        findColumn(reader, "county")};
  // In chunks on every thread, as the event files: the cells are read in
  // parallel, the ids checked and added in file order. members.csv is read
  // before anything else, so one thread read it alone while the other
  // waited.
  const size_t columns = reader.header().size();
  const std::vector<size_t> starts =
      chunkStarts(text, reader.position(), std::min(loadChunkBytes(), kMemberChunkBytes));
  std::vector<MemberChunk> chunks(starts.size());
  const auto stopOf = [&](size_t i) { return i + 1 < starts.size() ? starts[i + 1] : text.size(); };
  size_t end = reader.position();
  std::uint64_t endLine = reader.line();
  const bool go = parseAndCommitInOrder(
      starts.size(), options_.threads,
      [&](size_t i) {
        // Columns of chunks already indexed first: a parsing thread adds
        // them while the commit indexes the next chunks. Not before the
        // last chunks' parse, which the last commits, and then the event
        // files, wait for: the columns left go to the events phase.
        if (i + static_cast<size_t>(std::max(1, options_.threads)) < starts.size())
          fillMembers(false);
        {
          const std::lock_guard<std::mutex> lock(memberQueueLock_);
          if (!memberPool_.empty()) {
            chunks[i] = std::move(memberPool_.back());
            memberPool_.pop_back();
          }
        }
        parseMembers(reader, starts[i], stopOf(i), columns, c, chunks[i]);
      },
      [&](size_t i) {
        const bool go = commitMembers(reader, stopOf(i), columns, c, chunks[i], end, endLine);
        if (go && i + 1 == starts.size()) {
          // As CsvReader::lineCount: a last line without a line end counts.
          const bool lastLineOpen = !text.empty() && text.back() != '\n' && text.back() != '\r';
          files_[kMembers].lines = endLine - 1 + (lastLineOpen ? 1 : 0);
        }
        MemberChunk done = std::move(chunks[i]);
        chunks[i] = MemberChunk();
        if (done.indexed) {
          const std::lock_guard<std::mutex> lock(memberQueueLock_);
          memberFills_.push_back(std::move(done));
        } else {
          poolMemberChunk(std::move(done));
        }
        return go;
      });
  // The columns still queued are not needed before the first event table
  // is built: the event files' parse and enrollment look members up in the
  // index only. They are added as a task of that phase, beside enrollment,
  // so that neither thread waits here for them.
  {
    const std::lock_guard<std::mutex> lock(memberQueueLock_);
    memberPoolOpen_ = false;
    memberPool_.clear();
  }
  return go;
}

void Loader::poolMemberChunk(MemberChunk chunk) {
  chunk.rows.clear();
  chunk.problems.clear();
  chunk.text.clear();
  chunk.unclosedQuote = false;
  chunk.allGood = false;
  chunk.ids.clear();
  chunk.hashes.clear();
  chunk.order.clear();
  chunk.indexed = false;
  const std::lock_guard<std::mutex> lock(memberQueueLock_);
  if (memberPoolOpen_ &&
      memberPool_.size() < 2 * static_cast<size_t>(std::max(1, options_.threads)))
    memberPool_.push_back(std::move(chunk));
}

void Loader::fillMembers(bool wait) {
  std::unique_lock<std::mutex> filling(memberFillLock_, std::defer_lock);
  if (wait) {
    filling.lock();
  } else if (!filling.try_lock()) {
    return;
  }
  for (;;) {
    MemberChunk chunk;
    {
      const std::lock_guard<std::mutex> lock(memberQueueLock_);
      if (memberFills_.empty()) return;
      chunk = std::move(memberFills_.front());
      memberFills_.pop_front();
    }
    const char* const text = chunk.text.data();
    const MemberRows& rows = chunk.rows;
    builder_.appendIndexedMembers(rows.size(), [&](size_t k) {
      const MemberRow& row = rows[k];
      // The row's five texts, back to back from row.text.
      const char* at = text + row.text;
      IndexedMember m;
      std::string_view* const texts[5] = {&m.id, &m.race, &m.ethnicity, &m.language, &m.county};
      for (size_t c = 0; c < 5; at += row.length[c++]) *texts[c] = {at, row.length[c]};
      m.birthDate = row.birthDate;
      m.deathDate = row.deathDate;
      m.sex = row.sex;
      m.line = static_cast<std::uint32_t>(static_cast<std::int64_t>(row.line) + chunk.lineOffset);
      return m;
    });
    poolMemberChunk(std::move(chunk));
  }
}

void Loader::parseMembers(const csv::CsvReader& file, size_t begin, size_t stop, size_t columnCount,
                          const MemberColumns& c, MemberChunk& out) const {
  csv::CsvReader reader;
  csv::CsvReader::prefault(file.text(), begin, std::min(stop, file.text().size()));
  reader.openRange(file.text(), begin, stop);
  reader.skipBlankLines();
  out.span.first = reader.position();
  out.span.firstLine = reader.line();
  csv::Record record;
  RowProblem problem;
  // The cells kept are parts of the chunk's text (a quoted one is shorter
  // than its text): room for them is made once, more only when a quoted
  // field runs past `stop`, and each is copied with no call (an append was
  // a call or two per cell).
  out.text.resize(stop - begin);
  size_t kept = 0;
  for (;;) {
    const csv::ReadStatus status = reader.next(record);
    if (status == csv::ReadStatus::End) break;
    if (status == csv::ReadStatus::Error) {
      out.unclosedQuote = true;
      out.unclosedQuoteLine = reader.errorLine();
      break;
    }
    MemberRow row;
    row.line = record.line;
    row.raw = record.raw;
    row.text = static_cast<std::uint32_t>(kept);
    const auto keep = [&](int k, std::string_view cellText) {
      if (kept + cellText.size() > out.text.size())
        out.text.resize(std::max(2 * out.text.size(), kept + cellText.size()));
      TextColumn::copyBytes(out.text.data() + kept, cellText.data(), cellText.size());
      kept += cellText.size();
      row.length[k] = static_cast<std::uint32_t>(cellText.size());
    };
    // The checks in the order of a row-by-row read: the record, the id,
    // (the duplicates, at the commit,) then the cells.
    bool good = recordIsWhole(record, columnCount, problem);
    if (membersIdColumn_.index < static_cast<int>(record.size()))
      keep(0, cell(record, membersIdColumn_));
    if (good) good = requireValue(membersIdColumn_.name, cell(record, membersIdColumn_), problem);
    if (good) {
      row.checkId = true;
      keep(1, cell(record, c.race));
      keep(2, cell(record, c.ethnicity));
      keep(3, cell(record, c.language));
      keep(4, cell(record, c.county));
      good =
          parseDate(c.birth.name, cell(record, c.birth), row.birthDate, problem) &&
          parseSex(c.sex.name, cell(record, c.sex), row.sex, problem) &&
          parseOptionalDate(c.death.name, cell(record, c.death), kNoDate, row.deathDate, problem);
      if (good && row.deathDate != kNoDate && row.deathDate < row.birthDate) {
        good = fail(problem, c.death.name, cell(record, c.death), "death_date is before birth_date",
                    "check both dates");
      }
      // A death after the as-of date is not known on it: the member is alive.
      if (good && row.deathDate != kNoDate && afterAsOf(row.deathDate)) {
        row.deathDate = kNoDate;
        row.deathAfterAsOf = true;
      }
    }
    if (!good) {
      row.problem = static_cast<std::int32_t>(out.problems.size());
      out.problems.push_back(std::move(problem));
      problem = RowProblem();
    }
    out.rows.push_back(row);
  }
  out.text.resize(kept);
  out.span.end = reader.position();
  out.span.endLine = reader.line();
  out.allGood = out.problems.empty();
  if (out.allGood) hashMemberIds(out);
}

void Loader::hashMemberIds(MemberChunk& chunk) const {
  const size_t n = chunk.rows.size();
  chunk.ids.resize(n);
  chunk.hashes.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const MemberRow& row = chunk.rows[i];
    chunk.ids[i] = std::string_view(chunk.text).substr(row.text, row.length[0]);
    chunk.hashes[i] = TextIndex::hash(chunk.ids[i]);
  }
  TextIndex::orderByHome(chunk.hashes, memberSlots_, chunk.order);
}

bool Loader::commitNewMembers(MemberChunk& chunk, std::int64_t lineOffset) {
  if (!chunk.allGood || !rejectedMembers_.empty()) return false;
  // One probe per id checks it and indexes it: a chunk with an id seen
  // before (or twice) is taken out again, which is rare.
  if (!builder_.indexMembers(chunk.ids, chunk.hashes, chunk.order)) return false;
  FileCounts& counts = files_[kMembers];
  for (const MemberRow& row : chunk.rows) {
    ++counts.rows;
    ++counts.accepted;
    counts.afterAsOf += row.deathAfterAsOf;
    memberLine_.push_back(
        static_cast<std::uint32_t>(static_cast<std::int64_t>(row.line) + lineOffset));
  }
  chunk.indexed = true;
  chunk.lineOffset = lineOffset;
  return true;
}

bool Loader::commitMembers(const csv::CsvReader& file, size_t stop, size_t columnCount,
                           const MemberColumns& c, MemberChunk& chunk, size_t& end,
                           std::uint64_t& endLine) {
  if (!continues(end, chunk.span)) {
    // A quoted field ran over the chunk's start: read it from where the
    // previous chunk stopped.
    chunk = MemberChunk();
    parseMembers(file, end, stop, columnCount, c, chunk);
  }
  // Lines of the chunk counted from its start, made lines of the file.
  const std::int64_t lineOffset =
      static_cast<std::int64_t>(endLine) - static_cast<std::int64_t>(chunk.span.firstLine);
  const auto lineOf = [&](std::uint64_t line) {
    return static_cast<std::uint64_t>(static_cast<std::int64_t>(line) + lineOffset);
  };
  FileCounts& counts = files_[kMembers];
  RowProblem problem;
  // Most chunks have only good rows with new ids: added at once. Any other
  // goes row by row.
  const MemberRows none;
  const bool indexed = commitNewMembers(chunk, lineOffset);
  // Row by row, each member added at once: the columns of those indexed
  // before come first.
  if (!indexed) fillMembers(true);
  const MemberRows& rows = indexed ? none : chunk.rows;
  for (const MemberRow& row : rows) {
    ++counts.rows;
    const std::uint64_t line = lineOf(row.line);
    std::string_view texts[5];
    for (size_t k = 0, at = row.text; k < 5; at += row.length[k++])
      texts[k] = std::string_view(chunk.text).substr(at, row.length[k]);
    const std::string_view id = texts[0];
    bool duplicate = false;
    if (row.checkId) {
      const MemberIndex first = memberIds_.find(id);
      if (first != TextIndex::kAbsent) {
        duplicate = !fail(problem, membersIdColumn_.name, id, "duplicate member_id",
                          "a member has one row in members.csv; the first is on line " +
                              std::to_string(memberLine_[first]));
      } else if (const auto earlier = rejectedMembers_.empty()
                                          ? rejectedMembers_.end()
                                          : rejectedMembers_.find(std::string(id));
                 earlier != rejectedMembers_.end()) {
        // A second row for a member whose first row was bad is no second
        // chance: which of the two is the member is the plan's to say.
        // (Most files have no bad member rows: no string made to look.)
        duplicate = !fail(problem, membersIdColumn_.name, id, "duplicate member_id",
                          "a member has one row in members.csv; the first, on line " +
                              std::to_string(earlier->second) + ", is bad too");
      }
    }
    if (!duplicate && row.problem < 0) {
      ++counts.accepted;
      counts.afterAsOf += row.deathAfterAsOf;
      const auto at = static_cast<std::uint32_t>(line);
      const MemberIndex added =
          builder_.addMember(std::string(id), row.birthDate, row.sex, row.deathDate,
                             std::string(texts[1]), std::string(texts[2]), at);
      builder_.setLanguageAndCounty(added, std::string(texts[3]), std::string(texts[4]));
      memberLine_.push_back(at);
      continue;
    }
    if (!duplicate) problem = std::move(chunk.problems[static_cast<size_t>(row.problem)]);
    noteLinesOfRow(row.raw, line, problem);
    ++counts.rejected;
    if (!id.empty() && memberIds_.find(id) == TextIndex::kAbsent)
      rejectedMembers_.emplace(id, line);
    setAside(kMembers, line, row.raw, problem);
  }
  if (chunk.unclosedQuote) return unclosedQuote(kMembers, lineOf(chunk.unclosedQuoteLine));
  end = chunk.span.end;
  endLine = lineOf(chunk.span.endLine);
  return true;
}

bool Loader::loadEnrollment() {
  csv::CsvReader reader;
  if (open(kEnrollment, true, reader) != Opened::Yes) return false;
  if (!requireColumns(kEnrollment, reader, {"member_id", "start_date", "end_date", "pcp_id"}))
    return false;
  const Column member = findColumn(reader, "member_id"), start = findColumn(reader, "start_date"),
               end = findColumn(reader, "end_date"), pcp = findColumn(reader, "pcp_id");
  // Few spans' rows are under 24 bytes (a member id, two dates, the
  // commas): room at that size, reserved once (more spans grow it).
  builder_.reserveEnrollment(reader.text().size() / 24 + 1);
  LastMember last;
  return readRows(kEnrollment, reader, [&](const csv::Record& r, RowProblem& p) {
    MemberIndex m = 0;
    Days startDate = kNoDate, endDate = kOpenEnd;
    if (!findMember(member, cell(r, member), m, p, &last) ||
        !parseDate(start.name, cell(r, start), startDate, p) ||
        !parseOptionalDate(end.name, cell(r, end), kOpenEnd, endDate, p) ||
        !checkProviderId(pcp.name, cell(r, pcp), p))
      return false;
    if (endDate < startDate) {
      return fail(p, end.name, cell(r, end),
                  "end_date is before start_date " + std::string(cell(r, start)),
                  "leave end_date empty for a span that is still open");
    }
    noteProviders(kEnrollment, {cell(r, pcp)});
    // A span that starts after the as-of date is not known on it; one open
    // on it keeps its recorded end: coverage is known ahead (docs/data.md).
    if (afterAsOf(startDate)) {
      ++files_[kEnrollment].afterAsOf;
      return true;
    }
    builder_.addEnrollment(m, startDate, endDate, cell(r, pcp), static_cast<std::uint32_t>(r.line));
    return true;
  });
}

bool Loader::loadProviders() {
  csv::CsvReader reader;
  const Opened opened = open(kProviders, false, reader);
  if (opened != Opened::Yes) return opened == Opened::Absent;
  if (!requireColumns(kProviders, reader, {"provider_id", "kind"})) return false;
  providersIdColumn_ = findColumn(reader, "provider_id");
  const Column id = providersIdColumn_, kind = findColumn(reader, "kind"),
               name = findColumn(reader, "name"), county = findColumn(reader, "county"),
               attributes = findColumn(reader, "attributes");
  return readRows(kProviders, reader, [&](const csv::Record& r, RowProblem& p) {
    const std::string_view providerId = cell(r, id);
    ProviderKind providerKind = ProviderKind::Other;
    if (!requireValue(id.name, providerId, p) || !checkProviderId(id.name, providerId, p))
      return false;
    if (builder_.hasListedProvider(providerId)) {
      return fail(p, id.name, providerId, "duplicate provider_id",
                  "a provider has one row in providers.csv");
    }
    // As for members: a second row is no second chance for a bad first one.
    if (const auto earlier = rejectedProviders_.find(std::string(providerId));
        earlier != rejectedProviders_.end()) {
      return fail(p, id.name, providerId, "duplicate provider_id",
                  "a provider has one row in providers.csv; the first, on line " +
                      std::to_string(earlier->second) + ", is bad too");
    }
    if (!parseProviderKind(kind.name, cell(r, kind), providerKind, p)) return false;
    // The attributes are dated (a fee-for-service payment is paid in the
    // year its date falls in): an undated one would be paid in no year.
    std::vector<ProviderAttribute> dated;
    std::string problem, todo;
    if (!parseProviderAttributes(cell(r, attributes), dated, problem, todo))
      return fail(p, attributes.name, cell(r, attributes), problem, todo);
    const ProviderId storeId =
        builder_.addProvider(providerId, providerKind, std::string(cell(r, name)),
                             std::string(cell(r, county)), std::string(cell(r, attributes)));
    const std::uint32_t listed = listedProviders_.intern(providerId);
    if (listed >= listedStoreIds_.size()) listedStoreIds_.resize(listed + 1, kNoProvider);
    listedStoreIds_[listed] = storeId;
    return true;
  });
}

// What a file of kind K can have (planEvents looks up the same columns):
// the cells a row of another kind never has are not read at all.
template <EventKind K>
struct EventKindColumns {
  static constexpr const EventFileSpec& spec = kEventFiles[static_cast<int>(K)];
  static_assert(spec.kind == K, "kEventFiles is in EventKind order");
  static constexpr bool pharmacy = K == EventKind::Pharmacy;
  static constexpr bool end = spec.end != nullptr;
  static constexpr bool codes = spec.codes != nullptr;  // a required column
  static constexpr bool toProvider = spec.toProvider != nullptr;
  static constexpr bool value = spec.value != nullptr;
  static constexpr bool unit = value && !pharmacy;
  static constexpr bool setting = K == EventKind::Visit || K == EventKind::Observation;
  static constexpr bool source = K == EventKind::Immunization;
  static constexpr bool site = K == EventKind::Visit || K == EventKind::Condition;
  static constexpr bool discharge = K == EventKind::Visit;
  static constexpr bool category = K == EventKind::Observation || K == EventKind::Condition;
  static constexpr bool intent = K == EventKind::Order;
};

// An optional column's cell: empty when the file does not have it.
[[gnu::always_inline]] inline std::string_view optionalCell(const csv::Record& record,
                                                            const Column& column) {
  return cell(record, column);
}
// A required column's cell: requireColumns made sure the file has it.
[[gnu::always_inline]] inline std::string_view requiredCell(const csv::Record& record,
                                                            const Column& column) {
  return record[static_cast<size_t>(column.index)];
}

// The fields of a row of kind K that no cell of its file sets: the values a
// row without those cells has, set once for all the rows of a chunk.
template <EventKind K>
void startRow(EventRow& row) {
  using Has = EventKindColumns<K>;
  row.kind = K;
  row.codes.clear();
  row.endDate = Has::spec.emptyEnd;
  row.endTime = kNoTime;
  row.daysSupply = 0;
  row.generic = false;
  row.toProvider = {};
  row.providerId = row.toProviderId = kNoProvider;
  row.setting = Setting::None;
  row.status = 0;
  row.source = EventSource::None;
  row.value = std::nan("");
  row.hasResult = false;
  row.unit = {};
}

template <EventKind K>
bool Loader::parseEvent(const EventColumns& c, const csv::Record& r, EventRow& row,
                        std::vector<EventBatch::CodeKey>& codeKeys, EventBatch& batch,
                        RowProblem& p, LastMember& last) const {
  using Has = EventKindColumns<K>;
  constexpr const EventFileSpec& spec = Has::spec;
  codeKeys.clear();
  if (!findMember(c.member, requiredCell(r, c.member), row.member, p, &last) ||
      !parseEventDate(c.date.name, requiredCell(r, c.date), row.date, row.startTime, p))
    return false;
  if constexpr (Has::end) {
    row.endDate = spec.emptyEnd;
    row.endTime = kNoTime;
    if (c.end.index != csv::CsvReader::kNoColumn) {
      const std::string_view end = requiredCell(r, c.end);
      if (K == EventKind::Order && isUnknownCell(end)) {
        row.endDate = kUnknownEndRow;  // a medication order without a period (docs/data.md)
      } else {
        if (!parseOptionalEventDate(c.end.name, end, spec.emptyEnd, row.endDate, row.endTime, p))
          return false;
        // On the same day, both with a time: the times decide (docs/data.md).
        const bool endsBefore =
            row.endDate != kNoDate &&
            (row.endDate < row.date || (row.endDate == row.date && row.startTime != kNoTime &&
                                        row.endTime != kNoTime && row.endTime < row.startTime));
        if (endsBefore) {
          return fail(p, c.end.name, end,
                      std::string(c.end.name) + " is before " + std::string(c.date.name) + " " +
                          std::string(requiredCell(r, c.date)),
                      spec.endHint);
        }
      }
    }
  }
  if constexpr (Has::codes) {
    if (!batch.readCodeList(c.codes.name, requiredCell(r, c.codes), codeKeys, p)) return false;
  }
  if constexpr (Has::pharmacy) {
    if (!batch.readSystemCode(c.ndc.name, optionalCell(r, c.ndc), CodeSystem::NDC, codeKeys, p) ||
        !batch.readSystemCode(c.rxnorm.name, optionalCell(r, c.rxnorm), CodeSystem::RXNORM,
                              codeKeys, p))
      return false;
    if (codeKeys.empty()) {
      return fail(p, c.ndc.index != csv::CsvReader::kNoColumn ? "ndc" : "rxnorm", "",
                  "neither ndc nor rxnorm is given",
                  "each fill needs its drug: an NDC in ndc or an RxNorm code in rxnorm");
    }
    if (!parseDaysSupply(c.daysSupply.name, requiredCell(r, c.daysSupply), row.daysSupply, p) ||
        !parseYesNo(c.generic.name, optionalCell(r, c.generic), row.generic, p))
      return false;
  }
  const std::string_view provider =
      spec.providerRequired ? requiredCell(r, c.provider) : optionalCell(r, c.provider);
  if (spec.providerRequired && !requireValue(c.provider.name, provider, p)) return false;
  if (!checkProviderId(c.provider.name, provider, p)) return false;
  row.provider = provider;  // the record's cells: alive until the row is added
  if constexpr (Has::toProvider) {
    const std::string_view toProvider = optionalCell(r, c.toProvider);
    if (!checkProviderId(c.toProvider.name, toProvider, p)) return false;
    row.toProvider = toProvider;
  }
  // An empty setting, status or source cell (most of them, and every cell
  // of a column the file does not have) is the vocabulary's name 0.
  if constexpr (Has::setting) {
    row.setting = Setting::None;
    if (const std::string_view setting = optionalCell(r, c.setting);
        !setting.empty() && !parseSetting(c.setting.name, setting, row.setting, p))
      return false;
  }
  row.status = 0;
  if (const std::string_view status = optionalCell(r, c.status);
      !status.empty() && !parseStatus(c.status.name, status, row.status, p))
    return false;
  if constexpr (Has::source) {
    row.source = EventSource::None;
    if (const std::string_view source = optionalCell(r, c.source);
        !source.empty() && !parseEventSource(c.source.name, source, row.source, p))
      return false;
  }
  row.slotKeys.clear();
  if constexpr (Has::value) {
    row.value = std::nan("");
    row.hasResult = false;
    const std::string_view value = optionalCell(r, c.value);
    if constexpr (spec.valueMustBeNumber) {
      if (!value.empty() && !parseNumber(value, row.value)) {
        return fail(p, c.value.name, value, std::string(c.value.name) + " is not a number",
                    "write a decimal number, or leave it empty");
      }
    } else if (c.value.index != csv::CsvReader::kNoColumn) {
      // A value may be a number, a code (CodeSlot::Value) or text (docs/data.md).
      if (!batch.readValue(c.value.name, value, row.value, row.hasResult, row.slotKeys, p))
        return false;
    }
  }
  if constexpr (Has::unit) row.unit = optionalCell(r, c.unit);
  // The coded fields' cells, read through the batch: the keys of a cell
  // met before, with no string made. An optional list of codes: an empty
  // cell is no site.
  if constexpr (Has::site) {
    if (const std::string_view site = optionalCell(r, c.site);
        !site.empty() &&
        !batch.readSlotCodeList(CodeSlot::Site, c.site.name, site, row.slotKeys, p))
      return false;
  }
  if constexpr (Has::discharge) {
    if (const std::string_view discharge = optionalCell(r, c.discharge);
        !discharge.empty() &&
        !batch.readDischargeStatus(c.discharge.name, discharge, row.slotKeys, p))
      return false;
  }
  // The FHIR category (CodeSlot::Category): codes, as in `codes`; an empty
  // cell is no category.
  if constexpr (Has::category) {
    if (const std::string_view category = optionalCell(r, c.category);
        !category.empty() &&
        !batch.readSlotCodeList(CodeSlot::Category, c.category.name, category, row.slotKeys, p))
      return false;
  }
  // An order's FHIR intent (CodeSlot::Intent); StoreBuilder makes an order
  // without one an `order`.
  if constexpr (Has::intent) {
    if (const std::string_view intent = optionalCell(r, c.intent);
        !intent.empty() && !batch.readIntent(c.intent.name, intent, row.slotKeys, p))
      return false;
  }
  // Why the event was not done (CodeSlot::Reason): codes, optional in every
  // event file (docs/data.md).
  if (const std::string_view reason = optionalCell(r, c.reason);
      !reason.empty() && reason.find_first_not_of(" \t;") != std::string_view::npos &&
      !batch.readSlotCodeList(CodeSlot::Reason, c.reason.name, reason, row.slotKeys, p))
    return false;
  row.line = static_cast<std::uint32_t>(r.line);
  return true;
}

// An event dated after the as-of date has not happened on it; nor has a
// stay discharged after it (its claim comes with the discharge), nor a
// reading over a period that ends after it (its result comes at the end). A
// condition's abatement after it is not known yet: still active.
template <EventKind K>
bool Loader::knownOnAsOf(EventRow& row) const {
  if (afterAsOf(row.date)) return false;
  constexpr bool endsKnown = K == EventKind::Visit || K == EventKind::Observation;
  if (endsKnown && row.endDate != kNoDate && afterAsOf(row.endDate)) return false;
  if (K == EventKind::Condition && row.endDate != kOpenEnd && afterAsOf(row.endDate))
    row.endDate = kOpenEnd;
  return true;
}

void Loader::planEvents(const EventFileSpec& spec, EventFilePlan& plan) {
  const int file = kFirstEventFile + static_cast<int>(spec.kind);
  plan.spec = &spec;
  plan.file = file;
  csv::CsvReader& reader = plan.reader;
  // open() and the column checks report through error_ and files_: keep
  // what they say in the plan until the file's turn comes.
  const auto keep = [&] {
    plan.present = files_[file].present;
    files_[file].present = false;
    plan.error = std::move(error_);
    error_.reset();
  };
  const Opened opened = open(file, false, reader);
  if (opened != Opened::Yes) return keep();
  const bool pharmacy = spec.kind == EventKind::Pharmacy;
  std::vector<const char*> required = {"member_id", spec.date};
  if (spec.codes != nullptr) required.push_back(spec.codes);
  if (spec.providerRequired) required.push_back(spec.provider);
  if (pharmacy) required.push_back("days_supply");
  if (!requireColumns(file, reader, required)) return keep();

  EventColumns& c = plan.columns;
  c.member = findColumn(reader, "member_id");
  c.date = findColumn(reader, spec.date);
  c.codes = findColumn(reader, spec.codes);
  c.end = findColumn(reader, spec.end);
  c.provider = findColumn(reader, spec.provider);
  c.toProvider = findColumn(reader, spec.toProvider);
  c.value = findColumn(reader, spec.value);
  // Values with a unit: observations and supplemental data (a fill's
  // quantity has none).
  c.unit = findColumn(reader, spec.value != nullptr && !pharmacy ? "unit" : nullptr);
  c.status = findColumn(reader, "status");
  c.reason = findColumn(reader, "reason");
  // An observation's setting is that of the encounter it was taken in
  // (CMS165 leaves out blood pressures taken in the ED or an inpatient stay).
  const bool hasSetting = spec.kind == EventKind::Visit || spec.kind == EventKind::Observation;
  c.setting = findColumn(reader, hasSetting ? "setting" : nullptr);
  c.source = findColumn(reader, spec.kind == EventKind::Immunization ? "source" : nullptr);
  c.site = findColumn(reader, spec.kind == EventKind::Visit || spec.kind == EventKind::Condition
                                  ? "body_site"
                                  : nullptr);
  c.discharge = findColumn(reader, spec.kind == EventKind::Visit ? "discharge_status" : nullptr);
  c.category = findColumn(
      reader, spec.kind == EventKind::Observation || spec.kind == EventKind::Condition ? "category"
                                                                                       : nullptr);
  c.intent = findColumn(reader, spec.kind == EventKind::Order ? "intent" : nullptr);
  if (pharmacy) {
    c.daysSupply = findColumn(reader, "days_supply");
    c.ndc = findColumn(reader, "ndc");
    c.rxnorm = findColumn(reader, "rxnorm");
    c.generic = findColumn(reader, "generic");
    if (c.ndc.index == csv::CsvReader::kNoColumn && c.rxnorm.index == csv::CsvReader::kNoColumn) {
      fileError(LoadErrorKind::FileFormat, file, 1, "ndc",
                "missing required column: neither ndc nor rxnorm",
                "pharmacy.csv names the drug of each fill in an ndc or rxnorm column");
      return keep();
    }
  }
  keep();
  plan.columnCount = reader.header().size();
  reader.skipBlankLines();
  plan.end = reader.position();
  plan.endLine = reader.line();
  plan.starts = chunkStarts(reader.text(), plan.end, loadChunkBytes());
}

EventBatch::Buffers Loader::pooledBuffers() const {
  const std::lock_guard<std::mutex> lock(poolLock_);
  if (pool_.empty()) return {};
  EventBatch::Buffers buffers = std::move(pool_.back());
  pool_.pop_back();
  return buffers;
}

void Loader::poolBuffers(EventBatch::Buffers buffers) const {
  const std::lock_guard<std::mutex> lock(poolLock_);
  // As many as chunks parse ahead of the commit; more would only hold memory.
  if (pool_.size() < 2 * static_cast<size_t>(std::max(1, options_.threads)))
    pool_.push_back(std::move(buffers));
}

// Reads on any thread: it only reads the loader (members, providers and
// options are settled before the event files).
void Loader::parseChunk(const EventFilePlan& plan, size_t begin, size_t stop,
                        ChunkResult& out) const {
  switch (plan.spec->kind) {
    case EventKind::Visit: return parseChunkOf<EventKind::Visit>(plan, begin, stop, out);
    case EventKind::Pharmacy: return parseChunkOf<EventKind::Pharmacy>(plan, begin, stop, out);
    case EventKind::Observation:
      return parseChunkOf<EventKind::Observation>(plan, begin, stop, out);
    case EventKind::Condition: return parseChunkOf<EventKind::Condition>(plan, begin, stop, out);
    case EventKind::Immunization:
      return parseChunkOf<EventKind::Immunization>(plan, begin, stop, out);
    case EventKind::Supplemental:
      return parseChunkOf<EventKind::Supplemental>(plan, begin, stop, out);
    case EventKind::Referral: return parseChunkOf<EventKind::Referral>(plan, begin, stop, out);
    case EventKind::Order: return parseChunkOf<EventKind::Order>(plan, begin, stop, out);
  }
}

ChunkText Loader::takeChunkText(size_t bytes) const {
  ChunkText text(nullptr, BufferRelease{});
  {
    const std::lock_guard<std::mutex> lock(poolLock_);
    if (!textPool_.empty()) {
      text = std::move(textPool_.back());
      textPool_.pop_back();
    }
  }
  if (text.get_deleter().bytes < bytes) {
    // Whole huge pages (support/LargePages.h): a 4 MiB chunk and its
    // margin take three.
    const size_t capacity = (bytes + kLargeBytes - 1) / kLargeBytes * kLargeBytes;
    text = ChunkText(static_cast<char*>(allocateBuffer(capacity)), BufferRelease{capacity});
  }
  return text;
}

void Loader::poolChunkText(ChunkText text) const {
  const std::lock_guard<std::mutex> lock(poolLock_);
  textPool_.push_back(std::move(text));
}

template <EventKind K>
void Loader::parseChunkOf(const EventFilePlan& plan, size_t begin, size_t stop,
                          ChunkResult& out) const {
  const std::string_view file = plan.reader.text();
  if (begin < stop && begin < file.size()) {
    const size_t bytes = std::min(file.size(), stop + kChunkMargin) - begin;
    ChunkText copy = takeChunkText(bytes);
    plan.reader.copyText(begin, bytes, copy.get());
    const bool whole =
        readChunk<K>(plan, std::string_view(copy.get(), bytes), begin, begin, stop, out);
    poolChunkText(std::move(copy));
    if (whole || begin + bytes == file.size()) return;
    // The last record runs past the copy: the chunk read again, from the
    // mapping.
    poolBuffers(out.batch.takeBuffers());
    out = ChunkResult();
  }
  csv::CsvReader::prefault(file, begin, std::min(stop, file.size()));
  readChunk<K>(plan, file, 0, begin, stop, out);
}

template <EventKind K>
bool Loader::readChunk(const EventFilePlan& plan, std::string_view text, size_t base, size_t begin,
                       size_t stop, ChunkResult& out) const {
  const bool rejecting = rejecting_;
  const bool checkProviders = files_[kProviders].present;
  const std::string_view file = plan.reader.text();
  csv::CsvReader reader;
  reader.openRange(text, begin - base, stop - base);
  reader.skipBlankLines();
  out.batch = EventBatch(pooledBuffers());
  // Few rows are under 32 bytes of CSV (a member id, a date, a code and
  // their commas): room for the chunk's rows at that size, reserved once
  // (more rows grow the batch as before). Pages of it that no row reaches
  // are never touched. (A chunk read again from where the one before
  // stopped, after a quoted line break ran over it, can start past its own
  // stop: commitChunk.)
  out.batch.reserveRows(stop > begin ? (stop - begin) / 32 + 1 : 0);
  out.span.first = base + reader.position();
  out.span.firstLine = reader.line();
  csv::Record record;
  RowProblem problem;
  EventRow row;
  startRow<K>(row);
  std::vector<EventBatch::CodeKey> codeKeys;
  LastMember last;
  // The last listed provider of each provider column, the index's own copy
  // of its id, and its store id: rows of a member often name those of the
  // row before, which a compare then finds (referrals name two providers:
  // one remembered for each). A listed provider's store id goes with the
  // row (`storeId`), so that its batch looks it up no more; an empty or
  // unlisted one's is unknown (kNoProvider).
  std::string_view lastListed[2];
  ProviderId lastListedId[2] = {kNoProvider, kNoProvider};
  const auto isListed = [this](std::string_view id, std::string_view& last, ProviderId& lastId,
                               ProviderId& storeId) [[gnu::flatten]] {
    storeId = kNoProvider;
    if (id.empty()) return true;
    if (id.size() == last.size() && TextIndex::sameBytes(id.data(), last.data(), id.size())) {
      storeId = lastId;
      return true;
    }
    const std::uint32_t listed = listedProviders_.find(id);
    if (listed == TextIndex::kAbsent) return false;
    last = listedProviders_.text(listed);
    storeId = lastId = listedStoreIds_[listed];
    return true;
  };
  for (;;) {
    const csv::ReadStatus status = reader.next(record);
    if (status == csv::ReadStatus::End) break;
    if (status == csv::ReadStatus::Error) {
      out.unclosedQuote = true;
      out.unclosedQuoteLine = reader.errorLine();
      break;
    }
    ++out.rows;
    if (recordIsWhole(record, plan.columnCount, problem) &&
        parseEvent<K>(plan.columns, record, row, codeKeys, out.batch, problem, last)) {
      ++out.accepted;
      if (checkProviders) {
        bool unknown = false;
        if (!isListed(row.provider, lastListed[0], lastListedId[0], row.providerId)) {
          unknown = true;
          noteUnknownProvider(out.unknownProviderIds, out.moreUnknownProviderIds, row.provider,
                              kShownUnknownProviders + 1);
        }
        if (EventKindColumns<K>::toProvider &&
            !isListed(row.toProvider, lastListed[1], lastListedId[1], row.toProviderId)) {
          unknown = true;
          noteUnknownProvider(out.unknownProviderIds, out.moreUnknownProviderIds, row.toProvider,
                              kShownUnknownProviders + 1);
        }
        out.unknownProviders += unknown;
      }
      if (!knownOnAsOf<K>(row)) {
        ++out.afterAsOf;
        continue;
      }
      out.batch.add(row, codeKeys);
      ++out.byStatus[row.status];
      continue;
    }
    ++out.badRowCount;
    if (rejecting || out.badRows.size() < kMaxReportedBadRows) {
      // The row's text in the file's mapping: the copy is reused.
      const size_t at = base + static_cast<size_t>(record.raw.data() - text.data());
      out.badRows.push_back({record.line, file.substr(at, record.raw.size()), problem});
    }
  }
  out.batch.finishRows();
  out.span.end = base + reader.position();
  out.span.endLine = reader.line();
  return reader.position() < text.size();
}

bool Loader::commitChunk(EventFilePlan& plan, size_t chunk, ChunkResult& result) {
  const int file = plan.file;
  FileCounts& counts = files_[file];
  if (chunk == 0) {
    counts.present = plan.present;
    if (plan.error) {
      error_ = std::move(plan.error);
      return false;
    }
  }
  const size_t stop =
      chunk + 1 < plan.starts.size() ? plan.starts[chunk + 1] : plan.reader.text().size();
  if (!continues(plan.end, result.span)) {
    // A quoted field ran over the chunk's start: read it from where the
    // previous chunk stopped.
    poolBuffers(result.batch.takeBuffers());
    result = ChunkResult();
    parseChunk(plan, plan.end, stop, result);
  }
  // Lines of the chunk counted from its start, made lines of the file.
  const std::int64_t lineOffset =
      static_cast<std::int64_t>(plan.endLine) - static_cast<std::int64_t>(result.span.firstLine);
  const auto lineOf = [&](std::uint64_t line) {
    return static_cast<std::uint64_t>(static_cast<std::int64_t>(line) + lineOffset);
  };
  counts.rows += result.rows;
  counts.accepted += result.accepted;
  counts.afterAsOf += result.afterAsOf;
  for (int s = 0; s < kStatusNameCount; ++s) counts.byStatus[s] += result.byStatus[s];
  counts.unknownProviders += result.unknownProviders;
  for (const std::string& id : result.unknownProviderIds)
    noteUnknownProvider(counts.unknownProviderIds, counts.moreUnknownProviderIds, id,
                        kShownUnknownProviders);
  counts.moreUnknownProviderIds = counts.moreUnknownProviderIds || result.moreUnknownProviderIds;
  if (chunk == 0 && plan.starts.size() > 1 && result.span.end > result.span.first) {
    // Room for the whole file's rows and codes at the first chunk's rows and
    // codes per byte, so that the builder's rows are not copied as they grow.
    const double chunkBytes = static_cast<double>(result.span.end - result.span.first);
    const double fileBytes = static_cast<double>(plan.reader.text().size() - plan.end);
    const auto estimate = [&](size_t count) {
      return static_cast<size_t>(static_cast<double>(count) / chunkBytes * fileBytes * 1.05) + 16;
    };
    builder_.reserveEvents(plan.spec->kind, estimate(result.batch.size()),
                           estimate(result.batch.codeCount()));
  }
  builder_.addBatch(plan.spec->kind, result.batch, lineOffset);
  for (ChunkBadRow& bad : result.badRows) {
    const std::uint64_t line = lineOf(bad.line);
    noteLinesOfRow(bad.raw, line, bad.problem);
    ++counts.rejected;
    setAside(file, line, bad.raw, bad.problem);
  }
  // The bad rows not kept (no reject file): counted, not reported.
  const std::uint64_t unkept = result.badRowCount - result.badRows.size();
  counts.rejected += unkept;
  badRowCount_ += unkept;
  if (result.unclosedQuote) return unclosedQuote(file, lineOf(result.unclosedQuoteLine));
  plan.end = result.span.end;
  plan.endLine = lineOf(result.span.endLine);
  // The rows before the commit point are in the builder: their bytes are
  // done with (a chunk that must be read again from the commit point reads
  // past it, and would read released pages from the file anyway).
  plan.reader.releaseBefore(plan.end);
  if (chunk + 1 == plan.starts.size()) {
    // As CsvReader::lineCount: a last line without a line end counts.
    const std::string_view text = plan.reader.text();
    const bool lastLineOpen = !text.empty() && text.back() != '\n' && text.back() != '\r';
    counts.lines = plan.endLine - 1 + (lastLineOpen ? 1 : 0);
    plan.reader.openText({});  // the file is read: unmap it
  }
  return true;
}

bool Loader::loadEnrollmentAndEvents() {
  // Every event file is opened first; a problem with one is reported when
  // its turn comes, after the files before it, as in a load file by file.
  std::vector<EventFilePlan> plans(kEventKindCount);
  struct Task {
    bool memberFill = false;  // task 0: the members' columns still queued (fillMembers)
    bool enrollment = false;  // task 1: enrollment.csv, read and committed whole
    int plan = 0;
    size_t chunk = 0;
    ChunkResult result;
    std::atomic<bool> done{false};
  };
  size_t taskCount = 2;
  for (int k = 0; k < kEventKindCount; ++k) {
    planEvents(kEventFiles[k], plans[k]);
    if (plans[k].present) taskCount += std::max<size_t>(1, plans[k].starts.size());
  }
  // Enrollment needs only the members and providers, and writes nothing a
  // chunk's parse reads (the spans, then their table, the store's
  // providers, its own counts and bad rows); as task 1 it commits before
  // every chunk, so ids, bad rows and the reject file come in the order of
  // a load file by file. The members' columns (task 0) are read by no
  // task: only an event table's build (finishTable, which takes the member
  // count) waits for them; the enrollment table's takes the count of ids,
  // all indexed before.
  std::vector<Task> tasks(taskCount);
  tasks[0].memberFill = true;
  tasks[1].enrollment = true;
  size_t t = 2;
  for (int k = 0; k < kEventKindCount; ++k) {
    if (!plans[k].present) continue;
    for (size_t c = 0; c < std::max<size_t>(1, plans[k].starts.size()); ++c) {
      tasks[t].plan = k;
      tasks[t].chunk = c;
      ++t;
    }
  }

  // Chunks are parsed in any order on any thread and committed in file
  // order by whichever thread finds the next one done.
  std::atomic<size_t> nextTask{0};
  std::atomic<bool> stopped{false};
  std::mutex commitLock;
  size_t committed = 0;
  // A file whose last chunk is committed has all its rows: its table is
  // built then, by the next thread free (StoreBuilder::finishTable), while
  // the later files parse, rather than after them all. 0: rows still
  // coming; 1: ready; 2: taken. Not when the load will stop for its bad
  // rows (no store comes of it).
  std::array<std::atomic<int>, kEventKindCount> tableState{};
  std::atomic<bool> membersFilled{false};
  const auto commitReady = [&] {
    while (committed < tasks.size() && tasks[committed].done.load(std::memory_order_acquire)) {
      Task& task = tasks[committed];
      EventFilePlan& plan = plans[task.plan];
      const bool isChunk = !task.enrollment && !task.memberFill;
      if (isChunk && !stopped.load() && !commitChunk(plan, task.chunk, task.result))
        stopped.store(true);
      const bool lastChunk = isChunk && task.chunk + 1 == std::max<size_t>(1, plan.starts.size());
      if (lastChunk && !stopped.load() && (rejecting_ || badRowCount_ == 0))
        tableState[static_cast<size_t>(plan.spec->kind)].store(1);
      poolBuffers(task.result.batch.takeBuffers());
      task.result = ChunkResult();
      ++committed;
    }
  };
  const auto work = [&] {
    for (size_t i; (i = nextTask++) < tasks.size();) {
      Task& task = tasks[i];
      const EventFilePlan& plan = plans[task.plan];
      if (task.memberFill) {
        fillMembers(true);
        membersFilled.store(true, std::memory_order_release);
      } else if (task.enrollment) {
        // Its table built here, on this thread, while the others parse the
        // event files: at the end it was a serial part of the load.
        if (!loadEnrollment())
          stopped.store(true);
        else
          builder_.finishEnrollment();
      } else if (!stopped.load() && !plan.error) {
        const size_t stop = task.chunk + 1 < plan.starts.size() ? plan.starts[task.chunk + 1]
                                                                : plan.reader.text().size();
        parseChunk(plan, plan.starts[task.chunk], stop, task.result);
      }
      task.done.store(true, std::memory_order_release);
      if (commitLock.try_lock()) {
        commitReady();
        commitLock.unlock();
      }
      // A table left ready here (the members' columns not all added yet)
      // is built by StoreBuilder::finish.
      for (size_t k = 0; k < tableState.size(); ++k) {
        int ready = 1;
        if (!stopped.load() && membersFilled.load(std::memory_order_acquire) &&
            tableState[k].compare_exchange_strong(ready, 2))
          builder_.finishTable(static_cast<EventKind>(k));
      }
    }
  };
  std::vector<std::thread> helpers;
  for (int h = 1; h < options_.threads; ++h) helpers.emplace_back(work);
  work();
  for (std::thread& helper : helpers) helper.join();
  commitReady();
  return !stopped.load();
}

LoadResult Loader::run() {
  files_.resize(kFileCount);
  for (int k = 0; k < kFileCount; ++k) {
    files_[k].file = dataFileNames()[k];
    files_[k].hasStatuses = k >= kFirstEventFile;
  }

  std::error_code ec;
  bool ok = true;
  if (!fs::is_directory(directory_, ec)) {
    error_ = LoadError{LoadErrorKind::Directory,
                       directory_,
                       0,
                       "",
                       "",
                       fs::exists(directory_, ec) ? "not a directory" : "no such directory",
                       "pass the data directory that holds members.csv and enrollment.csv"};
    ok = false;
  }
  for (const int required : {kMembers, kEnrollment}) {
    if (ok && !fs::exists(path(required), ec))
      ok = fileError(LoadErrorKind::MissingFile, required, 0, "", "required file is missing",
                     kRequiredFileHint);
  }
  const std::string& rejectPath =
      options_.rejectFileStaging.empty() ? options_.rejectFile : options_.rejectFileStaging;
  rejecting_ = ok && !options_.rejectFile.empty() && rejects_.open(rejectPath);
  if (ok && !options_.rejectFile.empty() && !rejecting_) {
    error_ = LoadError{LoadErrorKind::RejectFile,
                       options_.rejectFile,
                       0,
                       "",
                       "",
                       std::string("cannot create the reject file: ") + std::strerror(errno),
                       "check that its directory exists and is writable"};
    ok = false;
  }
  // Providers before enrollment: pcp_id is checked against providers.csv.
  ok = ok && loadMembers() && loadProviders();
  ok = ok && loadEnrollmentAndEvents();
  finishRejectFile();

  LoadResult result;
  result.files = files_;
  result.directory = directory_;
  result.badRowCount = badRowCount_;
  if (!error_ && !badRows_.empty()) error_ = badRows_.front();
  result.badRows = std::move(badRows_);
  if (error_) {
    result.error = std::move(error_);
  } else {
    result.store = builder_.finish(options_.threads);
  }
  return result;
}

void Loader::finishRejectFile() {
  if (rejects_.isOpen() && !rejects_.close() && !error_) {
    error_ = LoadError{LoadErrorKind::RejectFile,
                       options_.rejectFile,
                       0,
                       "",
                       "",
                       "cannot write the reject file",
                       "check the disk space and permissions of its directory"};
  }
}

}  // namespace

LoadResult loadDataDirectory(const std::string& directory, const LoadOptions& options) {
  return Loader(directory, options).run();
}

}  // namespace mc::store
