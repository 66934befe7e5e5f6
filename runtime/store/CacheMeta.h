// The metadata block of a cache file: provenance and the original load's
// counts (store/CacheLayout.h).
#pragma once

#include <string>
#include <vector>

#include "store/CacheFile.h"

namespace mc::store {

std::string encodeCacheMeta(const CacheProvenance& provenance,
                            const std::vector<FileCounts>& files);
// False when the block does not read as one (a corrupt file).
bool decodeCacheMeta(const char* data, std::size_t size, CacheProvenance& provenance,
                     std::vector<FileCounts>& files);

}  // namespace mc::store
