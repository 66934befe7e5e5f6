// The files `measurec gen` writes (DATA.md inputs), each with every column
// DATA.md lists for it, required and optional, plus `status` on event files:
// the layout every writer shares (support/DataFiles.h). The columns of each
// row the generator writes are in its order.
#pragma once

#include "support/DataFiles.h"

namespace mc::gen {

using mc::DataFile;
using mc::DataFileLayout;
using mc::kDataFileCount;
using mc::kDataFiles;

}  // namespace mc::gen
