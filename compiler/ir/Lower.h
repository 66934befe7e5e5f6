// Lowering: a checked measure (AST + sema model) -> ir::Measure. Intervals
// become pairs of date nodes, durations become AddDays/AddMonths, calls of
// parameterised definitions are inlined, identical nodes are shared.
#pragma once

#include "ast/Ast.h"
#include "ir/Ir.h"
#include "sema/Model.h"

namespace mc::ir {

// `m` must have passed semantic checks without errors.
Measure lowerMeasure(const ast::Measure& m, const sema::Model& model, const std::string& file);
// A measure `based on` another: the rules, code sets, definitions, kind,
// period and gap of `base`; the ID, title, source, stratifiers and tests of
// `m`.
Measure lowerMeasure(const ast::Measure& m, const ast::Measure& base, const sema::Model& model,
                     const std::string& file);

}  // namespace mc::ir
