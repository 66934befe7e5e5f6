// Loads a member data directory (DATA.md) into a MemberStore, with the
// DATA.md treatment of bad rows: without a reject file, read on, collect
// every bad row and stop at the end having built nothing; with one, write
// each bad row there with its reason, count it and go on. A problem with a
// file itself (missing, unreadable, bad header, unterminated quote) stops the
// load at once, reject file or not.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/LoadError.h"
#include "store/MemberStore.h"
#include "support/EventVocabulary.h"

namespace mc::store {

// How many unknown provider ids a file's warning names.
inline constexpr size_t kShownUnknownProviders = 5;

struct FileCounts {
  std::string file;  // "visits.csv"
  bool present = false;
  std::uint64_t lines = 0;  // physical lines, header and blank lines included
  std::uint64_t rows = 0;   // data rows read (header excluded)
  std::uint64_t accepted = 0;
  std::uint64_t rejected = 0;
  // Event files only: accepted rows per status (index into kStatusNames).
  bool hasStatuses = false;
  std::array<std::uint64_t, kStatusNameCount> byStatus{};
  // Accepted rows naming a provider id absent from providers.csv (only
  // checked when providers.csv exists), and the first few such ids.
  std::uint64_t unknownProviders = 0;
  std::vector<std::string> unknownProviderIds;  // distinct, at most kShownUnknownProviders
  bool moreUnknownProviderIds = false;          // other ids beyond those
  // With LoadOptions::asOf: accepted rows not read because they lie after
  // that date (an event dated after it, a stay discharged after it, an
  // enrollment span that starts after it, a death after it), a part of
  // `accepted`: the run's data is what was known on that date.
  std::uint64_t afterAsOf = 0;

  // The statuses some measure of the run counts in this file: the default
  // convention until `run` sets it from its measures' queries (a file no
  // measure reads counts them all: its events are unread, not uncounted).
  StatusMask counted = kDefaultCountedStatuses;
  // Accepted rows whose status is outside `counted`.
  std::uint64_t notCountedByStatus() const;
};

struct LoadOptions {
  // Empty: bad rows are collected and stop the load at its end. Otherwise
  // bad rows are written to this CSV (file,line,column,value,reason,row) and
  // the load goes on.
  std::string rejectFile;
  // Where the reject file is written when not `rejectFile` itself (a
  // temporary sibling the caller renames into place once the run succeeded).
  // Messages still name `rejectFile`.
  std::string rejectFileStaging;
  // An interim run (`run --as-of DATE`): only the data known on this date
  // is read (FileCounts::afterAsOf says what is not). kNoDate: all of it.
  // Rows after it are checked like any other: a bad one is still bad.
  Days asOf = kNoDate;
  // Threads reading the event files, in chunks (store/CsvChunks.h). The
  // store, the counts, the bad rows and the reject file are the same for
  // any number.
  int threads = 1;
};

// How many bad rows a load reports in detail when it stops for them.
inline constexpr size_t kMaxReportedBadRows = 20;

struct LoadResult {
  std::optional<MemberStore> store;  // absent when `error` is set
  // What stopped the load: a file problem, or the first bad row (kind BadRow).
  std::optional<LoadError> error;
  std::vector<LoadError> badRows;  // the first kMaxReportedBadRows (no reject file)
  std::uint64_t badRowCount = 0;   // all of them
  std::vector<FileCounts> files;   // every known input file, in DATA.md order
  std::string directory;           // as given

  // One line per thing the user should know about accepted data: files whose
  // rows name providers absent from providers.csv, or no providers.csv.
  std::vector<std::string> warnings() const;
};

LoadResult loadDataDirectory(const std::string& directory, const LoadOptions& options);

// The input file names of a data directory (DATA.md), in DATA.md order.
const std::vector<std::string>& dataFileNames();

}  // namespace mc::store
