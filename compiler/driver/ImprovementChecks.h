// Checks of a program's performance improvement: the `improvement` domains
// (the domains they name, `by`) and the per-include plan goals.
#pragma once

#include <functional>

#include "ast/Ast.h"
#include "support/Diagnostic.h"

namespace mc {

// E0512: an improvement naming no domain (or another improvement), with no
// points, or `by` outside (0, 100]. E0513: a goal on an exploratory measure
// or on one no improvement covers, or not a rate in the measure's unit.
// E0514: a domain covered twice (by two improvements, or named twice).
// `measureOf` is the measure of an include, or null when it did not load.
void checkImprovement(
    const ast::Program& p,
    const std::function<const ast::Measure*(const ast::ProgramInclude&)>& measureOf,
    Diagnostics& diags);

}  // namespace mc
