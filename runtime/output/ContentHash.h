// Content hashes for run.json provenance: FNV-1a 64 over a file's bytes,
// written "fnv1a64:<16 hex digits>". Not cryptographic; it tells whether a
// measure file changed between two runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mc::output {

// FNV-1a, 64 bits (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
std::uint64_t fnv1a64(std::string_view bytes);

// "fnv1a64:" and the hash as 16 lower-case hex digits.
std::string contentHash(std::string_view bytes);

// The content hash of a file; nullopt when it cannot be read.
std::optional<std::string> fileContentHash(const std::string& path);

}  // namespace mc::output
