// `--engine jit` (issue 15): measures lowered to LLVM IR (jit/Lowering.h)
// and compiled to native code with ORC's LLJIT, behind the scoring seam
// (interp::MeasureCompiler). A measure the lowering does not handle yet runs
// on the interpreter, and the engine says why (jit/Coverage.h). No LLVM type
// in this header.
#pragma once

#include <memory>

#include "interp/Scoring.h"

namespace mc::jit {

// One JIT for a run (or a `measurec test`). It owns the compiled code: it
// must outlive every CompiledMeasure it returns (scoreMeasures drops them
// before it returns), and each measure is compiled once, keyed by its
// address, so the measures must outlive it too.
std::unique_ptr<interp::MeasureCompiler> makeJitCompiler();

}  // namespace mc::jit
