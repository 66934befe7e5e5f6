// Dependency order of named things that refer to each other (definitions,
// code sets): every thing comes after the things it uses, found with an
// explicit stack so that a chain of thousands of definitions costs no
// native recursion, and each thing is visited once, so shared uses do not
// multiply the work. Checking, lowering and binding then handle one thing at
// a time, knowing that what it uses is already done.
#pragma once

#include <cstddef>
#include <unordered_map>
#include <vector>

namespace mc {

// A use of `target`, made at `at` (an expression, a code-set term, ...).
template <typename Node, typename At>
struct Dependency {
  At at;
  const Node* target;
};

template <typename Node, typename At>
struct DependencyOrder {
  std::vector<const Node*> order;               // dependencies before their users
  std::vector<Dependency<Node, At>> cycleUses;  // uses that lead back to a thing in progress
};

// The not-yet-done things reachable from `root`, in dependency order.
// `usesOf(node)` lists a thing's uses in source order; `isDone(node)` says
// that a thing was handled by an earlier call (it is neither visited nor
// listed again).
template <typename Node, typename At, typename UsesOf, typename IsDone>
DependencyOrder<Node, At> dependencyOrder(const Node* root, UsesOf usesOf, IsDone isDone) {
  DependencyOrder<Node, At> out;
  if (isDone(root)) return out;
  struct Frame {
    const Node* node;
    std::vector<Dependency<Node, At>> uses;
    size_t next;
  };
  std::unordered_map<const Node*, bool> finished;  // absent: unvisited; false: in progress
  std::vector<Frame> stack;
  finished.emplace(root, false);
  stack.push_back({root, usesOf(*root), 0});
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.uses.size()) {
      finished[top.node] = true;
      out.order.push_back(top.node);
      stack.pop_back();
      continue;
    }
    const Dependency<Node, At> use = top.uses[top.next++];
    if (use.target == nullptr || isDone(use.target)) continue;
    auto [it, fresh] = finished.emplace(use.target, false);
    if (fresh) {
      stack.push_back({use.target, usesOf(*use.target), 0});  // `top` is not used after this
    } else if (!it->second) {
      out.cycleUses.push_back(use);
    }
  }
  return out;
}

}  // namespace mc
