// The member-independence pass.
#include "ir/Invariance.h"

#include "ir/Operands.h"

namespace mc::ir {

bool readsMember(Op op) {
  switch (op) {
    case Op::BirthDate:
    case Op::DeathDate:
    case Op::MemberSex:
    case Op::AgeYears:  // the member's birth date is an implicit operand
    case Op::AgeMonths:
    case Op::Enrolled:
    case Op::EnrolledYearly:
    case Op::EnrolledOn:
    case Op::EnrollmentStart:
    case Op::EnrolledDays:
    case Op::MemberMonths:
    case Op::MemberYears:
    case Op::Query:
    case Op::EventField:              // reads the member's events
    case Op::LinkedPcp: return true;  // reads the member's enrollment
    default: return false;
  }
}

std::vector<std::uint8_t> memberIndependent(const Measure& m) {
  std::vector<std::uint8_t> out(m.nodes.size(), 0);
  for (size_t i = 0; i < m.nodes.size(); ++i) {
    const NodeId id = static_cast<NodeId>(i);
    bool independent = !readsMember(m.nodes[i].op);
    // An operand at or after the node itself breaks dependency order
    // (ir::verify reports it); treat it as member-dependent to stay safe.
    forEachOperand(m, id, [&](NodeId operand) {
      if (operand >= id || operand < 0 || !out[static_cast<size_t>(operand)]) independent = false;
    });
    out[i] = independent ? 1 : 0;
  }
  return out;
}

}  // namespace mc::ir
