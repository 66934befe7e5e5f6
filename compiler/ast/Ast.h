// The abstract syntax tree of the measure language: what the analyst wrote,
// with source ranges, and nothing resolved yet. Built by compiler/parse from
// the ANTLR parse tree; read by sema; never evaluated.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/CodeSlots.h"
#include "support/Date.h"
#include "support/DateTime.h"
#include "support/SourceFile.h"

namespace mc::ast {

// --- code sets -------------------------------------------------------------
struct CodeItem {
  std::string lo;  // as written; a family ends in `*` (`Z30.*`)
  std::string hi;  // empty unless a range `lo..hi`
  SourceRange range;
  SourceRange hiRange;
  // A code file's `drug` column: codes with one drug name are one drug for
  // the PQA same-drug rules of `pdc of`; empty when none.
  std::string drug;
  bool isRange() const { return !hi.empty(); }
  bool isFamily() const { return !isRange() && !lo.empty() && lo.back() == '*'; }
};

struct CodesetExpr;

// One operand of a code-set expression: `CPT{...}`, a name, `( ... )`, or
// `file "x.csv"` (codes read from a file beside the declaring file).
struct CodesetTerm {
  enum class Kind { List, Ref, Paren, File } kind = Kind::List;
  bool subtract = false;  // preceded by `-`
  SourceRange range;
  std::string system;  // List: system name as written
  std::vector<CodeItem> items;
  std::string name;                    // Ref
  std::unique_ptr<CodesetExpr> inner;  // Paren
  std::string path;                    // File: as written, unquoted
};

// `A + CPT{...} - B`: terms in order, each added or subtracted.
struct CodesetExpr {
  std::vector<CodesetTerm> terms;
  SourceRange range;
};

// --- expressions -----------------------------------------------------------
enum class ExprKind {
  Int,
  Number,
  Quantity,  // `9 '%'`: numberValue and the unit as written in `name`
  Date,
  Bool,
  Duration,  // `3 months`
  Name,      // a definition, parameter or built-in (`MP`, `birth_date`)
  Sex,       // the member's sex
  Call,      // `date(y, m, d)`, `birthday(2)`, a parameterised definition
  Member,    // `MP.start`, `d.year`
  Not,
  Neg,
  Binary,
  InRange,    // `x in lo..hi`
  IsMissing,  // `x is missing` / `x is not missing`
  Interval,   // `[a, b]`
  Age,        // `age at d`, `age in months at d`
  EnrolledOver,
  EnrolledOn,
  Aggregate,  // `exists q`, `count q`, `latest value of q`, ...
  // Enrollment as data, each over the window in args[0]:
  EnrollmentStart,  // `enrollment start during W`
  EnrolledDays,     // `enrolled days during W`
  MemberYears,      // `member years during W`
  MemberMonths,     // `member months during W`
};

enum class BinaryOp { Add, Sub, Mul, Div, Eq, Ne, Lt, Le, Gt, Ge, And, Or };
enum class DurationUnit { Days, Months, Years };
enum class AggregateKind {
  Exists,
  Count,
  CountDistinctDates,
  LatestValue,
  LatestDate,
  FirstValue,
  FirstDate,
  Sum,               // `sum quantity of q`: the field in Expr::name
  NthDate,           // `2nd date of q`: n in Expr::intValue
  CountSpacedDates,  // `count distinct dates at least N days apart of q`: N in intValue
  Pdc,               // `pdc of pharmacy ... during W`: proportion of days covered (PQA)
  LowestValue,       // `lowest value of q`
  HighestValue,      // `highest value of q`
  LatestEnd,         // `latest end of q`: the latest of the events' ends
  LatestTime,        // `latest time of q`: the latest start, with its time of day
};

const char* binaryOpText(BinaryOp op);
const char* aggregateText(AggregateKind kind);

// The source text of an expression, for reasons and explain: a view into
// the SourceFile, which the ast::File keeps alive. A copy per node would make
// memory quadratic in the length of a chain (`a and b and c ...`). Converts
// to std::string where a message needs one.
struct SourceText : std::string_view {
  SourceText() = default;
  SourceText(std::string_view text) : std::string_view(text) {}
  operator std::string() const { return std::string(data(), size()); }
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class FilterKind {
  With,
  // `with SLOT SET` / `with any SLOT`: a coded field of the event other
  // than its codes (support/CodeSlots.h: `with principal SET`, `with value SET`)
  Slot,
  During,
  OnOrBefore,
  OnOrAfter,
  Before,
  After,
  Setting,
  ByPcp,
  Value,
  ByProvider,  // `by provider EXPR`: the event's provider is EXPR
  Where        // `where EXPR`: a bool per event
};

struct Filter {
  FilterKind kind = FilterKind::With;
  SourceRange range;
  std::unique_ptr<CodesetTerm> codes;   // With, Slot (none for `with any SLOT`)
  CodeSlot slot = CodeSlot::Principal;  // Slot (the grammar's slotName)
  SourceRange slotRange;
  ExprPtr operand;                    // During/.../Value, ByProvider, Where
  BinaryOp op = BinaryOp::Eq;         // Value
  std::vector<std::string> settings;  // Setting
  std::vector<SourceRange> settingRanges;
};

struct Query {
  std::string kind;  // event kind as written: visit, observation, ...
  SourceRange kindRange;
  std::string alias;  // `as stay`: the name each event is bound to; empty when none
  SourceRange aliasRange;
  std::vector<Filter> filters;
  SourceRange range;
};

struct Expr {
  Expr() = default;
  Expr(Expr&&) = default;
  Expr& operator=(Expr&&) = default;
  // Frees the operands iteratively: a chain of 20,000 `and`s is 20,000
  // levels deep and must not take 20,000 stack frames to destroy.
  ~Expr();

  ExprKind kind = ExprKind::Int;
  SourceRange range;

  std::int64_t intValue = 0;  // Int; Duration amount; NthDate n; CountSpacedDates days
  double numberValue = 0;     // Number
  Days dateValue = kNoDate;   // Date
  bool boolValue = false;     // Bool; IsMissing: true for `is not missing`; Age: in months
  DurationUnit unit = DurationUnit::Days;
  std::string name;  // Name, Call (callee), Member (field), Sum (event field)
  SourceRange nameRange;
  BinaryOp op = BinaryOp::Add;
  std::vector<ExprPtr> args;  // operands, in source order

  // EnrolledOver: allowed gaps (count, longest in days); -1 when not given.
  std::int64_t gapCount = -1;
  std::int64_t gapDays = -1;
  // `in each N months`: the gaps are allowed per N months (only 12 is
  // accepted); 0 when not given (the allowance covers the whole window).
  std::int64_t gapPeriodMonths = 0;

  AggregateKind aggregate = AggregateKind::Exists;
  std::unique_ptr<Query> query;

  SourceText text;  // the source text of the expression, for reasons and explain
};

// --- declarations ----------------------------------------------------------
struct CodesetDecl {
  std::string name;
  SourceRange nameRange;
  CodesetExpr expr;
};

struct Param {
  std::string name;
  SourceRange range;
  std::string type;
  SourceRange typeRange;
};

struct DefineDecl {
  std::string name;
  SourceRange nameRange;
  bool hasParams = false;
  std::vector<Param> params;
  ExprPtr body;
};

// Exception: an eCQM denominator exception (`exception EXPR`).
enum class RuleKind { Population, Eligible, Exclude, Numerator, Exception };
const char* ruleKindName(RuleKind kind);
// `rate` or `inverse rate`, as written in a measure's `kind`.
inline bool isRateKind(const std::string& kind) { return kind == "rate" || kind == "inverse rate"; }
// `kind reward`: a member reward (Health and Wellness Rewards), written to
// rewards/<ID>.csv, never scored for providers.
inline bool isRewardKind(const std::string& kind) { return kind == "reward"; }

struct RuleDecl {
  RuleKind kind = RuleKind::Population;
  bool earnedWhen = false;  // written `earned when` (a reward's numerator)
  SourceRange range;        // the keyword
  ExprPtr expr;
};

struct ImportDecl {
  std::string module;  // `stdlib.exclusions`
  SourceRange range;
};

// --- test blocks -----------------------------------------------------------
struct TestEvent {
  std::string kind;
  SourceRange range;
  Days date = kNoDate;
  Days endDate = kNoDate;  // kNoDate: same day; kOpenEnd: open
  // The times of day written (`visit 2025-03-10T09:30`); kNoTime: none.
  Seconds startTime = kNoTime;
  Seconds endTime = kNoTime;
  struct Code {
    std::string text;  // SYSTEM:CODE
    SourceRange range;
  };
  std::vector<Code> codes;
  std::string setting;
  SourceRange settingRange;
  std::string provider;
  // Attributes resolved by the AST builder, which reports bad ones (E0404):
  // lowering only copies these.
  std::optional<int> status;  // index into kStatusNames
  double value = std::numeric_limits<double>::quiet_NaN();
  std::string unit;  // `value 9.5 '%'`: the unit in its canonical spelling; empty: none
  std::optional<int> daysSupply;   // pharmacy: days_supply 30
  std::optional<double> quantity;  // pharmacy: quantity 30
  std::string source;              // immunization: registry, claim or ehr
  std::string toProvider;          // referral: to_provider P2
  bool generic = false;            // pharmacy: generic Y
  // `value SNOMEDCT:373066001`: codes of the event's coded fields
  // (support/CodeSlots.h), the slot resolved by the AST builder.
  struct SlotCode {
    CodeSlot slot;
    Code code;
  };
  std::vector<SlotCode> slotCodes;
  bool valueText = false;  // `value "positive"`: a value that is text
};

struct TestSpan {
  Days start = kNoDate;
  Days end = kOpenEnd;
};

struct TestMember {
  SourceRange range;
  std::string sex;  // as written
  SourceRange sexRange;
  Days born = kNoDate;
  Days died = kNoDate;
  std::vector<TestSpan> enrolled;
  // Per span of `enrolled`: its own PCP (`2022-06-01.. pcp P2`), or "" for
  // the member's `pcp`.
  std::vector<std::string> enrolledPcp;
  std::string pcp;
};

struct Outcome {
  bool negated = false;
  std::string name;  // population, eligible, excluded, numerator, exposure
  SourceRange range;
  // `numerator 1.5`, `exposure 1`: the value a rate measure should give.
  bool hasNumber = false;
  double number = 0;
  // `earned on 2022-03-04` (rewards): the date the member earned it.
  Days earnedOn = kNoDate;
};

struct TestDecl {
  std::string name;
  SourceRange range;
  std::optional<TestMember> member;
  int period = 0;  // 0: the measure's period
  SourceRange periodRange;
  std::vector<TestEvent> events;
  std::vector<Outcome> expects;
};

// `count status completed, final, preliminary`: the event statuses that
// count in the queries of a measure or module (DATA.md: measures decide).
struct StatusSetDecl {
  SourceRange range;  // the `count status` keywords
  std::vector<std::string> names;
  std::vector<SourceRange> nameRanges;
};

// `stratify by ethnicity`, `stratify by age band 3..11, 12..21`: results are
// also counted per value of a member attribute (strata.csv). The name is
// kept as written and resolved by sema.
struct StratifierDecl {
  std::string name;  // "ethnicity", "sex", "age band", ... as written
  SourceRange range;
  struct Band {
    std::int64_t lo = 0, hi = 0;
    SourceRange range;
  };
  std::vector<Band> bands;  // age bands; empty for the others
};

// `based on "wcv.measure"`: the measure takes its rules, code sets,
// definitions, kind, period and gap from the one measure of that file.
struct BasedOnDecl {
  std::string path;  // relative to this measure's file, unquoted
  SourceRange range;
};

// A measure, or a library module (`module stdlib.exclusions { ... }`), which
// holds code sets and definitions only.
struct Measure {
  bool isModule = false;
  std::string id;
  SourceRange idRange;
  std::string title;
  std::string source;
  std::string kind;  // `proportion`, `inverse`, `rate`, `inverse rate`; empty when not given
  SourceRange kindRange;
  // `kind rate per N member years`: N (0 when the kind has no `per`).
  bool hasRatePer = false;
  std::int64_t ratePer = 0;
  SourceRange ratePerRange;
  // `exposure EXPR` (rate measures): a member's exposure instead of
  // `member years during MP`.
  ExprPtr exposure;
  SourceRange exposureRange;
  int period = 0;
  SourceRange periodRange;
  // `attribute to pharmacy of QUERY`: the attribution target as written
  // (sema accepts `pharmacy`) and the fills that count, as a `count` of the
  // query; null when the measure is attributed to the linked PCP.
  std::string attributeTo;
  SourceRange attributeToRange;
  ExprPtr attribution;
  // `unit each QUERY`: an event-unit measure (DATA.md); the query as a
  // `count` expression; null for a member-unit measure.
  ExprPtr unit;
  SourceRange unitRange;
  std::vector<ImportDecl> imports;
  std::vector<CodesetDecl> codesets;
  std::vector<DefineDecl> defines;
  std::vector<RuleDecl> rules;
  std::string gap;
  SourceRange gapRange;
  std::vector<TestDecl> tests;
  std::vector<StatusSetDecl> countedStatuses;  // at most one is valid
  std::vector<StratifierDecl> stratifiers;
  std::vector<BasedOnDecl> basedOn;  // at most one is valid
  // `earned on EXPR` (`kind reward`): the date a member earned the reward.
  ExprPtr earnedOn;
  SourceRange earnedOnRange;
  // Definitions and code sets dropped for a syntax error: a use of one is
  // not also an unknown name.
  std::vector<std::string> droppedNames;
};

// A program figure written as a parameter's name (`payment at
// pdc_sta_target`, `points pcr_points`): the compilation puts the parameter's
// value, after `run --set` overrides, into the slot before any figure is
// checked, so the checks, lowering and `measurec diff` see numbers only.
struct ParameterUse {
  enum class Slot { Points, Star, Payment, TierRate, TierShare, Goal };
  std::string name;
  SourceRange range;
  Slot slot = Slot::Points;
  size_t index = 0;  // which star threshold or tier
};

struct ProgramInclude {
  std::string path;  // relative to the program file
  SourceRange range;
  int minimum = 0;  // minimum denominator; 0 when not given
  bool hasMinimum = false;
  SourceRange minimumRange;
  double points = 0;  // `points N`: what the measure is worth in its domain
  bool hasPoints = false;
  SourceRange pointsRange;
  // `stars A, B, C, D`: thresholds of stars 2..5 in percent; empty: none.
  std::vector<double> stars;
  SourceRange starsRange;
  std::optional<double> payment;  // `payment at X`, percent
  SourceRange paymentRange;
  // `tiers R -> S%, ...`: (rate reached, share of the points in percent).
  std::vector<std::pair<double, double>> tiers;
  SourceRange tiersRange;
  std::vector<ParameterUse> parameterUses;  // figures written as parameter names
  int domain = -1;                          // index into Program::domains; -1: outside any domain
  bool exploratory = false;                 // inside `exploratory { }`: scored, never paid
  bool reward = false;  // inside `rewards { }`: a member reward, never paid to providers
  // `goal X`: the plan goal of performance improvement, a rate as in
  // provider_results.csv.
  std::optional<double> goal = {};
  SourceRange goalRange = {};
  std::string replaces;  // `replaces ID`: a former year's measure; empty: none
  SourceRange replacesRange;
};

// `domain "NAME" points N { ... }` or `points varies`.
struct ProgramDomain {
  std::string name;
  SourceRange range;
  double points = 0;       // points possible as printed
  bool varies = false;     // shared equally among the measures a provider qualifies for
  bool asPrinted = false;  // `as printed`: a sum that differs is a note, not a warning
  SourceRange pointsRange;
  // `improvement "NAME" points N over "D1", "D2" by P%`: no includes of its
  // own; its points go to the measures of the domains it names.
  bool improvement = false;
  std::vector<std::pair<std::string, SourceRange>> over = {};  // domain names as written
  double byPercent = 0;  // relative improvement over the prior year that earns
  SourceRange byRange = {};
};

// `parameter NAME = VALUE [UNIT] source "..."` or `assumption "..."`: a
// figure of the program; `run --set NAME=VALUE` overrides it.
struct ProgramParameter {
  std::string name;
  SourceRange range;
  double value = 0;
  std::string unit;        // e.g. dollars; empty when not given
  std::string provenance;  // the source, or why it is an assumption
  bool assumption = false;
};

// `gate NAME: provider has KIND from SOURCE on or before DATE`: a provider
// with no event of KIND from SOURCE under its own provider_id by DATE earns
// no dollars.
struct ProgramGate {
  std::string name;
  SourceRange range;
  std::string kind;  // event kind as written (immunization)
  SourceRange kindRange;
  std::string source;  // immunizations.csv `source` as written (registry, claim, ehr)
  SourceRange sourceRange;
  Days onOrBefore = 0;
};

// `fee for service ID "TITLE" pays N dollars when provider has A or B`: a
// one-time payment to a provider holding one of the providers.csv
// attributes, in the program year whose period holds the attribute's date.
struct ProgramFeeForService {
  std::string id;
  SourceRange range;
  std::string title;
  double dollars = 0;
  SourceRange dollarsRange;
  // `pays pcmh_fee dollars`: the parameter whose value (after `run --set`)
  // the compilation puts into `dollars`; empty for a number.
  std::string dollarsParameter;
  std::string unit;  // as written after the figure (dollars); empty when not given
  SourceRange unitRange;
  std::vector<std::string> attributes;  // any one qualifies
  std::vector<SourceRange> attributeRanges;
};

struct Program {
  std::string id;
  SourceRange idRange;
  std::string title;
  std::string source;
  int period = 0;
  std::vector<ProgramInclude> includes;  // in file order, also those inside blocks
  std::vector<ProgramDomain> domains;
  std::vector<ProgramParameter> parameters;
  std::vector<ProgramGate> gates;
  std::vector<ProgramFeeForService> feeForService;
};

struct File {
  SourceFilePtr source;
  std::vector<Measure> measures;  // measures and modules
  std::vector<Program> programs;
};

}  // namespace mc::ast
