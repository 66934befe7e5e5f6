// The files `measurec gen` writes (DATA.md inputs), each with every column
// DATA.md lists for it, required and optional, plus `status` on event files:
// the layout every writer shares (support/DataFiles.h), then the optional
// columns only the eCQMs read (docs/data.md: body site, reason, category, an
// observation's end and setting), and orders.csv. The columns of each row
// the generator writes are in its order.
#pragma once

#include <string>

#include "support/DataFiles.h"

namespace mc::gen {

using mc::DataFile;
using mc::DataFileLayout;
using mc::kDataFileCount;
using mc::kDataFiles;

// The shared files and orders.csv (DataFile::Orders, the last index).
inline constexpr int kGenFileCount = kDataFileCount + 1;

// The columns gen writes after the shared layout's, in row order; "" for a
// file with none. orders.csv has no shared layout: its whole header is here
// (no `intent` column: every generated order is an order, which is what an
// empty intent means).
inline constexpr const char* genExtraColumns(DataFile file) {
  switch (file) {
    case DataFile::Visits: return ",body_site,reason";
    case DataFile::Observations: return ",end_date,reason,category,setting";
    case DataFile::Conditions: return ",body_site,category";
    default: return "";
  }
}

inline constexpr const char* kGenOrdersName = "orders.csv";
inline constexpr const char* kGenOrdersHeader =
    "member_id,date,codes,provider_id,status,end_date,intent";

inline const char* genFileName(int file) {
  return file == static_cast<int>(DataFile::Orders) ? kGenOrdersName : kDataFiles[file].name;
}

inline std::string genHeader(int file) {
  if (file == static_cast<int>(DataFile::Orders)) return kGenOrdersHeader;
  return std::string(kDataFiles[file].header) + genExtraColumns(static_cast<DataFile>(file));
}

}  // namespace mc::gen
