// The measure IR: a small typed, first-order language of its own. Each
// measure is an arena of nodes in dependency order (operands come before
// their users), event queries, code sets and four rules. Definitions are
// shared nodes (hash-consed), parameterised definitions are inlined, and no
// AST or parse-tree pointer survives lowering. The interpreter walks it; the
// JIT and the SQL back end will each walk the same IR. What every op does
// with a missing value is defined once, in ir/Missing.h and ir/CalendarOps.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "support/CodeSlots.h"
#include "support/CodeSystem.h"
#include "support/Date.h"
#include "support/DateTime.h"
#include "support/EventFields.h"
#include "support/EventVocabulary.h"
#include "support/Stratifiers.h"

namespace mc::ir {

using NodeId = std::int32_t;
inline constexpr NodeId kNoNode = -1;

enum class Type : std::uint8_t {
#define MC_IR_TYPE(E, name) E,
#include "ir/Ops.def"
};
const char* typeName(Type t);

// The ops, their names, operand rules and result types: ir/Ops.def.
enum class Op : std::uint8_t {
#define MC_IR_OP(E, name, a, b, c, result) E,
#include "ir/Ops.def"
};
inline constexpr int kOpCount = 0
#define MC_IR_OP(E, name, a, b, c, result) +1
#include "ir/Ops.def"
    ;
const char* opName(Op op);

// What an operand slot of an op accepts.
enum class OperandRule : std::uint8_t {
  None,  // the slot is unused (kNoNode)
  Bool,
  Int,
  Num,
  Date,
  Numeric,  // Int or Num
  Quantity,
  Missable,  // any type but Sex (`is missing`)
  Any,
  SameAsA,  // the type of operand a
};
// The type of a node of an op.
enum class ResultRule : std::uint8_t {
  Bool,
  Int,
  Num,
  Date,
  Sex,
  SameAsA,      // the type of operand a
  ByAggregate,  // a Query: its aggregate's result type
  ByField,      // an EventField: its field's type (support/EventFields.def)
  Provider,
  Setting,
  Quantity,
  Datetime,
};
struct OpInfo {
  const char* name;
  OperandRule operands[3];  // a, b, c
  ResultRule result;
  int operandCount() const;  // slots that are not None
};
const OpInfo& opInfo(Op op);

enum class CmpOp : std::uint8_t {
#define MC_IR_CMP(E, text) E,
#include "ir/Ops.def"
};
const char* cmpOpText(CmpOp op);

struct Node {
  Op op = Op::ConstBool;
  Type type = Type::Bool;
  CmpOp cmp = CmpOp::Eq;
  NodeId a = kNoNode, b = kNoNode, c = kNoNode;
  std::int64_t imm = 0;
  std::int64_t imm2 = 0;
  double num = 0;
};

// Event kinds, in store::EventKind order.
enum class EventKind : std::uint8_t {
  Visit,
  Pharmacy,
  Observation,
  Condition,
  Immunization,
  Supplemental,
  Referral,
  Order
};
inline constexpr int kEventKindCount = 8;
const char* eventKindName(EventKind k);

enum class Aggregate : std::uint8_t {
#define MC_IR_AGGREGATE(E, name, result) E,
#include "ir/Ops.def"
};
const char* aggregateName(Aggregate a);
Type aggregateType(Aggregate a);  // the type of a Query node with this aggregate

// How an event's time relates to a bound: ir/Ops.def.
enum class Bound : std::uint8_t {
#define MC_IR_BOUND(E, text) E,
#include "ir/Ops.def"
};
const char* boundText(Bound b);

// The IR type of an event field (support/EventFields.def).
Type fieldType(EventField f);

// One condition on an event of a query. The kinds are listed in the order a
// back end checks them (cheap first); lowering keeps a query's filters so.
enum class FilterKind : std::uint8_t {
  Status,      // the event's status is in `statuses`
  Window,      // the event's time against `node` (a Date) by `bound`
  Setting,     // the visit's setting is in `settings`
  ByPcp,       // the event's provider is a PCP (providers.csv kind pcp)
  ByProvider,  // the event's provider equals `node` (a Provider); missing: no event
  Codes,       // one of the event's codes is in code set `codeset`
  // The event's coded field `slot` (support/CodeSlots.h: the principal
  // diagnosis, the coded value) is in code set `codeset`; with no code set
  // (-1), the event has one (`with any value`: a value of any kind).
  Slot,
  Predicate,  // `node` (a Bool, may read the query's own event) is true
};
const char* filterKindName(FilterKind k);

struct Filter {
  FilterKind kind = FilterKind::Status;
  std::int32_t codeset = -1;                      // Codes, Slot (-1: `with any SLOT`)
  CodeSlot slot = CodeSlot::Principal;            // Slot
  StatusMask statuses = kDefaultCountedStatuses;  // Status: bit i is kStatusNames[i]
  Bound bound = Bound::EndsOnOrAfter;             // Window
  std::uint32_t settings = 0;                     // Setting: bit i is kSettingNames[i]
  NodeId node = kNoNode;                          // Window, ByProvider, Predicate
};

// An event query: a predicate over the events of one kind (all filters
// hold) and an aggregate over the events it keeps.
struct Query {
  EventKind kind = EventKind::Visit;
  Aggregate aggregate = Aggregate::Exists;
  // The aggregate's own parameters: the event field a Sum reads (a number:
  // value, quantity, days_supply; unused by the others); the n of an
  // NthDate, the days of a CountSpacedDates (0 for the others).
  EventField aggField = EventField::Date;
  std::int64_t aggParam = 0;
  std::vector<Filter> filters;
  std::string alias;  // `as stay`: EventField nodes of this query read its event; may be empty
  std::string text;   // source text, for explain

  // The statuses that count: those of the Status filter lowering gives
  // every query (the default when there is none).
  StatusMask statuses() const {
    for (const Filter& f : filters)
      if (f.kind == FilterKind::Status) return f.statuses;
    return kDefaultCountedStatuses;
  }
};

// A code set: terms applied left to right, each adding or removing codes.
struct CodeRange {
  std::string lo;       // normalised (CodeSystem.h); a family's prefix
  std::string hi;       // == lo for a single code and a family
  bool family = false;  // `Z30.*`: every code that starts with lo
  std::string drug{};   // a code file's drug group (`pdc of`), or empty
};
struct CodeSetTerm {
  bool subtract = false;
  std::int32_t ref = -1;  // another code set of this measure, or -1
  CodeSystem system = CodeSystem::CPT;
  std::vector<CodeRange> codes;  // when ref == -1
};
struct CodeSet {
  std::string name;  // declared name, or "CPT{...}" for inline lists
  std::vector<CodeSetTerm> terms;
  // Read from a file (name `file "x.csv"`): how many codes, and printed so
  // rather than code by code. -1 otherwise.
  std::int64_t fileCodeCount = -1;
};

// One conjunct (eligible / population / numerator) or disjunct (exclude,
// exception) of
// a rule, kept separately so that results can say which one decided.
struct Term {
  std::string label;  // source text or definition name
  NodeId node = kNoNode;
};

// Exception: eCQM "Denominator Exceptions" (`exception EXPR`).
enum class RuleKind : std::uint8_t { Population, Eligible, Exclude, Numerator, Exception };
inline constexpr int kRuleKinds = 5;
const char* ruleName(RuleKind k);

struct Rule {
  RuleKind kind = RuleKind::Population;
  bool any = false;         // true: true when any term is true (exclude, exception); false: all
  std::vector<Term> terms;  // empty: true for all-rules, false for any-rules
};

// A named definition, for explain.
struct Definition {
  std::string name;
  NodeId node = kNoNode;
  NodeId end = kNoNode;   // interval definitions: the end node (node is the start)
  std::string text = {};  // the body as written, on one line (measurec diff)
};

// Rates are per Measure::ratePer member years; the inverse kinds are
// lower-is-better.
enum class MeasureKind : std::uint8_t { Proportion, Inverse, Rate, InverseRate };
const char* measureKindName(MeasureKind k);
inline bool isRate(MeasureKind k) {
  return k == MeasureKind::Rate || k == MeasureKind::InverseRate;
}
inline bool lowerIsBetter(MeasureKind k) {
  return k == MeasureKind::Inverse || k == MeasureKind::InverseRate;
}

// The outcome fields of score::MemberOutcome that the cascade sets.
enum class OutcomeField : std::uint8_t { Population, Eligible, Excluded, Numerator, Exception };
const char* outcomeFieldName(OutcomeField f);

// One stage of the outcome cascade: the rule that decides it, the outcome
// field set when the rule holds (an all-rule: every term true; an any-rule:
// some term true), and whether the walk stops when it holds (exclude) or
// when it does not (population, eligible, a proportion's numerator).
struct Stage {
  RuleKind rule = RuleKind::Population;
  OutcomeField sets = OutcomeField::Population;
  bool stopWhenHolds = false;
};

// The outcome cascade (MEASURES.md "Populations"), as data that every back
// end walks in order: population -> eligible -> excluded -> numerator for a
// proportion measure; a rate measure has no numerator stage. A member who
// passes every stage gets numeratorValue (1 for a proportion measure, the
// weighted event count for a rate) and, for a rate measure, exposure (its
// member years). Lowering builds it from the measure kind once.
struct Cascade {
  std::vector<Stage> stages;
  NodeId numeratorValue = kNoNode;  // Int or Num node
  NodeId exposure = kNoNode;        // Num node; kNoNode unless a rate measure
  // `exception EXPR` (eCQM "Denominator Exceptions", proportion measures):
  // the exception rule is asked when the walk stops at the numerator stage,
  // of a member eligible, not excluded and not in the numerator; when it
  // holds (some term true) the member is a denominator exception
  // (OutcomeField::Exception): out of the denominator, counted apart. A
  // member in the numerator is never an exception.
  bool exceptionAfterNumerator = false;
};

// `stratify by ...`: results are also counted per stratum of a member
// attribute (strata.csv). Age bands are whole years at the end of the
// measurement period, both ends inclusive.
struct AgeBand {
  int lo = 0;
  int hi = 0;
};
struct Stratifier {
  StratifierKind kind = StratifierKind::Ethnicity;
  std::vector<AgeBand> bands;  // AgeBand only
};

struct TestEvent {
  EventKind kind = EventKind::Visit;
  Days date = kNoDate;
  Days endDate = kNoDate;
  Seconds startTime = kNoTime;  // times of day as written; kNoTime: none
  Seconds endTime = kNoTime;
  std::vector<std::pair<CodeSystem, std::string>> codes;  // normalised
  std::string provider;
  std::string toProvider;  // referrals
  int setting = 0;         // index into kSettingNames
  std::string status;
  double value = 0;
  bool hasValue = false;
  std::string unit;  // the value's canonical unit; empty: none

  std::int32_t daysSupply = 0;
  bool generic = false;  // pharmacy `generic Y`
  std::string source;
  // `value SNOMEDCT:373066001`: codes of the event's coded fields (normalised).
  std::vector<std::pair<CodeSlot, std::pair<CodeSystem, std::string>>> slotCodes;
  bool valueText = false;  // `value "positive"`: a value that is text
};

struct TestCase {
  std::string name;
  std::string location;  // file:line
  int period = 0;
  std::string memberSex;  // F, M, U
  Days born = kNoDate;
  Days died = kNoDate;
  std::vector<std::pair<Days, Days>> enrolled;
  std::vector<std::string> enrolledPcp;  // per span: its own PCP, "" for `pcp`
  std::string pcp;
  std::vector<TestEvent> events;
  struct Expectation {
    RuleKind rule;  // Population, Eligible, Exclude (excluded), Numerator, Exception
    bool value;
    // Rate measures: the expected numerator value (rule Numerator) or
    // exposure (`exposure`: rule Numerator with exposure set). Event-unit
    // measures: the numerator's event count, or (`units`: rule Numerator
    // with units set) the number of unit events.
    bool hasNumber = false;
    bool exposure = false;
    bool units = false;
    double number = 0;
    // Rewards: `expect earned on DATE` (kNoDate: no date expected).
    Days earnedOn = kNoDate;
  };
  std::vector<Expectation> expects;
};

struct Measure {
  std::string id;
  std::string title;
  std::string source;
  std::string file;
  MeasureKind kind = MeasureKind::Proportion;
  std::int64_t ratePer = 0;  // rate kinds: per N member years
  int period = 0;            // default measurement year; 0 when not given
  std::string gap;           // what a care gap is missing (gaps.csv)
  std::vector<Node> nodes;
  std::vector<Query> queries;
  std::vector<CodeSet> codesets;
  // The canonical units (support/Ucum.h) of the ConstQuantity nodes, which
  // index it by imm.
  std::vector<std::string> units;
  Rule rules[kRuleKinds];  // indexed by RuleKind
  std::vector<Definition> definitions;
  Cascade cascade;
  std::vector<TestCase> tests;
  std::vector<Stratifier> stratifiers;  // in the order written
  // `based on "file"`: the ID of the measure whose rules these are; empty
  // when the measure has its own.
  std::string basedOn;
  // `attribute to pharmacy of QUERY`: the pharmacy query whose fills decide
  // a member's pharmacy (score/Attribution.h); -1: the linked PCP.
  std::int32_t attributionQuery = -1;
  // `unit each QUERY`: an event-unit measure. Each event of the query (for
  // a member who passes population, eligible and exclude) is one unit,
  // counted under the event's provider; the numerator rule's terms read the
  // event through the query's alias. -1: a member-unit measure.
  std::int32_t unitQuery = -1;
  // `kind reward`: the date a member in the numerator earned the reward
  // (a Date node; rewards/<REWARD>.csv); kNoNode for every other measure.
  // A reward is never scored for providers.
  NodeId earnedOn = kNoNode;
  std::string earnedOnText;  // as written, on one line (explain)

  const Rule& rule(RuleKind k) const { return rules[static_cast<int>(k)]; }
  bool isReward() const { return earnedOn != kNoNode; }
};

struct ProgramMeasure {
  Measure measure;
  int minimum = 0;           // minimum denominator for `qualifies`
  int domain = -1;           // index into Program::domains; -1: none
  double points = 0;         // points possible; 0 in a `points varies` domain
  bool exploratory = false;  // scored and reported, never paid
  // Thresholds of stars 2..5 in percent (empty: no stars); increasing, or
  // decreasing upper bounds for a lower-is-better measure.
  std::vector<double> stars;
  std::optional<double> payment;  // percent that earns the payment
  // Benchmark tiers: (rate reached, share of the points in percent),
  // rates increasing (decreasing for a lower-is-better measure).
  std::vector<std::pair<double, double>> tiers;
  // The plan goal of performance improvement, a rate as in
  // provider_results.csv (met at or below it for a lower-is-better measure).
  std::optional<double> goal = {};
  std::string replaces = {};  // `replaces ID`: the former year's measure; empty: none
};

struct ProgramDomain {
  std::string name;
  double points = 0;    // points possible as printed
  bool varies = false;  // shared equally among the measures a provider qualifies for
  // A performance improvement domain (ast::ProgramDomain::improvement): its
  // points are shared among the qualifying measures of the domains `over`
  // (indices into Program::domains); a measure earns its share at its goal
  // or `byPercent` better than the prior year.
  bool improvement = false;
  std::vector<int> over = {};
  double byPercent = 0;
};

struct ProgramParameter {
  std::string name;
  double value = 0;
  std::string unit;
  std::string provenance;  // the source, or why it is an assumption
  bool assumption = false;
};

// A participation gate (ast::ProgramGate), checked by sema: the kind is
// immunization and the source one of immunizations.csv's.
struct ProgramGate {
  std::string name;
  int source = 0;  // index into kSourceNames (store::EventSource order)
  Days onOrBefore = 0;
};

// A one-time fee-for-service payment (ast::ProgramFeeForService): paid to
// a provider whose providers.csv attributes date one of `attributes` inside
// the period.
struct ProgramFeeForService {
  std::string id;
  std::string title;
  double dollars = 0;
  std::vector<std::string> attributes;  // any one qualifies
};

struct Program {
  std::string id;
  std::string title;
  std::string file;
  int period = 0;
  std::vector<ProgramMeasure> measures;
  std::vector<ProgramDomain> domains;
  std::vector<ProgramParameter> parameters;
  std::vector<ProgramGate> gates;
  std::vector<ProgramFeeForService> feeForService;
};

// Human-readable text of a whole measure (`measurec ir`).
std::string print(const Measure& m);

}  // namespace mc::ir
