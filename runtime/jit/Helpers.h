// The runtime helpers compiled code calls: `date(y, m, d)` and the
// continuous-enrollment walks, the same functions the interpreter asks
// (ir/CalendarOps.h, interp/Enrollment.h), as functions of int64 values. Each takes and
// returns the IR's 64-bit values (dates as day numbers, bools as Kleene
// truth values, ir/Missing.h). A helper is a call per use per member; the
// hot calendar operations (age, date parts, adding days and months) are
// lowered in line instead (CalendarLowering.h).
#pragma once

#include <cstdint>
#include <vector>

namespace mc::jit {

// Every argument is an int64 (the enrollment and PCP helpers take the store's
// address and the member first; the PDC and unit helpers the call's
// jit/JitScratch.h); member years and the PDC return a double, the rest an
// int64.
struct HelperSymbol {
  const char* name;
  void* address;
};
// Every helper, for the JIT's symbol table and the lowering's declarations.
const std::vector<HelperSymbol>& helperSymbols();

}  // namespace mc::jit
