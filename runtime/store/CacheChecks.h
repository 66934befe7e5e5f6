// What a store read from a cache must satisfy before anything indexes with
// its columns: sizes that agree, offsets that rise, ids inside their
// dictionaries, enums inside their ranges. The cache's checksum covers its
// header only (reading every column to sum it would cost more than the
// load), so these checks are what keeps a damaged column from making a run
// read out of bounds.
#pragma once

#include "store/MemberStore.h"

namespace mc::store {

// Empty when the store is sound; else which column is not, for the message
// (the first in a fixed order of checks, whatever `threads` is). The
// checks read every column once, on up to `threads` threads.
std::string unsoundColumn(const MemberStore& store, int threads = 1);

}  // namespace mc::store
