// What the JIT's lowering handles today (issue 15 builds it up op by op): a
// measure that uses anything else runs on the interpreter, and the run says
// which thing stopped it. No LLVM type here.
#pragma once

#include <string>

#include "interp/Plan.h"
#include "ir/Ir.h"

namespace mc::jit {

// Empty when every member-dependent node, query and the cascade of
// `measure` can be lowered; otherwise the first thing that cannot, in node
// order, e.g. "op NAME", "aggregate NAME", "filter NAME" (every op,
// aggregate and filter of the IR is lowered today: these name one added
// later).
// Member-independent nodes come from the plan whatever their op. A
// measure attributed to pharmacies is compiled: its attribution (which
// fills chose the pharmacy) is the interpreter's (interp::scoreMeasures).
std::string firstUnsupported(const ir::Measure& measure, const interp::Plan& plan);

}  // namespace mc::jit
