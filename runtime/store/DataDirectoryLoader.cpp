// Loads the files of a data directory (DATA.md) in order, row by row, into a
// StoreBuilder; bad rows stop the load or go to the reject file.
#include "store/DataDirectoryLoader.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unordered_map>

#include "csv/CsvReader.h"
#include "csv/CsvWriter.h"
#include "store/CellParsing.h"
#include "store/StoreBuilder.h"
#include "support/EventVocabulary.h"

namespace mc::store {
namespace {

namespace fs = std::filesystem;

// Indexes into LoadResult::files, in DATA.md order.
enum FileIndex : int { kMembers, kEnrollment, kProviders, kFirstEventFile };
constexpr int kFileCount = kFirstEventFile + kEventKindCount;

constexpr const char* kQuoteHint =
    "a quoted field ends at its closing quote, followed by a comma or the line end; a quote "
    "inside it is written twice (\"\")";

constexpr const char* kRequiredFileHint =
    "a data directory holds at least members.csv and enrollment.csv (DATA.md)";

// How one event file maps onto an EventTable (DATA.md inputs table).
struct EventFileSpec {
  EventKind kind;
  const char* date;
  const char* codes;  // nullptr: no code column (pharmacy has ndc/rxnorm)
  const char* end;    // nullptr: no end-date column
  Days emptyEnd;      // kNoDate: same day as `date`; kOpenEnd: still open
  const char* endHint;
  const char* provider;
  bool providerRequired;
  const char* toProvider;
  const char* value;
  bool valueMustBeNumber;  // pharmacy quantity; observation values may be text
};

constexpr EventFileSpec kEventFiles[kEventKindCount] = {
    {EventKind::Visit, "date", "codes", "end_date", kNoDate,
     "end_date is the through/discharge date; leave it empty for a same-day service", "provider_id",
     false, nullptr, nullptr, false},
    {EventKind::Pharmacy, "fill_date", nullptr, nullptr, kNoDate, "", "pharmacy_id", false, nullptr,
     "quantity", true},
    {EventKind::Observation, "date", "code", nullptr, kNoDate, "", "provider_id", false, nullptr,
     "value", false},
    {EventKind::Condition, "onset_date", "codes", "abatement_date", kOpenEnd,
     "leave abatement_date empty for a condition that is still active", "provider_id", false,
     nullptr, nullptr, false},
    {EventKind::Immunization, "date", "code", nullptr, kNoDate, "", "provider_id", false, nullptr,
     nullptr, false},
    {EventKind::Supplemental, "date", "codes", nullptr, kNoDate, "", "provider_id", false, nullptr,
     "value", false},
    {EventKind::Referral, "date", nullptr, nullptr, kNoDate, "", "from_provider_id", true,
     "to_provider_id", nullptr, false},
};

// A column the loader reads: its name, and its index in this file's header.
struct Column {
  const char* name = "";
  int index = csv::CsvReader::kNoColumn;
};

Column findColumn(const csv::CsvReader& reader, const char* name) {
  if (name == nullptr) return {};
  return {name, reader.column(name)};
}

std::string_view cell(const csv::Record& record, const Column& column) {
  if (column.index == csv::CsvReader::kNoColumn) return {};
  return record[static_cast<size_t>(column.index)];
}

bool fail(RowProblem& problem, std::string column, std::string_view value, std::string message,
          std::string hint) {
  problem = {std::move(column), std::string(value), std::move(message), std::move(hint)};
  return false;
}

struct EventColumns {
  Column member, date, codes, end, provider, toProvider, value, status, setting, source;
  Column daysSupply, ndc, rxnorm, generic;
};

// Bad rows, one CSV line each (file,line,column,value,reason,row).
class RejectFile {
 public:
  bool open(const std::string& path) {
    stream_.open(path, std::ios::binary | std::ios::trunc);
    if (!stream_) return false;
    writer_.emplace(stream_);
    writer_->row({"file", "line", "column", "value", "reason", "row"});
    return true;
  }
  bool isOpen() const { return writer_.has_value(); }
  void add(const std::string& fileName, std::uint64_t line, const RowProblem& problem,
           std::string_view raw) {
    writer_->row(
        {fileName, std::to_string(line), problem.column, problem.value, problem.message, raw});
  }
  // False when anything failed to reach the file.
  bool close() {
    writer_.reset();
    stream_.close();
    return !stream_.fail();
  }

 private:
  std::ofstream stream_;
  std::optional<csv::CsvWriter> writer_;
};

class Loader {
 public:
  Loader(std::string directory, const LoadOptions& options)
      : directory_(std::move(directory)), options_(options) {}

  LoadResult run();

 private:
  enum class Opened { Yes, Absent, Failed };

  std::string path(int file) const { return (fs::path(directory_) / files_[file].file).string(); }
  bool fileError(int file, std::uint64_t line, std::string column, std::string message,
                 std::string hint);
  Opened open(int file, bool required, csv::CsvReader& reader);
  bool requireColumns(int file, const csv::CsvReader& reader,
                      const std::vector<const char*>& names);
  template <typename ParseRow>
  bool readRows(int file, csv::CsvReader& reader, ParseRow parseRow);
  bool rejectRow(int file, const csv::Record& record, const RowProblem& problem);

  bool findMember(const Column& column, const csv::Record& record, MemberIndex& out,
                  RowProblem& problem) const;
  bool loadMembers();
  bool loadEnrollment();
  bool loadProviders();
  bool loadEvents(const EventFileSpec& spec);
  bool parseEvent(const EventFileSpec& spec, const EventColumns& c, const csv::Record& record,
                  EventRow& row, RowProblem& problem) const;

  std::string directory_;
  const LoadOptions& options_;
  StoreBuilder builder_;
  std::vector<FileCounts> files_;
  std::optional<LoadError> error_;
  RejectFile rejects_;
  Column membersIdColumn_;
  std::vector<std::uint32_t> memberLine_;  // by MemberIndex
  // Members whose members.csv row was rejected: id -> line, for the hint on
  // their events.
  std::unordered_map<std::string, std::uint64_t> rejectedMembers_;
};

bool Loader::fileError(int file, std::uint64_t line, std::string column, std::string message,
                       std::string hint) {
  error_ = LoadError{path(file), line, std::move(column), "", std::move(message), std::move(hint)};
  return false;
}

Loader::Opened Loader::open(int file, bool required, csv::CsvReader& reader) {
  std::error_code ec;
  if (!fs::exists(path(file), ec)) {
    if (!required) return Opened::Absent;
    fileError(file, 0, "", "required file is missing", kRequiredFileHint);
    return Opened::Failed;
  }
  files_[file].present = true;
  if (!reader.openFile(path(file))) {
    fileError(file, 0, "", "cannot read the file: " + reader.error(),
              "check that it is a readable CSV file");
    return Opened::Failed;
  }
  if (reader.readHeader()) return Opened::Yes;
  if (!reader.error().empty()) {
    fileError(file, reader.errorLine(), "", "header row: " + reader.error(), kQuoteHint);
  } else {
    fileError(file, 0, "", "the file is empty: it has no header row",
              "the first row names the columns (DATA.md)");
  }
  return Opened::Failed;
}

bool Loader::requireColumns(int file, const csv::CsvReader& reader,
                            const std::vector<const char*>& names) {
  std::string all;
  for (const char* name : names) all += std::string(all.empty() ? "" : ", ") + name;
  for (const char* name : names) {
    if (reader.column(name) == csv::CsvReader::kNoColumn) {
      return fileError(
          file, 1, name, "missing required column",
          "the header row of " + files_[file].file + " must name " + all + " (DATA.md)");
    }
  }
  return true;
}

template <typename ParseRow>
bool Loader::readRows(int file, csv::CsvReader& reader, ParseRow parseRow) {
  FileCounts& counts = files_[file];
  const size_t columns = reader.header().size();
  csv::Record record;
  RowProblem problem;
  for (;;) {
    const csv::ReadStatus status = reader.next(record);
    if (status == csv::ReadStatus::End) return true;
    ++counts.rows;
    if (status == csv::ReadStatus::Error) {
      fail(problem, "", "", reader.error(), kQuoteHint);
    } else if (!record.problem.empty()) {
      fail(problem, "", "", std::string(record.problem), kQuoteHint);
    } else if (record.size() != columns) {
      fail(problem, "", "",
           "the row has " + std::to_string(record.size()) + " fields but the header has " +
               std::to_string(columns),
           "quote fields that contain commas (RFC 4180)");
    } else if (parseRow(record, problem)) {
      ++counts.accepted;
      continue;
    }
    if (!rejectRow(file, record, problem)) return false;
  }
}

bool Loader::rejectRow(int file, const csv::Record& record, const RowProblem& problem) {
  ++files_[file].rejected;
  if (!rejects_.isOpen()) {
    error_ = LoadError{path(file),    record.line,     problem.column,
                       problem.value, problem.message, problem.hint};
    return false;
  }
  if (file == kMembers && membersIdColumn_.index < static_cast<int>(record.size())) {
    const std::string_view id = cell(record, membersIdColumn_);
    if (!id.empty() && !builder_.hasMember(id)) rejectedMembers_.emplace(id, record.line);
  }
  rejects_.add(files_[file].file, record.line, problem, record.raw);
  return true;
}

bool Loader::findMember(const Column& column, const csv::Record& record, MemberIndex& out,
                        RowProblem& problem) const {
  const std::string_view id = cell(record, column);
  if (!requireValue(column.name, id, problem)) return false;
  out = builder_.findMember(id);
  if (out != MemberStore::kNoMember) return true;
  const auto rejected = rejectedMembers_.find(std::string(id));
  return fail(problem, column.name, id, "member_id absent from members.csv",
              rejected == rejectedMembers_.end()
                  ? "add the member to members.csv, or drop this row"
                  : "the member's row in members.csv (line " + std::to_string(rejected->second) +
                        ") was rejected; fix that row");
}

bool Loader::loadMembers() {
  csv::CsvReader reader;
  if (open(kMembers, true, reader) != Opened::Yes) return false;
  if (!requireColumns(kMembers, reader, {"member_id", "birth_date", "sex"})) return false;
  membersIdColumn_ = findColumn(reader, "member_id");
  const Column birth = findColumn(reader, "birth_date"), sexColumn = findColumn(reader, "sex"),
               death = findColumn(reader, "death_date"), race = findColumn(reader, "race"),
               ethnicity = findColumn(reader, "ethnicity");
  return readRows(kMembers, reader, [&](const csv::Record& r, RowProblem& p) {
    const std::string_view id = cell(r, membersIdColumn_);
    if (!requireValue(membersIdColumn_.name, id, p)) return false;
    const MemberIndex first = builder_.findMember(id);
    if (first != MemberStore::kNoMember) {
      return fail(p, membersIdColumn_.name, id, "duplicate member_id",
                  "a member has one row in members.csv; the first is on line " +
                      std::to_string(memberLine_[first]));
    }
    Days birthDate = kNoDate, deathDate = kNoDate;
    Sex sex = Sex::U;
    if (!parseDate(birth.name, cell(r, birth), birthDate, p) ||
        !parseSex(sexColumn.name, cell(r, sexColumn), sex, p) ||
        !parseOptionalDate(death.name, cell(r, death), kNoDate, deathDate, p))
      return false;
    if (deathDate != kNoDate && deathDate < birthDate) {
      return fail(p, death.name, cell(r, death), "death_date is before birth_date",
                  "check both dates");
    }
    const auto line = static_cast<std::uint32_t>(r.line);
    builder_.addMember(std::string(id), birthDate, sex, deathDate, std::string(cell(r, race)),
                       std::string(cell(r, ethnicity)), line);
    memberLine_.push_back(line);
    return true;
  });
}

bool Loader::loadEnrollment() {
  csv::CsvReader reader;
  if (open(kEnrollment, true, reader) != Opened::Yes) return false;
  if (!requireColumns(kEnrollment, reader, {"member_id", "start_date", "end_date", "pcp_id"}))
    return false;
  const Column member = findColumn(reader, "member_id"), start = findColumn(reader, "start_date"),
               end = findColumn(reader, "end_date"), pcp = findColumn(reader, "pcp_id");
  return readRows(kEnrollment, reader, [&](const csv::Record& r, RowProblem& p) {
    MemberIndex m = 0;
    Days startDate = kNoDate, endDate = kOpenEnd;
    if (!findMember(member, r, m, p) || !parseDate(start.name, cell(r, start), startDate, p) ||
        !parseOptionalDate(end.name, cell(r, end), kOpenEnd, endDate, p))
      return false;
    if (endDate < startDate) {
      return fail(p, end.name, cell(r, end),
                  "end_date is before start_date " + std::string(cell(r, start)),
                  "leave end_date empty for a span that is still open");
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
  const Column id = findColumn(reader, "provider_id"), kind = findColumn(reader, "kind"),
               name = findColumn(reader, "name"), county = findColumn(reader, "county"),
               attributes = findColumn(reader, "attributes");
  return readRows(kProviders, reader, [&](const csv::Record& r, RowProblem& p) {
    const std::string_view providerId = cell(r, id);
    ProviderKind providerKind = ProviderKind::Other;
    if (!requireValue(id.name, providerId, p)) return false;
    if (builder_.hasListedProvider(providerId)) {
      return fail(p, id.name, providerId, "duplicate provider_id",
                  "a provider has one row in providers.csv");
    }
    if (!parseProviderKind(kind.name, cell(r, kind), providerKind, p)) return false;
    builder_.addProvider(providerId, providerKind, std::string(cell(r, name)),
                         std::string(cell(r, county)), std::string(cell(r, attributes)));
    return true;
  });
}

bool Loader::parseEvent(const EventFileSpec& spec, const EventColumns& c, const csv::Record& r,
                        EventRow& row, RowProblem& p) const {
  row.codes.clear();
  if (!findMember(c.member, r, row.member, p) ||
      !parseDate(c.date.name, cell(r, c.date), row.date, p))
    return false;
  row.endDate = spec.emptyEnd;
  if (c.end.index != csv::CsvReader::kNoColumn) {
    if (!parseOptionalDate(c.end.name, cell(r, c.end), spec.emptyEnd, row.endDate, p)) return false;
    if (row.endDate != kNoDate && row.endDate < row.date) {
      return fail(p, c.end.name, cell(r, c.end),
                  std::string(c.end.name) + " is before " + c.date.name + " " +
                      std::string(cell(r, c.date)),
                  spec.endHint);
    }
  }
  if (c.codes.index != csv::CsvReader::kNoColumn &&
      !parseCodeList(c.codes.name, cell(r, c.codes), row.codes, p))
    return false;
  row.daysSupply = 0;
  row.generic = false;
  if (spec.kind == EventKind::Pharmacy) {
    if (!parseSystemCode(c.ndc.name, cell(r, c.ndc), CodeSystem::NDC, row.codes, p) ||
        !parseSystemCode(c.rxnorm.name, cell(r, c.rxnorm), CodeSystem::RXNORM, row.codes, p))
      return false;
    if (row.codes.empty()) {
      return fail(p, c.ndc.index != csv::CsvReader::kNoColumn ? "ndc" : "rxnorm", "",
                  "neither ndc nor rxnorm is given",
                  "each fill needs its drug: an NDC in ndc or an RxNorm code in rxnorm");
    }
    if (!parseDaysSupply(c.daysSupply.name, cell(r, c.daysSupply), row.daysSupply, p) ||
        !parseYesNo(c.generic.name, cell(r, c.generic), row.generic, p))
      return false;
  }
  const std::string_view provider = cell(r, c.provider);
  if (spec.providerRequired && !requireValue(c.provider.name, provider, p)) return false;
  row.provider.assign(provider);
  row.toProvider.assign(cell(r, c.toProvider));
  row.setting = Setting::None;
  if (!parseSetting(c.setting.name, cell(r, c.setting), row.setting, p)) return false;
  const std::optional<Status> status = statusFromText(cell(r, c.status));
  if (!status) {
    std::string names;
    for (int i = 1; i < kStatusNameCount; ++i)
      names += std::string(i > 1 ? ", " : "") + kStatusNames[i];
    return fail(p, c.status.name, cell(r, c.status), "unknown status",
                "statuses are FHIR's: " + names + ", or empty for completed");
  }
  row.status = *status;
  row.source = eventSourceFromText(cell(r, c.source));
  row.value = std::nan("");
  const std::string_view value = cell(r, c.value);
  if (!value.empty() && !parseNumber(value, row.value) && spec.valueMustBeNumber) {
    return fail(p, c.value.name, value, std::string(c.value.name) + " is not a number",
                "write a decimal number, or leave it empty");
  }
  row.line = static_cast<std::uint32_t>(r.line);
  return true;
}

bool Loader::loadEvents(const EventFileSpec& spec) {
  const int file = kFirstEventFile + static_cast<int>(spec.kind);
  csv::CsvReader reader;
  const Opened opened = open(file, false, reader);
  if (opened != Opened::Yes) return opened == Opened::Absent;
  const bool pharmacy = spec.kind == EventKind::Pharmacy;
  std::vector<const char*> required = {"member_id", spec.date};
  if (spec.codes != nullptr) required.push_back(spec.codes);
  if (spec.providerRequired) required.push_back(spec.provider);
  if (pharmacy) required.push_back("days_supply");
  if (!requireColumns(file, reader, required)) return false;

  EventColumns c;
  c.member = findColumn(reader, "member_id");
  c.date = findColumn(reader, spec.date);
  c.codes = findColumn(reader, spec.codes);
  c.end = findColumn(reader, spec.end);
  c.provider = findColumn(reader, spec.provider);
  c.toProvider = findColumn(reader, spec.toProvider);
  c.value = findColumn(reader, spec.value);
  c.status = findColumn(reader, "status");
  c.setting = findColumn(reader, spec.kind == EventKind::Visit ? "setting" : nullptr);
  c.source = findColumn(reader, spec.kind == EventKind::Immunization ? "source" : nullptr);
  if (pharmacy) {
    c.daysSupply = findColumn(reader, "days_supply");
    c.ndc = findColumn(reader, "ndc");
    c.rxnorm = findColumn(reader, "rxnorm");
    c.generic = findColumn(reader, "generic");
    if (c.ndc.index == csv::CsvReader::kNoColumn && c.rxnorm.index == csv::CsvReader::kNoColumn) {
      return fileError(file, 1, "ndc", "missing required column: neither ndc nor rxnorm",
                       "pharmacy.csv names the drug of each fill in an ndc or rxnorm column");
    }
  }
  EventRow row;
  row.kind = spec.kind;
  return readRows(file, reader, [&](const csv::Record& r, RowProblem& p) {
    if (!parseEvent(spec, c, r, row, p)) return false;
    builder_.addEvent(row);
    return true;
  });
}

LoadResult Loader::run() {
  files_.resize(kFileCount);
  files_[kMembers].file = "members.csv";
  files_[kEnrollment].file = "enrollment.csv";
  files_[kProviders].file = "providers.csv";
  for (int k = 0; k < kEventKindCount; ++k)
    files_[kFirstEventFile + k].file = eventFileName(static_cast<EventKind>(k));

  std::error_code ec;
  bool ok = true;
  if (!fs::is_directory(directory_, ec)) {
    error_ = LoadError{directory_,
                       0,
                       "",
                       "",
                       fs::exists(directory_, ec) ? "not a directory" : "no such directory",
                       "pass the data directory that holds members.csv and enrollment.csv"};
    ok = false;
  }
  for (const int required : {kMembers, kEnrollment}) {
    if (ok && !fs::exists(path(required), ec))
      ok = fileError(required, 0, "", "required file is missing", kRequiredFileHint);
  }
  if (ok && !options_.rejectFile.empty() && !rejects_.open(options_.rejectFile)) {
    error_ = LoadError{options_.rejectFile,
                       0,
                       "",
                       "",
                       std::string("cannot create the reject file: ") + std::strerror(errno),
                       "check that its directory exists and is writable"};
    ok = false;
  }
  ok = ok && loadMembers() && loadEnrollment() && loadProviders();
  for (const EventFileSpec& spec : kEventFiles) ok = ok && loadEvents(spec);
  if (rejects_.isOpen() && !rejects_.close() && !error_) {
    error_ = LoadError{options_.rejectFile,
                       0,
                       "",
                       "",
                       "cannot write the reject file",
                       "check the disk space and permissions of its directory"};
  }

  LoadResult result;
  result.files = files_;
  if (error_) {
    result.error = std::move(error_);
  } else {
    result.store = builder_.finish();
  }
  return result;
}

// Values can be anything a file holds; keep the one-line message readable.
std::string printable(std::string_view value) {
  constexpr size_t kMax = 80;
  std::string out;
  for (const char c : value.substr(0, kMax)) {
    out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
  }
  if (value.size() > kMax) {
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
    out += "...";
  }
  return out;
}

}  // namespace

std::string LoadError::format() const {
  std::string out = path;
  if (line != 0) out += ":" + std::to_string(line);
  out += ":";
  if (!column.empty()) out += " column '" + column + "':";
  if (!value.empty()) out += " value '" + printable(value) + "':";
  out += " " + message;
  if (!hint.empty()) out += "\n  note: " + hint;
  return out;
}

LoadResult loadDataDirectory(const std::string& directory, const LoadOptions& options) {
  return Loader(directory, options).run();
}

}  // namespace mc::store
