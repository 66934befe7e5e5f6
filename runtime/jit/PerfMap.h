// Names for compiled code in `perf` profiles. perf reads
// /tmp/perf-PID.map ("ADDRESS SIZE NAME" in hex, one symbol per line) for
// code it finds in no file. With MEASUREC_JIT_PERF_MAP set, every function
// of every compiled measure object is listed there under the measure's id
// (e.g. "BCS mc_measure_3" or "BCS mc_measure_3.scan.12"), so that
// `perf report` attributes the JIT's time per measure and per function
// instead of to bare addresses.
#pragma once

#include <cstdint>
#include <string_view>

namespace mc::jit {

// True when MEASUREC_JIT_PERF_MAP is set and not empty.
bool perfMapWanted();

// Appends the functions of `object` (an ELF object as the JIT linked it)
// to the process's perf map. `entry` is the object's function `entryName`
// as linked at `entryAddress`; the other functions of its text section
// are placed at the same offset from it as in the object. Failures are
// silent: the map is a profiling aid, never part of a run's result.
void appendPerfMap(std::string_view object, std::string_view entryName, std::uint64_t entryAddress,
                   std::string_view measureId);

}  // namespace mc::jit
