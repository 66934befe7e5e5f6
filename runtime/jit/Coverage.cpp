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
    case ir::Op::DateToDatetime:
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
    case ir::Aggregate::LatestEnd:
    case ir::Aggregate::LatestTime:
    case ir::Aggregate::FirstDate:
    case ir::Aggregate::LatestValue:
    case ir::Aggregate::FirstValue:
    case ir::Aggregate::LowestValue:
    case ir::Aggregate::HighestValue:
    case ir::Aggregate::NthDate:
    case ir::Aggregate::CountSpacedDates:
    case ir::Aggregate::Pdc: return true;
    case ir::Aggregate::Sum:  // of the numeric fields (ir::verify admits no other)
      return q.aggField == EventField::Value || q.aggField == EventField::Quantity ||
             q.aggField == EventField::DaysSupply;
    default: return false;
  }
}

// The value types the lowering represents (an int64, a double, or both). A
// type added to the IR later is not lowered until the lowering says how
// its missing value looks and compares.
static bool typeLowered(ir::Type t) {
  switch (t) {
    case ir::Type::Bool:
    case ir::Type::Int:
    case ir::Type::Num:
    case ir::Type::Date:
    case ir::Type::Sex:
    case ir::Type::Provider:
    case ir::Type::Setting:
    case ir::Type::Code:
    case ir::Type::Quantity:
    case ir::Type::Datetime: return true;
    default: return false;
  }
}

// The event fields Lowerer::eventField reads.
static bool fieldLowered(EventField f) {
  switch (f) {
    case EventField::Date:
    case EventField::End:
    case EventField::Provider:
    case EventField::ToProvider:
    case EventField::Setting:
    case EventField::Value:
    case EventField::Quantity:
    case EventField::DaysSupply:
    case EventField::Principal:
    case EventField::Generic:
    case EventField::StartTime:
    case EventField::EndTime: return true;
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
    default: break;  // a kind added later
  }
  return std::string("filter ") + ir::filterKindName(f.kind);
}

std::string firstUnsupported(const ir::Measure& measure, const interp::Plan& plan) {
  // `unit each`: its query's filters are scanned (no node holds it).
  if (measure.unitQuery >= 0)
    for (const ir::Filter& f : measure.queries[static_cast<size_t>(measure.unitQuery)].filters)
      if (std::string why = filterUnsupported(f); !why.empty()) return why;
  for (size_t i = 0; i < measure.nodes.size(); ++i) {
    if (plan.independent[i]) continue;
    const ir::Node& n = measure.nodes[i];
    if (!opLowered(n.op)) return std::string("op ") + ir::opName(n.op);
    if (!typeLowered(n.type)) return std::string("type ") + ir::typeName(n.type);
    for (const ir::NodeId operand : {n.a, n.b, n.c}) {
      if (operand == ir::kNoNode) continue;
      const ir::Type t = measure.nodes[static_cast<size_t>(operand)].type;
      if (!typeLowered(t)) return std::string("type ") + ir::typeName(t);
    }
    if (n.op == ir::Op::EventField && !fieldLowered(static_cast<EventField>(n.imm2)))
      return "field " + std::to_string(n.imm2);  // added after this lowering
    if (n.op != ir::Op::Query) continue;
    const ir::Query& q = measure.queries[static_cast<size_t>(n.imm)];
    if (!aggregateLowered(q)) return std::string("aggregate ") + ir::aggregateName(q.aggregate);
    for (const ir::Filter& f : q.filters)
      if (std::string why = filterUnsupported(f); !why.empty()) return why;
  }
  return "";
}

}  // namespace mc::jit
