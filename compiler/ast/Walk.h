// Visits every expression of a tree (operands and query filter operands) in
// source order, with an explicit stack: expressions can be chains of
// thousands of terms, and a visit must not nest a call per level.
#pragma once

#include <vector>

#include "ast/Ast.h"

namespace mc::ast {

template <typename Visit>
void forEachExpr(const Expr& root, Visit visit) {
  std::vector<const Expr*> todo{&root};
  while (!todo.empty()) {
    const Expr* e = todo.back();
    todo.pop_back();
    visit(*e);
    if (e->query) {
      for (auto f = e->query->filters.rbegin(); f != e->query->filters.rend(); ++f)
        if (f->operand) todo.push_back(f->operand.get());
    }
    for (auto a = e->args.rbegin(); a != e->args.rend(); ++a)
      if (*a) todo.push_back(a->get());
  }
}

}  // namespace mc::ast
