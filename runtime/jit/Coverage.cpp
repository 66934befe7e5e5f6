// The subset of the IR the lowering (Lowering.cpp) compiles; kept beside it
// so that a new case there adds its op here.
#include "jit/Coverage.h"

namespace mc::jit {

static bool opLowered(ir::Op op) {
  switch (op) {
    case ir::Op::BirthDate:
    case ir::Op::DeathDate:
    case ir::Op::MemberSex:
    case ir::Op::Not:
    case ir::Op::And:
    case ir::Op::Or:
    case ir::Op::Neg:
    case ir::Op::Add:
    case ir::Op::Sub:
    case ir::Op::Mul:
    case ir::Op::Div:
    case ir::Op::IntToNum:
    case ir::Op::QuantityToNum:
    case ir::Op::Cmp:
    case ir::Op::IsMissing:
    case ir::Op::AddDays:
    case ir::Op::AddMonths:
    case ir::Op::DiffDays:
    case ir::Op::MakeDate:
    case ir::Op::YearOf:
    case ir::Op::MonthOf:
    case ir::Op::DayOf:
    case ir::Op::AgeYears:
    case ir::Op::AgeMonths:
    case ir::Op::Enrolled:
    case ir::Op::EnrolledYearly:
    case ir::Op::EnrolledOn:
    case ir::Op::EnrollmentStart:
    case ir::Op::EnrolledDays:
    case ir::Op::MemberMonths:
    case ir::Op::MemberYears:
    case ir::Op::Query:
    case ir::Op::EventField:
    case ir::Op::LinkedPcp: return true;
    default: return false;
  }
}

static bool aggregateLowered(const ir::Query& q) {
  switch (q.aggregate) {
    case ir::Aggregate::Exists:
    case ir::Aggregate::Count:
    case ir::Aggregate::CountDistinctDates:
    case ir::Aggregate::LatestDate:
    case ir::Aggregate::FirstDate:
    case ir::Aggregate::LatestValue:
    case ir::Aggregate::FirstValue:
    case ir::Aggregate::LowestValue:
    case ir::Aggregate::HighestValue:
    case ir::Aggregate::NthDate:
    case ir::Aggregate::CountSpacedDates: return true;
    case ir::Aggregate::Sum:  // of the numeric fields (ir::verify admits no other)
      return q.aggField == EventField::Value || q.aggField == EventField::Quantity ||
             q.aggField == EventField::DaysSupply;
    default: return false;
  }
}

// Why filter f cannot be lowered; empty when it can.
static std::string filterUnsupported(const ir::Filter& f) {
  switch (f.kind) {
    case ir::FilterKind::Status:
    case ir::FilterKind::Window:
    case ir::FilterKind::Setting:
    case ir::FilterKind::Codes:
    case ir::FilterKind::ByPcp:
    case ir::FilterKind::ByProvider:
    case ir::FilterKind::Predicate:
    case ir::FilterKind::Slot: return "";
  }
  return "filter";
}

std::string firstUnsupported(const ir::Measure& measure, const interp::Plan& plan) {
  if (measure.unitQuery >= 0) return "unit each";
  for (size_t i = 0; i < measure.nodes.size(); ++i) {
    if (plan.independent[i]) continue;
    const ir::Node& n = measure.nodes[i];
    if (!opLowered(n.op)) return std::string("op ") + ir::opName(n.op);
    if (n.op != ir::Op::Query) continue;
    const ir::Query& q = measure.queries[static_cast<size_t>(n.imm)];
    if (!aggregateLowered(q)) return std::string("aggregate ") + ir::aggregateName(q.aggregate);
    for (const ir::Filter& f : q.filters)
      if (std::string why = filterUnsupported(f); !why.empty()) return why;
  }
  return "";
}

}  // namespace mc::jit
