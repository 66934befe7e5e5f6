// What semantic analysis knows about checked files: the type of every
// expression and what every name refers to. Lowering reads it; it never
// changes the AST.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ast/Ast.h"
#include "codes/CodeSetFile.h"
#include "support/CodeSlots.h"
#include "support/CodeSystem.h"
#include "support/EventFields.h"
#include "support/EventVocabulary.h"
#include "support/Stratifiers.h"

namespace mc::sema {

// Provider, Setting and Code are the types of event fields (`stay.provider`,
// `v.setting`, `v.principal`, `linked_pcp(d)`): only `=`, `!=` and `is missing`.
enum class Type {
  Error,
  Bool,
  Int,
  Number,
  Date,
  Duration,
  Interval,
  Sex,
  Provider,
  Setting,
  Code,
  // A number with a UCUM unit: `9 '%'`, an observation's value. Compared
  // with a quantity, the units must be the same; where a plain number is
  // wanted, its number (docs/language.md "Quantities").
  Quantity,
  // A day with an optional time of day (`e.start_time`, docs/language.md
  // "Times of day"): compared with datetimes and dates, never moved.
  Datetime
};
const char* typeName(Type t);

enum class Builtin { MeasurementPeriod, BirthDate, DeathDate };

struct Resolution {
  enum class Kind {
    Define,
    Param,
    Builtin,
    SexConst,
    SettingConst,  // a setting name compared with a setting: `v.setting = ed`
    DateFn,
    BirthdayFn,
    LinkedPcpFn,  // `linked_pcp(d)`
    Alias         // an event bound by `as NAME` (only as the base of a field)
  } kind = Kind::Define;
  const ast::DefineDecl* define = nullptr;  // Define
  int param = -1;                           // Param: index in the enclosing define
  Builtin builtin = Builtin::MeasurementPeriod;
  int sex = 0;                        // SexConst: 0 F, 1 M, 2 U
  int setting = 0;                    // SettingConst: index into kSettingNames (not 0)
  const ast::Query* query = nullptr;  // Alias: the query that binds it
};

// Names the checker resolved once, so that lowering never reads the strings
// again (cel-cpp's checked AST: no later phase resolves a name).
// Rate kinds: `kind [inverse] rate per N member years` (N in Model::ratePer).
enum class MeasureKind { Proportion, Inverse, Rate, InverseRate };
enum class MemberField { Start, End, Year, Month, Day };
// Exposure: a rate measure's member years (`expect exposure 1`).
enum class Outcome { Population, Eligible, Excluded, Numerator, Exposure, Units, Exception };

// A test-block event as the checker resolved it.
struct ResolvedTestEvent {
  int kind = 0;     // eventKindIndex, in ir::EventKind order
  int setting = 0;  // index into kSettingNames; 0 when none is given
  std::vector<std::pair<CodeSystem, std::string>> codes;  // in source order
  // `value SNOMEDCT:373066001`: the codes of its coded fields.
  std::vector<std::pair<CodeSlot, std::pair<CodeSystem, std::string>>> slotCodes;
};

// A measure or module with everything visible in it.
struct UnitScope {
  const ast::Measure* unit = nullptr;
  const SourceFile* file = nullptr;
  std::unordered_map<std::string, const ast::CodesetDecl*> codesets;
  std::unordered_map<std::string, const ast::DefineDecl*> defines;
  std::vector<const ast::Measure*> imports;
};

struct Model {
  std::unordered_map<const ast::Expr*, Type> types;
  std::unordered_map<const ast::Expr*, Resolution> names;  // Name and Call expressions
  std::unordered_map<const ast::CodesetTerm*, const ast::CodesetDecl*> codesetRefs;
  std::unordered_map<const ast::DefineDecl*, Type> defineTypes;
  // Code files, read once per compilation: by canonical path, and the file
  // each `file "..."` term reads.
  std::unordered_map<std::string, std::shared_ptr<const codes::CodeFile>> codeFiles;
  std::unordered_map<const ast::CodesetTerm*, const codes::CodeFile*> codeFileOf;
  // The statuses that count for each query: those of the measure or module
  // the query is written in (`count status ...`, or the default).
  std::unordered_map<const ast::Query*, StatusMask> countedStatuses;
  // Resolved names (entries only for names that resolved; an unknown name
  // is a diagnostic, and lowering never runs after one).
  std::unordered_map<const ast::Measure*, MeasureKind> measureKinds;
  std::unordered_map<const ast::Measure*, std::int64_t> ratePer;        // rate kinds: N
  std::unordered_map<const ast::Expr*, EventField> sumFields;           // `sum FIELD of q`
  std::unordered_map<const ast::Query*, int> queryKinds;                // eventKindIndex
  std::unordered_map<const ast::Filter*, std::uint32_t> settingMasks;   // `setting` filters
  std::unordered_map<const ast::CodesetTerm*, CodeSystem> codeSystems;  // code lists
  std::unordered_map<const ast::Expr*, MemberField> memberFields;       // Member expressions
  // `stay.end`: Member expressions on an alias, and the field.
  std::unordered_map<const ast::Expr*, EventField> eventFields;
  std::unordered_map<const ast::DefineDecl*, std::vector<Type>> paramTypes;
  std::unordered_map<const ast::TestEvent*, ResolvedTestEvent> testEvents;
  std::unordered_map<const ast::Outcome*, Outcome> outcomes;
  std::unordered_map<const ast::StratifierDecl*, StratifierKind> stratifierKinds;
  // `based on "file"`: the measure whose rules, code sets and definitions a
  // measure takes (set by the driver, which reads the file).
  std::unordered_map<const ast::Measure*, const ast::Measure*> bases;

  Type typeOf(const ast::Expr& e) const {
    auto it = types.find(&e);
    return it == types.end() ? Type::Error : it->second;
  }
  StatusMask countedStatusesOf(const ast::Query& q) const {
    auto it = countedStatuses.find(&q);
    return it == countedStatuses.end() ? kDefaultCountedStatuses : it->second;
  }
};

// Parameter type names of the language (`interval`, `date`, ...).
bool typeFromName(const std::string& name, Type& out);

}  // namespace mc::sema
