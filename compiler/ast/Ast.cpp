// Names of AST operators, for messages and IR labels.
#include "ast/Ast.h"

namespace mc::ast {

Expr::~Expr() {
  // Take the operands (and their operands) over one by one, so that each
  // node dies with no children left: the stack stays flat.
  std::vector<ExprPtr> pending = std::move(args);
  while (!pending.empty()) {
    ExprPtr e = std::move(pending.back());
    pending.pop_back();
    if (!e) continue;  // an operand already taken away
    for (ExprPtr& a : e->args) pending.push_back(std::move(a));
    e->args.clear();
  }
}

const char* binaryOpText(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::Eq: return "=";
    case BinaryOp::Ne: return "!=";
    case BinaryOp::Lt: return "<";
    case BinaryOp::Le: return "<=";
    case BinaryOp::Gt: return ">";
    case BinaryOp::Ge: return ">=";
    case BinaryOp::And: return "and";
    case BinaryOp::Or: return "or";
  }
  return "?";
}

const char* aggregateText(AggregateKind kind) {
  switch (kind) {
    case AggregateKind::Exists: return "exists";
    case AggregateKind::Count: return "count";
    case AggregateKind::CountDistinctDates: return "count distinct dates of";
    case AggregateKind::LatestValue: return "latest value of";
    case AggregateKind::LatestDate: return "latest date of";
    case AggregateKind::FirstValue: return "first value of";
    case AggregateKind::FirstDate: return "first date of";
    case AggregateKind::Sum: return "sum of";
    case AggregateKind::NthDate: return "n-th date of";
    case AggregateKind::CountSpacedDates: return "count distinct dates at least N days apart of";
    case AggregateKind::Pdc: return "pdc of";
    case AggregateKind::LowestValue: return "lowest value of";
    case AggregateKind::HighestValue: return "highest value of";
    case AggregateKind::LatestEnd: return "latest end of";
    case AggregateKind::LatestTime: return "latest time of";
  }
  return "?";
}

const char* ruleKindName(RuleKind kind) {
  switch (kind) {
    case RuleKind::Population: return "population";
    case RuleKind::Eligible: return "eligible";
    case RuleKind::Exclude: return "exclude";
    case RuleKind::Numerator: return "numerator";
    case RuleKind::Exception: return "exception";
  }
  return "?";
}

}  // namespace mc::ast
